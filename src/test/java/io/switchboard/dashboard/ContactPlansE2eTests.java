package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Contact plans in Debian's Chromium (manual mode): an admin creates the standard plans and one of
 * their own, puts a contact on Pro from the contact's dialog; the contact signs in on the public
 * self-service page with the code from the development OTP log, sees plan and history, and cancels.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContactPlansE2eTests extends DashboardBrowserTest {

    @org.junit.jupiter.api.BeforeEach
    void patientAssertions() {
        // the box is shared by several builds: give assertions time rather than fail on load
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    private static Locator button(Page on, String name) {
        return on.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static String codeFromLog(CapturedOutput output, String phone) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> {
                            var matcher = Pattern.compile(
                                            "DEVELOPMENT OTP DELIVERY.*to " + Pattern.quote(phone) + ": .*?(\\d{6})")
                                    .matcher(output.getAll());
                            String code = null;
                            while (matcher.find()) code = matcher.group(1);
                            return code;
                        },
                        code -> code != null);
    }

    @Test
    void anAdminManagesContactPlansAndAContactSignsInToTheirPage(CapturedOutput output) {
        String email = "plans-" + UUID.randomUUID() + "@example.test";
        var session = api.post(
                        "/api/v1/auth/signup",
                        Map.of(
                                "email", email,
                                "password", "correct horse battery",
                                "name", "Rita Resident-Manager",
                                "organizationName", "Maple Residences"),
                        null)
                .json();
        String token = session.get("accessToken").asString();
        String orgId = session.get("organization").get("id").asString();
        String agentId = api.post("/api/v1/agents", Map.of("name", "Concierge"), token)
                .json()
                .get("id")
                .asString();
        String channelId = api.post(
                        "/api/v1/channels", Map.of("type", "sandbox", "name", "Lobby", "agentId", agentId), token)
                .json()
                .get("id")
                .asString();
        String phone =
                "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(100, 10000));
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", phone, "name", "Omar Tenant", "text", "Is the <b>gym</b> open on Sundays?"),
                token);
        awaitOnlyConversation(token);

        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        button(page, "Sign in").click();
        assertThat(page.getByTestId("user-name"))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(30_000));
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Contact plans").setExact(true))
                .click();

        assertThat(page.getByTestId("empty-state")).containsText("No contact plans yet");
        assertThat(page.getByTestId("contact-billing-mode")).containsText("Manual mode");
        button(page, "Create standard plans").click();
        var table = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Contact plans"));
        assertThat(table).containsText("Free allowance");
        assertThat(table.getByRole(AriaRole.ROW)).hasCount(5);
        assertThat(table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Pro")))
                .containsText("90 days");

        button(page, "New contact plan").click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))
                .fill("Penthouse");
        dialog.getByLabel("Price", new Locator.GetByLabelOptions().setExact(true))
                .fill("49.50");
        dialog.getByLabel("AI replies per period", new Locator.GetByLabelOptions().setExact(true))
                .fill("5000");
        dialog.getByLabel("History (days)", new Locator.GetByLabelOptions().setExact(true))
                .fill("365");
        button(page, "Create plan").click();
        assertThat(dialog).isHidden();
        assertThat(table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Penthouse")))
                .containsText("5,000");

        // the contact's dialog shows their plan; the admin puts them on Pro
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Contacts").setExact(true))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit Omar Tenant"))
                .click();
        var panel = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Contact plan"));
        assertThat(panel.getByTestId("contact-plan-name")).hasText("Free");
        assertThat(panel).containsText("Free allowance");
        panel.getByLabel("Contact plan")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Pro"));
        button(page, "Assign").click();
        assertThat(panel.getByTestId("contact-plan-name")).hasText("Pro");
        assertThat(panel).containsText("History kept: 90 days");

        // the contact's own page, signed in with the code sent to their phone (the dev log here)
        Page portal = newPage();
        portal.navigate("/portal/" + orgId);
        portal.getByLabel("Phone number").fill(phone);
        button(portal, "Send code").click();
        assertThat(portal.getByText("the code is in the server log")).isVisible();
        portal.getByLabel("Code").fill(codeFromLog(output, phone));
        button(portal, "Sign in").click();
        assertThat(portal.getByTestId("portal-plan-name")).hasText("Pro");
        assertThat(portal.getByTestId("portal-usage")).containsText("/ 1,000");
        var messages = portal.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Messages"));
        // chat text is shown as text, never as markup
        assertThat(messages).containsText("Is the <b>gym</b> open on Sundays?");
        assertThat(portal.getByText("ask our team in the chat")).isVisible();

        button(portal, "Cancel my plan").click();
        button(portal, "Cancel plan").click();
        assertThat(portal.getByTestId("portal-plan-name")).hasText("Free");

        // the admin sees the change on the contact
        page.reload();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit Omar Tenant"))
                .click();
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Contact plan"))
                        .getByTestId("contact-plan-name"))
                .hasText("Free");
    }
}
