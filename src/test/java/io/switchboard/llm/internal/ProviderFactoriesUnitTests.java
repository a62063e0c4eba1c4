package io.switchboard.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.llm.spi.ProviderConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The operator's environment defaults, as each factory turns them into a provider config. */
class ProviderFactoriesUnitTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LlmProperties properties(LlmProperties.Env env) {
        return new LlmProperties(
                false,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                new LlmProperties.Retry(2, Duration.ofMillis(100), 2.0, 0.2, Duration.ofSeconds(2)),
                new LlmProperties.Circuit(10, 5, 50f, Duration.ofSeconds(30)),
                env);
    }

    private static LangChain4jProviderFactory[] factories(LlmProperties.Env env) {
        var properties = properties(env);
        var http = new ProviderHttp(properties);
        return new LangChain4jProviderFactory[] {
            new OpenAiProviderFactory(http, properties, JSON),
            new AnthropicProviderFactory(http, properties, JSON),
            new GeminiProviderFactory(http, properties, JSON),
            new OllamaProviderFactory(http, properties, JSON)
        };
    }

    @Test
    void nothingInTheEnvironmentOffersNoProvider() {
        var env = new LlmProperties.Env(
                null, " ", "gpt-4o-mini", "", null, "claude", null, null, "gemini", null, "llama3.2");
        for (var factory : factories(env)) {
            assertThat(factory.fromEnvironment()).as(factory.type()).isNull();
        }
    }

    @Test
    void keysAloneUseTheDefaultBaseUrls() {
        var env = new LlmProperties.Env(
                "sk-o", null, "gpt-4o-mini", "sk-a", " ", "claude", "g-key", "", "gemini", null, "llama3.2");
        var f = factories(env);

        ProviderConfig openai = f[0].fromEnvironment();
        assertThat(openai).isNotNull();
        assertThat(openai.id()).isEqualTo(EnvironmentProviders.idOf("openai"));
        assertThat(openai.type()).isEqualTo("openai");
        assertThat(openai.name()).isEqualTo("OpenAI (from environment)");
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(openai.apiKey()).isEqualTo("sk-o");
        assertThat(openai.model()).isEqualTo("gpt-4o-mini");
        assertThat(openai.temperature()).isNull();
        assertThat(openai.maxOutputTokens()).isNull();

        ProviderConfig anthropic = f[1].fromEnvironment();
        assertThat(anthropic).isNotNull();
        assertThat(anthropic.name()).isEqualTo("Anthropic (from environment)");
        assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com/v1");
        assertThat(anthropic.apiKey()).isEqualTo("sk-a");
        assertThat(anthropic.model()).isEqualTo("claude");

        ProviderConfig gemini = f[2].fromEnvironment();
        assertThat(gemini).isNotNull();
        assertThat(gemini.name()).isEqualTo("Gemini (from environment)");
        assertThat(gemini.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta");
        assertThat(gemini.apiKey()).isEqualTo("g-key");

        assertThat(f[3].fromEnvironment()).isNull();
    }

    @Test
    void aBaseUrlAloneOffersKeylessOpenAiCompatibleAndOllama() {
        var env = new LlmProperties.Env(
                " ",
                "http://vllm.local:8000/v1",
                "qwen",
                null,
                null,
                "claude",
                null,
                null,
                "gemini",
                "http://ollama.local:11434",
                "llama3.2");
        var f = factories(env);

        ProviderConfig openai = f[0].fromEnvironment();
        assertThat(openai).isNotNull();
        assertThat(openai.baseUrl()).isEqualTo("http://vllm.local:8000/v1");
        assertThat(openai.apiKey()).isNull();
        assertThat(openai.model()).isEqualTo("qwen");

        ProviderConfig ollama = f[3].fromEnvironment();
        assertThat(ollama).isNotNull();
        assertThat(ollama.id()).isEqualTo(EnvironmentProviders.idOf("ollama"));
        assertThat(ollama.name()).isEqualTo("Ollama (from environment)");
        assertThat(ollama.baseUrl()).isEqualTo("http://ollama.local:11434");
        assertThat(ollama.apiKey()).isNull();
        assertThat(ollama.model()).isEqualTo("llama3.2");
    }

    @Test
    void describesEachProviderType() {
        var f = factories(new LlmProperties.Env(null, null, "m", null, null, "m", null, null, "m", null, "m"));
        assertThat(f)
                .extracting(LangChain4jProviderFactory::type)
                .containsExactly("openai", "anthropic", "gemini", "ollama");
        assertThat(f).extracting(LangChain4jProviderFactory::requiresApiKey).containsExactly(false, true, true, false);
        assertThat(f)
                .extracting(LangChain4jProviderFactory::defaultModel)
                .containsExactly("gpt-4o-mini", "claude-3-5-haiku-latest", "gemini-2.0-flash", "llama3.2");
        assertThat(f)
                .extracting(LangChain4jProviderFactory::defaultBaseUrl)
                .containsExactly(
                        "https://api.openai.com/v1",
                        "https://api.anthropic.com/v1",
                        "https://generativelanguage.googleapis.com/v1beta",
                        "http://localhost:11434");
        assertThat(f[0].displayName()).isEqualTo("OpenAI or OpenAI-compatible (Groq, Together, vLLM, LM Studio)");
        assertThat(f[2].displayName()).isEqualTo("Google Gemini");
    }
}
