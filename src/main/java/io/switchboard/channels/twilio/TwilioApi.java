package io.switchboard.channels.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
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
}
