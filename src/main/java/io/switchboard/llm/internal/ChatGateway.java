package io.switchboard.llm.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.switchboard.llm.ChatOutcome;
import io.switchboard.llm.ChatOutcome.Attempt;
import io.switchboard.llm.ChatOutcome.Usage;
import io.switchboard.llm.ChatRequest;
import io.switchboard.llm.LlmGateway;
import io.switchboard.llm.spi.ChatProvider;
import io.switchboard.llm.spi.ProviderConfig;
import io.switchboard.llm.spi.ProviderException;
import io.switchboard.llm.spi.ProviderException.Kind;
import io.switchboard.llm.spi.ProviderReply;
import io.switchboard.llm.spi.ProviderRequest;
import io.switchboard.llm.spi.ProviderRequest.ToolCallRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chain: each link in order, skipped while its circuit is open, retried on transient failures,
 * abandoned at its deadline, and the offline responder last. See docs/adr/0007-llm-gateway.md.
 */
@Service
class ChatGateway implements LlmGateway, DisposableBean {

    static final String OFFLINE = "offline";
    static final String OFFLINE_MODEL = "extractive";

    private final ProviderStore store;
    private final ProviderRegistry registry;
    private final CircuitBreakers breakers;
    private final CallRecorder recorder;
    private final LlmProperties properties;
    private final JsonMapper json;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    ChatGateway(
            ProviderStore store,
            ProviderRegistry registry,
            CircuitBreakers breakers,
            CallRecorder recorder,
            LlmProperties properties,
            JsonMapper json) {
        this.store = store;
        this.registry = registry;
        this.breakers = breakers;
        this.recorder = recorder;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public ChatOutcome chat(ChatRequest request) {
        long budgetEnd = System.nanoTime() + properties.overallTimeout().toNanos();
        var attempts = new ArrayList<Attempt>();
        String systemPrompt = PromptBuilder.systemPrompt(request);
        List<ProviderRequest.Message> messages = PromptBuilder.messages(request, json);
        for (UUID providerId : request.chain()) {
            if (System.nanoTime() >= budgetEnd) {
                attempts.add(
                        notTried(providerId.toString(), "timeout", "not tried: the request's time budget was spent"));
                continue;
            }
            var stored = store.load(request.orgId(), providerId);
            if (stored.isEmpty()) {
                attempts.add(notTried(providerId.toString(), "error", "no such provider in this organisation"));
                continue;
            }
            ProviderConfig config = stored.get().config();
            if (!stored.get().enabled()) {
                attempts.add(
                        new Attempt(config.name(), config.model(), "error", "provider disabled", 0, null, Usage.NONE));
                continue;
            }
            var factory = registry.find(config.type());
            if (factory.isEmpty()) {
                attempts.add(new Attempt(
                        config.name(), config.model(), "error", "unknown provider type", 0, null, Usage.NONE));
                continue;
            }
            var link = new Link(request, config, factory.get().create(config), attempts, budgetEnd);
            var answered = link.run(systemPrompt, messages);
            if (answered != null) {
                return answered;
            }
        }
        return offline(request, attempts);
    }

    /** The last link: an extractive answer from the passages, or none. */
    private ChatOutcome offline(ChatRequest request, List<Attempt> attempts) {
        long start = System.nanoTime();
        var answer = OfflineResponder.answer(request.userMessage(), request.passages());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (answer.isEmpty()) {
            attempts.add(new Attempt(OFFLINE, OFFLINE_MODEL, "no_match", null, ms, null, Usage.NONE));
            return new ChatOutcome.NoAnswer("no-match", List.copyOf(attempts));
        }
        attempts.add(new Attempt(OFFLINE, OFFLINE_MODEL, "ok", null, ms, ms, Usage.NONE));
        if (request.onToken() != null) {
            request.onToken().accept(answer.get().text());
        }
        return new ChatOutcome.Answered(
                answer.get().text(),
                OFFLINE,
                OFFLINE_MODEL,
                true,
                List.of(answer.get().passageId()),
                List.of(),
                Usage.NONE,
                List.copyOf(attempts));
    }

    private static Attempt notTried(String provider, String result, String why) {
        return new Attempt(provider, "", result, why, 0, null, Usage.NONE);
    }

    /** A failed try; {@code retryable} and {@code wait} are decided where the failure is understood. */
    private static final class TryFailed extends Exception {
        final boolean retryable;
        final @Nullable Duration wait;

        TryFailed(String message, boolean retryable, @Nullable Duration wait) {
            super(message, null, false, false);
            this.retryable = retryable;
            this.wait = wait;
        }
    }

    /** One link of one request: rounds of model calls (tool calls in between), each round retried. */
    private final class Link {
        private final ChatRequest request;
        private final ProviderConfig config;
        private final ChatProvider provider;
        private final List<Attempt> attempts;
        private final long budgetEnd;
        private final CircuitBreaker breaker;
        private final List<ChatOutcome.ToolCall> toolCalls = new ArrayList<>();
        private int rateLimitedInRound;

        Link(
                ChatRequest request,
                ProviderConfig config,
                ChatProvider provider,
                List<Attempt> attempts,
                long budgetEnd) {
            this.request = request;
            this.config = config;
            this.provider = provider;
            this.attempts = attempts;
            this.budgetEnd = budgetEnd;
            this.breaker = breakers.forProvider(config.id());
        }

        ChatOutcome.@Nullable Answered run(String systemPrompt, List<ProviderRequest.Message> initial) {
            var messages = new ArrayList<>(initial);
            int in = 0;
            int out = 0;
            long cost = 0;
            for (int round = 0; ; round++) {
                boolean offerTools =
                        !request.tools().isEmpty() && request.toolExecutor() != null && round < request.maxToolRounds();
                var providerRequest = new ProviderRequest(
                        systemPrompt, messages, offerTools ? request.tools() : List.of(), config.maxOutputTokens());
                Result result;
                try {
                    result = withRetry(providerRequest);
                } catch (TryFailed e) {
                    return null;
                }
                in += result.reply().inputTokens();
                out += result.reply().outputTokens();
                cost += result.cost();
                var reply = result.reply();
                if (offerTools && !reply.toolCalls().isEmpty()) {
                    messages.add(new ProviderRequest.Assistant(reply.text(), reply.toolCalls()));
                    messages.addAll(runTools(reply.toolCalls()));
                    continue;
                }
                if (reply.text().isBlank()) {
                    attempts.add(new Attempt(
                            config.name(), config.model(), "error", "the model answered nothing", 0, null, Usage.NONE));
                    return null;
                }
                String text = reply.text().strip();
                return new ChatOutcome.Answered(
                        text,
                        config.name(),
                        reply.model(),
                        false,
                        PromptBuilder.citedPassageIds(text, request.passages()),
                        List.copyOf(toolCalls),
                        new Usage(in, out, cost),
                        List.copyOf(attempts));
            }
        }

        private record Result(ProviderReply reply, long cost) {}

        /** Resilience4j retry around one call: transient failures back off with jitter, a small Retry-After is honoured. */
        private Result withRetry(ProviderRequest providerRequest) throws TryFailed {
            rateLimitedInRound = 0;
            var retryProps = properties.retry();
            IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                    retryProps.initialBackoff(), retryProps.multiplier(), retryProps.jitter());
            RetryConfig config = RetryConfig.custom()
                    .maxAttempts(Math.max(1, retryProps.maxAttempts()))
                    .retryOnException(e -> e instanceof TryFailed failed && failed.retryable)
                    .intervalBiFunction((attempt, either) ->
                            either.isLeft() && either.getLeft() instanceof TryFailed failed && failed.wait != null
                                    ? failed.wait.toMillis()
                                    : backoff.apply(attempt))
                    .build();
            Retry retry = Retry.of("llm-" + this.config.id(), config);
            try {
                return retry.executeCallable(() -> once(providerRequest));
            } catch (TryFailed e) {
                throw e;
            } catch (Exception e) {
                throw new TryFailed(e.toString(), false, null);
            }
        }

        private Result once(ProviderRequest providerRequest) throws TryFailed {
            if (!breaker.tryAcquirePermission()) {
                attempts.add(new Attempt(
                        config.name(),
                        config.model(),
                        "skipped_cooldown",
                        "circuit open: cooling down after failures",
                        0,
                        null,
                        Usage.NONE));
                throw new TryFailed("cooldown", false, null);
            }
            long start = System.nanoTime();
            long remaining = budgetEnd - start;
            if (remaining <= 0) {
                breaker.releasePermission();
                attempts.add(new Attempt(
                        config.name(),
                        config.model(),
                        "timeout",
                        "the request's time budget was spent",
                        0,
                        null,
                        Usage.NONE));
                throw new TryFailed("budget", false, null);
            }
            long firstDeadline = Math.min(request.firstTokenDeadline().toNanos(), remaining);
            var firstSignal = new CompletableFuture<Long>();
            var abandoned = new AtomicBoolean();
            Consumer<String> streamTo = request.onToken();
            Consumer<String> sink = streamTo == null
                    ? null
                    : token -> {
                        if (abandoned.get()) return;
                        firstSignal.complete(System.nanoTime());
                        streamTo.accept(token);
                    };
            Future<ProviderReply> task = calls.submit(() -> {
                try {
                    return provider.chat(providerRequest, sink);
                } finally {
                    firstSignal.complete(-1L);
                }
            });
            ProviderReply reply;
            Long firstTokenAt = null;
            try {
                long signalled = firstSignal.get(firstDeadline, TimeUnit.NANOSECONDS);
                if (signalled > 0) firstTokenAt = signalled;
                reply = task.get(Math.max(1, budgetEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                abandoned.set(true);
                task.cancel(true);
                long elapsed = System.nanoTime() - start;
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, e);
                String why = firstTokenAt == null
                        ? "no answer within " + request.firstTokenDeadline().toMillis() + " ms"
                        : "answer not complete within the overall cap";
                fail(start, firstTokenAt, "timeout", why, Usage.NONE);
                throw new TryFailed(why, false, null);
            } catch (InterruptedException e) {
                abandoned.set(true);
                task.cancel(true);
                breaker.releasePermission();
                Thread.currentThread().interrupt();
                fail(start, firstTokenAt, "error", "interrupted", Usage.NONE);
                throw new TryFailed("interrupted", false, null);
            } catch (ExecutionException e) {
                abandoned.set(true);
                ProviderException failure = LangChain4jChatProvider.classify(e.getCause() == null ? e : e.getCause());
                long elapsed = System.nanoTime() - start;
                if (failure.kind() == Kind.BAD_REQUEST) {
                    breaker.releasePermission();
                } else {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
                }
                String result = switch (failure.kind()) {
                    case RATE_LIMITED -> "rate_limited";
                    case TIMEOUT -> "timeout";
                    default -> "error";
                };
                fail(start, firstTokenAt, result, failure.getMessage(), Usage.NONE);
                throw decide(failure);
            }
            long elapsed = System.nanoTime() - start;
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(elapsed);
            Long firstMs = firstTokenAt == null ? latencyMs : TimeUnit.NANOSECONDS.toMillis(firstTokenAt - start);
            long cost = recorder.record(new CallRecorder.Call(
                    request.orgId(),
                    config,
                    reply.model(),
                    request.purpose(),
                    reply.inputTokens(),
                    reply.outputTokens(),
                    latencyMs,
                    firstMs,
                    "ok",
                    null));
            attempts.add(new Attempt(
                    config.name(),
                    reply.model(),
                    "ok",
                    null,
                    latencyMs,
                    firstMs,
                    new Usage(reply.inputTokens(), reply.outputTokens(), cost)));
            return new Result(reply, cost);
        }

        /** Retry 5xx and connection errors while time remains; a 429 gets one quick retry if it asks for little. */
        private TryFailed decide(ProviderException failure) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(budgetEnd - System.nanoTime());
            if (failure.kind() == Kind.RATE_LIMITED) {
                rateLimitedInRound++;
                Duration wait =
                        failure.retryAfter() == null ? properties.retry().initialBackoff() : failure.retryAfter();
                boolean quick = rateLimitedInRound == 1
                        && wait.compareTo(properties.retry().maxRetryAfter()) <= 0
                        && wait.toMillis() < remainingMs;
                return new TryFailed(failure.getMessage(), quick, wait);
            }
            boolean retry = failure.transientFailure()
                    && remainingMs > properties.retry().initialBackoff().toMillis();
            return new TryFailed(failure.getMessage(), retry, null);
        }

        private void fail(long start, @Nullable Long firstTokenAt, String result, @Nullable String error, Usage usage) {
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Long firstMs = firstTokenAt == null ? null : TimeUnit.NANOSECONDS.toMillis(firstTokenAt - start);
            recorder.record(new CallRecorder.Call(
                    request.orgId(),
                    config,
                    config.model(),
                    request.purpose(),
                    0,
                    0,
                    latencyMs,
                    firstMs,
                    result,
                    error));
            attempts.add(new Attempt(config.name(), config.model(), result, error, latencyMs, firstMs, usage));
        }

        /** Runs the requested calls in parallel through the caller's executor; a failing tool answers its error. */
        private List<ProviderRequest.Message> runTools(List<ToolCallRequest> requested) {
            var executor = request.toolExecutor();
            List<Future<ChatOutcome.ToolCall>> running = new ArrayList<>();
            for (ToolCallRequest call : requested) {
                running.add(calls.submit(() -> {
                    long start = System.nanoTime();
                    String result;
                    try {
                        result = executor == null
                                ? "error: no tools available"
                                : executor.execute(call.name(), call.argumentsJson());
                    } catch (RuntimeException e) {
                        result = "error: " + e.getMessage();
                    }
                    return new ChatOutcome.ToolCall(
                            call.name(),
                            call.argumentsJson(),
                            result == null ? "" : result,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }));
            }
            var results = new ArrayList<ProviderRequest.Message>();
            for (int i = 0; i < requested.size(); i++) {
                ChatOutcome.ToolCall done;
                try {
                    done = running.get(i).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done = new ChatOutcome.ToolCall(
                            requested.get(i).name(), requested.get(i).argumentsJson(), "error: interrupted", 0);
                } catch (ExecutionException e) {
                    done = new ChatOutcome.ToolCall(
                            requested.get(i).name(), requested.get(i).argumentsJson(), "error: " + e.getCause(), 0);
                }
                toolCalls.add(done);
                results.add(new ProviderRequest.ToolResult(
                        requested.get(i).id(), requested.get(i).name(), done.result()));
            }
            return results;
        }
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
