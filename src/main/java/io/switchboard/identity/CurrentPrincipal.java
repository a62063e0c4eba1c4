package io.switchboard.identity;

import io.switchboard.shared.ApiProblem;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling and for which organisation: a signed-in user (JWT), an API key, or an MCP client's
 * OAuth token (acting for the user who consented). Obtain it with
 * {@link #get()} inside a request; the organisation is also bound as the tenant scope.
 *
 * @param tools the MCP tools an API key is limited to; null = every tool its role allows
 */
public record CurrentPrincipal(
        @Nullable UUID userId,
        UUID orgId,
        Role role,
        AuthMethod method,
        @Nullable UUID apiKeyId,
        boolean superAdmin,
        String label,
        @Nullable Set<String> tools) {

    public CurrentPrincipal(
            @Nullable UUID userId,
            UUID orgId,
            Role role,
            AuthMethod method,
            @Nullable UUID apiKeyId,
            boolean superAdmin,
            String label) {
        this(userId, orgId, role, method, apiKeyId, superAdmin, label, null);
    }

    /** Whether this caller may use the named MCP tool (API keys may be limited to a subset). */
    public boolean mayUseTool(String tool) {
        return tools == null || tools.contains(tool);
    }

    public enum AuthMethod {
        JWT,
        API_KEY,
        /** An OAuth access token an MCP client got with a user's consent (only accepted at /mcp). */
        OAUTH;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static CurrentPrincipal get() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentPrincipal p) {
            return p;
        }
        throw ApiProblem.unauthorized("unauthenticated", "Sign in or send an API key");
    }

    /** Fails with 403 unless the caller's role is at least {@code minimum}. */
    public CurrentPrincipal require(Role minimum) {
        if (!role.atLeast(minimum)) {
            throw ApiProblem.forbidden("This needs the " + minimum + " role or higher");
        }
        return this;
    }

    /** Fails with 403 unless the caller signed in as a user (API keys can't do this). */
    public UUID requireUser() {
        if (userId == null || method != AuthMethod.JWT) {
            throw ApiProblem.forbidden("Only a signed-in user can do this, not an API key");
        }
        return userId;
    }

    public Set<String> authorities() {
        return superAdmin ? Set.of("ROLE_" + role.name(), "ROLE_SUPER_ADMIN") : Set.of("ROLE_" + role.name());
    }
}
