package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.switchboard.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/** With SWITCHBOARD_SMTP_URL set, mail goes to a real SMTP server (GreenMail, in-process). */
@TestPropertySource(properties = "switchboard.mail.smtp-url=smtp://switchboard:smtp-secret@localhost:3025")
class SmtpMailIntegrationTests extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("switchboard", "smtp-secret"))
            .withPerMethodLifecycle(false);

    @Test
    void invitationIsDeliveredOverSmtpAndNotKeptInTheDevMailbox() throws Exception {
        var owner = signup("Smtp Org");
        String email = "smtp-" + UUID.randomUUID() + "@example.test";
        assertThat(api.post("/api/v1/invitations", Map.of("email", email, "role", "viewer"), token(owner))
                        .status())
                .isEqualTo(201);

        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        jakarta.mail.internet.MimeMessage message = null;
        for (var received : smtp.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(received.getAllRecipients()).contains(email)) {
                message = received;
            }
        }
        assertThat(message).isNotNull();
        assertThat(message.getSubject()).contains("Smtp Org");
        assertThat(GreenMailUtil.getBody(message)).contains("/invite?token=");

        assertThat(api.get("/api/v1/system/status", null).json().get("mail").asString())
                .isEqualTo("smtp");
        assertThat(api.get("/api/v1/dev-mailbox", token(owner))
                        .json()
                        .get("totalItems")
                        .asLong())
                .isZero();
    }
}
