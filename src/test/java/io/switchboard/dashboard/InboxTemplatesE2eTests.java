package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Writing first on WhatsApp, in Debian's Chromium: open a conversation from the contact, see that
 * only templates can go out, pick an approved one, fill its variable and send it.
 */
class InboxTemplatesE2eTests extends DashboardBrowserTest {

    @Test
    void aContactIsWrittenToFirstWithAnApprovedTemplate() {
        var session = signup("Template Inbox Co");
        String token = token(session);
        String channelId = api.post(
                        "/api/v1/channels",
                        Map.of(
                                "type",
                                "whatsapp_cloud",
                                "name",
                                "Leasing line",
                                "config",
                                Map.of(
                                        "phoneNumberId",
                                        String.valueOf(ThreadLocalRandom.current()
                                                .nextLong(100_000_000_000L, 999_999_999_999L)),
                                        "wabaId",
                                        "1234567890",
                                        "accessToken",
                                        "EAAG" + UUID.randomUUID(),
                                        "appSecret",
                                        "app-secret-" + UUID.randomUUID(),
                                        "verifyToken",
                                        "verify-" + UUID.randomUUID())),
                        token)
                .json()
                .get("id")
                .asString();
        String templateId = api.post(
                        "/api/v1/templates",
                        Map.of(
                                "channelId", channelId,
                                "name", "viewing_reminder",
                                "language", "en_US",
                                "category", "utility",
                                "body", "Hello {{1}}, your viewing is on {{2}}",
                                "variables",
                                        List.of(
                                                Map.of("name", "1", "sample", "Ada"),
                                                Map.of("name", "2", "sample", "Tuesday"))),
                        token)
                .json()
                .get("id")
                .asString();
        // Meta's review (submit, webhook, polling) is covered by WhatsAppTemplatesWebTests; here it is
        // simply approved
        ownerDb().execute("update message_templates set status = 'approved' where id = ?::uuid", templateId);
        String contactId = api.post("/api/v1/contacts", Map.of("name", "Grace Hopper", "phone", "+14155550199"), token)
                .json()
                .get("id")
                .asString();

        signInAs(session);

        page.navigate("/contacts?id=" + contactId);
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Write on").selectOption(channelId);
        dialog.getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Open conversation"))
                .click();
        page.waitForURL("**/inbox/**");
        String conversationId = page.url().replaceAll(".*/inbox/([0-9a-f-]+).*", "$1");

        assertThat(page.getByTestId("whatsapp-window-notice")).isVisible();
        page.getByTestId("template-picker-open").click();
        var picker = page.getByRole(AriaRole.DIALOG);
        assertThat(picker.getByLabel(
                        "Template", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)))
                .hasValue(templateId);
        assertThat(picker.getByTestId("template-picker-preview")).hasText("Hello Ada, your viewing is on Tuesday");
        picker.getByLabel("{{1}}").fill("Grace");
        picker.getByLabel("{{2}}").fill("");
        assertThat(picker.getByRole(AriaRole.ALERT)).containsText("{{2}}");
        picker.getByLabel("{{2}}").fill("Friday at 10:00");
        assertThat(picker.getByTestId("template-picker-preview"))
                .hasText("Hello Grace, your viewing is on Friday at 10:00");
        picker.getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Send template"))
                .click();
        assertThat(picker.getByTestId("problem-alert")).isHidden();
        assertThat(picker).isHidden();

        // what was queued is a template message with the values typed, not free text
        var messages = Awaitility.await()
                .until(
                        () -> api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                                .json(),
                        page -> page.get("items").size() > 0);
        var content = messages.get("items").get(0).get("content");
        assertThat(content.get("type").asString()).isEqualTo("template");
        assertThat(content.get("name").asString()).isEqualTo("viewing_reminder");
        assertThat(content.get("parameters").toString()).isEqualTo("[\"Grace\",\"Friday at 10:00\"]");
        assertThat(pageErrors).isEmpty();
    }
}
