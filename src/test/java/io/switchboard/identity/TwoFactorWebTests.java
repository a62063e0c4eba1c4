package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.identity.internal.TotpTestCodes;
import io.switchboard.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwoFactorWebTests extends IntegrationTest {

    @Test
    void totpProtectedAccountNeedsTheAuthenticatorCodeToSignIn() {
        var session = signup("2FA");
        String email = session.get("user").get("email").asString();
        var setup = api.post("/api/v1/me/totp/setup", Map.of(), token(session));
        assertThat(setup.status()).isEqualTo(200);
        String secret = setup.json().get("secret").asString();
        assertThat(setup.json().get("otpauthUri").asString())
                .startsWith("otpauth://totp/")
                .contains("secret=" + secret);

        assertThat(api.post(
                                "/api/v1/me/totp/enable",
                                Map.of("code", "000000".equals(TotpTestCodes.now(secret)) ? "111111" : "000000"),
                                token(session))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/me/totp/enable", Map.of("code", TotpTestCodes.now(secret)), token(session))
                        .status())
                .isEqualTo(204);

        var challenge =
                api.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"), null);
        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(challenge.json().has("accessToken")).isFalse();
        String mfaToken = challenge.json().get("mfaToken").asString();
        // the MFA token is not an access token
        assertThat(api.get("/api/v1/me", mfaToken).status()).isEqualTo(401);

        var wrong = api.post("/api/v1/auth/login/totp", Map.of("mfaToken", mfaToken, "code", "12345"), null);
        assertThat(wrong.status()).isEqualTo(400);
        var signedIn = api.post(
                "/api/v1/auth/login/totp", Map.of("mfaToken", mfaToken, "code", TotpTestCodes.now(secret)), null);
        assertThat(signedIn.status()).as(signedIn.raw()).isEqualTo(200);
        assertThat(signedIn.json().get("user").get("totpEnabled").asBoolean()).isTrue();

        String stored = ownerDb()
                .resultQuery("select encode(totp_secret, 'escape') from users where lower(email) = lower(?)", email)
                .fetchSingle(0, String.class);
        assertThat(stored).doesNotContain(secret);
    }
}
