package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.switchboard.support.DashboardBrowserTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A knowledge base built and searched in Debian's Chromium, the way an admin does it. */
class KnowledgeE2eTests extends DashboardBrowserTest {

    private void signIn() {
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(BOOTSTRAP_EMAIL);
        page.getByLabel("Password").fill(BOOTSTRAP_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();
    }

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void anUploadedDocumentReachesReadyAndTheTestSearchCitesIt() {
        signIn();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Knowledge").setExact(true))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Knowledge")))
                .isVisible();

        String name = "Harbour guide " + UUID.randomUUID().toString().substring(0, 8);
        button(page, "New knowledge base").click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name").fill(name);
        button(page, "Create").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name)))
                .isVisible();
        assertThat(page.getByTestId("empty-state").first()).containsText("No documents yet");

        String markdown = """
                # Harbour guide

                ## Lighthouse tours
                The lighthouse tour starts at eleven in the morning from the north pier. Tickets cost eight euros.

                ## Ferries
                Ferries to the island leave every hour between seven and seven.
                """;
        page.getByLabel("Upload documents")
                .setInputFiles(
                        new FilePayload("harbour.md", "text/markdown", markdown.getBytes(StandardCharsets.UTF_8)));

        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("harbour.md"));
        assertThat(row).hasCount(1);
        // the row follows the document through the queue to ready without a reload
        assertThat(row.getByTestId("document-status"))
                .hasAttribute("data-status", "ready", new LocatorAssertions.HasAttributeOptions().setTimeout(90_000));
        assertThat(row.getByTestId("document-status")).containsText("Ready");

        page.getByLabel("Test search").fill("When does the lighthouse tour start?");
        button(page, "Search").click();
        var hit = page.getByTestId("search-hit").first();
        assertThat(hit.getByTestId("hit-document")).hasText("harbour.md");
        assertThat(hit.getByTestId("hit-section")).containsText("Harbour guide › Lighthouse tours");
        assertThat(hit).containsText("starts at eleven in the morning");
        assertThat(hit).containsText("#1");
    }
}
