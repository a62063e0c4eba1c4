package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Channels, the live inbox and contacts in Debian's Chromium, the way a person uses them. */
class InboxE2eTests extends DashboardBrowserTest {

    private void signIn() {
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(BOOTSTRAP_EMAIL);
        page.getByLabel("Password").fill(BOOTSTRAP_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();
    }

    private static void openNav(Page on, String label) {
        on.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(label).setExact(true))
                .click();
    }

    private static Locator button(Locator within, String name) {
        return within.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void sandboxMessageArrivesLiveInTheInboxAndIsAnsweredTakenOverAndResolved() {
        signIn();

        // connect a sandbox channel through the dialog
        openNav(page, "Channels");
        String channelName = "Sandbox " + suffix();
        button(page, "Connect channel").first().click();
        var connect = page.getByRole(AriaRole.DIALOG);
        connect.getByLabel("Type").selectOption("sandbox");
        connect.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))
                .fill(channelName);
        assertThat(connect.getByTestId("setup-guide")).containsText("No provider");
        button(connect, "Connect").click();
        assertThat(connect.getByText("Channel connected")).isVisible();
        button(connect, "Done").click();
        var channelRow = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(channelName));
        assertThat(channelRow).containsText("Sandbox");
        assertThat(channelRow).containsText("Enabled");
        assertThat(page.getByTestId("queue-health")).containsText("Inbound pending");

        // the inbox is open in this tab while the customer "writes" from another one
        openNav(page, "Inbox");
        assertThat(page.getByTestId("inbox")).isVisible();
        String customer = "Ada " + suffix();
        var conversationRow =
                page.getByTestId("conversation-row").filter(new Locator.FilterOptions().setHasText(customer));
        assertThat(conversationRow).hasCount(0);

        Page simulator = newPage();
        simulator.navigate("/channels");
        var simulatorRow =
                simulator.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(channelName));
        button(simulatorRow, "Simulate inbound message on " + channelName).click();
        var simulate = simulator.getByRole(AriaRole.DIALOG);
        String phone = "+9198" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        simulate.getByLabel("From").fill(phone);
        simulate.getByLabel("Contact name").fill(customer);
        simulate.getByLabel("Message").fill("Hello, is my order on its way?");
        button(simulate, "Simulate message").click();
        assertThat(simulate.getByText("Message accepted")).isVisible();
        simulator.close();

        // it appears without a reload, unread
        assertThat(conversationRow).isVisible();
        assertThat(conversationRow).containsText("Hello, is my order on its way?");
        assertThat(conversationRow.getByTestId("unread-badge")).isVisible();

        conversationRow.click();
        var thread = page.getByTestId("conversation-thread");
        assertThat(thread.getByTestId("conversation-title")).hasText(customer);
        assertThat(thread.getByTestId("message").filter(new Locator.FilterOptions().setHasText("order on its way")))
                .isVisible();
        assertThat(thread.getByTestId("conversation-header")).containsText("Bot / unassigned");
        assertThat(page.getByTestId("contact-panel")).containsText(customer);
        assertThat(conversationRow.getByTestId("unread-badge")).hasCount(0);

        // reply with Enter; the sandbox reports it delivered
        var reply = thread.getByLabel("Reply", new Locator.GetByLabelOptions().setExact(true));
        reply.fill("It ships today!");
        reply.press("Enter");
        var sent = thread.getByTestId("message").filter(new Locator.FilterOptions().setHasText("It ships today!"));
        assertThat(sent).hasAttribute("data-direction", "outbound");
        assertThat(sent.getByTestId("delivery-state")).hasAttribute("data-state", "delivered");
        assertThat(reply).hasValue("");

        // an internal note
        thread.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Note"))
                .click();
        var note = thread.getByLabel("Internal note", new Locator.GetByLabelOptions().setExact(true));
        note.fill("Customer is a VIP");
        note.press("Enter");
        assertThat(thread.getByTestId("message").filter(new Locator.FilterOptions().setHasText("Customer is a VIP")))
                .hasAttribute("data-kind", "note");

        // a person replying holds the conversation; hand it back to the bot, take it over again, resolve
        var header = thread.getByTestId("conversation-header");
        assertThat(header).containsText("Assigned to you");
        button(thread, "Hand back to bot").click();
        assertThat(header).containsText("Bot / unassigned");
        button(thread, "Take over").click();
        assertThat(header).containsText("Assigned to you");
        assertThat(button(thread, "Take over")).hasCount(0);
        button(thread, "Resolve").click();
        assertThat(thread.getByTestId("conversation-status")).hasText("Resolved");
        assertThat(button(thread, "Reopen")).isVisible();

        // resolved conversations leave the Open tab and are under Resolved
        assertThat(conversationRow).hasCount(0);
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Resolved"))
                .click();
        assertThat(conversationRow).isVisible();

        // full-text search finds it by a word of the conversation
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("All").setExact(true))
                .first()
                .click();
        page.getByLabel("Search messages").fill("ships");
        assertThat(conversationRow).isVisible();
        page.getByLabel("Search messages").fill("nonexistentword" + suffix().replaceAll("[0-9-]", ""));
        assertThat(page.getByText("No conversations here")).isVisible();
    }

    @Test
    void contactIsCreatedThroughTheDialogAfterAFieldErrorAndFoundBySearch() {
        signIn();
        openNav(page, "Contacts");
        String name = "Grace " + suffix();
        button(page, "New contact").click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))
                .fill(name);
        dialog.getByLabel("Phone").fill("12");
        dialog.getByLabel("Tags").fill("vip, e2e");
        button(dialog, "Create contact").click();

        // the server's field error is shown next to the phone field
        var phone = dialog.getByLabel("Phone");
        assertThat(phone).hasAttribute("aria-invalid", "true");
        assertThat(dialog.getByText(
                        "is not a valid phone number for region IN", new Locator.GetByTextOptions().setExact(true)))
                .isVisible();

        String number = "+9198" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        phone.fill(number);
        button(dialog, "Create contact").click();
        assertThat(dialog).hasCount(0);

        page.getByLabel("Search contacts").fill(name);
        var rows = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
        assertThat(rows).hasCount(1);
        assertThat(rows).containsText(number);
        assertThat(rows).containsText("vip");

        page.getByLabel("Search contacts").fill("nobody-" + suffix());
        assertThat(page.getByText("No contact matches")).isVisible();

        // its conversations link opens the inbox filtered to it
        page.getByLabel("Search contacts").fill(name);
        rows.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Conversations with " + name))
                .click();
        page.waitForURL(url -> url.contains("/inbox") && url.contains("contactId="));
        assertThat(page.getByText("No conversations here")).isVisible();
    }

    @Test
    void tenThousandConversationsArePagedAndOnlyTheVisibleRowsAreRendered() {
        // a fresh organisation, so the count is exact
        page.navigate("/signup");
        String org = "Busy Org " + suffix();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Busy Owner");
        page.getByLabel("Email").fill("busy-" + UUID.randomUUID() + "@example.test");
        page.getByLabel("Password").fill("correct horse battery");
        page.getByLabel("Organization name").fill(org);
        button(page, "Create account").click();
        assertThat(page.getByTestId("user-name")).isVisible();

        var owner = ownerDb();
        UUID orgId = owner.fetchSingle("select id from organizations where name = ?", org)
                .get(0, UUID.class);
        owner.execute(
                "insert into contacts (id, org_id, name) select gen_random_uuid(), ?, 'Customer ' || g"
                        + " from generate_series(1, 10000) g",
                orgId);
        owner.execute(
                "insert into conversations (id, org_id, contact_id, channel_id, last_message_at,"
                        + " last_message_preview, unread_count)"
                        + " select gen_random_uuid(), org_id, id, gen_random_uuid(),"
                        + " now() - (substring(name from 10)::int * interval '1 minute'), 'Hello from ' || name, 1"
                        + " from contacts where org_id = ?",
                orgId);
        // a bulk insert outruns autovacuum's statistics: without them the planner may pick a plan for a
        // one-row organisation and the first inbox page takes tens of seconds on a database full of other tests
        owner.execute("analyze contacts");
        owner.execute("analyze conversations");

        openNav(page, "Inbox");
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("All").setExact(true))
                .first()
                .click();
        // the first page of 10,000 (with its count) can take a while on a loaded 2-core CI machine
        assertThat(page.getByTestId("conversation-count"))
                .hasText(
                        "10000 conversations",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
        var rows = page.getByTestId("conversation-row");
        assertThat(page.getByText("Customer 1", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        assertThat(rows.count()).isLessThan(60);

        // scrolling down fetches the next pages of 50; the DOM still holds only the visible rows
        var list = page.getByTestId("conversation-list");
        var target = page.getByText("Customer 180", new Page.GetByTextOptions().setExact(true));
        for (int i = 0; i < 80 && target.count() == 0; i++) {
            list.evaluate("element => element.scrollBy(0, 1200)");
            page.waitForTimeout(200);
        }
        assertThat(target).isVisible();
        assertThat(rows.count()).isLessThan(60);
    }
}
