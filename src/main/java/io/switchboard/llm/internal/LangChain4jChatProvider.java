package io.switchboard.llm.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.switchboard.llm.spi.ChatProvider;
import io.switchboard.llm.spi.ProviderException;
import io.switchboard.llm.spi.ProviderException.Kind;
import io.switchboard.llm.spi.ProviderReply;
import io.switchboard.llm.spi.ProviderRequest;
import io.switchboard.llm.spi.ProviderRequest.ToolCallRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link ChatProvider} over any LangChain4j chat model. Requests and replies are translated to and
 * from LangChain4j's types; failures are classified from the HTTP status (or the I/O error) behind
 * LangChain4j's exception.
 */
final class LangChain4jChatProvider implements ChatProvider {

    private final ProviderHttpClient http;
    private final Function<ProviderHttpClient, ChatModel> model;
    private final Function<ProviderHttpClient, StreamingChatModel> streamingModel;
    private final String modelName;
    private final JsonMapper json;

    LangChain4jChatProvider(
            ProviderHttpClient http,
            Function<ProviderHttpClient, ChatModel> model,
            Function<ProviderHttpClient, StreamingChatModel> streamingModel,
            String modelName,
            JsonMapper json) {
        this.http = http;
        this.model = model;
        this.streamingModel = streamingModel;
        this.modelName = modelName;
        this.json = json;
    }

    @Override
    public ProviderReply chat(ProviderRequest request, @Nullable Consumer<String> onToken) {
        ChatRequest lcRequest = toLangChain4j(request);
        try {
            if (onToken == null) {
                return toReply(model.apply(http).chat(lcRequest));
            }
            var done = new CompletableFuture<ChatResponse>();
            streamingModel.apply(http).chat(lcRequest, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (!done.isDone() && partial != null && !partial.isEmpty()) {
                        onToken.accept(partial);
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            return toReply(done.get());
        } catch (InterruptedException e) {
            http.abort();
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TIMEOUT, null, null, "the deadline passed", e);
        } catch (ExecutionException e) {
            throw classify(e.getCause() == null ? e : e.getCause());
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                http.abort();
                throw new ProviderException(Kind.TIMEOUT, null, null, "the deadline passed", e);
            }
            throw classify(e);
        }
    }

    private ChatRequest toLangChain4j(ProviderRequest request) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(request.systemPrompt()));
        for (ProviderRequest.Message message : request.messages()) {
            messages.add(
                    switch (message) {
                        case ProviderRequest.User user -> UserMessage.from(user.text());
                        case ProviderRequest.Assistant assistant ->
                            assistant.toolCalls().isEmpty()
                                    ? AiMessage.from(assistant.text() == null ? "" : assistant.text())
                                    : AiMessage.from(assistant.toolCalls().stream()
                                            .map(c -> ToolExecutionRequest.builder()
                                                    .id(c.id())
                                                    .name(c.name())
                                                    .arguments(c.argumentsJson())
                                                    .build())
                                            .toList());
                        case ProviderRequest.ToolResult result ->
                            ToolExecutionResultMessage.from(result.callId(), result.toolName(), result.result());
                    });
        }
        var builder = ChatRequest.builder().messages(messages);
        if (!request.tools().isEmpty()) {
            List<ToolSpecification> tools = request.tools().stream()
                    .map(t -> ToolSpecification.builder()
                            .name(t.name())
                            .description(t.description())
                            .parameters(ToolSchemas.toObjectSchema(json, t.parametersSchema()))
                            .build())
                    .toList();
            builder.toolSpecifications(tools);
        }
        if (request.maxOutputTokens() != null) {
            builder.maxOutputTokens(request.maxOutputTokens());
        }
        return builder.build();
    }

    private ProviderReply toReply(ChatResponse response) {
        AiMessage message = response.aiMessage();
        List<ToolCallRequest> calls = message.hasToolExecutionRequests()
                ? message.toolExecutionRequests().stream()
                        .map(r -> new ToolCallRequest(
                                r.id() == null ? "call_" + r.name() : r.id(),
                                r.name(),
                                r.arguments() == null || r.arguments().isBlank() ? "{}" : r.arguments()))
                        .toList()
                : List.of();
        var usage = response.tokenUsage();
        int in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        String text = message.text() == null ? "" : message.text();
        return new ProviderReply(text, calls, in, out, response.modelName() == null ? modelName : response.modelName());
    }

    /** Finds the HTTP status or I/O failure behind whatever LangChain4j wrapped it in. */
    static ProviderException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProviderException p) return p;
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                var retryAfter = t instanceof ProviderHttpClient.StatusException s ? s.retryAfter() : null;
                String detail = "HTTP " + status + shortBody(http.getMessage());
                Kind kind;
                boolean keyRejected = status == 400
                        && http.getMessage() != null
                        && http.getMessage().toLowerCase(java.util.Locale.ROOT).contains("api key not valid");
                if (status == 401 || status == 403 || keyRejected) kind = Kind.AUTH; // Gemini answers 400 to a bad key
                else if (status == 429) kind = Kind.RATE_LIMITED;
                else if (status == 408) kind = Kind.TIMEOUT;
                else if (status >= 500) kind = Kind.SERVER;
                else kind = Kind.BAD_REQUEST;
                return new ProviderException(kind, status, retryAfter, detail, failure);
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new ProviderException(Kind.TIMEOUT, null, null, "timed out", failure);
            }
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof dev.langchain4j.exception.UnresolvedModelServerException
                    || (t instanceof java.io.IOException io
                            && io.getMessage() != null
                            && io.getMessage()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .contains("connection"))) {
                return new ProviderException(Kind.UNREACHABLE, null, null, "unreachable: " + describe(t), failure);
            }
        }
        return new ProviderException(Kind.OTHER, null, null, describe(failure), failure);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message, 300));
    }

    private static String shortBody(@Nullable String body) {
        return body == null || body.isBlank() ? "" : ": " + truncate(body.replaceAll("\\s+", " "), 300);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
