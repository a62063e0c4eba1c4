package io.switchboard.llm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An admin adds an AI provider in the dashboard, tests it against a fake OpenAI, and leaves offline mode. */
class LlmProvidersE2eTests extends DashboardBrowserTest {

    private static WireMockServer openAi;

    @BeforeAll
    static void fakeOpenAi() {
        openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        openAi.start();
        LlmFakes.openAi(openAi, "", "sk-e2e-secret-key", LlmFakes.openAiAnswer("pong", 21, 1));
    }

    @AfterAll
    static void stopFake() {
        openAi.stop();
    }

    @Test
    void adminAddsAProviderTestsItAndLeavesOfflineMode() {
        var session = signup("E2E providers");
        String email = session.get("user").get("email").asString();
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("AI providers").setExact(true))
                .click();
        assertThat(page.getByTestId("llm-offline-banner")).isVisible();
        assertThat(page.getByTestId("llm-mode")).hasText("Offline mode");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add provider"))
                .first()
                .click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Provider").selectOption("openai");
        dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))
                .fill("Fake OpenAI");
        dialog.getByLabel("Base URL").fill(openAi.baseUrl() + "/v1");
        dialog.getByLabel("API key").fill("sk-e2e-secret-key");
        dialog.getByLabel("Model").fill("gpt-4o-mini");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add provider"))
                .click();
        assertThat(dialog).isHidden();

        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Fake OpenAI"));
        assertThat(row.getByTestId("key-set")).hasText("Key set");
        assertThat(page.getByTestId("llm-offline-banner")).isHidden();
        assertThat(page.getByTestId("llm-mode")).hasText("Providers mode");

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test Fake OpenAI"))
                .click();
        assertThat(page.getByTestId("provider-test-result")).containsText("Fake OpenAI answered");
        assertThat(page.getByTestId("provider-test-result")).containsText("“pong”");

        // the key went to the provider and never comes back to the browser
        openAi.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/chat/completions"))
                .withHeader(
                        "Authorization",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk-e2e-secret-key")));
        assertThat(page.content()).doesNotContain("sk-e2e-secret-key");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit Fake OpenAI"))
                .click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByLabel("API key")).hasValue("");
        assertThat(page.getByRole(AriaRole.DIALOG).getByLabel("API key"))
                .hasAttribute("placeholder", "Key set: type a new one to replace it");
    }
}
