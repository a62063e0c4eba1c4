package io.switchboard.channels.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import io.switchboard.channels.spi.MediaFetch;
import io.switchboard.shared.twilio.RebasedHttpClient;
import java.net.URI;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One pooled HTTP client for every Twilio channel, and a per-channel SDK client on top of it. The
 * base URL is {@code switchboard.providers.twilio-base-url}; the real API needs no rewriting.
 */
@Component
class TwilioApi {

    static final String REAL_API = "https://api.twilio.com";

    private final NetworkHttpClient shared;
    private final String base;
    private final java.net.http.HttpClient downloads = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();

    @SuppressWarnings("deprecation") // the SDK's client takes no ConnectionConfig, where connect timeouts moved
    TwilioApi(@Value("${switchboard.providers.twilio-base-url}") String baseUrl) {
        this.shared = new NetworkHttpClient(
                RequestConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setConnectionRequestTimeout(Timeout.ofSeconds(5))
                        .setResponseTimeout(Timeout.ofSeconds(15))
                        .build(),
                SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(15)).build());
        String trimmed = baseUrl.replaceAll("/+$", "");
        this.base = trimmed.equals(REAL_API) ? "" : trimmed;
    }

    /** A client for one account; its {@link RebasedHttpClient} also remembers the last response. */
    Client client(String accountSid, String authToken) {
        var http = new RebasedHttpClient(shared, base);
        return new Client(
                new TwilioRestClient.Builder(accountSid, authToken)
                        .httpClient(http)
                        .build(),
                http);
    }

    record Client(TwilioRestClient rest, RebasedHttpClient http) {}

    /**
     * Downloads received media ({@code MediaUrl0..N}) with the account's credentials (HTTP basic auth).
     * Only URLs on Twilio's API are fetched, or the credentials would go wherever a URL points. Twilio
     * answers with a redirect to a pre-signed storage URL, followed without the credentials (such
     * storage refuses a second kind of authentication).
     */
    MediaFetch download(String mediaUrl, String accountSid, String authToken) {
        String target;
        if (mediaUrl.startsWith(REAL_API + "/")) {
            target = base.isEmpty() ? mediaUrl : base + mediaUrl.substring(REAL_API.length());
        } else if (!base.isEmpty() && mediaUrl.startsWith(base + "/")) {
            target = mediaUrl;
        } else {
            return new MediaFetch.Failed(
                    "the media URL is not on Twilio's API, not fetched with our credentials", false);
        }
        String basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(
                                (accountSid + ":" + authToken).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        URI uri = URI.create(target);
        String authHost = uri.getHost() + ":" + uri.getPort();
        try {
            for (int hop = 0; hop < 4; hop++) {
                var request = java.net.http.HttpRequest.newBuilder(uri)
                        .timeout(java.time.Duration.ofMinutes(2))
                        .GET();
                if ((uri.getHost() + ":" + uri.getPort()).equals(authHost)) {
                    request.header("Authorization", basic);
                }
                var response = downloads.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status >= 300
                        && status < 400
                        && response.headers().firstValue("Location").isPresent()) {
                    response.body().close();
                    uri = uri.resolve(response.headers().firstValue("Location").get());
                    continue;
                }
                if (status < 200 || status >= 300) {
                    response.body().close();
                    boolean retryable = status == 429 || status >= 500;
                    return new MediaFetch.Failed("Twilio media download answered HTTP " + status, retryable);
                }
                return new MediaFetch.Fetched(
                        response.body(),
                        response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                        null);
            }
            return new MediaFetch.Failed("too many redirects fetching Twilio media", true);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return new MediaFetch.Failed("Twilio media unreachable: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MediaFetch.Failed("interrupted", true);
        }
    }
}
