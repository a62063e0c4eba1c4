package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Phone sign-in through the development delivery, which writes the code to the server log. */
@ExtendWith(OutputCaptureExtension.class)
class PhoneSignInWebTests extends IntegrationTest {

    private static String newPhone() {
        // +1 415 555 01xx numbers are valid and reserved for fiction
        return "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(100, 10000));
    }

    private String userWithPhone(String phone) {
        var session = signup("Phones");
        var patched = api.patch("/api/v1/me", Map.of("phone", phone), token(session));
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat(patched.json().get("phone").asString()).isEqualTo(phone);
        return session.get("user").get("email").asString();
    }

    private static String codeFromLog(CapturedOutput output, String phone) {
        var matcher = Pattern.compile("DEVELOPMENT OTP DELIVERY.*to " + Pattern.quote(phone) + ": .*?(\\d{6})")
                .matcher(output.getAll());
        String code = null;
        while (matcher.find()) {
            code = matcher.group(1);
        }
        assertThat(code).as("code in log").isNotNull();
        return code;
    }

    @Test
    void codeFromTheLogSignsIn(CapturedOutput output) {
        String phone = newPhone();
        String email = userWithPhone(phone);
        var requested = api.post("/api/v1/auth/otp/request", Map.of("phone", phone), null);
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.json().get("delivery").asString()).isEqualTo("log");
        assertThat(requested.json().get("expiresInSeconds").asLong()).isEqualTo(300);

        String code = codeFromLog(output, phone);
        String stored = ownerDb()
                .resultQuery("select code_hash from otp_codes where phone = ? order by created_at desc limit 1", phone)
                .fetchSingle(0, String.class);
        assertThat(stored).isNotEqualTo(code).hasSize(64);

        var session = api.post("/api/v1/auth/otp/verify", Map.of("phone", phone, "code", code), null);
        assertThat(session.status()).as(session.raw()).isEqualTo(200);
        assertThat(session.json().get("user").get("email").asString()).isEqualTo(email);
        // a code works once
        assertThat(api.post("/api/v1/auth/otp/verify", Map.of("phone", phone, "code", code), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void fiveWrongTriesBurnTheCode(CapturedOutput output) {
        String phone = newPhone();
        userWithPhone(phone);
        api.post("/api/v1/auth/otp/request", Map.of("phone", phone), null);
        String code = codeFromLog(output, phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            var response = api.post("/api/v1/auth/otp/verify", Map.of("phone", phone, "code", wrong), null);
            assertThat(response.status()).isEqualTo(401);
        }
        assertThat(api.post("/api/v1/auth/otp/verify", Map.of("phone", phone, "code", code), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void expiredCodeIsRefused(CapturedOutput output) {
        String phone = newPhone();
        userWithPhone(phone);
        api.post("/api/v1/auth/otp/request", Map.of("phone", phone), null);
        String code = codeFromLog(output, phone);
        // five minutes pass
        ownerDb()
                .query("update otp_codes set expires_at = now() - interval '1 second' where phone = ?", phone)
                .execute();
        var response = api.post("/api/v1/auth/otp/verify", Map.of("phone", phone, "code", code), null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).contains("expired");
    }

    @Test
    void unknownPhoneGetsTheSameAnswerButNoCode(CapturedOutput output) {
        String phone = newPhone();
        var requested = api.post("/api/v1/auth/otp/request", Map.of("phone", phone), null);
        assertThat(requested.status()).isEqualTo(202);
        assertThat(output.getAll()).doesNotContain("to " + phone + ":");
    }

    @Test
    void invalidPhoneNamesTheField() {
        var response = api.post("/api/v1/auth/otp/request", Map.of("phone", "12345"), null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
    }

    @Test
    void otpRequestsAreRateLimitedPerPhone() {
        String phone = newPhone();
        int status = 0;
        for (int i = 0; i < 7 && status != 429; i++) {
            status = api.post("/api/v1/auth/otp/request", Map.of("phone", phone), null)
                    .status();
        }
        assertThat(status).isEqualTo(429);
    }
}
