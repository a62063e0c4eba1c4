package io.switchboard.calls.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Bland's post-call webhook: verified, stored durably, then acknowledged; the worker applies it. */
@RestController
@Tag(name = "Webhooks")
@SecurityRequirements
class BlandWebhookController {

    private static final long MAX_BODY = 2 * 1024 * 1024;

    private final CallWebhooks webhooks;

    BlandWebhookController(CallWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/bland/{orgId}")
    @Operation(
            summary =
                    "Bland AI call webhook: X-Webhook-Signature (hex HMAC-SHA256 of the raw body) verified, stored, then 200;"
                            + " a replayed body is acknowledged and ignored",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(type = "string", format = "byte"))))
    ResponseEntity<Void> receive(@PathVariable UUID orgId, HttpServletRequest http) throws IOException {
        if (!webhooks.signingConfigured()) {
            throw ApiProblem.unauthorized(
                    "invalid-signature", "No Bland webhook signing secret is configured (BLAND_WEBHOOK_SECRET)");
        }
        byte[] raw = http.getInputStream().readNBytes((int) MAX_BODY + 1);
        if (raw.length > MAX_BODY) throw ApiProblem.tooLarge("body", "at most 2 MB");
        if (!webhooks.verify(raw, http.getHeader("X-Webhook-Signature"))) {
            throw ApiProblem.unauthorized("invalid-signature", "The X-Webhook-Signature does not match the body");
        }
        try {
            webhooks.store(orgId, raw);
        } catch (DataIntegrityViolationException e) {
            // the organisation does not exist
            throw ApiProblem.notFound("Organisation " + orgId);
        }
        return ResponseEntity.ok().build();
    }
}
