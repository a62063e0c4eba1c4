package io.switchboard.agents.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything an agent editor changes, stored as one JSON document. Absent fields take defaults, so
 * an API client may send only what it cares about.
 */
@Schema(name = "AgentSettings")
record AgentSettings(
        @Schema(description = "the system prompt: who the agent is and what it must and must not do") @Nullable
        String instructions,

        @Schema(description = "e.g. friendly, formal, concise") @Nullable
        String tone,

        @Schema(description = "language codes the agent answers in, first is the default") @Nullable
        List<String> languages,

        @Schema(description = "first message of a new conversation (web chat shows it)") @Nullable
        String greeting,

        @Nullable List<UUID> knowledgeBaseIds,

        @Schema(description = "LLM provider ids tried in order; empty = offline (answers from the knowledge base)")
        @Nullable
        List<UUID> llmChain,

        @Nullable List<Intent> intents,
        @Nullable Understanding understanding,
        @Nullable Handoff handoff,
        @Nullable BusinessHours businessHours,
        @Nullable Messages messages,

        @Schema(description = "longest reply per channel type, e.g. {sandbox: 2000, twilio_sms: 320}") @Nullable
        Map<String, Integer> maxReplyLength,

        @Nullable Memory memory,
        @Nullable List<HttpTool> tools,
        @Nullable BuiltinTools builtinTools) {

    static final Map<String, Integer> DEFAULT_MAX_LENGTH = Map.of(
            "twilio_sms", 320,
            "twilio_whatsapp", 1000,
            "whatsapp_cloud", 1000,
            "webchat", 2000,
            "sandbox", 2000);

    AgentSettings {
        instructions = instructions == null ? "You are a helpful assistant." : instructions;
        languages = languages == null || languages.isEmpty() ? List.of("en") : List.copyOf(languages);
        knowledgeBaseIds = knowledgeBaseIds == null ? List.of() : List.copyOf(knowledgeBaseIds);
        llmChain = llmChain == null ? List.of() : List.copyOf(llmChain);
        intents = intents == null ? List.of() : List.copyOf(intents);
        understanding = understanding == null ? new Understanding(null, null, null) : understanding;
        handoff = handoff == null ? new Handoff(null, null, null, null, null) : handoff;
        messages = messages == null ? new Messages(null, null, null, null, null) : messages;
        maxReplyLength = maxReplyLength == null ? DEFAULT_MAX_LENGTH : Map.copyOf(maxReplyLength);
        memory = memory == null ? new Memory(null, null) : memory;
        tools = tools == null ? List.of() : List.copyOf(tools);
        builtinTools = builtinTools == null ? new BuiltinTools(null, null, null, null) : builtinTools;
    }

    static AgentSettings defaults() {
        return new AgentSettings(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    int maxLengthFor(String channelType) {
        Integer configured = maxReplyLength().get(channelType);
        if (configured != null) return configured;
        return DEFAULT_MAX_LENGTH.getOrDefault(channelType, 2000);
    }

    @Override
    public List<String> languages() {
        return languages == null ? List.of("en") : languages;
    }

    @Override
    public List<UUID> knowledgeBaseIds() {
        return knowledgeBaseIds == null ? List.of() : knowledgeBaseIds;
    }

    @Override
    public List<UUID> llmChain() {
        return llmChain == null ? List.of() : llmChain;
    }

    @Override
    public List<Intent> intents() {
        return intents == null ? List.of() : intents;
    }

    @Override
    public Understanding understanding() {
        return understanding == null ? new Understanding(null, null, null) : understanding;
    }

    @Override
    public Handoff handoff() {
        return handoff == null ? new Handoff(null, null, null, null, null) : handoff;
    }

    @Override
    public Messages messages() {
        return messages == null ? new Messages(null, null, null, null, null) : messages;
    }

    @Override
    public Map<String, Integer> maxReplyLength() {
        return maxReplyLength == null ? DEFAULT_MAX_LENGTH : maxReplyLength;
    }

    @Override
    public Memory memory() {
        return memory == null ? new Memory(null, null) : memory;
    }

    @Override
    public List<HttpTool> tools() {
        return tools == null ? List.of() : tools;
    }

    @Override
    public BuiltinTools builtinTools() {
        return builtinTools == null ? new BuiltinTools(null, null, null, null) : builtinTools;
    }

    /**
     * @param reply answered as is when the intent is recognised (no LLM call)
     * @param handoff true: recognising this intent hands the conversation to people
     */
    @Schema(name = "AgentIntent")
    record Intent(
            String name,
            List<String> examples,
            @Nullable String reply,
            @Nullable Boolean handoff) {

        boolean handsOff() {
            return Boolean.TRUE.equals(handoff);
        }
    }

    /**
     * @param intentThreshold below this confidence no intent is recognised (0..1)
     * @param customLists entity name → values recognised in messages (e.g. product names)
     * @param regexes entity name → Java regular expression
     */
    @Schema(name = "AgentUnderstanding")
    record Understanding(
            @Nullable Double intentThreshold,
            @Nullable Map<String, List<String>> customLists,
            @Nullable Map<String, String> regexes) {

        double threshold() {
            return intentThreshold == null ? 0.55 : intentThreshold;
        }

        Map<String, List<String>> lists() {
            return customLists == null ? Map.of() : customLists;
        }

        Map<String, String> patterns() {
            return regexes == null ? Map.of() : regexes;
        }
    }

    /**
     * @param keywords a message containing one of these hands off at once
     * @param lowConfidenceThreshold an answer whose best knowledge hit scores below this hands off (0 = off)
     * @param humanRequestPhrases phrases that ask for a person ("talk to a human")
     * @param humanRequestIntent an intent that means the same
     * @param maxFailedAnswers this many answers in a row without an answer hands off (0 = off)
     */
    @Schema(name = "AgentHandoff")
    record Handoff(
            @Nullable List<String> keywords,
            @Nullable Double lowConfidenceThreshold,
            @Nullable List<String> humanRequestPhrases,
            @Nullable String humanRequestIntent,
            @Nullable Integer maxFailedAnswers) {

        List<String> keywordList() {
            return keywords == null ? List.of() : keywords;
        }

        List<String> phrases() {
            return humanRequestPhrases == null
                    ? List.of(
                            "talk to a human",
                            "speak to a human",
                            "talk to a person",
                            "speak to a person",
                            "real person",
                            "human agent",
                            "speak to someone",
                            "talk to someone",
                            "customer service agent")
                    : humanRequestPhrases;
        }

        double lowConfidence() {
            return lowConfidenceThreshold == null ? 0 : lowConfidenceThreshold;
        }

        int failedAnswers() {
            return maxFailedAnswers == null ? 3 : maxFailedAnswers;
        }
    }

    /**
     * @param timezone IANA zone, e.g. Europe/Paris
     * @param weekly opening ranges; a day without a range is closed
     */
    @Schema(name = "AgentBusinessHours")
    record BusinessHours(String timezone, List<Range> weekly) {

        /** @param day mon, tue, wed, thu, fri, sat or sun; {@code from}/{@code to} as HH:mm */
        @Schema(name = "AgentOpeningRange")
        record Range(String day, String from, String to) {}
    }

    /** What the agent says in situations it does not compose an answer for. */
    @Schema(name = "AgentMessages")
    record Messages(
            @Nullable String fallback,
            @Nullable String outOfHours,
            @Nullable String limitReached,
            @Nullable String handoff,
            @Nullable String blocked) {

        String fallbackText() {
            return fallback == null || fallback.isBlank()
                    ? "Sorry, I don't know the answer to that. Let me find someone who does."
                    : fallback;
        }

        String outOfHoursText() {
            return outOfHours == null || outOfHours.isBlank()
                    ? "We're closed right now. We'll get back to you when we open."
                    : outOfHours;
        }

        String limitReachedText() {
            return limitReached == null || limitReached.isBlank()
                    ? "We can't answer automatically right now. A teammate will follow up."
                    : limitReached;
        }

        String handoffText() {
            return handoff == null || handoff.isBlank() ? "A teammate will reply shortly." : handoff;
        }

        String blockedText() {
            return blocked == null || blocked.isBlank()
                    ? "Sorry, I can't help with that. A teammate will take a look."
                    : blocked;
        }
    }

    /**
     * @param lastTurns how many earlier messages the model sees
     * @param summaryEveryTurns the rolling summary is refreshed after this many new messages (0 = never)
     */
    @Schema(name = "AgentMemory")
    record Memory(@Nullable Integer lastTurns, @Nullable Integer summaryEveryTurns) {
        int turns() {
            return lastTurns == null ? 10 : lastTurns;
        }

        int summaryEvery() {
            return summaryEveryTurns == null ? 10 : summaryEveryTurns;
        }
    }

    /**
     * An HTTP API the model may call. {@code url}, header values and {@code bodyTemplate} may use
     * {@code {{parameter}}} placeholders filled from the model's arguments (URL-encoded in the URL).
     */
    @Schema(name = "AgentHttpTool")
    record HttpTool(
            String name,
            String description,

            @Schema(description = "JSON Schema of the arguments, as JSON text") @Nullable
            String parametersSchema,

            @Schema(description = "GET, POST, PUT, PATCH or DELETE") @Nullable
            String method,

            String url,
            @Nullable List<Header> headers,
            @Nullable String bodyTemplate,
            @Nullable Integer timeoutMs,
            @Nullable Integer maxResponseBytes) {

        String methodOrGet() {
            return method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        }

        List<Header> headerList() {
            return headers == null ? List.of() : headers;
        }

        int timeout() {
            return timeoutMs == null ? 5000 : timeoutMs;
        }

        int maxBytes() {
            return maxResponseBytes == null ? 16_384 : maxResponseBytes;
        }

        String schema() {
            return parametersSchema == null || parametersSchema.isBlank()
                    ? "{\"type\":\"object\",\"properties\":{}}"
                    : parametersSchema;
        }
    }

    /**
     * @param value the header value; for a secret header it is write-only (answered as null; send
     *     null to keep the stored one)
     * @param valueSet answers whether a secret value is stored
     */
    @Schema(name = "AgentToolHeader")
    record Header(
            String name,
            @Nullable String value,
            @Nullable Boolean secret,

            @Schema(accessMode = Schema.AccessMode.READ_ONLY) @Nullable
            Boolean valueSet) {
        boolean isSecret() {
            return Boolean.TRUE.equals(secret);
        }
    }

    /** Built-in tools offered to the model; all on unless switched off. */
    @Schema(name = "AgentBuiltinTools")
    record BuiltinTools(
            @Nullable Boolean lookupContact,
            @Nullable Boolean searchKnowledge,
            @Nullable Boolean handoff,
            @Nullable Boolean bookCallback) {
        boolean on(@Nullable Boolean value) {
            return value == null || value;
        }
    }
}
