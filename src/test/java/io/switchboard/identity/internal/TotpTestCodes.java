package io.switchboard.identity.internal;

import java.time.Instant;

/** Lets web tests play the authenticator app. */
public final class TotpTestCodes {
    private TotpTestCodes() {}

    public static String now(String secret) {
        return Totp.currentCode(secret, Instant.now());
    }
}
