package io.switchboard.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard side of OAuth: the consent page reads a parked authorization request and answers
 * it; the AI assistants page lists and disconnects connected clients.
 */
@RestController
@RequestMapping("/api/v1/oauth")
@Tag(name = "OAuth")
class OAuthConsentController {

    private final OAuthServer server;

    OAuthConsentController(OAuthServer server) {
        this.server = server;
    }

    @GetMapping("/requests/{handle}")
    @Operation(
            summary = "An MCP client's pending authorization request (from /oauth2/authorize), for the consent"
                    + " page: the client, what it asks for and the organisations you may grant it")
    OAuthServer.PendingRequest request(@PathVariable String handle) {
        return server.describe(handle);
    }

    @Schema(name = "OAuthDecision")
    record Decision(
            @Schema(description = "true to allow, false to decline") @NotNull
            Boolean approve,

            @Schema(description = "the organisation the client may act in (required to approve)") @Nullable
            UUID organizationId,

            @Schema(description = "limit the client to these MCP tools; omit for all the scope allows") @Nullable
            Set<String> tools) {}

    @Schema(name = "OAuthDecisionResult")
    record DecisionResult(
            @Schema(description = "where to send the browser: the client's redirect URI")
            String redirectUrl) {}

    @PostMapping("/requests/{handle}/decision")
    @Operation(
            summary = "Answer an authorization request; the answer is the client's redirect URI with a one-time"
                    + " code (or error=access_denied) for the browser to follow")
    DecisionResult decide(@PathVariable String handle, @Valid @RequestBody Decision decision) {
        return new DecisionResult(
                server.decide(handle, decision.approve(), decision.organizationId(), decision.tools()));
    }

    @GetMapping("/connections")
    @Operation(summary = "MCP clients connected with OAuth in this organisation (admins see everyone's)")
    PageResponse<OAuthServer.Connection> connections(@ParameterObject @Valid PageQuery page) {
        return server.connections(page);
    }

    @DeleteMapping("/connections/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Disconnect a client: its access and refresh tokens stop working at once")
    void disconnect(@PathVariable UUID id) {
        server.disconnect(id);
    }
}
