package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analytics page in Debian's Chromium: figures of a real conversation, then a channel filter. */
class AnalyticsE2eTests extends DashboardBrowserTest {

    @Test
    void aConversationShowsUpInTheFiguresAndTheChannelFilterNarrowsThem() {
        var session = signup("Analytics Page Co");
        String token = token(session);
        String quiet = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Quiet line"), token)
                .json()
                .get("id")
                .asString();
        String conversationId = sandboxConversation(token, "+14155550142", "Ada", "Is the gym open on Sundays?");
        api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "Yes, 8 to 20."), token);

        signInAs(session);

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Analytics").setExact(true))
                .click();
        assertThat(page.getByTestId("kpi-conversations")).containsText("1");
        assertThat(page.getByTestId("kpi-inbound")).containsText("1");
        assertThat(page.getByTestId("kpi-human-replies")).containsText("1");
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("New conversations per day")))
                .isVisible();

        page.getByLabel("Channel").selectOption(quiet);
        assertThat(page.getByText("Nothing happened in this period")).isVisible();
        page.getByLabel("Channel").selectOption("");
        assertThat(page.getByTestId("kpi-conversations")).containsText("1");
        page.getByLabel("Period").selectOption("7");
        assertThat(page.getByTestId("kpi-inbound")).containsText("1");

        // the period's messages as a CSV download: the customer's question and the reply
        var download = page.waitForDownload(
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Messages CSV"))
                        .click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("messages.csv");
        String csv;
        try {
            csv = java.nio.file.Files.readString(download.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        org.assertj.core.api.Assertions.assertThat(csv)
                .startsWith("message_id,created_at,conversation_id")
                .contains("Is the gym open on Sundays?")
                .contains("\"Yes, 8 to 20.\"");

        // the weekly e-mail digest: saved, then sent now to the owner (the development mailbox here)
        page.getByLabel("Send", new Page.GetByLabelOptions().setExact(true)).selectOption("weekly");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Save").setExact(true))
                .click();
        assertThat(page.getByText("Saved.")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send last 7 days now"))
                .click();
        assertThat(page.getByTestId("digest-sent")).containsText("Sent to 1 person");
        assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Digests sent")))
                .containsText("manual");
        org.assertj.core.api.Assertions.assertThat(pageErrors).isEmpty();
    }
}
