package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.billing.Limit;
import io.switchboard.billing.Quotas;
import io.switchboard.support.DashboardBrowserTest;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Billing page in Debian's Chromium (manual mode): usage bars, a credit grant, the statement. */
class BillingE2eTests extends DashboardBrowserTest {

    @Autowired
    Quotas quotas;

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void usageBarsWarnAndAGrantShowsInTheStatement() throws Exception {
        String email = "billing-" + UUID.randomUUID() + "@example.test";
        var session = api.post(
                        "/api/v1/auth/signup",
                        Map.of(
                                "email",
                                email,
                                "password",
                                "correct horse battery",
                                "name",
                                "Bea Biller",
                                "organizationName",
                                "Billing Bakery"),
                        null)
                .json();
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        // 41 of the trial's 50 AI replies answered: over 80 %
        for (int i = 0; i < 41; i++) quotas.consume(orgId, Limit.AI_REPLIES, 1, "e2e-message-" + i);

        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        button(page, "Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Billing").setExact(true))
                .click();

        assertThat(page.getByTestId("current-plan")).hasText("Trial");
        assertThat(page.getByTestId("billing-mode")).hasText("Manual billing");
        var aiReplies = page.getByTestId("usage-aiReplies");
        assertThat(aiReplies).hasAttribute("data-level", "warning");
        assertThat(aiReplies).containsText("41 / 50");
        assertThat(aiReplies).containsText("Over 80 % used");
        assertThat(page.getByTestId("plan-pro")).containsText("Upgrade to Pro");
        assertThat(page.getByTestId("empty-state")).containsText("No credit activity yet");

        button(page, "Grant credits").click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Amount").fill("25");
        dialog.getByLabel("Reason").fill("Welcome <b>credit</b>");
        button(page, "Grant").click();
        assertThat(dialog).isHidden();
        assertThat(page.getByTestId("credits-available")).containsText("25.00");
        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Grant"));
        assertThat(row).containsText("Welcome <b>credit</b>");
        assertThat(row).containsText("+$25.00");

        // a low-balance alert above what is available shows the banner
        page.getByText("Low-balance alert: off").click();
        page.getByLabel("Warn below").fill("50");
        button(page, "Save").click();
        assertThat(page.getByTestId("low-balance-banner")).containsText("Credits are running low");
        // ... and above every other page, with a way back
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Inbox").setExact(true))
                .click();
        assertThat(page.getByTestId("low-balance-banner")).containsText("below your alert threshold");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open billing"))
                .click();
        assertThat(page.getByTestId("current-plan")).hasText("Trial");

        // one more reply reaches the limit's last 10 %; the page follows after a reload
        for (int i = 41; i < 50; i++) quotas.consume(orgId, Limit.AI_REPLIES, 1, "e2e-message-" + i);
        page.reload();
        assertThat(page.getByTestId("usage-aiReplies")).hasAttribute("data-level", "exceeded");
        assertThat(page.getByTestId("usage-aiReplies")).containsText("Limit reached");

        var download = page.waitForDownload(() -> button(page, "Download CSV").click());
        String csv = Files.readString(download.path());
        org.assertj.core.api.Assertions.assertThat(csv)
                .startsWith("id,created_at,kind")
                .contains("grant,2500");
    }
}
