package io.switchboard.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Webhooks page in Debian's Chromium against a local receiver (WireMock on http://localhost). */
class WebhooksE2eTests extends DashboardBrowserTest {

    static final WireMockServer RECEIVER = startReceiver();

    private static WireMockServer startReceiver() {
        var server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The machine running these is shared and slow: a lazy route plus a query can take over 5 s. */
    @org.junit.jupiter.api.BeforeEach
    void patientAssertions() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @Test
    void anAdminAddsAnEndpointSeesTheSecretOnceSendsATestAndReadsTheDeliveryLog() {
        String path = "/e2e/" + UUID.randomUUID();
        RECEIVER.stubFor(post(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(200).withBody("received <b>ok</b>")));
        String email = "hooks-" + UUID.randomUUID() + "@example.test";
        api.post(
                "/api/v1/auth/signup",
                Map.of(
                        "email",
                        email,
                        "password",
                        "correct horse battery",
                        "name",
                        "Hook Admin",
                        "organizationName",
                        "Hook Shop"),
                null);

        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        button(page, "Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Webhooks").setExact(true))
                .click();
        page.waitForURL("**/webhooks");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Webhooks")))
                .isVisible();
        assertThat(page.getByTestId("empty-state")).containsText("No webhook endpoints yet");

        // a refused URL: the problem names the field
        button(page, "Add endpoint").click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest");
        dialog.getByLabel("contact.created").check();
        assertThat(dialog.getByLabel("call.completed (coming soon)")).isDisabled();
        button(page, "Add endpoint").last().click();
        assertThat(dialog).containsText("link-local");

        String url = "http://localhost:" + RECEIVER.port() + path;
        dialog.getByLabel("Endpoint URL").fill(url);
        dialog.getByLabel("Description").fill("CRM <script>sync</script>");
        button(page, "Add endpoint").last().click();
        var secret = dialog.getByTestId("webhook-secret");
        assertThat(secret).containsText("whsec_");
        String shown = secret.textContent().trim();
        button(page, "Copy").click();
        assertThat(button(page, "Copied")).isVisible();
        org.assertj.core.api.Assertions.assertThat(page.evaluate("navigator.clipboard.readText()"))
                .isEqualTo(shown);
        button(page, "Done").click();
        assertThat(dialog).isHidden();
        assertThat(page.getByText(shown)).hasCount(0); // shown once

        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(url));
        assertThat(row).containsText("CRM <script>sync</script>");
        assertThat(row).containsText("Enabled");

        button(page, "Send a test event to " + url).click();
        var status = page.getByTestId("delivery-status").first();
        assertThat(status).hasText("Delivered");
        RECEIVER.verify(1, postRequestedFor(urlPathEqualTo(path)));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Details of webhook.test"))
                .first()
                .click();
        var details = page.getByRole(AriaRole.DIALOG);
        assertThat(details).containsText("webhook-signature: v1,");
        assertThat(details).containsText("HTTP 200");
        assertThat(details).containsText("received <b>ok</b>");
        page.keyboard().press("Escape");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resend webhook.test"))
                .first()
                .click();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() ->
                        RECEIVER.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 2);
        // the log refreshes by itself: the same delivery, now with two attempts
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Deliveries"))
                        .getByRole(AriaRole.ROW)
                        .nth(1))
                .containsText("Delivered2");

        // disable: the log says why nothing is sent
        button(page, "Disable " + url).click();
        assertThat(row).containsText("Disabled");
        assertThat(page.getByTestId("disabled-reason")).containsText("Disabled by an administrator");

        // rotate: a new secret, shown once
        button(page, "Rotate the secret of " + url).click();
        button(page, "Rotate").click();
        assertThat(page.getByTestId("webhook-secret")).containsText("whsec_");
        assertThat(page.getByTestId("webhook-secret")).not().hasText(shown);
        button(page, "Done").click();
    }
}
