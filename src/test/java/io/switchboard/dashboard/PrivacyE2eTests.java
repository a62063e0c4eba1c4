package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Legal hold in the inbox, the data retention page, and a contact's GDPR export and erasure, in Chromium. */
class PrivacyE2eTests extends DashboardBrowserTest {

    private static Locator button(Locator within, String name) {
        return within.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private void signIn(String email) {
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        button(page, "Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();
    }

    @Test
    void legalHoldIsToggledInTheInboxAndAContactIsExportedThenErased() throws Exception {
        var session = signup("Privacy E2E Org");
        String token = token(session);
        String email = session.get("user").get("email").asString();
        String customer = "Hana " + UUID.randomUUID().toString().substring(0, 6);
        String conversationId = sandboxConversation(token, "+14155550188", customer, "Please keep my plum jam order");
        String contactId = api.get("/api/v1/conversations/" + conversationId, token)
                .json()
                .get("contactId")
                .asString();

        signIn(email);

        // legal hold: placed and released from the conversation header
        page.navigate("/inbox/" + conversationId);
        var header = page.getByTestId("conversation-header");
        assertThat(header.getByTestId("conversation-title")).hasText(customer);
        assertThat(header.getByTestId("legal-hold")).isHidden();
        button(header, "Place legal hold").click();
        assertThat(header.getByTestId("legal-hold")).isVisible();
        assertThat(api.get("/api/v1/conversations/" + conversationId, token)
                        .json()
                        .get("legalHoldAt")
                        .isNull())
                .isFalse();

        // the retention page counts the hold, shows the trial's window and purges on demand
        page.navigate("/privacy");
        assertThat(page.getByTestId("retention-window")).hasText("14 days");
        assertThat(page.getByTestId("retention-legal-holds")).hasText("1");
        button(page, "Purge now").click();
        assertThat(page.getByTestId("retention-run-result")).containsText("Purged 0 messages");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Recent purge runs")))
                .containsText("manual");

        // erasure is blocked while the hold is on: the dialog shows why
        page.navigate("/contacts");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(customer).setExact(true))
                .click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        var privacy = dialog.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Privacy"));
        assertThat(privacy).isVisible();

        // export: a ZIP with the contact and their message
        var download = page.waitForDownload(() -> button(privacy, "Export data").click());
        assertThat(download.suggestedFilename()).isEqualTo("contact-" + contactId + ".zip");
        Map<String, String> entries = new HashMap<>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(download.path())))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.get("contact/contact.json")).contains(customer);
        assertThat(entries.get("conversations/conversations-" + contactId + ".json"))
                .contains("Please keep my plum jam order");

        button(privacy, "Erase personal data").click();
        var confirm = page.getByRole(AriaRole.ALERTDIALOG);
        var erase = button(confirm, "Erase everything");
        assertThat(erase).isDisabled();
        confirm.getByLabel("Type ERASE to confirm").fill("erase");
        assertThat(erase).isDisabled();
        confirm.getByLabel("Type ERASE to confirm").fill("ERASE");
        erase.click();
        assertThat(confirm).containsText("legal hold");
        button(confirm, "Cancel").click();
        page.keyboard().press("Escape");

        // release the hold in the inbox, then erase for real
        page.navigate("/inbox/" + conversationId);
        button(page.getByTestId("conversation-header"), "Release legal hold").click();
        assertThat(page.getByTestId("conversation-header").getByTestId("legal-hold"))
                .isHidden();
        page.navigate("/contacts");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(customer).setExact(true))
                .click();
        button(page.getByRole(AriaRole.DIALOG), "Erase personal data").click();
        confirm = page.getByRole(AriaRole.ALERTDIALOG);
        confirm.getByLabel("Type ERASE to confirm").fill("ERASE");
        button(confirm, "Erase everything").click();
        assertThat(page.getByTestId("erasure-result")).containsText("1 message");
        assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(customer)))
                .hasCount(0);
        assertThat(api.get("/api/v1/contacts/" + contactId, token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + conversationId, token).status())
                .isEqualTo(404);
    }
}
