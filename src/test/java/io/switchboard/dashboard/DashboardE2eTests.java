package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The real dashboard in Debian's Chromium, driven the way a person uses it. */
class DashboardE2eTests extends DashboardBrowserTest {

    private void signIn(String email, String password) {
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();
    }

    private void openNav(String label) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new com.microsoft.playwright.Locator.GetByRoleOptions()
                                .setName(label)
                                .setExact(true))
                .click();
    }

    @Test
    void bootstrapOwnerSignsInCreatesAnApiKeyThatWorksAndRevokesIt() {
        signIn(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
        assertThat(page.getByTestId("mode-badge")).containsText("Offline mode");
        assertThat(page.getByTestId("organization-switcher")).containsText("Demo");

        openNav("API keys");
        String name = "E2E key " + UUID.randomUUID().toString().substring(0, 8);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key"))
                .click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key"))
                .click();
        var shownKey = page.getByTestId("new-api-key");
        assertThat(shownKey).isVisible();
        String key = shownKey.textContent().trim();
        assertThat(key).startsWith("sb_");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy"))
                .click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copied")))
                .isVisible();
        assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(key);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Done"))
                .click();

        // the key shown once really authenticates, and is never shown again
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(200);
        var row = page.getByRole(AriaRole.ROW)
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(name));
        assertThat(row).containsText("Active");
        assertThat(page.content()).doesNotContain(key);

        row.getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Revoke " + name))
                .click();
        page.getByRole(AriaRole.ALERTDIALOG)
                .getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions()
                                .setName("Revoke")
                                .setExact(true))
                .click();
        assertThat(row).containsText("Revoked");
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(401);

        openNav("Audit log");
        assertThat(page.getByText("api_key.revoked").first()).isVisible();
        assertThat(page.getByText("api_key.created").first()).isVisible();
    }

    @Test
    void newSignupGetsItsOwnOrganisationAndSeesNothingOfDemo() {
        page.navigate("/signup");
        String email = "e2e-" + UUID.randomUUID() + "@example.test";
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Second Owner");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        page.getByLabel("Organization name").fill("Second Org");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();
        assertThat(page.getByTestId("organization-switcher")).containsText("Second Org");

        openNav("Members");
        assertThat(page.getByRole(
                        AriaRole.CELL,
                        new Page.GetByRoleOptions().setName(email).setExact(true)))
                .isVisible();
        assertThat(page.getByText(BOOTSTRAP_EMAIL)).hasCount(0);

        openNav("API keys");
        assertThat(page.getByTestId("empty-state")).isVisible();

        // platform administration is not for ordinary owners
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                        .getByText("Organizations"))
                .hasCount(0);
    }

    @Test
    void chatLikeContentIsRenderedAsTextNeverAsHtml() {
        signIn(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
        openNav("API keys");
        String hostile = "<img src=x onerror=alert('xss')>"
                + UUID.randomUUID().toString().substring(0, 4);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key"))
                .click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(hostile);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Done"))
                .click();
        assertThat(page.getByText(hostile).first()).isVisible();
        assertThat(page.locator("img[src='x']")).hasCount(0);
        assertThat(dialogs).isEmpty();
    }

    @Test
    void comingSoonSectionsAndTheDevelopmentMailboxAreThere() {
        signIn(BOOTSTRAP_EMAIL, BOOTSTRAP_PASSWORD);
        openNav("Inbox");
        assertThat(page.getByTestId("inbox")).isVisible();
        for (String section : List.of("Settings")) {
            openNav(section);
            assertThat(page.getByTestId("coming-soon")).containsText(section);
        }
        // Flows and Agents are real pages now (FlowsBuilderE2eTests and AgentsE2eTests cover them)
        openNav("Flows");
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Flows").setLevel(1)))
                .isVisible();
        assertThat(page.getByTestId("coming-soon")).hasCount(0);
        openNav("Agents");
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Agents").setLevel(1)))
                .isVisible();
        assertThat(page.getByTestId("coming-soon")).hasCount(0);
        openNav("Members");
        String invitee = "mailbox-" + UUID.randomUUID() + "@example.test";
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite member"))
                .click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Email").fill(invitee);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send invitation"))
                .click();
        assertThat(page.getByText(invitee).first()).isVisible();

        openNav("Mailbox");
        assertThat(page.getByTestId("dev-mailbox-banner")).containsText("no SMTP server configured");
        page.getByTestId("mail-item")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(invitee))
                .first()
                .click();
        assertThat(page.getByTestId("mail-body")).containsText("/invite?token=");
    }
}
