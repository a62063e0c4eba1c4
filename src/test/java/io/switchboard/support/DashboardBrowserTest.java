package io.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The dashboard in Debian's Chromium: one browser per test class, a fresh context per test. A test
 * fails on any JavaScript error or browser dialog (an {@code alert} would mean injected script ran).
 */
public abstract class DashboardBrowserTest extends IntegrationTest {

    private static Playwright playwright;
    private static Browser browser;
    protected BrowserContext context;
    protected Page page;
    protected final List<String> dialogs = new ArrayList<>();
    protected final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void launchChromium() {
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        page = newPage();
    }

    /** Another tab in the same session, watched like the first. */
    protected Page newPage() {
        Page opened = context.newPage();
        opened.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        opened.onPageError(pageErrors::add);
        opened.setDefaultTimeout(15_000);
        return opened;
    }

    /** Signs in through the login page as the owner of a session made by {@link #signup}. */
    protected void signInAs(tools.jackson.databind.JsonNode session) {
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(session.get("user").get("email").asString());
        page.getByLabel("Password").fill("correct horse battery");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByTestId("user-name"))
                .isVisible();
    }

    @AfterEach
    void closePage() {
        context.close();
        assertThat(pageErrors).as("JavaScript errors in the page").isEmpty();
        assertThat(dialogs).as("browser dialogs").isEmpty();
    }
}
