package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import io.switchboard.support.MailboxSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Walks every endpoint in the OpenAPI document and tries organisation A's objects with organisation
 * B's owner token: each must answer 404, and every list must leave A's objects out. A new endpoint
 * with a path parameter fails this test until it has a fixture below.
 */
class TenantIsolationWebTests extends IntegrationTest {

    /**
     * Public paths whose parameter is not an object of the caller's organisation: a secret from a
     * mail, or a provider webhook authenticated by its signature (WebhookSignatureTests).
     */
    private static final Set<String> TOKEN_PATHS = Set.of(
            "/api/v1/auth/invitations/{token}",
            "/webhooks/{provider}/{channelId}",
            "/webhooks/{provider}/{channelId}/status",
            // Bland's call webhook: authenticated by its HMAC signature (BlandCallsWebTests)
            "/webhooks/bland/{orgId}",
            // the web chat widget's public API: a channel's public id plus a visitor token
            // (WebchatChannelWebTests), never a signed-in user of an organisation
            "/api/v1/webchat/{publicId}/config",
            "/api/v1/webchat/{publicId}/sessions",
            "/api/v1/webchat/{publicId}/messages",
            "/api/v1/webchat/{publicId}/stream",
            // a file through a signed link: the signature is the credential, bound to the file's
            // organisation (StorageWebTests: another organisation's link answers 404)
            "/api/v1/files/{key}",
            // platform administration (super admins only): plans are platform data, and any other
            // caller gets the same 403 for every organisation id (BillingWebTests)
            "/api/v1/admin/plans/{id}",
            "/api/v1/admin/organizations/{id}/plan",
            // contacts' self-service page: public, the organisation id names whose page it is and a
            // contact token (never a user's) carries the contact (ContactPlansWebTests: a token of
            // one contact or organisation never reads another's)
            "/api/v1/portal/{orgId}/plans",
            "/api/v1/portal/{orgId}/otp",
            "/api/v1/portal/{orgId}/verify",
            // an MCP client's parked authorization request: the handle is a secret from the authorize
            // redirect that any signed-in user may answer for their own organisations only
            // (McpOAuthWebTests: approving for an organisation one is not a member of answers 404)
            "/api/v1/oauth/requests/{handle}",
            "/api/v1/oauth/requests/{handle}/decision");

    @Test
    void anotherOrganisationsObjectsAre404OnEveryEndpoint() {
        var a = signup("Isolation A");
        var b = signup("Isolation B");
        String tokenA = token(a);
        String tokenB = token(b);

        String keyId = api.post("/api/v1/api-keys", Map.of("name", "A's key", "scopes", List.of("read")), tokenA)
                .json()
                .get("id")
                .asString();
        String oauthGrantId =
                oauthConnection(tokenA, a.get("organization").get("id").asString());
        String inviteeEmail = "member-" + UUID.randomUUID() + "@example.test";
        api.post("/api/v1/invitations", Map.of("email", inviteeEmail, "role", "agent"), tokenA);
        String inviteToken = MailboxSupport.latestLinkToken(api, tokenA, inviteeEmail, "/invite?token=");
        String memberId = api.post(
                        "/api/v1/auth/invitations/accept",
                        Map.of("token", inviteToken, "name", "A member", "password", "a long enough secret"),
                        null)
                .json()
                .get("user")
                .get("id")
                .asString();
        String pendingEmail = "pending-" + UUID.randomUUID() + "@example.test";
        String invitationId = api.post("/api/v1/invitations", Map.of("email", pendingEmail, "role", "viewer"), tokenA)
                .json()
                .get("id")
                .asString();

        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "A's sandbox"), tokenA)
                .json()
                .get("id")
                .asString();
        String contactId = api.post("/api/v1/contacts", Map.of("name", "A's contact", "phone", "+14155550100"), tokenA)
                .json()
                .get("id")
                .asString();
        String conversationId = api.post(
                        "/api/v1/channels/" + channelId + "/test",
                        Map.of("to", "+14155550199", "text", "A's secret words"),
                        tokenA)
                .json()
                .get("conversationId")
                .asString();

        String flowId = api.post("/api/v1/flows", Map.of("name", "A's flow"), tokenA)
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/flows/" + flowId + "/publish", Map.of(), tokenA);
        String agentId = api.post("/api/v1/agents", Map.of("name", "A's agent"), tokenA)
                .json()
                .get("id")
                .asString();
        String knowledgeBaseId = api.post("/api/v1/knowledge-bases", Map.of("name", "A's knowledge"), tokenA)
                .json()
                .get("id")
                .asString();
        String llmProviderId = api.post(
                        "/api/v1/llm/providers",
                        Map.of("type", "openai", "name", "A's provider", "apiKey", "sk-of-a", "model", "gpt-4o-mini"),
                        tokenA)
                .json()
                .get("id")
                .asString();
        String quickReplyId = api.post(
                        "/api/v1/quick-replies",
                        Map.of("shortcut", "secret", "title", "A's canned", "body", "A's canned words"),
                        tokenA)
                .json()
                .get("id")
                .asString();

        String contactPlanId = api.post(
                        "/api/v1/contact-plans", Map.of("name", "A's plan", "priceMinor", 900, "aiReplies", 5), tokenA)
                .json()
                .get("id")
                .asString();
        // a free simulated call of A (rate 0: no credits needed) and a sales script for A's contact
        api.put("/api/v1/calls/settings", Map.of("ratesPerMinuteMinor", Map.of("simulator", 0)), tokenA);
        String callId = api.post(
                        "/api/v1/calls",
                        Map.of("contactId", contactId, "task", "A's call task", "record", true),
                        tokenA)
                .json()
                .get("call")
                .get("id")
                .asString();
        String salesScriptId = api.post(
                        "/api/v1/sales-scripts",
                        Map.of("contactId", contactId, "product", "A's product", "goal", "a demo"),
                        tokenA)
                .json()
                .get("id")
                .asString();
        String webhookId = api.post(
                        "/api/v1/webhooks",
                        Map.of("url", "http://localhost:9/a-hook", "events", List.of("message.received")),
                        tokenA)
                .json()
                .get("endpoint")
                .get("id")
                .asString();

        String templateId = api.post(
                        "/api/v1/templates",
                        Map.of(
                                "channelId", channelId,
                                "name", "a_template",
                                "language", "en",
                                "category", "marketing",
                                "body", "A's template words"),
                        tokenA)
                .json()
                .get("id")
                .asString();
        String campaignId = api.post(
                        "/api/v1/campaigns",
                        Map.of("name", "A's campaign", "templateId", templateId, "audienceType", "csv"),
                        tokenA)
                .json()
                .get("id")
                .asString();

        Map<String, String> objectOfA = Map.ofEntries(
                Map.entry("/api/v1/templates/{id}", templateId),
                Map.entry("/api/v1/templates/{id}/submit", templateId),
                Map.entry("/api/v1/templates/{id}/sync", templateId),
                Map.entry("/api/v1/templates/{id}/preview", templateId),
                Map.entry("/api/v1/campaigns/{id}", campaignId),
                Map.entry("/api/v1/campaigns/{id}/results", campaignId),
                Map.entry("/api/v1/campaigns/{id}/audience", campaignId),
                Map.entry("/api/v1/campaigns/{id}/audience-csv", campaignId),
                Map.entry("/api/v1/campaigns/{id}/schedule", campaignId),
                Map.entry("/api/v1/campaigns/{id}/pause", campaignId),
                Map.entry("/api/v1/campaigns/{id}/resume", campaignId),
                Map.entry("/api/v1/campaigns/{id}/cancel", campaignId),
                Map.entry("/api/v1/contact-plans/{id}", contactPlanId),
                Map.entry("/api/v1/contact-plans/contacts/{contactId}", contactId),
                Map.entry("/api/v1/calls/{id}", callId),
                // A cannot buy numbers without Twilio here; any id B does not own answers 404 the same way
                Map.entry("/api/v1/calls/phone-numbers/{id}", UUID.randomUUID().toString()),
                Map.entry("/api/v1/calls/{id}/stop", callId),
                Map.entry("/api/v1/calls/{id}/transcript", callId),
                Map.entry("/api/v1/calls/{id}/analyze", callId),
                Map.entry("/api/v1/calls/{id}/recording", callId),
                Map.entry("/api/v1/sales-scripts/{id}", salesScriptId),
                Map.entry("/api/v1/sales-scripts/{id}/versions", salesScriptId),
                Map.entry("/api/v1/webhooks/{id}", webhookId),
                Map.entry("/api/v1/webhooks/{id}/rotate-secret", webhookId),
                Map.entry("/api/v1/webhooks/{id}/test", webhookId),
                Map.entry("/api/v1/webhooks/{id}/deliveries", webhookId),
                Map.entry("/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend", webhookId),
                Map.entry("/api/v1/flows/{id}", flowId),
                Map.entry("/api/v1/flows/{id}/publish", flowId),
                Map.entry("/api/v1/flows/{id}/versions", flowId),
                // {version} takes the same value: B must get 404 for A's flow before the version is read
                Map.entry("/api/v1/flows/{id}/versions/{version}", flowId),
                Map.entry("/api/v1/flows/{id}/versions/{version}/rollback", flowId),
                Map.entry("/api/v1/flows/{id}/export", flowId),
                Map.entry("/api/v1/flows/{id}/simulate", flowId),
                Map.entry("/api/v1/flows/{id}/analytics", flowId),
                Map.entry("/api/v1/flows/{id}/start", flowId),
                Map.entry("/api/v1/conversations/{id}/flow-steps", conversationId),
                Map.entry("/api/v1/agents/{id}", agentId),
                Map.entry("/api/v1/agents/{id}/chat", agentId),
                Map.entry("/api/v1/agents/{id}/runs", agentId),
                Map.entry("/api/v1/conversations/{id}/agent-runs", conversationId),
                Map.entry("/api/v1/knowledge-bases/{id}", knowledgeBaseId),
                Map.entry("/api/v1/knowledge-bases/{id}/reindex", knowledgeBaseId),
                Map.entry("/api/v1/knowledge-bases/{id}/documents", knowledgeBaseId),
                Map.entry("/api/v1/knowledge-bases/{id}/documents/{documentId}", knowledgeBaseId),
                Map.entry("/api/v1/knowledge-bases/{id}/sources", knowledgeBaseId),
                Map.entry("/api/v1/knowledge-bases/{id}/sources/{sourceId}", knowledgeBaseId),
                Map.entry("/api/v1/knowledge-bases/{id}/sources/{sourceId}/sync", knowledgeBaseId),
                Map.entry("/api/v1/knowledge-bases/{id}/search", knowledgeBaseId),
                Map.entry("/api/v1/llm/providers/{id}", llmProviderId),
                Map.entry("/api/v1/llm/providers/{id}/test", llmProviderId),
                Map.entry("/api/v1/quick-replies/{id}", quickReplyId),
                Map.entry("/api/v1/quick-replies/{id}/render", quickReplyId),
                Map.entry("/api/v1/conversations/{id}/attachments", conversationId),
                Map.entry("/api/v1/api-keys/{id}", keyId),
                Map.entry("/api/v1/oauth/connections/{id}", oauthGrantId),
                Map.entry("/api/v1/invitations/{id}", invitationId),
                Map.entry("/api/v1/members/{userId}", memberId),
                Map.entry("/api/v1/channels/{id}", channelId),
                Map.entry("/api/v1/channels/{id}/sandbox/messages", channelId),
                Map.entry("/api/v1/channels/{id}/test", channelId),
                Map.entry("/api/v1/channels/{id}/conversations", channelId),
                Map.entry("/api/v1/contacts/{id}", contactId),
                Map.entry("/api/v1/contacts/{id}/merge", contactId),
                Map.entry("/api/v1/contacts/{id}/export", contactId),
                Map.entry("/api/v1/contacts/{id}/timeline", contactId),
                Map.entry("/api/v1/conversations/{id}/legal-hold", conversationId),
                Map.entry("/api/v1/conversations/{id}", conversationId),
                Map.entry("/api/v1/conversations/{id}/read", conversationId),
                Map.entry("/api/v1/conversations/{id}/messages", conversationId),
                Map.entry("/api/v1/conversations/{id}/notes", conversationId));
        Map<String, Object> bodies = Map.ofEntries(
                Map.entry("/api/v1/contact-plans/{id}", Map.of("name", "stolen", "priceMinor", 0)),
                Map.entry(
                        "/api/v1/contact-plans/contacts/{contactId}",
                        Map.of("planId", UUID.randomUUID().toString())),
                Map.entry("/api/v1/sales-scripts/{id}", Map.of("text", "stolen")),
                Map.entry("/api/v1/webhooks/{id}", Map.of("description", "stolen")),
                Map.entry("/api/v1/flows/{id}", Map.of("name", "stolen")),
                Map.entry("/api/v1/flows/{id}/simulate", Map.of("message", "forged")),
                Map.entry("/api/v1/flows/{id}/start", Map.of("conversationId", conversationId)),
                Map.entry("/api/v1/agents/{id}", Map.of("name", "stolen")),
                Map.entry("/api/v1/agents/{id}/chat", Map.of("message", "forged")),
                Map.entry("/api/v1/quick-replies/{id}", Map.of("title", "stolen")),
                Map.entry("/api/v1/quick-replies/{id}/render", Map.of("conversationId", conversationId)),
                Map.entry("/api/v1/knowledge-bases/{id}", Map.of("name", "stolen")),
                Map.entry(
                        "/api/v1/knowledge-bases/{id}/sources", Map.of("url", "https://example.com/", "kind", "page")),
                Map.entry("/api/v1/llm/providers/{id}", Map.of("name", "stolen")),
                Map.entry("/api/v1/members/{userId}", Map.of("role", "viewer")),
                Map.entry("/api/v1/channels/{id}", Map.of("name", "stolen")),
                Map.entry("/api/v1/channels/{id}/sandbox/messages", Map.of("from", "+14155550111", "text", "forged")),
                Map.entry("/api/v1/channels/{id}/test", Map.of("to", "+14155550111", "text", "forged")),
                Map.entry("/api/v1/channels/{id}/conversations", Map.of("contactId", contactId)),
                Map.entry("/api/v1/contacts/{id}", Map.of("name", "stolen")),
                Map.entry(
                        "/api/v1/contacts/{id}/merge",
                        Map.of("contactId", UUID.randomUUID().toString())),
                Map.entry("/api/v1/conversations/{id}", Map.of("status", "resolved")),
                Map.entry("/api/v1/conversations/{id}/messages", Map.of("text", "forged")),
                Map.entry("/api/v1/conversations/{id}/notes", Map.of("text", "forged")));

        var paths = api.get("/v3/api-docs", null).json().get("paths");
        List<String> checked = new ArrayList<>();
        for (var entry : paths.properties()) {
            String template = entry.getKey();
            if (!template.contains("{") || TOKEN_PATHS.contains(template)) {
                continue;
            }
            assertThat(objectOfA)
                    .as("fixture for " + template + " in TenantIsolationWebTests")
                    .containsKey(template);
            String concrete = template.replaceAll("\\{[^}]+}", objectOfA.get(template));
            for (var operation : entry.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                var response = switch (method) {
                    case "GET" -> api.get(concrete, tokenB);
                    case "DELETE" -> api.delete(concrete, tokenB);
                    case "PATCH" -> api.patch(concrete, bodies.getOrDefault(template, Map.of()), tokenB);
                    case "PUT" -> api.put(concrete, bodies.getOrDefault(template, Map.of()), tokenB);
                    case "POST" ->
                        template.endsWith("/attachments") || template.endsWith("/audience-csv")
                                ? api.upload(concrete, "file", "forged.csv", "text/plain", new byte[] {1}, tokenB)
                                : api.post(concrete, bodies.getOrDefault(template, Map.of()), tokenB);
                    default -> throw new AssertionError("unexpected method " + method + " on " + template);
                };
                assertThat(response.status())
                        .as(method + " " + template + ": " + response.raw())
                        .isEqualTo(404);
                checked.add(method + " " + template);
            }
        }
        assertThat(checked)
                .contains(
                        "DELETE /api/v1/api-keys/{id}",
                        "PATCH /api/v1/members/{userId}",
                        "DELETE /api/v1/members/{userId}",
                        "DELETE /api/v1/invitations/{id}");

        // A's objects survived B's attempts
        assertThat(api.get(
                                "/api/v1/me",
                                api.post("/api/v1/api-keys", Map.of("name", "probe", "scopes", List.of("read")), tokenA)
                                        .json()
                                        .get("key")
                                        .asString())
                        .status())
                .isEqualTo(200);
        var membersOfA = api.get("/api/v1/members", tokenA).json();
        assertThat(membersOfA.get("items").findValuesAsString("userId")).contains(memberId);
        assertThat(api.get("/api/v1/api-keys", tokenA)
                        .json()
                        .get("items")
                        .get(1)
                        .get("revokedAt")
                        .isNull())
                .isTrue();

        // every list B can read leaves A out
        List<String> secretsOfA = List.of(
                keyId,
                oauthGrantId,
                invitationId,
                memberId,
                a.get("organization").get("id").asString(),
                inviteeEmail,
                pendingEmail,
                channelId,
                contactId,
                contactPlanId,
                conversationId,
                agentId,
                knowledgeBaseId,
                "A's knowledge",
                "A's secret words",
                llmProviderId,
                "A's provider",
                quickReplyId,
                "A's canned words",
                callId,
                "A's call task",
                salesScriptId,
                "A's product",
                webhookId,
                "a-hook",
                templateId,
                "A's template words",
                campaignId,
                "A's campaign");
        for (var entry : paths.properties()) {
            String template = entry.getKey();
            if (template.contains("{")
                    || !entry.getValue().has("get")
                    || template.startsWith("/api/v1/admin")
                    || template.startsWith("/api/v1/system")
                    // contact tokens only (a user's token gets 401); ContactPlansWebTests covers their isolation
                    || template.startsWith("/api/v1/portal")
                    // OAuth protocol endpoints: no organisation data (McpOAuthWebTests)
                    || template.startsWith("/oauth2/")
                    || template.equals("/api/v1/inbox/stream")) { // a stream never ends; InboxStreamWebTests covers it
                continue;
            }
            // a search needs words: ask B's search for A's words (it must answer none of A's messages)
            String query =
                    template.equals("/api/v1/conversations/search") ? "?k=50&q=secret+words+hello+order" : "?size=100";
            var response = api.get(template + query, tokenB);
            assertThat(response.status()).as(template).isEqualTo(200);
            for (String secret : secretsOfA) {
                assertThat(response.raw())
                        .as("GET " + template + " leaks " + secret)
                        .doesNotContain(secret);
            }
        }
    }

    /** A connected MCP client of the organisation (the OAuth dance up to the consent); answers its grant id. */
    private String oauthConnection(String token, String orgId) {
        String redirect = "http://127.0.0.1:33418/callback";
        String clientId = api.post(
                        "/oauth2/register",
                        Map.of("redirect_uris", List.of(redirect), "token_endpoint_auth_method", "none"),
                        null)
                .json()
                .get("client_id")
                .asString();
        String location = api.get(
                        "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                                + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)
                                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                                + "&code_challenge_method=S256",
                        null)
                .header("Location");
        String handle = location.substring(location.indexOf("request=") + 8);
        var decided = api.post(
                "/api/v1/oauth/requests/" + handle + "/decision",
                Map.of("approve", true, "organizationId", orgId),
                token);
        assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
        return api.get("/api/v1/oauth/connections", token)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
    }
}
