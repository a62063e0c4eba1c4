package io.switchboard.identity.internal;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.identity.internal.OAuthTables.Clients;
import io.switchboard.identity.internal.OAuthTables.Codes;
import io.switchboard.identity.internal.OAuthTables.Grants;
import io.switchboard.identity.internal.OAuthTables.PendingRequests;
import io.switchboard.identity.internal.OAuthTables.Tokens;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.web.PublicUrls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A minimal OAuth 2.1 authorization server for MCP clients (ADR 0009): dynamic client registration,
 * authorization code with PKCE (S256 only), rotating refresh tokens, revocation. Tokens are opaque
 * random strings stored as SHA-256; every access token belongs to one grant = one user's consent for
 * one client in one organisation, and is only accepted at the MCP endpoint (its audience).
 */
@Service
class OAuthServer {

    static final String ACCESS_PREFIX = "sboa_";
    static final String REFRESH_PREFIX = "sbor_";
    static final String CODE_PREFIX = "sboc_";
    static final String MCP_PATH = "/mcp";
    static final String CONSENT_PAGE = "/oauth/consent";

    static final Duration ACCESS_TTL = Duration.ofHours(1);
    static final Duration REFRESH_TTL = Duration.ofDays(30);
    static final Duration CODE_TTL = Duration.ofMinutes(5);
    static final Duration PENDING_TTL = Duration.ofMinutes(10);

    /** read/write/admin as for API keys; the weaker of this and the member's role applies. */
    static final Map<String, Role> SCOPES = Map.of("read", Role.VIEWER, "write", Role.AGENT, "admin", Role.ADMIN);

    private static final Pattern PKCE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern TOOL = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final PublicUrls urls;
    private final AccountStore accounts;
    private final MembershipCache memberships;
    private final AuditLog audit;

    OAuthServer(
            DSLContext db,
            ScopedTransactions tx,
            PublicUrls urls,
            AccountStore accounts,
            MembershipCache memberships,
            AuditLog audit) {
        this.db = db;
        this.tx = tx;
        this.urls = urls;
        this.accounts = accounts;
        this.memberships = memberships;
        this.audit = audit;
    }

    String issuer() {
        return urls.base();
    }

    String resource() {
        return urls.base() + MCP_PATH;
    }

    // ---- dynamic client registration (RFC 7591) ----

    record Registration(
            String clientId,
            @Nullable String clientSecret,
            String clientName,
            List<String> redirectUris,
            String authMethod,
            Instant issuedAt) {}

    Registration register(
            @Nullable List<String> redirectUris, @Nullable String clientName, @Nullable String authMethod) {
        if (redirectUris == null || redirectUris.isEmpty()) {
            throw OAuthError.badRequest("invalid_redirect_uri", "redirect_uris: at least one is required");
        }
        for (String uri : redirectUris) {
            checkRedirectUri(uri);
        }
        String method = authMethod == null ? "client_secret_basic" : authMethod;
        if (!Set.of("none", "client_secret_post", "client_secret_basic").contains(method)) {
            throw OAuthError.badRequest(
                    "invalid_client_metadata",
                    "token_endpoint_auth_method: one of none, client_secret_post, client_secret_basic");
        }
        String name = clientName == null || clientName.isBlank() ? "MCP client" : clientName.strip();
        if (name.length() > 200) name = name.substring(0, 200);
        String clientId = io.switchboard.shared.crypto.Tokens.newToken("sbc_");
        String secret = method.equals("none") ? null : io.switchboard.shared.crypto.Tokens.newToken("sbcs_");
        String finalName = name;
        Instant created = tx.asSystem(
                "oauth client registration",
                () -> db.insertInto(Clients.T)
                        .set(Clients.CLIENT_ID, clientId)
                        .set(
                                Clients.SECRET_HASH,
                                secret == null ? null : io.switchboard.shared.crypto.Tokens.sha256Hex(secret))
                        .set(Clients.NAME, finalName)
                        .set(Clients.REDIRECT_URIS, redirectUris.toArray(String[]::new))
                        .set(Clients.AUTH_METHOD, method)
                        .returning(Clients.CREATED_AT)
                        .fetchSingle()
                        .get(Clients.CREATED_AT));
        return new Registration(clientId, secret, name, List.copyOf(redirectUris), method, created);
    }

    /** https, or http on a loopback address (native apps, RFC 8252), or an app's private scheme. */
    static void checkRedirectUri(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw OAuthError.badRequest("invalid_redirect_uri", "redirect_uris: " + value + " is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getFragment() != null) {
            throw OAuthError.badRequest(
                    "invalid_redirect_uri", "redirect_uris: " + value + " must be absolute and without a fragment");
        }
        boolean ok = switch (scheme) {
            case "https" -> uri.getHost() != null;
            case "http" -> isLoopback(uri.getHost());
            case "javascript", "data", "file", "vbscript", "blob", "about" -> false;
            default -> true; // claude://, cursor://: the operating system hands it to that app
        };
        if (!ok) {
            throw OAuthError.badRequest(
                    "invalid_redirect_uri",
                    "redirect_uris: " + value + " must use https (http only for localhost) or an app scheme");
        }
    }

    private static boolean isLoopback(@Nullable String host) {
        return host != null
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
    }

    /** Exact match (OAuth 2.1); loopback redirects may use any port (RFC 8252 §7.3). */
    static boolean redirectMatches(String registered, String requested) {
        if (registered.equals(requested)) return true;
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            return "http".equals(a.getScheme())
                    && "http".equals(b.getScheme())
                    && isLoopback(a.getHost())
                    && java.util.Objects.equals(a.getHost(), b.getHost())
                    && java.util.Objects.equals(a.getRawPath(), b.getRawPath())
                    && java.util.Objects.equals(a.getRawQuery(), b.getRawQuery());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    // ---- authorize: validate, park the request, hand over to the dashboard's consent page ----

    record Client(
            String clientId, @Nullable String secretHash, String name, List<String> redirectUris, String method) {}

    private Optional<Client> client(String clientId) {
        return db.select(Clients.ALL)
                .from(Clients.T)
                .where(Clients.CLIENT_ID.eq(clientId))
                .fetchOptional(r -> new Client(
                        r.get(Clients.CLIENT_ID),
                        r.get(Clients.SECRET_HASH),
                        r.get(Clients.NAME),
                        List.of(r.get(Clients.REDIRECT_URIS)),
                        r.get(Clients.AUTH_METHOD)));
    }

    /**
     * Answers where to send the browser: the consent page with a request handle, or the client's
     * redirect URI with an error. Errors about the client or redirect URI itself are never
     * redirected (OAuth 2.1 §4.1.2.1): they are thrown for the endpoint to show.
     */
    String authorize(Map<String, String> params) {
        String clientId = params.getOrDefault("client_id", "");
        String redirectUri = params.get("redirect_uri");
        Client client = tx.asSystem("oauth authorize", () -> client(clientId))
                .orElseThrow(() -> OAuthError.badRequest("invalid_client", "client_id: unknown client"));
        if (redirectUri == null) {
            if (client.redirectUris().size() != 1) {
                throw OAuthError.badRequest("invalid_request", "redirect_uri: required");
            }
            redirectUri = client.redirectUris().getFirst();
        }
        String target = redirectUri;
        if (client.redirectUris().stream().noneMatch(r -> redirectMatches(r, target))) {
            throw OAuthError.badRequest("invalid_request", "redirect_uri: not registered for this client");
        }
        String state = params.get("state");
        if (!"code".equals(params.get("response_type"))) {
            return errorRedirect(target, "unsupported_response_type", "response_type must be code", state);
        }
        String challenge = params.get("code_challenge");
        if (challenge == null || !PKCE.matcher(challenge).matches()) {
            return errorRedirect(target, "invalid_request", "code_challenge (PKCE) is required", state);
        }
        if (!"S256".equals(params.get("code_challenge_method"))) {
            return errorRedirect(target, "invalid_request", "code_challenge_method must be S256", state);
        }
        String resource = params.get("resource");
        if (resource != null && !sameResource(resource)) {
            return errorRedirect(target, "invalid_target", "resource must be " + resource(), state);
        }
        String scope = grantedScope(params.get("scope"));
        String handle = io.switchboard.shared.crypto.Tokens.newToken("sbop_");
        tx.asSystem("oauth authorize", () -> {
            db.insertInto(PendingRequests.T)
                    .set(PendingRequests.HANDLE_HASH, io.switchboard.shared.crypto.Tokens.sha256Hex(handle))
                    .set(PendingRequests.CLIENT_ID, clientId)
                    .set(PendingRequests.REDIRECT_URI, target)
                    .set(PendingRequests.CODE_CHALLENGE, challenge)
                    .set(PendingRequests.SCOPE, scope)
                    .set(PendingRequests.RESOURCE, resource())
                    .set(PendingRequests.STATE, state)
                    .set(PendingRequests.EXPIRES_AT, Instant.now().plus(PENDING_TTL))
                    .execute();
        });
        return urls.base() + CONSENT_PAGE + "?request=" + encode(handle);
    }

    private boolean sameResource(String resource) {
        return strip(resource).equalsIgnoreCase(strip(resource()));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The recognised scopes (read, write, admin); anything else is ignored; none means write. */
    static String grantedScope(@Nullable String requested) {
        var known = new TreeSet<String>();
        if (requested != null) {
            for (String s : requested.trim().split("\\s+")) {
                if (SCOPES.containsKey(s)) known.add(s);
            }
        }
        return known.isEmpty() ? "write" : String.join(" ", known);
    }

    static Role scopeRole(String scope) {
        return Arrays.stream(scope.split(" "))
                .map(s -> SCOPES.getOrDefault(s, Role.VIEWER))
                .min(Enum::compareTo)
                .orElse(Role.VIEWER);
    }

    private String errorRedirect(String redirectUri, String error, String description, @Nullable String state) {
        var params = new LinkedHashMap<String, String>();
        params.put("error", error);
        params.put("error_description", description);
        if (state != null) params.put("state", state);
        params.put("iss", issuer());
        return withQuery(redirectUri, params);
    }

    private static String withQuery(String uri, Map<String, String> params) {
        var sb = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (var e : params.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- consent (dashboard API, signed-in user) ----

    @io.swagger.v3.oas.annotations.media.Schema(name = "OAuthPendingRequest")
    record PendingRequest(
            String clientId,
            String clientName,
            String redirectUri,
            String scope,
            Role scopeRole,
            String resource,
            Instant expiresAt,
            List<IdentityApi.MembershipView> organizations) {}

    private record Pending(
            String clientId,
            String redirectUri,
            String challenge,
            String scope,
            String resource,
            @Nullable String state,
            Instant expiresAt,
            @Nullable Instant decidedAt) {}

    private Pending pending(String handle) {
        return db.select(PendingRequests.ALL)
                .from(PendingRequests.T)
                .where(PendingRequests.HANDLE_HASH.eq(io.switchboard.shared.crypto.Tokens.sha256Hex(handle)))
                .fetchOptional(r -> new Pending(
                        r.get(PendingRequests.CLIENT_ID),
                        r.get(PendingRequests.REDIRECT_URI),
                        r.get(PendingRequests.CODE_CHALLENGE),
                        r.get(PendingRequests.SCOPE),
                        r.get(PendingRequests.RESOURCE),
                        r.get(PendingRequests.STATE),
                        r.get(PendingRequests.EXPIRES_AT),
                        r.get(PendingRequests.DECIDED_AT)))
                .filter(p -> p.decidedAt() == null && p.expiresAt().isAfter(Instant.now()))
                .orElseThrow(() -> ApiProblem.notFound(
                        "Authorization request (it expired or was already answered: start again from the app)"));
    }

    PendingRequest describe(String handle) {
        UUID userId = CurrentPrincipal.get().requireUser();
        return tx.asSystem("oauth consent", () -> {
            Pending p = pending(handle);
            Client client = client(p.clientId()).orElseThrow(() -> ApiProblem.notFound("OAuth client"));
            return new PendingRequest(
                    client.clientId(),
                    client.name(),
                    p.redirectUri(),
                    p.scope(),
                    scopeRole(p.scope()),
                    p.resource(),
                    p.expiresAt(),
                    accounts.membershipsOf(userId));
        });
    }

    /** The user's answer: approve for one of their organisations (optionally fewer tools), or deny. */
    String decide(String handle, boolean approve, @Nullable UUID orgId, @Nullable Set<String> tools) {
        UUID userId = CurrentPrincipal.get().requireUser();
        if (approve && orgId == null) {
            throw ApiProblem.invalidField("organizationId", "choose the organisation the client may use");
        }
        if (tools != null) {
            if (tools.isEmpty()) throw ApiProblem.invalidField("tools", "allow at least one tool, or omit for all");
            for (String t : tools) {
                if (!TOOL.matcher(t).matches()) throw ApiProblem.invalidField("tools", t + " is not a tool name");
            }
        }
        UUID org = orgId;
        Pending p = tx.asSystem("oauth consent", () -> {
            Pending found = pending(handle);
            if (org != null && accounts.roleIn(org, userId).isEmpty()) {
                throw ApiProblem.notFound("Organization " + orgId);
            }
            // single use even when two answers race: only the one that flips decided_at goes on
            int decided = db.update(PendingRequests.T)
                    .set(PendingRequests.DECIDED_AT, Instant.now())
                    .where(
                            PendingRequests.HANDLE_HASH.eq(io.switchboard.shared.crypto.Tokens.sha256Hex(handle)),
                            PendingRequests.DECIDED_AT.isNull())
                    .execute();
            if (decided == 0) throw ApiProblem.notFound("Authorization request (it was already answered)");
            return found;
        });
        if (!approve || org == null) {
            return errorRedirect(p.redirectUri(), "access_denied", "The user declined", p.state());
        }
        UUID grantId = UUID.randomUUID();
        String code = io.switchboard.shared.crypto.Tokens.newToken(CODE_PREFIX);
        tx.inOrg(org, () -> {
            db.insertInto(Grants.T)
                    .set(Grants.ID, grantId)
                    .set(Grants.ORG_ID, org)
                    .set(Grants.USER_ID, userId)
                    .set(Grants.CLIENT_ID, p.clientId())
                    .set(Grants.SCOPE, p.scope())
                    .set(Grants.TOOLS, tools == null ? null : new TreeSet<>(tools).toArray(String[]::new))
                    .set(Grants.RESOURCE, p.resource())
                    .execute();
            db.insertInto(Codes.T)
                    .set(Codes.CODE_HASH, io.switchboard.shared.crypto.Tokens.sha256Hex(code))
                    .set(Codes.GRANT_ID, grantId)
                    .set(Codes.ORG_ID, org)
                    .set(Codes.REDIRECT_URI, p.redirectUri())
                    .set(Codes.CODE_CHALLENGE, p.challenge())
                    .set(Codes.EXPIRES_AT, Instant.now().plus(CODE_TTL))
                    .execute();
            // recorded in the granted organisation, which may not be the one the user is signed in to
            audit.recordAs(
                    org,
                    new AuditLog.Actor("user", userId, CurrentPrincipal.get().label()),
                    "oauth.grant.created",
                    "oauth_grant",
                    grantId.toString(),
                    Map.of("clientId", p.clientId(), "scope", p.scope(), "tools", tools == null ? "all" : tools));
            return null;
        });
        var params = new LinkedHashMap<String, String>();
        params.put("code", code);
        if (p.state() != null) params.put("state", p.state());
        params.put("iss", issuer());
        return withQuery(p.redirectUri(), params);
    }

    // ---- token endpoint ----

    record TokenResponse(String accessToken, long expiresIn, String refreshToken, String scope) {}

    private sealed interface Exchange {
        record Issued(TokenResponse tokens) implements Exchange {}

        record Refused(String description, @Nullable UUID revokeGrant) implements Exchange {}
    }

    TokenResponse token(Map<String, String> form, @Nullable String basicId, @Nullable String basicSecret) {
        String clientId = basicId != null ? basicId : form.get("client_id");
        if (clientId == null) throw OAuthError.invalidClient("client_id is required");
        Client client = tx.asSystem("oauth token", () -> client(clientId))
                .orElseThrow(() -> OAuthError.invalidClient("unknown client"));
        authenticateClient(client, basicSecret != null ? basicSecret : form.get("client_secret"));
        String grantType = form.getOrDefault("grant_type", "");
        String resource = form.get("resource");
        if (resource != null && !sameResource(resource)) {
            throw OAuthError.badRequest("invalid_target", "resource must be " + resource());
        }
        Exchange result = switch (grantType) {
            case "authorization_code" -> exchangeCode(client, form);
            case "refresh_token" -> refresh(client, form);
            default ->
                throw OAuthError.badRequest(
                        "unsupported_grant_type", "grant_type: authorization_code or refresh_token");
        };
        return switch (result) {
            case Exchange.Issued issued -> issued.tokens();
            case Exchange.Refused refused -> {
                if (refused.revokeGrant() != null) revokeGrant(refused.revokeGrant());
                throw OAuthError.badRequest("invalid_grant", refused.description());
            }
        };
    }

    private static void authenticateClient(Client client, @Nullable String secret) {
        if (client.method().equals("none")) return;
        if (secret == null
                || client.secretHash() == null
                || !io.switchboard.shared.crypto.Tokens.constantTimeEquals(
                        client.secretHash(), io.switchboard.shared.crypto.Tokens.sha256Hex(secret))) {
            throw OAuthError.invalidClient("client authentication failed");
        }
    }

    private Exchange exchangeCode(Client client, Map<String, String> form) {
        String code = form.get("code");
        String verifier = form.get("code_verifier");
        if (code == null) throw OAuthError.badRequest("invalid_request", "code is required");
        if (verifier == null || !PKCE.matcher(verifier).matches()) {
            throw OAuthError.badRequest("invalid_request", "code_verifier (PKCE, 43-128 characters) is required");
        }
        String hash = io.switchboard.shared.crypto.Tokens.sha256Hex(code);
        return tx.asSystem("oauth code exchange", () -> {
            Record row = db.select(Codes.ALL)
                    .select(Grants.CLIENT_ID, Grants.SCOPE, Grants.REVOKED_AT)
                    .from(Codes.T)
                    .join(Grants.T)
                    .on(Grants.ID.eq(Codes.GRANT_ID))
                    .where(Codes.CODE_HASH.eq(hash))
                    .forUpdate()
                    .fetchOne();
            if (row == null || !row.get(Grants.CLIENT_ID).equals(client.clientId())) {
                return new Exchange.Refused("unknown authorization code", null);
            }
            UUID grantId = row.get(Codes.GRANT_ID);
            if (row.get(Codes.USED_AT) != null) {
                // a replayed code: someone else may hold it, so everything issued from it goes (RFC 6749 §4.1.2)
                return new Exchange.Refused("authorization code already used", grantId);
            }
            db.update(Codes.T)
                    .set(Codes.USED_AT, Instant.now())
                    .where(Codes.CODE_HASH.eq(hash))
                    .execute();
            if (row.get(Codes.EXPIRES_AT).isBefore(Instant.now()) || row.get(Grants.REVOKED_AT) != null) {
                return new Exchange.Refused("authorization code expired", null);
            }
            String redirect = form.get("redirect_uri");
            if (redirect == null || !redirect.equals(row.get(Codes.REDIRECT_URI))) {
                return new Exchange.Refused("redirect_uri does not match the authorization request", grantId);
            }
            if (!pkceMatches(verifier, row.get(Codes.CODE_CHALLENGE))) {
                return new Exchange.Refused("code_verifier does not match the code_challenge", grantId);
            }
            return new Exchange.Issued(issue(grantId, row.get(Codes.ORG_ID), row.get(Grants.SCOPE)));
        });
    }

    static boolean pkceMatches(String verifier, String challenge) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            return MessageDigest.isEqual(
                    computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Exchange refresh(Client client, Map<String, String> form) {
        String token = form.get("refresh_token");
        if (token == null) throw OAuthError.badRequest("invalid_request", "refresh_token is required");
        String hash = io.switchboard.shared.crypto.Tokens.sha256Hex(token);
        return tx.asSystem("oauth refresh", () -> {
            Record row = db.select(Tokens.ALL)
                    .select(Grants.CLIENT_ID, Grants.SCOPE, Grants.REVOKED_AT)
                    .from(Tokens.T)
                    .join(Grants.T)
                    .on(Grants.ID.eq(Tokens.GRANT_ID))
                    .where(Tokens.TOKEN_HASH.eq(hash), Tokens.KIND.eq("refresh"))
                    .forUpdate()
                    .fetchOne();
            if (row == null
                    || !row.get(Grants.CLIENT_ID).equals(client.clientId())
                    || row.get(Grants.REVOKED_AT) != null) {
                return new Exchange.Refused("unknown or revoked refresh token", null);
            }
            UUID grantId = row.get(Tokens.GRANT_ID);
            if (row.get(Tokens.USED_AT) != null) {
                // rotation: an old refresh token coming back means it leaked; end the whole grant
                return new Exchange.Refused("refresh token already used", grantId);
            }
            if (row.get(Tokens.EXPIRES_AT).isBefore(Instant.now())) {
                return new Exchange.Refused("refresh token expired", null);
            }
            db.update(Tokens.T)
                    .set(Tokens.USED_AT, Instant.now())
                    .where(Tokens.TOKEN_HASH.eq(hash))
                    .execute();
            return new Exchange.Issued(issue(grantId, row.get(Tokens.ORG_ID), row.get(Grants.SCOPE)));
        });
    }

    private TokenResponse issue(UUID grantId, UUID orgId, String scope) {
        String access = io.switchboard.shared.crypto.Tokens.newToken(ACCESS_PREFIX);
        String refresh = io.switchboard.shared.crypto.Tokens.newToken(REFRESH_PREFIX);
        Instant now = Instant.now();
        db.insertInto(Tokens.T)
                .columns(Tokens.TOKEN_HASH, Tokens.GRANT_ID, Tokens.ORG_ID, Tokens.KIND, Tokens.EXPIRES_AT)
                .values(
                        io.switchboard.shared.crypto.Tokens.sha256Hex(access),
                        grantId,
                        orgId,
                        "access",
                        now.plus(ACCESS_TTL))
                .values(
                        io.switchboard.shared.crypto.Tokens.sha256Hex(refresh),
                        grantId,
                        orgId,
                        "refresh",
                        now.plus(REFRESH_TTL))
                .execute();
        return new TokenResponse(access, ACCESS_TTL.toSeconds(), refresh, scope);
    }

    // ---- revocation (RFC 7009) and the dashboard's connections ----

    /** Revokes the grant behind an access or refresh token of this client; unknown tokens are fine (RFC 7009). */
    void revokeToken(
            @Nullable String token, Map<String, String> form, @Nullable String basicId, @Nullable String basicSecret) {
        String clientId = basicId != null ? basicId : form.get("client_id");
        if (clientId == null) throw OAuthError.invalidClient("client_id is required");
        Client client = tx.asSystem("oauth revoke", () -> client(clientId))
                .orElseThrow(() -> OAuthError.invalidClient("unknown client"));
        authenticateClient(client, basicSecret != null ? basicSecret : form.get("client_secret"));
        if (token == null) throw OAuthError.badRequest("invalid_request", "token is required");
        String hash = io.switchboard.shared.crypto.Tokens.sha256Hex(token);
        Optional<UUID> grant = tx.asSystem(
                "oauth revoke",
                () -> db.select(Tokens.GRANT_ID)
                        .from(Tokens.T)
                        .join(Grants.T)
                        .on(Grants.ID.eq(Tokens.GRANT_ID))
                        .where(Tokens.TOKEN_HASH.eq(hash), Grants.CLIENT_ID.eq(clientId))
                        .fetchOptional(Tokens.GRANT_ID));
        grant.ifPresent(this::revokeGrant);
    }

    private void revokeGrant(UUID grantId) {
        tx.asSystem("oauth revoke grant", () -> {
            db.update(Grants.T)
                    .set(Grants.REVOKED_AT, Instant.now())
                    .where(Grants.ID.eq(grantId), Grants.REVOKED_AT.isNull())
                    .execute();
        });
    }

    @io.swagger.v3.oas.annotations.media.Schema(
            name = "OAuthConnection",
            description = "an MCP client connected with OAuth")
    record Connection(
            UUID id,
            String clientId,
            String clientName,
            UUID userId,
            @Nullable String userEmail,
            String scope,
            @Nullable Set<String> tools,
            Instant createdAt,
            @Nullable Instant lastUsedAt) {}

    /** Connected clients of the current organisation: admins see everyone's, others their own. */
    PageResponse<Connection> connections(PageQuery page) {
        CurrentPrincipal principal = CurrentPrincipal.get();
        UUID userId = principal.requireUser();
        var where = Grants.ORG_ID.eq(principal.orgId()).and(Grants.REVOKED_AT.isNull());
        if (!principal.role().atLeast(Role.ADMIN)) where = where.and(Grants.USER_ID.eq(userId));
        var condition = where;
        return tx.asSystem(
                "oauth connections",
                () -> Pages.fetch(
                        db,
                        page,
                        db.select(Grants.ALL)
                                .select(Clients.NAME, IdentityTables.Users.EMAIL)
                                .from(Grants.T)
                                .join(Clients.T)
                                .on(Clients.CLIENT_ID.eq(Grants.CLIENT_ID))
                                .join(IdentityTables.Users.T)
                                .on(IdentityTables.Users.ID.eq(Grants.USER_ID))
                                .where(condition)
                                .orderBy(Grants.CREATED_AT.desc(), Grants.ID),
                        r -> new Connection(
                                r.get(Grants.ID),
                                r.get(Grants.CLIENT_ID),
                                r.get(Clients.NAME),
                                r.get(Grants.USER_ID),
                                r.get(IdentityTables.Users.EMAIL),
                                r.get(Grants.SCOPE),
                                r.get(Grants.TOOLS) == null ? null : new TreeSet<>(List.of(r.get(Grants.TOOLS))),
                                r.get(Grants.CREATED_AT),
                                r.get(Grants.LAST_USED_AT))));
    }

    void disconnect(UUID grantId) {
        CurrentPrincipal principal = CurrentPrincipal.get();
        UUID userId = principal.requireUser();
        boolean admin = principal.role().atLeast(Role.ADMIN);
        int revoked = tx.inOrg(principal.orgId(), () -> {
            var where = Grants.ID.eq(grantId).and(Grants.ORG_ID.eq(principal.orgId()));
            if (!admin) where = where.and(Grants.USER_ID.eq(userId));
            if (!db.fetchExists(Grants.T, where)) throw ApiProblem.notFound("Connected client " + grantId);
            return db.update(Grants.T)
                    .set(Grants.REVOKED_AT, Instant.now())
                    .where(where, Grants.REVOKED_AT.isNull())
                    .execute();
        });
        if (revoked > 0) audit.record("oauth.grant.revoked", "oauth_grant", grantId.toString(), Map.of());
    }

    /**
     * Expired pending requests, codes and tokens are dead weight: drop them a day after they
     * expire (the delay keeps replay detection for a late replayed code or refresh token). Every
     * node may run it; the deletes are idempotent.
     */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${switchboard.oauth.cleanup-interval:1h}",
            initialDelay = 120_000)
    void deleteExpired() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(1));
        tx.asSystem("oauth cleanup", () -> {
            db.deleteFrom(PendingRequests.T)
                    .where(PendingRequests.EXPIRES_AT.lt(cutoff))
                    .execute();
            db.deleteFrom(Codes.T).where(Codes.EXPIRES_AT.lt(cutoff)).execute();
            db.deleteFrom(Tokens.T).where(Tokens.EXPIRES_AT.lt(cutoff)).execute();
        });
    }

    // ---- the resource side: what an access token stands for ----

    /**
     * The principal of a valid access token: its user, in its organisation, with the weaker of the
     * granted scope and the member's current role, limited to the granted tools. Empty when unknown,
     * expired, revoked, or the user left the organisation. No cache: revocation is immediate everywhere.
     */
    Optional<CurrentPrincipal> authenticate(String accessToken) {
        String hash = io.switchboard.shared.crypto.Tokens.sha256Hex(accessToken);
        Instant now = Instant.now();
        var grant = tx.asSystem("oauth token lookup", () -> {
            var row = db.select(Grants.ALL)
                    .select(Clients.NAME)
                    .from(Tokens.T)
                    .join(Grants.T)
                    .on(Grants.ID.eq(Tokens.GRANT_ID))
                    .join(Clients.T)
                    .on(Clients.CLIENT_ID.eq(Grants.CLIENT_ID))
                    .where(
                            Tokens.TOKEN_HASH.eq(hash),
                            Tokens.KIND.eq("access"),
                            Tokens.EXPIRES_AT.gt(now),
                            Grants.REVOKED_AT.isNull())
                    .fetchOne();
            if (row != null) {
                // last use for the connections list, written at most once a minute
                db.update(Grants.T)
                        .set(Grants.LAST_USED_AT, now)
                        .where(
                                Grants.ID.eq(row.get(Grants.ID)),
                                Grants.LAST_USED_AT.isNull().or(Grants.LAST_USED_AT.lt(now.minusSeconds(60))))
                        .execute();
            }
            return Optional.ofNullable(row);
        });
        return grant.flatMap(r -> memberships
                .principal(r.get(Grants.USER_ID), r.get(Grants.ORG_ID))
                .map(member -> {
                    Role granted = scopeRole(r.get(Grants.SCOPE));
                    Role role = member.role().atLeast(granted) ? granted : member.role();
                    String[] tools = r.get(Grants.TOOLS);
                    return new CurrentPrincipal(
                            member.userId(),
                            member.orgId(),
                            role,
                            CurrentPrincipal.AuthMethod.OAUTH,
                            null,
                            false,
                            "OAuth client " + r.get(Clients.NAME) + " for " + member.label(),
                            tools == null ? null : Set.copyOf(new ArrayList<>(List.of(tools))));
                }));
    }
}
