package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.Channels;
import static io.switchboard.channels.internal.ChannelTables.InboundEvents;
import static io.switchboard.channels.internal.ChannelTables.Outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.channels.internal.ChannelService.ChannelView;
import io.switchboard.channels.spi.ChannelAdapterFactory.ConfigField;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.MessageContent;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/channels")
@Tag(name = "Channels")
class ChannelController {

    private final ChannelService channels;
    private final ChannelRegistry registry;
    private final InboundInbox inbox;
    private final ContactDirectory contacts;
    private final Conversations conversations;
    private final ProviderCircuits circuits;
    private final DSLContext db;
    private final JsonMapper json;

    ChannelController(
            ChannelService channels,
            ChannelRegistry registry,
            InboundInbox inbox,
            ContactDirectory contacts,
            Conversations conversations,
            DSLContext db,
            JsonMapper json,
            ProviderCircuits circuits) {
        this.circuits = circuits;
        this.channels = channels;
        this.registry = registry;
        this.inbox = inbox;
        this.contacts = contacts;
        this.conversations = conversations;
        this.db = db;
        this.json = json;
    }

    record CreateChannelRequest(
            @NotBlank @Schema(description = "whatsapp_cloud, twilio_whatsapp, twilio_sms, webchat or sandbox")
            String type,

            @NotBlank @Size(max = 100) String name,

            @Nullable @Schema(description = "settings of the type; secret ones are write-only")
            Map<String, String> config,

            @Nullable UUID agentId,
            @Nullable Double ratePerSecond) {}

    record UpdateChannelRequest(
            @Nullable @Size(min = 1, max = 100) String name,

            @Nullable @Schema(description = "settings to change; an empty value removes one")
            Map<String, String> config,

            @Nullable @Schema(description = "the agent that answers on this channel")
            UUID agentId,

            @Nullable @Schema(description = "true removes the agent: nobody answers automatically")
            Boolean detachAgent,

            @Nullable Boolean enabled,
            @Nullable Double ratePerSecond) {}

    record ChannelType(
            String type,
            @Nullable String webhookPath,
            double defaultRatePerSecond,
            @Nullable Long customerServiceWindowHours,
            List<ConfigField> configFields) {}

    record SandboxMessageRequest(
            @NotBlank @Size(max = 64) @Schema(description = "the contact's address, e.g. +14155550123")
            String from,

            @Nullable @Size(max = 100) String name,
            @NotBlank @Size(max = 4096) String text,

            @Nullable
            @Size(max = 128)
            @Schema(description = "provider message id; repeat one to simulate a provider retry")
            String id) {}

    record Accepted(long eventId) {}

    record TestMessageRequest(
            @NotBlank @Size(max = 64) String to,
            @NotBlank @Size(max = 4096) String text) {}

    record TestMessageSent(UUID conversationId, UUID messageId) {}

    record StartConversationRequest(@NotNull UUID contactId) {}

    record ConversationStarted(UUID conversationId) {}

    record QueueHealth(
            long inboundPending,
            long inboundFailed,
            @Nullable Double inboundLagSeconds,
            long outboundQueued,
            long outboundFailed,
            @Nullable Double outboundLagSeconds,
            boolean behind,

            @Schema(
                    description = "enabled channels whose provider keeps failing: sending to them is paused for a"
                            + " cooldown (circuit open, as seen by this server) and their replies wait in the queue")
            List<UUID> pausedChannels) {}

    @GetMapping("/types")
    @Operation(summary = "Channel types this server supports and their settings")
    List<ChannelType> types() {
        return registry.all().stream()
                .map(f -> new ChannelType(
                        f.type(),
                        f.webhookPath().orElse(null),
                        f.defaultRatePerSecond(),
                        f.customerServiceWindow()
                                .map(java.time.Duration::toHours)
                                .orElse(null),
                        f.configFields()))
                .toList();
    }

    @GetMapping
    @Operation(summary = "Channels of the organisation, with the webhook URL to paste into each provider")
    PageResponse<ChannelView> list(@ParameterObject @Valid PageQuery page) {
        return channels.list(page);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Connect a channel (admins)")
    ChannelView create(@Valid @RequestBody CreateChannelRequest request) {
        return channels.create(
                request.type(),
                request.name(),
                request.config() == null ? Map.of() : request.config(),
                request.agentId(),
                request.ratePerSecond());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One channel (secrets are never returned, only which are set)")
    ChannelView get(@PathVariable UUID id) {
        return channels.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change name, settings, agent, pacing or enable/disable")
    ChannelView update(@PathVariable UUID id, @Valid @RequestBody UpdateChannelRequest request) {
        return channels.update(
                id,
                request.name(),
                request.config(),
                request.agentId(),
                request.detachAgent(),
                request.enabled(),
                request.ratePerSecond());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Disable a channel: its webhooks answer 404 and nothing is sent; history stays")
    void disable(@PathVariable UUID id) {
        channels.disable(id);
    }

    @PostMapping("/{id}/sandbox/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Inject an inbound message into a sandbox channel, through the same durable path as a webhook")
    Accepted sandboxMessage(@PathVariable UUID id, @Valid @RequestBody SandboxMessageRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        ChannelView channel = channels.get(id);
        if (!"sandbox".equals(channel.type())) {
            throw ApiProblem.conflict("not-a-sandbox", "Only sandbox channels accept injected messages");
        }
        if (!channel.enabled()) {
            throw ApiProblem.conflict("channel-disabled", "The channel is disabled");
        }
        var payload = new java.util.LinkedHashMap<String, Object>();
        payload.put("type", "message");
        payload.put("id", request.id() != null ? request.id() : "sbx-" + UUID.randomUUID());
        payload.put("from", request.from());
        payload.put("name", request.name());
        payload.put("text", request.text());
        payload.put("at", Instant.now().toString());
        return new Accepted(inbox.store(principal.orgId(), id, json.writeValueAsString(payload), "application/json"));
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Send a test message to an address through this channel")
    @Transactional
    TestMessageSent test(@PathVariable UUID id, @Valid @RequestBody TestMessageRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        channels.get(id);
        var contact = contacts.resolveByIdentity(
                principal.orgId(),
                id,
                request.to().trim(),
                null,
                request.to().trim().startsWith("+") ? request.to().trim() : null);
        UUID conversationId = conversations.conversationFor(principal.orgId(), id, contact.id());
        var sent = conversations.sendReply(
                principal.orgId(),
                conversationId,
                new MessageContent.Text(request.text()),
                Conversations.SenderType.USER,
                principal.userId());
        return new TestMessageSent(conversationId, sent.messageId());
    }

    @PostMapping("/{id}/conversations")
    @Operation(
            summary = "Open a conversation with a contact on this channel (the open one when there is one)",
            description = "For writing first: on WhatsApp the first message must then be an approved template.")
    @Transactional
    ConversationStarted startConversation(@PathVariable UUID id, @Valid @RequestBody StartConversationRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        ChannelView channel = channels.get(id);
        if (!channel.enabled()) {
            throw ApiProblem.conflict("channel-disabled", "The channel is disabled");
        }
        var contact = contacts.find(principal.orgId(), request.contactId())
                .orElseThrow(() -> ApiProblem.notFound("Contact " + request.contactId()));
        if (contact.phone() == null
                && contacts.identityOn(principal.orgId(), contact.id(), id).isEmpty()) {
            throw ApiProblem.invalidField(
                    "contactId", "has no address on this channel: add a phone number to the contact first");
        }
        return new ConversationStarted(conversations.conversationFor(principal.orgId(), id, contact.id()));
    }

    @GetMapping("/queues")
    @Operation(summary = "Backlog and lag of the inbound and outbound queues; `behind` is true when processing lags")
    QueueHealth queues() {
        UUID orgId = CurrentPrincipal.get().orgId();
        var inbound = db.select(
                        DSL.count().filterWhere(InboundEvents.STATUS.in("pending", "processing")),
                        DSL.count().filterWhere(InboundEvents.STATUS.eq("failed")),
                        DSL.min(InboundEvents.RECEIVED_AT)
                                .filterWhere(InboundEvents.STATUS.in("pending", "processing")))
                .from(InboundEvents.T)
                .where(InboundEvents.ORG_ID.eq(orgId))
                .fetchSingle();
        var outbound = db.select(
                        DSL.count().filterWhere(Outbound.STATUS.in("queued", "claimed", "sending")),
                        DSL.count().filterWhere(Outbound.STATUS.eq("failed")),
                        DSL.min(Outbound.CREATED_AT).filterWhere(Outbound.STATUS.in("queued", "claimed", "sending")))
                .from(Outbound.T)
                .where(Outbound.ORG_ID.eq(orgId))
                .fetchSingle();
        Double inboundLag = lag(inbound.value3());
        Double outboundLag = lag(outbound.value3());
        boolean behind = (inboundLag != null && inboundLag > 30) || (outboundLag != null && outboundLag > 300);
        // circuits are rare: look up the organisation's channels only when one is open on this node
        List<UUID> paused = !circuits.anyPaused()
                ? List.of()
                : db
                        .select(Channels.ID)
                        .from(Channels.T)
                        .where(Channels.ORG_ID.eq(orgId), Channels.ENABLED.isTrue())
                        .fetch(Channels.ID)
                        .stream()
                        .filter(id -> !circuits.state(id).equals("closed"))
                        .toList();
        return new QueueHealth(
                inbound.value1(),
                inbound.value2(),
                inboundLag,
                outbound.value1(),
                outbound.value2(),
                outboundLag,
                behind,
                paused);
    }

    private static @Nullable Double lag(@Nullable Instant oldest) {
        return oldest == null ? null : Math.max(0, (Instant.now().toEpochMilli() - oldest.toEpochMilli()) / 1000.0);
    }
}
