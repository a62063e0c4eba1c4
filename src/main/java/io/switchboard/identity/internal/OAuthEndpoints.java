package io.switchboard.identity.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth 2.1 protocol endpoints MCP clients talk to (public; they carry their own credentials):
 * server metadata (RFC 8414), registration (RFC 7591), authorize, token and revocation (RFC 7009).
 * Errors use OAuth's own {@code {"error", "error_description"}} shape, which clients expect.
 */
@RestController
@Tag(name = "OAuth")
class OAuthEndpoints {

    static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

    /** Open registration is unauthenticated: a bound per address keeps it from filling the table. */
    static final int REGISTRATIONS_PER_HOUR = 30;

    private final OAuthServer server;
    private final io.switchboard.shared.ratelimit.RateLimiter rateLimiter;

    OAuthEndpoints(OAuthServer server, io.switchboard.shared.ratelimit.RateLimiter rateLimiter) {
        this.server = server;
        this.rateLimiter = rateLimiter;
    }

    @Schema(name = "OAuthServerMetadata", description = "RFC 8414 authorization server metadata")
    record Metadata(
            String issuer,
            String authorization_endpoint,
            String token_endpoint,
            String registration_endpoint,
            String revocation_endpoint,
            List<String> response_types_supported,
            List<String> grant_types_supported,
            List<String> code_challenge_methods_supported,
            List<String> token_endpoint_auth_methods_supported,
            List<String> revocation_endpoint_auth_methods_supported,
            List<String> scopes_supported,
            boolean authorization_response_iss_parameter_supported,
            String service_documentation) {}

    @GetMapping({WELL_KNOWN, WELL_KNOWN + "/mcp"})
    @Operation(summary = "OAuth authorization server metadata (RFC 8414) for MCP clients")
    ResponseEntity<Metadata> metadata() {
        String base = server.issuer();
        var auth = List.of("none", "client_secret_post", "client_secret_basic");
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .body(new Metadata(
                        base,
                        base + "/oauth2/authorize",
                        base + "/oauth2/token",
                        base + "/oauth2/register",
                        base + "/oauth2/revoke",
                        List.of("code"),
                        List.of("authorization_code", "refresh_token"),
                        List.of("S256"),
                        auth,
                        auth,
                        List.of("read", "write", "admin"),
                        true,
                        base + "/ai-assistants"));
    }

    @Schema(name = "OAuthClientRegistrationRequest", description = "RFC 7591 client metadata (the fields we use)")
    record RegistrationRequest(
            @Nullable List<String> redirect_uris,
            @Nullable String client_name,

            @Schema(allowableValues = {"none", "client_secret_post", "client_secret_basic"}) @Nullable
            String token_endpoint_auth_method,

            @Nullable List<String> grant_types,
            @Nullable List<String> response_types,
            @Nullable String scope) {}

    @Schema(name = "OAuthClientRegistration", description = "RFC 7591 registration response")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RegistrationResponse(
            String client_id,
            @Nullable String client_secret,
            long client_id_issued_at,
            @Nullable Long client_secret_expires_at,
            String client_name,
            List<String> redirect_uris,
            String token_endpoint_auth_method,
            List<String> grant_types,
            List<String> response_types) {}

    @PostMapping(path = "/oauth2/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Dynamic client registration (RFC 7591): open, as MCP clients expect")
    ResponseEntity<RegistrationResponse> register(
            @RequestBody RegistrationRequest request, jakarta.servlet.http.HttpServletRequest http) {
        if (!rateLimiter.tryConsume(
                "oauth-register:" + http.getRemoteAddr(), REGISTRATIONS_PER_HOUR, Duration.ofHours(1))) {
            throw new OAuthError(
                    429, "temporarily_unavailable", "Too many client registrations from this address; try later", null);
        }
        if (request.grant_types() != null
                && !List.of("authorization_code", "refresh_token").containsAll(request.grant_types())) {
            throw OAuthError.badRequest(
                    "invalid_client_metadata", "grant_types: only authorization_code and refresh_token");
        }
        if (request.response_types() != null && !List.of("code").containsAll(request.response_types())) {
            throw OAuthError.badRequest("invalid_client_metadata", "response_types: only code");
        }
        var r = server.register(request.redirect_uris(), request.client_name(), request.token_endpoint_auth_method());
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new RegistrationResponse(
                        r.clientId(),
                        r.clientSecret(),
                        r.issuedAt().getEpochSecond(),
                        r.clientSecret() == null ? null : 0L,
                        r.clientName(),
                        r.redirectUris(),
                        r.authMethod(),
                        List.of("authorization_code", "refresh_token"),
                        List.of("code")));
    }

    @GetMapping("/oauth2/authorize")
    @Operation(
            summary = "Authorization endpoint: validates the request (PKCE S256 required, resource = the MCP"
                    + " endpoint) and sends the browser to the dashboard's consent page /oauth/consent, which"
                    + " sends it back to the client's redirect URI with a code")
    ResponseEntity<Void> authorize(@RequestParam Map<String, String> params) {
        String location = server.authorize(params);
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location)
                .cacheControl(CacheControl.noStore())
                .build();
    }

    @Schema(name = "OAuthTokenResponse")
    record TokenBody(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            String scope) {}

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(
            summary = "Token endpoint: authorization_code (with code_verifier) or refresh_token (rotating);"
                    + " access tokens live 1 hour and only work at /mcp")
    ResponseEntity<TokenBody> token(
            @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        String[] basic = basic(authorization);
        var t = server.token(single(form), basic[0], basic[1]);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new TokenBody(t.accessToken(), "Bearer", t.expiresIn(), t.refreshToken(), t.scope()));
    }

    @PostMapping(path = "/oauth2/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Token revocation (RFC 7009): ends the whole connection the token belongs to")
    ResponseEntity<Void> revoke(
            @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        String[] basic = basic(authorization);
        var values = single(form);
        server.revokeToken(values.get("token"), values, basic[0], basic[1]);
        return ResponseEntity.ok().build();
    }

    @ExceptionHandler(OAuthError.class)
    ResponseEntity<Map<String, String>> error(OAuthError e) {
        var body = new LinkedHashMap<String, String>();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        var response = ResponseEntity.status(e.status()).cacheControl(CacheControl.noStore());
        if (e.status() == 401) response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\"");
        return response.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static Map<String, String> single(MultiValueMap<String, String> form) {
        var map = new LinkedHashMap<String, String>();
        form.forEach((k, v) -> {
            if (v.size() > 1) throw OAuthError.badRequest("invalid_request", k + " was sent more than once");
            if (!v.isEmpty() && v.getFirst() != null) map.put(k, v.getFirst());
        });
        return map;
    }

    /** client_secret_basic: {@code Basic base64(urlencoded id ":" urlencoded secret)}. */
    private static @Nullable String[] basic(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new String[2];
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) throw OAuthError.invalidClient("malformed Basic credentials");
            return new String[] {
                java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("malformed Basic credentials");
        }
    }
}
