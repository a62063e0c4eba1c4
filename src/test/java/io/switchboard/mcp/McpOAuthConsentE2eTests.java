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
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An assistant sends the user to /oauth2/authorize; the user signs in, lands on the consent page,
 * limits the assistant to one tool and allows; the browser returns to the assistant with a code, the
 * assistant's token sees that one tool, and the user disconnects it on the AI assistants page.
 */
class McpOAuthConsentE2eTests extends DashboardBrowserTest {

    @Test
    void userApprovesAnAssistantOnTheConsentPageAndDisconnectsIt() throws Exception {
        var session = signup("E2E OAuth");
        String base = "http://localhost:" + port;
        String redirect = base + "/assistant-callback";
        String clientId = api.post(
                        "/oauth2/register",
                        Map.of(
                                "redirect_uris",
                                List.of(redirect),
                                "client_name",
                                "E2E Assistant",
                                "token_endpoint_auth_method",
                                "none"),
                        null)
                .json()
                .get("client_id")
                .asString();
        String verifier = (UUID.randomUUID() + "" + UUID.randomUUID()).replace("-", "");
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        page.navigate("/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=e2e-state&resource="
                + URLEncoder.encode(base + "/mcp", StandardCharsets.UTF_8));
        // not signed in: the sign-in page first, then back to the consent page
        page.getByLabel("Email").fill(session.get("user").get("email").asString());
        page.getByLabel("Password").fill("correct horse battery");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Connect E2E Assistant?")))
                .isVisible();
        assertThat(page.getByTestId("oauth-client-name")).hasText("E2E Assistant");
        assertThat(page.getByLabel("Organisation")).containsText("E2E OAuth");
        page.getByLabel("Only some tools").check();
        var allow = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow"));
        assertThat(allow).isDisabled();
        page.getByLabel("get_credit_balance").check();
        allow.click();

        page.waitForURL(url -> url.startsWith(redirect + "?"));
        Map<String, String> query = query(URI.create(page.url()));
        assertThat(query).containsEntry("state", "e2e-state").containsEntry("iss", base);

        var tokens = api.send(api.request("/oauth2/token", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + query.get("code")
                        + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&client_id="
                        + clientId + "&code_verifier=" + verifier)));
        assertThat(tokens.status()).as(tokens.raw()).isEqualTo(200);
        String accessToken = tokens.json().get("access_token").asString();
        var transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + accessToken))
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .build();
        try (var client = McpClient.sync(transport).build()) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactly("get_credit_balance");
        }

        page.navigate("/ai-assistants");
        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("E2E Assistant"));
        assertThat(row).containsText("get_credit_balance");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disconnect E2E Assistant"))
                .click();
        page.getByRole(AriaRole.ALERTDIALOG)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disconnect"))
                .click();
        assertThat(page.getByText("No assistants connected with OAuth")).isVisible();
        var ping = api.send(api.request("/mcp", accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
        assertThat(ping.status()).isEqualTo(401);
    }

    private static Map<String, String> query(URI uri) {
        var map = new LinkedHashMap<String, String>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            map.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }
}
