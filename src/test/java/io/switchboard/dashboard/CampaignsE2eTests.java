package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import io.switchboard.support.DashboardBrowserTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A template and a CSV campaign made in Debian's Chromium, watched until it has sent on the sandbox channel. */
class CampaignsE2eTests extends DashboardBrowserTest {

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private void open(String link) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(link).setExact(true))
                .click();
    }

    @Test
    void aCampaignFromACsvRunsToTheEndOnTheSandboxChannel() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String channelName = "Campaign sandbox " + suffix;
        String token = loginBootstrapOwner().get("accessToken").asString();
        api.post("/api/v1/channels", Map.of("type", "sandbox", "name", channelName), token);

        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(BOOTSTRAP_EMAIL);
        page.getByLabel("Password").fill(BOOTSTRAP_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();

        open("Templates");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Message templates")))
                .isVisible();
        button(page, "New template").click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Channel").selectOption(new SelectOption().setLabel(channelName + " (sandbox)"));
        String templateName = "promo_" + suffix;
        dialog.getByLabel("Name").fill(templateName);
        dialog.getByLabel("Body").fill("Hi {{1}}, your voucher is {{2}}");
        dialog.getByLabel("Sample for {{1}}").fill("Ada");
        dialog.getByLabel("Sample for {{2}}").fill("V-1");
        assertThat(dialog.getByTestId("template-preview")).containsText("Hi Ada, your voucher is V-1");
        button(page, "Create").click();
        var templateRow = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(templateName));
        assertThat(templateRow).containsText("ready (local)");

        open("Campaigns");
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions()
                                .setName("Campaigns")
                                .setExact(true)
                                .setLevel(1)))
                .isVisible();
        button(page, "New campaign").click();
        dialog = page.getByRole(AriaRole.DIALOG);
        String campaignName = "Vouchers " + suffix;
        dialog.getByLabel("Name").fill(campaignName);
        dialog.getByLabel("Template").selectOption(new SelectOption().setLabel(templateName + " (sandbox, en)"));
        StringBuilder csv = new StringBuilder("phone,name,voucher\n");
        for (int i = 0; i < 12; i++) {
            csv.append("+1415555")
                    .append(2100 + i)
                    .append(",Guest ")
                    .append(i)
                    .append(",V-")
                    .append(i)
                    .append('\n');
        }
        csv.append("not-a-number,Broken,V-x\n");
        dialog.getByLabel("Audience (CSV)")
                .setInputFiles(
                        new FilePayload("guests.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        dialog.getByLabel("{{2}} comes from").selectOption(new SelectOption().setLabel("CSV column “voucher”"));
        dialog.getByLabel("Messages per second (optional)").fill("4");
        button(page, "Upload audience").click();
        assertThat(dialog.getByTestId("csv-report")).containsText("13 rows read: 12 contacts, 1 rows with problems.");
        assertThat(dialog).containsText("Line 14, phone");
        assertThat(dialog.getByTestId("audience-counts")).containsText("12 will receive it");
        button(page, "Start now").click();

        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(campaignName));
        // live progress without a reload: the bar fills and the campaign completes
        assertThat(row.getByRole(AriaRole.PROGRESSBAR))
                .hasAttribute("aria-valuenow", "100", new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
        assertThat(row).containsText("completed", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(row).containsText("delivered 12", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
    }
}
