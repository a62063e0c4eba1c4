package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.switchboard.support.DashboardBrowserTest;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Files and quick replies in the inbox composer, in Debian's Chromium. */
class InboxMediaE2eTests extends DashboardBrowserTest {

    @Test
    void imageUploadedInTheComposerIsShownInTheThreadAndAQuickReplyIsInsertedWithSlash() throws Exception {
        var session = signup("Media E2E Org");
        String token = token(session);
        String email = session.get("user").get("email").asString();
        String customer = "Ada " + UUID.randomUUID().toString().substring(0, 6);
        String conversationId = sandboxConversation(token, "+14155550177", customer, "Can you send the floor plan?");
        var quickReply = api.post(
                "/api/v1/quick-replies",
                Map.of(
                        "shortcut",
                        "thanks",
                        "title",
                        "Thank you",
                        "body",
                        "Thanks {{contact.first_name|there}}, we will be in touch."),
                token);
        assertThat(quickReply.status()).isEqualTo(201);
        api.post(
                "/api/v1/quick-replies",
                Map.of("shortcut", "hours", "title", "Opening hours", "body", "We are open 9 to 5."),
                token);

        signIn(email);
        page.navigate("/inbox/" + conversationId);
        var composer = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Composer"));
        assertThat(composer).isVisible();

        // attach an image: it uploads, goes out on the sandbox and shows inline through its signed link
        page.getByTestId("attachment-input").setInputFiles(new FilePayload("floor-plan.png", "image/png", png()));
        var image = page.getByTestId("message").getByTestId("message-image");
        assertThat(image).isVisible();
        assertThat(image).hasAttribute("src", java.util.regex.Pattern.compile(".*/api/v1/files/attachments_.*sig=.*"));
        page.waitForCondition(() -> (Boolean) image.evaluate("img => img.complete && img.naturalWidth === 12"));
        assertThat(page.getByTestId("message")
                        .filter(new Locator.FilterOptions().setHas(page.getByTestId("message-image")))
                        .getByTestId("delivery-state"))
                .hasAttribute("data-state", "delivered");

        // "/" opens the quick replies, filtered as you type and chosen with the keyboard
        var reply = composer.getByLabel("Reply");
        reply.click();
        reply.pressSequentially("/");
        var picker = page.getByTestId("quick-reply-picker");
        assertThat(picker.getByRole(AriaRole.OPTION)).hasCount(2);
        reply.pressSequentially("th");
        assertThat(picker.getByRole(AriaRole.OPTION)).hasCount(1);
        assertThat(picker.getByRole(AriaRole.OPTION)).containsText("/thanks");
        reply.press("Enter");
        assertThat(reply).hasValue("Thanks " + customer.split(" ")[0] + ", we will be in touch.");
        assertThat(picker).isHidden();
        reply.press("Enter");
        assertThat(page.getByTestId("message").last()).containsText("we will be in touch.");

        // Escape closes the picker and leaves the text alone
        reply.pressSequentially("/ho");
        assertThat(picker).isVisible();
        reply.press("Escape");
        assertThat(picker).isHidden();
        assertThat(reply).hasValue("/ho");

        // the management page lists them
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Quick replies").setExact(true))
                .click();
        assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("/thanks")))
                .containsText("Thank you");
    }

    private void signIn(String email) {
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();
    }

    private static byte[] png() throws Exception {
        var image = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x4f46e5));
        g.fillRect(0, 0, 12, 8);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
