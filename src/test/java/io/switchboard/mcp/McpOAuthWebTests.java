package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.support.ApiClient;
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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The MCP authorization flow end to end, as Claude or Cursor run it: discovery, dynamic registration,
 * authorize with PKCE, consent through the dashboard API, code for tokens, MCP with the access token,
 * refresh, revocation.
 */
class McpOAuthWebTests extends McpTestSupport {

    static final String REDIRECT = "http://127.0.0.1:33418/callback";

    record Tokens(String access, String refresh) {}

    @Test
    void theWholeDanceFromDiscoveryToRevocation() throws Exception {
        // discovery: 401 → protected resource metadata → authorization server metadata
        var unauthenticated = api.post("/mcp", Map.of("jsonrpc", "2.0", "id", 1, "method", "ping"), null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header("WWW-Authenticate")).contains("resource_metadata=");
        var resource = api.get("/.well-known/oauth-protected-resource", null).json();
        String base = "http://localhost:" + port;
        assertThat(resource.get("resource").asString()).isEqualTo(base + "/mcp");
        assertThat(resource.get("authorization_servers").get(0).asString()).isEqualTo(base);
        var server = api.get("/.well-known/oauth-authorization-server", null).json();
        assertThat(server.get("issuer").asString()).isEqualTo(base);
        assertThat(server.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(server.get("registration_endpoint").asString()).isEqualTo(base + "/oauth2/register");

        String owner = organisation("OAuth Org");
        grantCredits(owner, 4321);
        String orgId = orgId(owner);
        String clientId = register(REDIRECT);
        String verifier = verifier();
        String code = authorizeAndApprove(clientId, REDIRECT, challenge(verifier), owner, orgId, null);

        Tokens tokens = exchange(clientId, code, REDIRECT, verifier);
        try (var client = client(tokens.access())) {
            assertThat(client.listTools().tools()).hasSize(McpServerWebTests.ALL_TOOLS.size());
            var balance = structured(call(client, "get_credit_balance", Map.of()));
            assertThat(((Number) balance.get("available_minor")).longValue()).isEqualTo(4321);
        }
        // audience: the token is for /mcp only, not the REST API
        assertThat(api.get("/api/v1/contacts", tokens.access()).status()).isEqualTo(401);
        // the code is single-use
        assertThat(tokenCall(Map.of(
                                "grant_type", "authorization_code",
                                "code", code,
                                "redirect_uri", REDIRECT,
                                "client_id", clientId,
                                "code_verifier", verifier))
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_grant");
    }

    @Test
    void refreshRotatesAndRevocationEndsTheConnection() throws Exception {
        String owner = organisation("Refresh Org");
        String clientId = register(REDIRECT);
        String verifier = verifier();
        String code = authorizeAndApprove(clientId, REDIRECT, challenge(verifier), owner, orgId(owner), null);
        Tokens first = exchange(clientId, code, REDIRECT, verifier);

        var refreshed = tokenCall(
                Map.of("grant_type", "refresh_token", "refresh_token", first.refresh(), "client_id", clientId));
        assertThat(refreshed.status()).isEqualTo(200);
        Tokens second = new Tokens(
                refreshed.json().get("access_token").asString(),
                refreshed.json().get("refresh_token").asString());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        try (var client = client(second.access())) {
            assertThat(client.listTools().tools()).isNotEmpty();
        }

        // the connection shows on the AI assistants page
        var connections = api.get("/api/v1/oauth/connections", owner).json().get("items");
        assertThat(connections).hasSize(1);
        assertThat(connections.get(0).get("clientName").asString()).isEqualTo("Test Assistant");

        var revoked = api.send(api.request("/oauth2/revoke", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form(Map.of("token", second.refresh(), "client_id", clientId)))));
        assertThat(revoked.status()).isEqualTo(200);
        var afterRevoke = mcpPing(second.access());
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.header("WWW-Authenticate")).contains("invalid_token");
        assertThatThrownBy(() -> client(second.access())).isInstanceOf(RuntimeException.class);
        assertThat(tokenCall(Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                second.refresh(),
                                "client_id",
                                clientId))
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_grant");
        assertThat(api.get("/api/v1/oauth/connections", owner).json().get("items"))
                .isEmpty();
    }

    @Test
    void aReplayedRefreshTokenEndsTheGrantAndTheDashboardCanDisconnect() throws Exception {
        String owner = organisation("Replay Org");
        String clientId = register(REDIRECT);
        String verifier = verifier();
        String code = authorizeAndApprove(clientId, REDIRECT, challenge(verifier), owner, orgId(owner), null);
        Tokens first = exchange(clientId, code, REDIRECT, verifier);
        var rotated = tokenCall(
                Map.of("grant_type", "refresh_token", "refresh_token", first.refresh(), "client_id", clientId));
        String newAccess = rotated.json().get("access_token").asString();
        assertThat(mcpPing(newAccess).status()).isEqualTo(200);
        var replay = tokenCall(
                Map.of("grant_type", "refresh_token", "refresh_token", first.refresh(), "client_id", clientId));
        assertThat(replay.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(mcpPing(newAccess).status()).isEqualTo(401);

        // a second connection, disconnected from the dashboard
        String verifier2 = verifier();
        String code2 = authorizeAndApprove(clientId, REDIRECT, challenge(verifier2), owner, orgId(owner), null);
        Tokens other = exchange(clientId, code2, REDIRECT, verifier2);
        String id = api.get("/api/v1/oauth/connections", owner)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        assertThat(api.delete("/api/v1/oauth/connections/" + id, owner).status())
                .isEqualTo(204);
        assertThat(mcpPing(other.access()).status()).isEqualTo(401);
    }

    @Test
    void aWrongPkceVerifierIsRefused() throws Exception {
        String owner = organisation("PKCE Org");
        String clientId = register(REDIRECT);
        String code = authorizeAndApprove(clientId, REDIRECT, challenge(verifier()), owner, orgId(owner), null);
        var response = tokenCall(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", REDIRECT,
                "client_id", clientId,
                "code_verifier", verifier()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(response.json().get("error_description").asString()).contains("code_verifier");
    }

    @Test
    void plainPkceAndMissingChallengeAreRefusedAtAuthorize() {
        String clientId = register(REDIRECT);
        var plain = authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                clientId,
                "redirect_uri",
                REDIRECT,
                "code_challenge",
                verifier(),
                "code_challenge_method",
                "plain",
                "state",
                "s1"));
        assertThat(plain.status()).isEqualTo(302);
        assertThat(plain.header("Location"))
                .startsWith(REDIRECT + "?error=invalid_request")
                .contains("state=s1");
        var none = authorize(Map.of("response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT));
        assertThat(none.header("Location")).startsWith(REDIRECT + "?error=invalid_request");
        var wrongResource = authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                clientId,
                "redirect_uri",
                REDIRECT,
                "code_challenge",
                challenge(verifier()),
                "code_challenge_method",
                "S256",
                "resource",
                "https://elsewhere.example/mcp"));
        assertThat(wrongResource.header("Location")).contains("error=invalid_target");
    }

    @Test
    void redirectUriMismatchIsRefusedWithoutRedirecting() throws Exception {
        String owner = organisation("Redirect Org");
        String clientId = register(REDIRECT);
        var authorize = authorize(Map.of(
                "response_type", "code",
                "client_id", clientId,
                "redirect_uri", "https://attacker.example/callback",
                "code_challenge", challenge(verifier()),
                "code_challenge_method", "S256"));
        assertThat(authorize.status()).isEqualTo(400);
        assertThat(authorize.header("Location")).isNull();
        assertThat(authorize.json().get("error_description").asString()).contains("redirect_uri");

        // and the code only works with the redirect URI it was issued for
        String verifier = verifier();
        String code = authorizeAndApprove(clientId, REDIRECT, challenge(verifier), owner, orgId(owner), null);
        var token = tokenCall(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", "http://127.0.0.1:33418/other",
                "client_id", clientId,
                "code_verifier", verifier));
        assertThat(token.json().get("error").asString()).isEqualTo("invalid_grant");

        var badRegistration = api.post(
                "/oauth2/register",
                Map.of("redirect_uris", List.of("http://evil.example/cb"), "token_endpoint_auth_method", "none"),
                null);
        assertThat(badRegistration.status()).isEqualTo(400);
        assertThat(badRegistration.json().get("error").asString()).isEqualTo("invalid_redirect_uri");
    }

    @Test
    void aTokenOfOrganisationAReadsOnlyA() throws Exception {
        String ownerA = organisation("Org A");
        String ownerB = organisation("Org B");
        grantCredits(ownerA, 111);
        grantCredits(ownerB, 999);
        var createdInB = api.post("/api/v1/contacts", Map.of("name", "Only In B", "phone", "+919812345678"), ownerB);
        assertThat(createdInB.status()).isEqualTo(201);
        String contactInB = createdInB.json().get("id").asString();

        String clientId = register(REDIRECT);
        String verifier = verifier();
        // the owner of A cannot approve for B: not a member
        var handle = handle(clientId, REDIRECT, challenge(verifier), null);
        var refused = api.post(
                "/api/v1/oauth/requests/" + handle + "/decision",
                Map.of("approve", true, "organizationId", orgId(ownerB)),
                ownerA);
        assertThat(refused.status()).isEqualTo(404);

        String code = authorizeAndApprove(
                clientId,
                REDIRECT,
                challenge(verifier),
                ownerA,
                orgId(ownerA),
                List.of("get_credit_balance", "search_contacts"));
        Tokens tokens = exchange(clientId, code, REDIRECT, verifier);
        try (var client = client(tokens.access())) {
            // the tool subset chosen on the consent page
            assertThat(client.listTools().tools())
                    .extracting(t -> t.name())
                    .containsExactlyInAnyOrder("get_credit_balance", "search_contacts");
            var balance = structured(call(client, "get_credit_balance", Map.of()));
            assertThat(((Number) balance.get("available_minor")).longValue()).isEqualTo(111);
            var found = structured(call(client, "search_contacts", Map.of("query", "Only In B")));
            assertThat((List<?>) found.get("items")).isEmpty();
            var getContact = call(client, "get_call", Map.of("call_id", contactInB));
            assertThat(getContact.isError()).isTrue();
        }
    }

    @Test
    void aUserInTwoOrganisationsGrantsTheOneTheyPick() throws Exception {
        var session = signup("Signed In Org");
        String token = token(session);
        String other = organisation("Picked Org");
        grantCredits(other, 777);
        String otherOrg = orgId(other);
        // the user is also a member of the second organisation (as after accepting an invitation)
        ownerDb()
                .insertInto(org.jooq.impl.DSL.table("memberships"))
                .columns(
                        org.jooq.impl.DSL.field("org_id"),
                        org.jooq.impl.DSL.field("user_id"),
                        org.jooq.impl.DSL.field("role"))
                .values(
                        UUID.fromString(otherOrg),
                        UUID.fromString(session.get("user").get("id").asString()),
                        "agent")
                .execute();
        String clientId = register(REDIRECT);
        String verifier = verifier();
        String handle = handle(clientId, REDIRECT, challenge(verifier), "read write");
        var pending = api.get("/api/v1/oauth/requests/" + handle, token).json();
        assertThat(pending.get("organizations").findValuesAsString("id")).contains(otherOrg);
        assertThat(pending.get("scope").asString()).isEqualTo("read write");
        var decided = api.post(
                "/api/v1/oauth/requests/" + handle + "/decision",
                Map.of("approve", true, "organizationId", otherOrg),
                token);
        assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
        String code =
                query(URI.create(decided.json().get("redirectUrl").asString())).get("code");
        Tokens tokens = exchange(clientId, code, REDIRECT, verifier);
        try (var client = client(tokens.access())) {
            var balance = structured(call(client, "get_credit_balance", Map.of()));
            assertThat(((Number) balance.get("available_minor")).longValue()).isEqualTo(777);
        }
        // listed in the picked organisation (its owner is an admin), not in the signed-in one
        assertThat(api.get("/api/v1/oauth/connections", other).json().get("items"))
                .hasSize(1);
        assertThat(api.get("/api/v1/oauth/connections", token).json().get("items"))
                .isEmpty();
        var audit = api.get("/api/v1/audit-events?action=oauth.", other).json().get("items");
        assertThat(audit.get(0).get("action").asString()).isEqualTo("oauth.grant.created");
    }

    @Test
    void aDeniedRequestGoesBackWithAccessDenied() {
        String owner = organisation("Deny Org");
        String clientId = register(REDIRECT);
        String handle = handle(clientId, REDIRECT, challenge(verifier()), null);
        var decided = api.post("/api/v1/oauth/requests/" + handle + "/decision", Map.of("approve", false), owner);
        assertThat(decided.status()).isEqualTo(200);
        var query = query(URI.create(decided.json().get("redirectUrl").asString()));
        assertThat(query).containsEntry("error", "access_denied").containsEntry("state", "xyz");
        assertThat(query).doesNotContainKey("code");
        assertThat(api.get("/api/v1/oauth/connections", owner).json().get("items"))
                .isEmpty();
    }

    @Test
    void openRegistrationIsBoundedPerAddress() {
        int created = 0;
        ApiClient.Response last = null;
        for (int i = 0; i < 31; i++) {
            last = api.post(
                    "/oauth2/register",
                    Map.of("redirect_uris", List.of(REDIRECT), "token_endpoint_auth_method", "none"),
                    null);
            if (last.status() == 201) created++;
        }
        assertThat(created).isEqualTo(30);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().get("error").asString()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void confidentialClientsAuthenticateAtTheTokenEndpoint() throws Exception {
        String owner = organisation("Secret Client Org");
        var registered = api.post(
                "/oauth2/register",
                Map.of(
                        "redirect_uris",
                        List.of("https://assistant.example/callback"),
                        "client_name",
                        "Test Assistant",
                        "token_endpoint_auth_method",
                        "client_secret_basic"),
                null);
        assertThat(registered.status()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asString();
        String secret = registered.json().get("client_secret").asString();
        String verifier = verifier();
        String code = authorizeAndApprove(
                clientId, "https://assistant.example/callback", challenge(verifier), owner, orgId(owner), null);
        var params = Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                "https://assistant.example/callback",
                "code_verifier",
                verifier);
        var withoutSecret = new LinkedHashMap<>(params);
        withoutSecret.put("client_id", clientId);
        var noSecret = tokenCall(withoutSecret);
        assertThat(noSecret.status()).isEqualTo(401);
        assertThat(noSecret.json().get("error").asString()).isEqualTo("invalid_client");
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        var withSecret = api.send(api.request("/oauth2/token", null)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
        assertThat(withSecret.status()).as(withSecret.raw()).isEqualTo(200);
        assertThat(mcpPing(withSecret.json().get("access_token").asString()).status())
                .isEqualTo(200);
    }

    // ---- the client's side of the flow ----

    private String orgId(String token) {
        return api.get("/api/v1/me", token).json().get("organization").get("id").asString();
    }

    private String register(String redirect) {
        var registered = api.post(
                "/oauth2/register",
                Map.of(
                        "redirect_uris",
                        List.of(redirect),
                        "client_name",
                        "Test Assistant",
                        "token_endpoint_auth_method",
                        "none",
                        "grant_types",
                        List.of("authorization_code", "refresh_token"),
                        "response_types",
                        List.of("code")),
                null);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        assertThat(registered.json().has("client_secret")).isFalse();
        return registered.json().get("client_id").asString();
    }

    private ApiClient.Response authorize(Map<String, String> params) {
        return api.get("/oauth2/authorize?" + form(params), null);
    }

    private String handle(String clientId, String redirect, String challenge, @Nullable String scope) {
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirect);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        params.put("state", "xyz");
        params.put("resource", "http://localhost:" + port + "/mcp");
        if (scope != null) params.put("scope", scope);
        var response = authorize(params);
        assertThat(response.status()).as(response.raw()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location).startsWith("http://localhost:" + port + "/oauth/consent?request=");
        return URLDecoder.decode(location.substring(location.indexOf("request=") + 8), StandardCharsets.UTF_8);
    }

    private String authorizeAndApprove(
            String clientId,
            String redirect,
            String challenge,
            String userToken,
            String orgId,
            @Nullable List<String> tools) {
        String handle = handle(clientId, redirect, challenge, null);
        var pending = api.get("/api/v1/oauth/requests/" + handle, userToken);
        assertThat(pending.status()).as(pending.raw()).isEqualTo(200);
        assertThat(pending.json().get("clientName").asString()).isEqualTo("Test Assistant");
        var body = new LinkedHashMap<String, Object>(Map.of("approve", true, "organizationId", orgId));
        if (tools != null) body.put("tools", tools);
        var decided = api.post("/api/v1/oauth/requests/" + handle + "/decision", body, userToken);
        assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
        URI back = URI.create(decided.json().get("redirectUrl").asString());
        assertThat(back.getScheme() + "://" + back.getAuthority() + back.getPath())
                .isEqualTo(redirect);
        Map<String, String> query = query(back);
        assertThat(query).containsEntry("state", "xyz").containsEntry("iss", "http://localhost:" + port);
        // the handle is spent
        assertThat(api.get("/api/v1/oauth/requests/" + handle, userToken).status())
                .isEqualTo(404);
        return query.get("code");
    }

    private Tokens exchange(String clientId, String code, String redirect, String verifier) {
        var response = tokenCall(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirect,
                "client_id", clientId,
                "code_verifier", verifier,
                "resource", "http://localhost:" + port + "/mcp"));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(json.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(response.header("Cache-Control")).contains("no-store");
        return new Tokens(
                json.get("access_token").asString(), json.get("refresh_token").asString());
    }

    private ApiClient.Response tokenCall(Map<String, String> params) {
        return api.send(api.request("/oauth2/token", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
    }

    private ApiClient.Response mcpPing(String token) {
        return api.send(api.request("/mcp", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
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

    private static String verifier() {
        return (UUID.randomUUID() + "-" + UUID.randomUUID()).replace("-", "");
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
