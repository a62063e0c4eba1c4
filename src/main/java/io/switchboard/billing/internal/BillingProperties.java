package io.switchboard.billing.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator settings of billing ({@code switchboard.billing.*}). Without a Stripe secret key billing
 * runs in manual mode: super admins assign plans and admins grant credits.
 *
 * @param graceDays after a failed invoice the plan stays usable this long, then the organisation drops to Trial
 * @param currency currency of credits and plan prices (ISO 4217, lower-case for Stripe)
 */
@ConfigurationProperties("switchboard.billing")
public record BillingProperties(
        @Nullable String stripeSecretKey,
        @Nullable String stripeWebhookSecret,
        @Nullable String stripeBaseUrl,
        @Nullable Integer graceDays,
        @Nullable String currency,
        @Nullable Duration webhookTolerance) {

    boolean stripeEnabled() {
        return stripeSecretKey != null && !stripeSecretKey.isBlank();
    }

    String mode() {
        return stripeEnabled() ? "stripe" : "manual";
    }

    Duration grace() {
        return Duration.ofDays(graceDays == null ? 7 : graceDays);
    }

    String currencyCode() {
        return currency == null || currency.isBlank() ? "USD" : currency.toUpperCase(java.util.Locale.ROOT);
    }

    Duration tolerance() {
        return webhookTolerance == null ? Duration.ofSeconds(300) : webhookTolerance;
    }
}
