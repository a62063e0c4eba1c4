package io.switchboard.llm.internal;

import io.switchboard.llm.internal.ProviderStore.StoredProvider;
import io.switchboard.llm.spi.ProviderException;
import io.switchboard.llm.spi.ProviderReply;
import io.switchboard.llm.spi.ProviderRequest;
import io.switchboard.shared.ApiProblem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The "test" button: one tiny real call, its failure explained as Problem Details. */
@Component
class ProviderTester implements DisposableBean {

    private final ProviderRegistry registry;
    private final CallRecorder recorder;
    private final CircuitBreakers breakers;
    private final LlmProperties properties;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ProviderTester(
            ProviderRegistry registry, CallRecorder recorder, CircuitBreakers breakers, LlmProperties properties) {
        this.registry = registry;
        this.recorder = recorder;
        this.breakers = breakers;
        this.properties = properties;
    }

    record ProviderTestResult(
            boolean ok, String model, String reply, long latencyMs, int inputTokens, int outputTokens) {}

    ProviderTestResult test(UUID orgId, StoredProvider stored) {
        var config = stored.config();
        var provider = registry.require(config.type()).create(config);
        var request = new ProviderRequest(
                "You are a connectivity check. Answer with one word.",
                List.of(new ProviderRequest.User("Reply with the single word: pong")),
                List.of(),
                16);
        long start = System.nanoTime();
        Future<ProviderReply> call = executor.submit(() -> provider.chat(request, null));
        try {
            ProviderReply reply = call.get(properties.testTimeout().toMillis(), TimeUnit.MILLISECONDS);
            long ms = elapsedMs(start);
            recorder.record(new CallRecorder.Call(
                    orgId,
                    config,
                    reply.model(),
                    "provider-test",
                    reply.inputTokens(),
                    reply.outputTokens(),
                    ms,
                    ms,
                    "ok",
                    null));
            // a working provider needs no cooldown any more (e.g. after its key was fixed)
            breakers.forProvider(config.id()).reset();
            return new ProviderTestResult(
                    true, reply.model(), reply.text(), ms, reply.inputTokens(), reply.outputTokens());
        } catch (TimeoutException e) {
            call.cancel(true);
            record(
                    orgId,
                    stored,
                    start,
                    "timeout",
                    "no answer within " + properties.testTimeout().toSeconds() + " s");
            throw ApiProblem.of(
                    HttpStatus.GATEWAY_TIMEOUT,
                    "provider-timeout",
                    "Provider timed out",
                    config.name() + " did not answer within "
                            + properties.testTimeout().toSeconds() + " seconds",
                    Map.of("providerId", config.id().toString()));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            ProviderException failure = LangChain4jChatProvider.classify(e.getCause() == null ? e : e.getCause());
            String outcome = switch (failure.kind()) {
                case RATE_LIMITED -> "rate_limited";
                case TIMEOUT -> "timeout";
                default -> "error";
            };
            record(orgId, stored, start, outcome, failure.getMessage());
            throw problem(config.name(), config.id(), failure);
        }
    }

    private void record(UUID orgId, StoredProvider stored, long start, String outcome, String error) {
        var config = stored.config();
        recorder.record(new CallRecorder.Call(
                orgId, config, config.model(), "provider-test", 0, 0, elapsedMs(start), null, outcome, error));
    }

    static ApiProblem problem(String name, UUID id, ProviderException failure) {
        var properties = new java.util.LinkedHashMap<String, Object>();
        properties.put("providerId", id.toString());
        if (failure.status() != null) properties.put("providerStatus", failure.status());
        String detail = failure.getMessage();
        return switch (failure.kind()) {
            case AUTH ->
                ApiProblem.of(
                        HttpStatus.BAD_GATEWAY,
                        "provider-auth-failed",
                        "Provider refused the credentials",
                        name + " refused the API key (" + detail + "). Check the key and its permissions.",
                        properties);
            case UNREACHABLE ->
                ApiProblem.of(
                        HttpStatus.BAD_GATEWAY,
                        "provider-unreachable",
                        "Provider unreachable",
                        name + " could not be reached (" + detail + "). Check the base URL.",
                        properties);
            case TIMEOUT ->
                ApiProblem.of(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "provider-timeout",
                        "Provider timed out",
                        name + " timed out",
                        properties);
            case RATE_LIMITED ->
                ApiProblem.of(
                        HttpStatus.BAD_GATEWAY,
                        "provider-rate-limited",
                        "Provider rate limit",
                        name + " is rate limiting this key (" + detail + ")",
                        properties);
            case BAD_REQUEST ->
                ApiProblem.of(
                        HttpStatus.BAD_GATEWAY,
                        "provider-rejected-request",
                        "Provider rejected the request",
                        name + " rejected the request (" + detail + "). Check the model name.",
                        properties);
            case SERVER, OTHER ->
                ApiProblem.of(
                        HttpStatus.BAD_GATEWAY,
                        "provider-error",
                        "Provider error",
                        name + " failed: " + detail,
                        properties);
        };
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
