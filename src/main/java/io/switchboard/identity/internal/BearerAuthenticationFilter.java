package io.switchboard.identity.internal;

import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.TenantContext;
import io.switchboard.shared.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer} with a JWT access token, an API key ({@code sb_...}) or, at /mcp only,
 * an OAuth access token ({@code sboa_...}). A
 * valid credential binds the principal and its organisation as the tenant scope for the rest of the
 * request; an invalid one is refused at once with 401 rather than treated as anonymous.
 */
class BearerAuthenticationFilter extends OncePerRequestFilter {

    private final JwtService jwt;
    private final ApiKeyService apiKeys;
    private final MembershipCache memberships;
    private final ProblemResponses problems;
    private final OAuthServer oauth;

    BearerAuthenticationFilter(
            JwtService jwt,
            ApiKeyService apiKeys,
            MembershipCache memberships,
            ProblemResponses problems,
            OAuthServer oauth) {
        this.oauth = oauth;
        this.jwt = jwt;
        this.apiKeys = apiKeys;
        this.memberships = memberships;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String credential = header.substring(7).trim();
        Optional<CurrentPrincipal> principal;
        if (credential.startsWith("sb_")) {
            principal = apiKeys.authenticate(credential);
        } else if (credential.startsWith(OAuthServer.ACCESS_PREFIX)) {
            // audience (RFC 8707): OAuth tokens were issued for the MCP endpoint and work nowhere else
            principal = OAuthServer.MCP_PATH.equals(request.getRequestURI())
                    ? oauth.authenticate(credential)
                    : Optional.empty();
        } else {
            principal = jwt.verifyAccessToken(credential).flatMap(c -> memberships.principal(c.userId(), c.orgId()));
        }
        if (principal.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(
                    response,
                    ApiProblem.unauthorized(
                            "invalid-token", "The access token or API key is invalid, expired or revoked"));
            return;
        }
        CurrentPrincipal p = principal.get();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                p, null, AuthorityUtils.createAuthorityList(p.authorities().toArray(String[]::new)));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            TenantContext.callAs(new TenantContext.Org(p.orgId()), () -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * The web chat widget's public API carries a visitor token (its own JWT type, checked by the
     * webchat channel), the contact portal a contact token (billing), never a user credential.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith(WEBCHAT_PREFIX) || uri.startsWith(PORTAL_PREFIX);
    }

    static final String WEBCHAT_PREFIX = "/api/v1/webchat/";
    /** Contacts' self-service page (billing): contact tokens of their own JWT type, never a user credential. */
    static final String PORTAL_PREFIX = "/api/v1/portal/";

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
