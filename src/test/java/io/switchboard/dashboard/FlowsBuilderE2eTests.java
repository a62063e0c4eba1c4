package io.switchboard.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.Position;
import io.switchboard.support.DashboardBrowserTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flow built on the canvas the way a person does it: nodes dragged from the palette, outputs
 * connected by dragging handles, published, then talked to in the simulator (real Chromium).
 */
class FlowsBuilderE2eTests extends DashboardBrowserTest {

    private void signIn() {
        // the machine is shared: saving, publishing and simulating may take longer than the 5 s default
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        page.setViewportSize(1680, 1050);
        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(BOOTSTRAP_EMAIL);
        page.getByLabel("Password").fill(BOOTSTRAP_PASSWORD);
        button("Sign in").click();
        assertThat(page.getByTestId("user-name")).isVisible();
    }

    private Locator button(String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private void dropFromPalette(String type, double x, double y) {
        page.getByTestId("palette-" + type)
                .dragTo(
                        page.getByTestId("flow-canvas"),
                        new Locator.DragToOptions().setTargetPosition(new Position(x, y)));
    }

    /** Drags from an output handle to a node's input handle with the mouse, as React Flow expects. */
    private void connect(String sourceHandle, String targetNode) {
        BoundingBox from = page.getByTestId(sourceHandle).boundingBox();
        BoundingBox to = page.getByTestId("handle-in-" + targetNode).boundingBox();
        page.mouse().move(from.x + from.width / 2, from.y + from.height / 2);
        page.mouse().down();
        page.mouse().move(to.x + to.width / 2, to.y + to.height / 2, new Mouse.MoveOptions().setSteps(12));
        page.mouse().up();
    }

    /** Set once the flow exists; deleted after the test. */
    private String flowId;

    /**
     * The flow is published in the demo organisation that other browser tests share, and its start
     * trigger (new conversation) would answer their web chat and sandbox conversations.
     */
    @AfterEach
    void deleteTheFlow() {
        if (flowId != null) {
            org.assertj.core.api.Assertions.assertThat(
                            api.delete("/api/v1/flows/" + flowId, token(loginBootstrapOwner()))
                                    .status())
                    .isEqualTo(204);
        }
    }

    @Test
    void aFourNodeFlowBuiltByDraggingIsPublishedAndAnswersInTheSimulator() {
        signIn();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Flows").setExact(true))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Flows")))
                .isVisible();

        String name = "Greeter " + UUID.randomUUID().toString().substring(0, 8);
        button("Create flow").first().click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name").fill(name);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create"))
                .click();
        assertThat(page.getByLabel("Flow name")).hasValue(name);
        assertThat(page.getByTestId("flow-node-n1")).isVisible();
        flowId = page.url().replaceAll(".*/flows/([^/?#]+).*", "$1");

        // three nodes dragged from the palette onto free spots of the canvas; each opens its editor
        BoundingBox canvas = page.getByTestId("flow-canvas").boundingBox();
        dropFromPalette("question", 100, canvas.height * 0.15);
        assertThat(page.getByTestId("flow-node-n2")).isVisible();
        field("Prompt").fill("What is your name?");
        field("Save answer to variable").fill("name");

        dropFromPalette("message", canvas.width - 140, canvas.height * 0.15);
        assertThat(page.getByTestId("flow-node-n3")).isVisible();
        field("Text").fill("Nice to meet you, {{name}}!");

        dropFromPalette("end", canvas.width - 140, canvas.height * 0.85);
        assertThat(page.getByTestId("flow-node-n4")).isVisible();

        // lay them out top to bottom, then wire the outputs: start → question → message → end
        button("Auto-layout").click();
        connect("handle-n1-next", "n2");
        connect("handle-n2-next", "n3");
        connect("handle-n3-next", "n4");
        assertThat(page.locator(".react-flow__edge")).hasCount(3);

        // autosave, then publish the draft as version 1
        assertThat(page.getByTestId("save-state")).hasText("Saved");
        assertThat(page.getByTestId("error-count")).hasCount(0);
        button("Publish").click();
        assertThat(page.getByTestId("builder-notice")).hasText("Published version 1.");

        // talk to the draft: the question is asked, the answer is stored and used in the reply
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Simulator"))
                .click();
        page.getByLabel("Message to the flow").fill("hi");
        button("Send").click();
        assertThat(page.getByTestId("sim-bot").last()).hasText("What is your name?");
        assertThat(page.getByTestId("flow-node-n2")).hasAttribute("data-active", "true");

        page.getByLabel("Message to the flow").fill("Ada");
        button("Send").click();
        assertThat(page.getByTestId("simulator-log")).containsText("Nice to meet you, Ada!");
        assertThat(page.getByTestId("simulator-variables")).containsText("Ada");

        // the published version is listed
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Versions"))
                .click();
        assertThat(page.getByTestId("versions-list")).containsText("v1");
    }
}
