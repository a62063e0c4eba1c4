package io.switchboard.mcp.internal;

import io.switchboard.shared.web.PublicUrls;
import org.springframework.stereotype.Component;

/** Where the MCP endpoint and its OAuth protected-resource metadata live (from the public URL). */
@Component
class ProtectedResourceMetadata {

    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final PublicUrls urls;

    ProtectedResourceMetadata(PublicUrls urls) {
        this.urls = urls;
    }

    String endpointUrl() {
        return urls.base() + McpHttpEndpoint.PATH;
    }

    String metadataUrl() {
        return urls.base() + WELL_KNOWN;
    }
}
