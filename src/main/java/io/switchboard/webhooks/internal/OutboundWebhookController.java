package io.switchboard.webhooks.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.webhooks.internal.WebhookApi.WebhookDelivery;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEndpoint;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEndpointCreated;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEndpointInput;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEventType;
import io.switchboard.webhooks.internal.WebhookApi.WebhookSecret;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Outbound webhooks (Standard Webhooks signatures), for admins")
class OutboundWebhookController {

    private final WebhookService webhooks;

    OutboundWebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/event-types")
    @Operation(summary = "Event types an endpoint can subscribe to (available: false while their module is not built)")
    List<WebhookEventType> eventTypes() {
        return webhooks.eventTypes();
    }

    @GetMapping
    @Operation(summary = "The organisation's webhook endpoints")
    PageResponse<WebhookEndpoint> list(@ParameterObject @Valid PageQuery page) {
        return webhooks.list(page);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an endpoint; the answer holds its signing secret, shown only this once")
    WebhookEndpointCreated create(@Valid @RequestBody WebhookEndpointInput body) {
        return webhooks.create(body);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One endpoint")
    WebhookEndpoint get(@PathVariable UUID id) {
        return webhooks.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change url, description, events or enabled (enabling clears the reason it was disabled)")
    WebhookEndpoint update(@PathVariable UUID id, @Valid @RequestBody WebhookEndpointInput body) {
        return webhooks.update(id, body);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an endpoint and its delivery log")
    void delete(@PathVariable UUID id) {
        webhooks.delete(id);
    }

    @PostMapping("/{id}/rotate-secret")
    @Operation(
            summary =
                    "New signing secret, shown once; the previous one keeps signing (a second signature) for an overlap")
    WebhookSecret rotate(@PathVariable UUID id) {
        return webhooks.rotate(id);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Queue a webhook.test event to this endpoint; its delivery appears in the log")
    WebhookDelivery test(@PathVariable UUID id) {
        return webhooks.sendTest(id);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "Delivery log of an endpoint, newest first, with request, answers and attempts")
    PageResponse<WebhookDelivery> deliveries(
            @PathVariable UUID id,
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "pending, sending, succeeded or dead") @RequestParam(required = false) @Nullable
                    String status) {
        return webhooks.deliveries(id, page, status);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery again now, with a fresh retry schedule")
    WebhookDelivery resend(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        return webhooks.resend(id, deliveryId);
    }
}
