package io.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpUnitTests {

    // RFC 6238 appendix B, SHA-1 seed "12345678901234567890", 8-digit values truncated to our 6
    private static final String SEED =
            new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void matchesRfc6238TestVectors() {
        assertThat(Totp.currentCode(SEED, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.currentCode(SEED, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.currentCode(SEED, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.currentCode(SEED, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepOfClockDriftButNotTwo() {
        Instant now = Instant.ofEpochSecond(1234567890);
        String previous = Totp.currentCode(SEED, now.minusSeconds(30));
        String old = Totp.currentCode(SEED, now.minusSeconds(90));
        assertThat(Totp.verify(SEED, previous, now)).isTrue();
        assertThat(Totp.verify(SEED, old, now)).isFalse();
    }
}
