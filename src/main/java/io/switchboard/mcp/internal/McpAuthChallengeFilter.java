package io.switchboard.mcp.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * MCP clients discover how to authenticate from the 401: {@code WWW-Authenticate: Bearer
 * resource_metadata="…/.well-known/oauth-protected-resource"} (RFC 9728, MCP authorization). Spring
 * Security writes the 401 (missing or invalid credential); this wrapper adds the metadata link to
 * whatever challenge it sets.
 */
class McpAuthChallengeFilter extends OncePerRequestFilter {

    private final ProtectedResourceMetadata metadata;

    McpAuthChallengeFilter(ProtectedResourceMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String link = "resource_metadata=\"" + metadata.metadataUrl() + "\"";
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            private boolean challenged;

            @Override
            public void setStatus(int sc) {
                super.setStatus(sc);
                if (sc == HttpServletResponse.SC_UNAUTHORIZED) challenge();
            }

            @Override
            public void sendError(int sc) throws IOException {
                if (sc == HttpServletResponse.SC_UNAUTHORIZED) challenge();
                super.sendError(sc);
            }

            @Override
            public void sendError(int sc, String msg) throws IOException {
                if (sc == HttpServletResponse.SC_UNAUTHORIZED) challenge();
                super.sendError(sc, msg);
            }

            @Override
            public void setHeader(String name, String value) {
                if (HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name) && !value.contains("resource_metadata")) {
                    challenged = true;
                    // Bearer error="invalid_token" → Bearer error="invalid_token", resource_metadata="…"
                    value = value.trim().equalsIgnoreCase("Bearer") ? "Bearer " + link : value + ", " + link;
                }
                super.setHeader(name, value);
            }

            private void challenge() {
                if (!challenged && getHeader(HttpHeaders.WWW_AUTHENTICATE) == null) {
                    challenged = true;
                    super.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + link);
                }
            }
        });
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
