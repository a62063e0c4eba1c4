package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.Chromium;
import io.switchboard.support.CustomerSite;
import io.switchboard.support.IntegrationTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat widget embedded in someone else's site (another origin, hostile CSS), in Debian's
 * Chromium: a visitor writes, a person answers from the API, the reply shows up live, and the
 * conversation survives a reload.
 */
class WidgetE2eTests extends IntegrationTest {

    private static Playwright playwright;
    private static Browser browser;
    private static CustomerSite site;
    private BrowserContext context;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void launch() throws IOException {
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
        // the customer's website: another origin (other port) than the Switchboard server
        site = CustomerSite.start();
    }

    @AfterAll
    static void close() {
        if (site != null) site.close();
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
    }

    @BeforeEach
    void openContext() {
        context = browser.newContext();
        page = context.newPage();
        page.onPageError(pageErrors::add);
        page.setDefaultTimeout(15_000);
    }

    @AfterEach
    void closeContext() {
        context.close();
        assertThat(pageErrors).as("JavaScript errors in the page").isEmpty();
    }

    private String siteOrigin() {
        return site.origin();
    }

    private String hostPage(String publicId) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
                <style>
                  /* a hostile stylesheet: none of it may reach the widget */
                  button { background: red !important; font-size: 40px !important; color: yellow !important; }
                  div { font-family: "Comic Sans MS", serif !important; }
                  body { font-size: 30px; color: green; }
                </style></head>
                <body>
                  <h1>Acme shop</h1>
                  <button id="host-button">Buy now</button>
                  <script src="http://localhost:%d/widget.js" data-channel="%s" async></script>
                </body></html>
                """.formatted(port, publicId);
    }

    @Test
    void visitorChatsWithAPersonLiveAndKeepsTheConversationAcrossReloads() {
        String owner = token(signup("Widget Org"));
        var channel = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        "webchat",
                        "name",
                        "Acme website",
                        "config",
                        Map.of("allowedOrigins", siteOrigin(), "themeColor", "#0f766e", "greeting", "Hi from Acme!")),
                owner);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(201);
        String channelId = channel.json().get("id").asString();
        site.serve(hostPage(channel.json().get("publicId").asString()));

        page.navigate(siteOrigin() + "/");
        Locator widget = page.locator("#switchboard-chat");
        Locator launcher = widget.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open chat"));
        launcher.click();
        Locator dialog = widget.getByRole(AriaRole.DIALOG);
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("Hi from Acme!");
        Locator input = dialog.getByLabel("Message", new Locator.GetByLabelOptions().setExact(true));
        assertThat(input).isFocused();

        // the host page's CSS does not change the widget's look
        assertThat(page.locator("#host-button")).hasCSS("background-color", "rgb(255, 0, 0)");
        Locator send = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send"));
        assertThat(send).hasCSS("background-color", "rgb(15, 118, 110)");
        assertThat(send).not().hasCSS("font-size", "40px");
        Object launcherStyle = page.evaluate(
                "() => { const b = document.querySelector('#switchboard-chat').shadowRoot.querySelector('.launcher');"
                        + " const s = getComputedStyle(b); return [s.backgroundColor, s.fontSize, s.color]; }");
        assertThat(launcherStyle.toString()).contains("rgb(15, 118, 110)").doesNotContain("40px");
        assertThat(dialog.getByRole(AriaRole.LOG))
                .hasCSS("font-family", java.util.regex.Pattern.compile("^(?!.*Comic).*"));

        input.fill("Is the blue kettle in stock?");
        input.press("Enter");
        Locator log = dialog.getByRole(AriaRole.LOG);
        assertThat(log).containsText("Is the blue kettle in stock?");
        assertThat(input).hasValue("");

        // a person answers from the inbox (through the API) and the visitor sees it without reloading
        String conversationId = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations?channelId=" + channelId, owner)
                                .json(),
                        p -> p.get("totalItems").asInt() == 1)
                .get("items")
                .get(0)
                .get("id")
                .asString();
        var reply = api.post(
                "/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", "Yes! <b>2 left</b> <img src=x onerror=alert(1)>"),
                owner);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(log).containsText("Yes! <b>2 left</b> <img src=x onerror=alert(1)>");
        assertThat(log.locator("img")).hasCount(0);

        // Escape closes the dialog and gives focus back to the bubble
        input.press("Escape");
        assertThat(dialog).isHidden();
        assertThat(widget.locator(".launcher")).isFocused();

        // after a reload the conversation is still there
        page.reload();
        widget.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open chat"))
                .click();
        assertThat(log).containsText("Is the blue kettle in stock?");
        assertThat(log).containsText("2 left");
        assertThat(page.locator("#switchboard-chat")).hasCount(1);
    }

    @Test
    void aPreChatFormAsksForTheConfiguredFieldsFirst() {
        String owner = token(signup("Widget Pre-chat Org"));
        var channel = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        "webchat",
                        "name",
                        "Support",
                        "config",
                        Map.of(
                                "allowedOrigins",
                                siteOrigin(),
                                "preChatFields",
                                "name,email",
                                "position",
                                "bottom-left")),
                owner);
        String channelId = channel.json().get("id").asString();
        site.serve(hostPage(channel.json().get("publicId").asString()));

        page.navigate(siteOrigin() + "/");
        Locator widget = page.locator("#switchboard-chat");
        widget.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open chat"))
                .click();
        Locator dialog = widget.getByRole(AriaRole.DIALOG);
        Locator name = dialog.getByLabel("Your name");
        assertThat(name).isFocused();
        name.fill("Noor");
        dialog.getByLabel("Email").fill("noor@example.test");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start chat"))
                .click();
        Locator input = dialog.getByLabel("Message", new Locator.GetByLabelOptions().setExact(true));
        assertThat(input).isFocused();
        input.fill("Where is my order?");
        input.press("Enter");
        assertThat(dialog.getByRole(AriaRole.LOG)).containsText("Where is my order?");
        var conversation = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations?channelId=" + channelId, owner)
                                .json(),
                        p -> p.get("totalItems").asInt() == 1)
                .get("items")
                .get(0);
        assertThat(conversation.get("contactName").asString()).isEqualTo("Noor");
        // bottom-left: the bubble sits on the left edge
        double x = widget.locator(".launcher").boundingBox().x;
        assertThat(x).isLessThan(100);
    }
}
