package io.switchboard.knowledge.internal;

import io.switchboard.shared.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Fetches tenant-supplied URLs: SSRF-checked on every redirect hop (redirects are followed by hand,
 * at most five), a timeout per request, and a size cap enforced while reading.
 */
@Component
class WebFetcher {

    /** A fetch that did not produce a page; the message is shown to the user. */
    static final class FetchFailed extends RuntimeException {
        FetchFailed(String message) {
            super(message);
        }
    }

    record Page(URI url, int status, @Nullable String contentType, byte[] body) {}

    private static final int MAX_REDIRECTS = 5;

    private final KnowledgeProperties properties;
    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    WebFetcher(KnowledgeProperties properties) {
        this.properties = properties;
        this.timeout = properties.fetchTimeout();
        this.maxBytes = properties.maxPageSize().toBytes();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** The page at the URL (after redirects); a non-2xx answer is returned, not thrown. */
    Page fetch(URI start) {
        URI url = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            try {
                properties.checkUrl("url", url.toString());
            } catch (ApiProblem refused) {
                throw new FetchFailed(refused.getMessage());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(timeout)
                                .header("User-Agent", RobotsTxt.AGENT + "/1.0 (+knowledge base crawler)")
                                .header(
                                        "Accept",
                                        "text/html, application/xhtml+xml, text/plain, text/markdown, application/pdf, application/xml, text/xml;q=0.9, */*;q=0.5")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new FetchFailed("Fetching " + url + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchFailed("Fetching " + url + " was interrupted");
            }
            int status = response.statusCode();
            if (status >= 300
                    && status < 400
                    && response.headers().firstValue("Location").isPresent()) {
                closeQuietly(response.body());
                url = url.resolve(
                        response.headers().firstValue("Location").get().trim());
                continue;
            }
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new FetchFailed(url + " is larger than the limit of " + maxBytes + " bytes");
                }
                return new Page(
                        url,
                        status,
                        response.headers().firstValue("Content-Type").orElse(null),
                        bytes);
            } catch (IOException e) {
                throw new FetchFailed("Reading " + url + " failed: " + e.getMessage());
            }
        }
        throw new FetchFailed("Too many redirects from " + start);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the redirect body is of no interest
        }
    }
}
