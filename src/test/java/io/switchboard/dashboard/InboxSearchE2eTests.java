package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** "Find messages by meaning" in the inbox, in Debian's Chromium. */
class InboxSearchE2eTests extends DashboardBrowserTest {

    @Test
    void aMessageIsFoundByMeaningAndOpensItsConversation() {
        String owner = token(loginBootstrapOwner());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var channel = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Search " + suffix), owner);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(201);
        String customer = "Quinn " + suffix;
        var injected = api.post(
                "/api/v1/channels/" + channel.json().get("id").asString() + "/sandbox/messages",
                Map.of("from", "+14155550177", "name", customer, "text", "I want my payment back, please"),
                owner);
        assertThat(injected.status()).isEqualTo(202);

        // indexing runs in the background: wait until the message is embedded before using the page
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/conversations/search?k=50&q=refund+my+money", owner)
                        .raw()
                        .contains(customer));

        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(BOOTSTRAP_EMAIL);
        page.getByLabel("Password").fill(BOOTSTRAP_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();
        page.navigate("/inbox");
        assertThat(page.getByTestId("inbox")).isVisible();

        // the word filter finds nothing for "refund"; finding by meaning does
        page.getByLabel("Find messages by meaning").fill("refund my money");
        var results = page.getByTestId("message-search-results");
        assertThat(results).isVisible();
        var hit = page.getByTestId("message-search-hit").filter(new Locator.FilterOptions().setHasText(customer));
        assertThat(hit).containsText("I want my payment back, please");
        hit.click();

        var thread = page.getByTestId("conversation-thread");
        assertThat(thread.getByTestId("conversation-title")).hasText(customer);
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/inbox/[0-9a-f-]{36}.*"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to conversations"))
                .click();
        assertThat(results).hasCount(0);
        assertThat(page.getByTestId("conversation-row").first()).isVisible();
        assertThat(pageErrors).isEmpty();
    }
}
