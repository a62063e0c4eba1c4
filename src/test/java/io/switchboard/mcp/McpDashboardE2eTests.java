package io.switchboard.mcp;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.switchboard.support.DashboardBrowserTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An admin reads how to connect an AI assistant, creates a key limited to one tool on the API keys
 * screen, and an MCP client with that key sees only that tool.
 */
class McpDashboardE2eTests extends DashboardBrowserTest {

    @Test
    void adminConnectsAnAssistantWithAKeyLimitedToOneTool() {
        var session = signup("E2E assistants");
        page.navigate("/login");
        page.getByLabel("Email").fill(session.get("user").get("email").asString());
        page.getByLabel("Password").fill("correct horse battery");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("AI assistants (MCP)"))
                .click();
        String endpoint = "http://localhost:" + port + "/mcp";
        assertThat(page.getByTestId("mcp-endpoint")).hasText(endpoint);
        assertThat(page.getByText("simulation mode (no phone rings)")).isVisible();
        assertThat(page.getByLabel("Stdio bridge command"))
                .hasText("java -jar switchboard.jar mcp --url " + endpoint + " --api-key <API key>");
        assertThat(page.getByLabel("Claude Desktop and other stdio clients (claude_desktop_config.json)"))
                .containsText("\"mcpServers\"");
        var tools = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("MCP tools"));
        assertThat(tools.getByRole(AriaRole.ROW)).hasCount(14); // header + 13 tools
        assertThat(tools.getByRole(
                        AriaRole.ROW,
                        new Locator.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^place_call "))))
                .containsText("write key");

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("API keys").setExact(true))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create API key"))
                .click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name").fill("Claude Desktop");
        dialog.getByLabel("Limit to some tools").check();
        assertThat(dialog.getByText("Pick at least one tool, or turn the limit off."))
                .isVisible();
        dialog.getByLabel("get_credit_balance").check();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create key"))
                .click();
        String key = dialog.getByTestId("new-api-key").textContent().trim();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done"))
                .first()
                .click();
        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Claude Desktop"));
        assertThat(row).containsText("get_credit_balance");

        var transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .build();
        try (var client = McpClient.sync(transport).build()) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactly("get_credit_balance");
        }
    }
}
