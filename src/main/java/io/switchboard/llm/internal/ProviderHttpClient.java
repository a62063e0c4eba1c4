package io.switchboard.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's HTTP seam, implemented on one shared JDK client. Unlike the stock client it keeps the
 * {@code Retry-After} header of a failed response (the gateway honours a small one on 429) and can
 * abort every request in flight when the gateway's deadline passes.
 */
final class ProviderHttpClient implements HttpClient {

    /** A non-2xx answer with the headers the stock exception drops. */
    static final class StatusException extends HttpException {
        private final @Nullable Duration retryAfter;

        StatusException(int statusCode, String body, @Nullable Duration retryAfter) {
            super(statusCode, body);
            this.retryAfter = retryAfter;
        }

        @Nullable
        Duration retryAfter() {
            return retryAfter;
        }
    }

    private final java.net.http.HttpClient jdk;
    private final Duration readTimeout;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<InputStream> openStreams = ConcurrentHashMap.newKeySet();

    ProviderHttpClient(java.net.http.HttpClient jdk, Duration readTimeout) {
        this.jdk = jdk;
        this.readTimeout = readTimeout;
    }

    /** Hands this client to a LangChain4j model builder, whatever timeouts the builder sets. */
    HttpClientBuilder asBuilder() {
        var self = this;
        return new HttpClientBuilder() {
            private @Nullable Duration connect;
            private @Nullable Duration read;

            @Override
            public @Nullable Duration connectTimeout() {
                return connect;
            }

            @Override
            public HttpClientBuilder connectTimeout(@Nullable Duration timeout) {
                connect = timeout;
                return this;
            }

            @Override
            public @Nullable Duration readTimeout() {
                return read;
            }

            @Override
            public HttpClientBuilder readTimeout(@Nullable Duration timeout) {
                read = timeout;
                return this;
            }

            @Override
            public HttpClient build() {
                return self;
            }
        };
    }

    /** Gives up on everything in flight: the gateway's deadline passed. */
    void abort() {
        inFlight.forEach(f -> f.cancel(true));
        for (InputStream stream : openStreams) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        var future = jdk.sendAsync(toJdk(request), BodyHandlers.ofString());
        inFlight.add(future);
        try {
            HttpResponse<String> response = future.get();
            if (response.statusCode() / 100 != 2) {
                throw new StatusException(response.statusCode(), response.body(), retryAfter(response));
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new dev.langchain4j.exception.TimeoutException("interrupted: the deadline passed");
        } catch (java.util.concurrent.ExecutionException e) {
            throw unwrap(e.getCause());
        } finally {
            inFlight.remove(future);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        var future = jdk.sendAsync(toJdk(request), BodyHandlers.ofInputStream());
        inFlight.add(future);
        future.whenComplete((response, failure) -> {
            inFlight.remove(future);
            if (failure != null) {
                quietly(() -> listener.onError(unwrap(failure)));
                return;
            }
            if (response.statusCode() / 100 != 2) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    body = "";
                }
                var error = new StatusException(response.statusCode(), body, retryAfter(response));
                quietly(() -> listener.onError(error));
                return;
            }
            quietly(() -> listener.onOpen(SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build()));
            InputStream body = response.body();
            openStreams.add(body);
            try (body) {
                parser.parse(body, listener);
                quietly(listener::onClose);
            } catch (IOException | RuntimeException e) {
                quietly(() -> listener.onError(e));
            } finally {
                openStreams.remove(body);
            }
        });
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        URI uri = URI.create(request.url());
        var builder = java.net.http.HttpRequest.newBuilder(uri).timeout(readTimeout);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // no h2c upgrade dance with local servers (Ollama, vLLM, fakes)
            builder.version(java.net.http.HttpClient.Version.HTTP_1_1);
        }
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getValue() == null || RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            header.getValue().forEach(value -> builder.header(header.getKey(), value));
        }
        var body = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        return builder.method(request.method().name(), body).build();
    }

    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return new dev.langchain4j.exception.TimeoutException(cause);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new java.io.UncheckedIOException(
                cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause));
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static @Nullable Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("retry-after")
                .map(ProviderHttpClient::parseRetryAfter)
                .orElse(null);
    }

    static @Nullable Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Duration.between(Instant.now(), at).isNegative()
                        ? Duration.ZERO
                        : Duration.between(Instant.now(), at);
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // a listener's own failure must not break the stream bookkeeping
        }
    }
}
