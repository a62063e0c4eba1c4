package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.billing.Credits;
import io.switchboard.support.DashboardBrowserTest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sales page in Debian's Chromium: customer form to transcript, with the call simulated. */
class SalesCallsE2eTests extends DashboardBrowserTest {

    @Autowired
    Credits credits;

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private void openNav(String label) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(label).setExact(true))
                .click();
    }

    @Test
    void aCustomerBecomesAScriptACallAndATranscript() {
        var session = signup("Sales Page Co");
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        credits.topUp(orgId, 1000, "test credit", "sales-e2e-" + orgId);
        String email = session.get("user").get("email").asString();

        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        button("Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();

        openNav("Sales calls");
        assertThat(page.getByTestId("call-mode")).containsText("Simulation mode");
        field("Name").fill("Meera Iyer");
        assertThat(field("Country code")).hasValue("IN");
        field("Phone").fill("98123 45678");
        field("Email").fill("meera@example.test");
        field("Conversation history").fill("Meera asked on WhatsApp about pricing for five seats.");
        field("Topics").fill("pricing");
        field("Product").fill("Acme CRM");
        button("Generate script").click();

        Locator script = field("Script");
        assertThat(script).hasValue(Pattern.compile("Meera Iyer[\\s\\S]*Acme CRM[\\s\\S]*pricing"));
        script.fill("You sell Acme CRM to Meera. Pricing starts at ten dollars per seat with a free trial.\n"
                + "Offer her a demo this week.");
        field("Max duration (minutes)").fill("2");
        button("Call now").click();

        Locator detail = page.getByTestId("call-detail");
        assertThat(detail).isVisible();
        // the status moves on by itself until the call is over and analysed
        assertThat(detail.getByTestId("call-outcome"))
                .not()
                .hasText("—", new LocatorAssertions.HasTextOptions().setTimeout(45_000));
        assertThat(detail.getByTestId("call-status")).hasText(Pattern.compile("completed"));
        assertThat(detail.getByTestId("call-cost")).containsText("USD");
        button("Refresh transcript").click();
        assertThat(detail.getByTestId("transcript")).containsText("Pricing starts at ten dollars per seat");
        assertThat(detail.getByTestId("transcript")).containsText("pricing");
        assertThat(detail.getByTestId("call-recording")).isVisible();

        openNav("Calls");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Calls")))
                .containsText("+919812345678");

        // the call is on the contact's record: outcome, summary, transcript and a link to the call
        openNav("Contacts");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit Meera Iyer"))
                .click();
        Locator calls = page.getByRole(AriaRole.DIALOG).getByTestId("contact-calls");
        assertThat(calls.getByTestId("contact-call")).containsText("completed");
        calls.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show transcript"))
                .click();
        assertThat(calls.getByTestId("contact-call-transcript")).containsText("Pricing starts at ten dollars per seat");
        calls.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open call"))
                .click();
        page.waitForURL("**/calls/*");
        assertThat(page.getByTestId("call-detail")).isVisible();
    }

    /** A service-account key file made here (the browser never gets it back). */
    private static String serviceAccountKey(String email) throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + java.util.Base64.getEncoder()
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        return "{\"type\":\"service_account\",\"project_id\":\"e2e\",\"private_key_id\":\"k1\"," + "\"private_key\":\""
                + pem + "\",\"client_email\":\"" + email + "\",\"client_id\":\"1\"}";
    }

    @Test
    void theGoogleSheetsCallLogCardShowsItsModeAndKeepsTheKeyWriteOnly() throws Exception {
        var session = signup("Sheets Card Co");
        String email = session.get("user").get("email").asString();
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        button("Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();

        openNav("Calls");
        Locator card = page.getByTestId("sheets-log");
        assertThat(card.getByTestId("sheets-log-mode")).hasText("Off");
        assertThat(card).containsText("download every call as CSV");

        field("Spreadsheet id").fill("1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789");
        field("Tab name").fill("Call log");
        field("Service-account JSON key").fill("{\"type\":\"authorized_user\"}");
        button("Save").click();
        assertThat(card.getByTestId("problem-alert")).containsText("serviceAccountKey");

        String account = "call-log@e2e-project.iam.gserviceaccount.com";
        field("Service-account JSON key").fill(serviceAccountKey(account));
        button("Save").click();
        assertThat(card.getByTestId("sheets-log-mode")).hasText("Configured");
        assertThat(card).containsText(account);
        assertThat(card.getByTestId("sheets-log-pending")).hasText("0");
        // write-only: the stored key is not shown back
        assertThat(field("Service-account JSON key")).hasValue("");
        assertThat(card).not().containsText("PRIVATE KEY");

        button("Turn off").click();
        assertThat(card.getByTestId("sheets-log-mode")).hasText("Off");
    }
}
