package io.switchboard.calls.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator settings of calls ({@code switchboard.calls.*}). Without a Bland key every call is played by
 * the simulator.
 */
@ConfigurationProperties("switchboard.calls")
public record CallProperties(
        @Nullable String blandApiKey,
        @Nullable String blandBaseUrl,
        @Nullable String blandWebhookSecret,
        @Nullable Long blandRatePerMinuteMinor,
        @Nullable Long simulatorRatePerMinuteMinor,
        @Nullable Duration simulatorStepDelay,
        @Nullable Duration pollInterval,
        @Nullable Duration queueRetry,
        @Nullable String twilioAccountSid,
        @Nullable String twilioAuthToken,
        @Nullable String googleSheetsRootUrl,
        @Nullable String googleTokenUri,
        @Nullable Duration sheetsLogRetry) {

    /** Where the Sheets API lives (a fake in tests); always ends with a slash, as the Google client wants. */
    String sheetsRoot() {
        String root = googleSheetsRootUrl == null || googleSheetsRootUrl.isBlank()
                ? "https://sheets.googleapis.com/"
                : googleSheetsRootUrl;
        return root.endsWith("/") ? root : root + "/";
    }

    /**
     * The OAuth token endpoint for service accounts. Operator-set on purpose: the {@code token_uri} inside
     * a tenant's key file is ignored, so a tenant cannot make us post signed assertions anywhere (SSRF).
     */
    String tokenUri() {
        return googleTokenUri == null || googleTokenUri.isBlank()
                ? "https://oauth2.googleapis.com/token"
                : googleTokenUri;
    }

    /** First retry delay of a failed append; doubles per attempt up to 15 minutes. */
    Duration sheetsRetry() {
        return sheetsLogRetry == null ? Duration.ofSeconds(30) : sheetsLogRetry;
    }

    boolean twilioEnabled() {
        return twilioAccountSid != null
                && !twilioAccountSid.isBlank()
                && twilioAuthToken != null
                && !twilioAuthToken.isBlank();
    }

    boolean blandEnabled() {
        return blandApiKey != null && !blandApiKey.isBlank();
    }

    String mode() {
        return blandEnabled() ? "bland" : "simulator";
    }

    String blandBase() {
        return (blandBaseUrl == null || blandBaseUrl.isBlank() ? "https://api.bland.ai" : blandBaseUrl)
                .replaceAll("/+$", "");
    }

    long defaultRate(String provider) {
        Long rate = "bland".equals(provider) ? blandRatePerMinuteMinor : simulatorRatePerMinuteMinor;
        return rate == null ? ("bland".equals(provider) ? 12 : 5) : rate;
    }

    Duration stepDelay() {
        return simulatorStepDelay == null ? Duration.ofMillis(1500) : simulatorStepDelay;
    }

    Duration poll() {
        return pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
    }

    Duration retry() {
        return queueRetry == null ? Duration.ofSeconds(3) : queueRetry;
    }
}
