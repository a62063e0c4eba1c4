package io.switchboard.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignaturesUnitTests {

    @Test
    void signsTheReferenceVectorOfTheStandardWebhooksSpec() {
        // the test vector used across the Standard Webhooks reference libraries
        assertThat(Signatures.sign(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void newSecretsCarryThePrefixAnd32RandomBytes() {
        String a = Signatures.newSecret();
        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(Signatures.newSecret()).isNotEqualTo(a);
    }

    @Test
    void messageIdsAreStableForAMessage() {
        UUID id = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        assertThat(Signatures.messageId(id)).isEqualTo("msg_0123456789abcdef0123456789abcdef");
    }

    @Test
    void theRetryScheduleEndsWithNullAndStaysWithinTheJitter() {
        var properties = new WebhookProperties(
                false,
                List.of(),
                List.of(Duration.ofSeconds(10), Duration.ofSeconds(100)),
                0.2,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                100,
                256,
                Duration.ofHours(24),
                50);
        for (int i = 0; i < 100; i++) {
            assertThat(properties.retryAfter(1)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
            assertThat(properties.retryAfter(2)).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(120));
        }
        assertThat(properties.retryAfter(3)).isNull();
        assertThat(properties.retryWindow()).isEqualTo(Duration.ofSeconds(110));
    }

    @Test
    void theDefaultScheduleRetriesForAboutThreeDays() {
        var defaults = new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                                java.util.Map.of()))
                .bindOrCreate("switchboard.webhooks", WebhookProperties.class);
        assertThat(defaults.retryWindow()).isBetween(Duration.ofHours(71), Duration.ofHours(73));
        assertThat(defaults.retryAfter(1)).isLessThan(Duration.ofSeconds(10));
        assertThat(defaults.allowPrivateNetworks()).isFalse();
    }
}
