package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.CustomerSite;
import io.switchboard.support.DashboardBrowserTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agents in Debian's Chromium: built and tried in the dashboard, answering on the web chat widget. */
class AgentsE2eTests extends DashboardBrowserTest {

    private static CustomerSite site;

    @BeforeAll
    static void startSite() throws IOException {
        // a customer's plain HTML page on another origin
        site = CustomerSite.start();
    }

    @AfterAll
    static void stopSite() {
        if (site != null) site.close();
    }

    private void signIn() {
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(BOOTSTRAP_EMAIL);
        page.getByLabel("Password").fill(BOOTSTRAP_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();
    }

    private static Locator button(Locator within, String name) {
        return within.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void openNav(Page on, String label) {
        on.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(label).setExact(true))
                .click();
    }

    @Test
    void anAgentIsCreatedTriedInThePlaygroundAndItsTraceShown() {
        signIn();
        openNav(page, "Agents");
        String name = "Front desk " + UUID.randomUUID().toString().substring(0, 6);
        button(page, "New agent").first().click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))
                .fill(name);
        dialog.getByLabel("Instructions").fill("You are the front desk of Hotel Nova.");
        button(dialog, "Create agent").click();
        assertThat(page.getByTestId("agent-name")).hasText(name);
        assertThat(page.getByTestId("agent-mode")).hasText("Offline");
        assertThat(page.getByTestId("agent-channels")).containsText("Not answering on any channel");

        // a rule, saved, then tried at once in the playground beside the editor
        var settings = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Agent settings"));
        settings.getByLabel("Keywords").fill("complaint, lawyer");
        settings.getByLabel("Handoff", new Locator.GetByLabelOptions().setExact(true))
                .fill("A teammate from Hotel Nova will reply shortly.");
        button(settings, "Save agent").click();
        assertThat(settings.getByRole(AriaRole.STATUS)).hasText("Saved.");

        var playground = page.getByTestId("playground");
        playground.getByLabel("Message to the agent").fill("I want to file a complaint <script>alert(1)</script>");
        button(playground, "Ask").click();
        var reply = playground.getByTestId("playground-reply").last();
        assertThat(reply).containsText("A teammate from Hotel Nova will reply shortly.");
        assertThat(reply.getByTestId("playground-handoff")).containsText("keyword \"complaint\"");
        var trace = playground.getByTestId("agent-trace");
        assertThat(trace.getByTestId("trace-outcome")).hasText("handoff");
        assertThat(trace.getByTestId("trace-steps")).containsText("handoff_rules");
        assertThat(trace.getByTestId("trace-steps")).containsText("entities");
        assertThat(trace).containsText("offline mode");

        // the list shows it
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All agents"))
                .click();
        assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name)))
                .containsText("offline");
    }

    @Test
    void thePlaygroundAnswersFromAKnowledgeBaseWithACitationAndTheRetrievedChunks() {
        signIn();
        String owner = token(loginBootstrapOwner());
        String kb = api.post("/api/v1/knowledge-bases", Map.of("name", "Nova guide " + UUID.randomUUID()), owner)
                .json()
                .get("id")
                .asString();
        var uploaded = api.upload(
                "/api/v1/knowledge-bases/" + kb + "/documents",
                "file",
                "guide.md",
                "text/markdown",
                "# Hotel Nova\n\n## Pool\n\nThe rooftop pool is open from 8 am to 8 pm.\n\n## Parking\n\nParking costs 20 euros per night.\n"
                        .getBytes(StandardCharsets.UTF_8),
                owner);
        String documentId = uploaded.json().get("id").asString();
        await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> api.get("/api/v1/knowledge-bases/" + kb + "/documents/" + documentId, owner)
                                .json()
                                .get("status")
                                .asString(),
                        "ready"::equals);
        String name = "Concierge " + UUID.randomUUID().toString().substring(0, 6);
        String agentId = api.post(
                        "/api/v1/agents",
                        Map.of("name", name, "settings", Map.of("knowledgeBaseIds", List.of(kb))),
                        owner)
                .json()
                .get("id")
                .asString();

        page.navigate("/agents/" + agentId);
        assertThat(page.getByTestId("agent-name")).hasText(name);
        var playground = page.getByTestId("playground");
        playground.getByLabel("Message to the agent").fill("When is the pool open?");
        button(playground, "Ask").click();
        assertThat(playground.getByTestId("playground-reply").last()).containsText("8 am to 8 pm");
        assertThat(playground.getByTestId("playground-citations")).containsText("Pool");
        var trace = playground.getByTestId("agent-trace");
        assertThat(trace.getByTestId("trace-outcome")).hasText("replied");
        assertThat(trace.getByTestId("trace-chunks")).containsText("cited");
        assertThat(trace.getByTestId("trace-chunks")).containsText("score");
        assertThat(trace.getByTestId("trace-providers")).containsText("ok");
        assertThat(trace.getByTestId("trace-steps")).containsText("knowledge_search");
    }

    @Test
    void aWidgetOnAPlainPageTalksToAnAgentThenAPersonTakesOverAndTheVisitorSeesItLive() {
        signIn();
        String owner = token(loginBootstrapOwner());
        String siteOrigin = site.origin();
        String agentId = api.post(
                        "/api/v1/agents",
                        Map.of(
                                "name",
                                "Shop bot",
                                "settings",
                                Map.of(
                                        "messages", Map.of("fallback", "I'm the Acme bot and I don't know that yet."),
                                        "handoff", Map.of("maxFailedAnswers", 0))),
                        owner)
                .json()
                .get("id")
                .asString();
        var channel = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        "webchat",
                        "name",
                        "Acme site " + UUID.randomUUID().toString().substring(0, 6),
                        "agentId",
                        agentId,
                        "config",
                        Map.of("allowedOrigins", siteOrigin)),
                owner);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(201);
        String channelId = channel.json().get("id").asString();
        site.serve("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title></head>
                <body><h1>Acme</h1>
                <script src="http://localhost:%d/widget.js" data-channel="%s" async></script>
                </body></html>
                """.formatted(port, channel.json().get("publicId").asString()));

        Page visitor = newPage();
        visitor.navigate(siteOrigin + "/");
        var widget = visitor.locator("#switchboard-chat");
        widget.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open chat"))
                .click();
        var chat = widget.getByRole(AriaRole.DIALOG);
        var input = chat.getByLabel("Message", new Locator.GetByLabelOptions().setExact(true));
        input.fill("Do you sell blue kettles?");
        input.press("Enter");
        var log = chat.getByRole(AriaRole.LOG);
        // the agent answers on its own
        assertThat(log).containsText("I'm the Acme bot and I don't know that yet.");

        String conversationId = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations?channelId=" + channelId, owner)
                                .json(),
                        p -> p.get("totalItems").asInt() == 1)
                .get("items")
                .get(0)
                .get("id")
                .asString();

        // a person takes over in the inbox and answers; the visitor sees it live
        page.navigate("/inbox/" + conversationId);
        var thread = page.getByTestId("conversation-thread");
        assertThat(thread.getByTestId("message").filter(new Locator.FilterOptions().setHasText("Acme bot")))
                .containsText("Bot");
        // "Why?" on the bot's message shows the trace of that answer
        var why = thread.getByTestId("why").first();
        why.locator("summary").click();
        assertThat(why.getByTestId("trace-outcome")).hasText("fallback");
        assertThat(why.getByTestId("trace-steps")).containsText("llm");
        button(thread, "Take over").click();
        assertThat(thread.getByTestId("conversation-header")).containsText("Assigned to you");
        var reply = thread.getByLabel("Reply", new Locator.GetByLabelOptions().setExact(true));
        reply.fill("Hi, Sam here: yes, 2 left!");
        reply.press("Enter");
        assertThat(log).containsText("Hi, Sam here: yes, 2 left!");

        // the person holds the conversation now: the bot stays silent
        input.fill("Great, I'll take one");
        input.press("Enter");
        assertThat(thread.getByTestId("message").filter(new Locator.FilterOptions().setHasText("I'll take one")))
                .isVisible();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        var messages = api.get("/api/v1/conversations/" + conversationId + "/messages?size=50", owner)
                .json()
                .get("items");
        long botMessages = 0;
        for (var m : messages) if ("agent".equals(m.get("senderType").asString())) botMessages++;
        assertThat(botMessages).isEqualTo(1);
        assertThat(List.of(pageErrors.size())).containsExactly(0);
    }
}
