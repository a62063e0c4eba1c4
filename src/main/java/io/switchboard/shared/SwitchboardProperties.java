package io.switchboard.shared;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every setting the operator can change; names mirror the SWITCHBOARD_* environment variables. */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
        Path dataDir,
        @Nullable String publicUrl,
        @Nullable String masterKey,
        long maxRequestBytes,
        Database database,
        Bootstrap bootstrap,
        Mail mail,
        Auth auth,
        RateLimits rateLimits) {

    public record Database(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            int poolSize) {
        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    public record Bootstrap(
            @Nullable String adminEmail, @Nullable String adminPassword) {}

    public record Mail(@Nullable String smtpUrl, String from) {
        public boolean smtpConfigured() {
            return smtpUrl != null && !smtpUrl.isBlank();
        }
    }

    public record Auth(
            String issuer,
            String audience,
            Duration accessTokenTtl,
            Duration refreshTokenTtl,
            Duration apiKeyCacheTtl) {}

    public record RateLimits(
            int failedLoginsPerAccount,
            int failedLoginsPerIp,
            Duration failedLoginWindow,
            int otpRequestsPerPhone,
            int otpRequestsPerIp,
            Duration otpRequestWindow) {}
}
