package io.switchboard.conversations.internal;

import static io.switchboard.conversations.internal.ConversationTables.ContactNames;
import static io.switchboard.conversations.internal.ConversationTables.Conversations;
import static io.switchboard.conversations.internal.ConversationTables.Messages;

import io.switchboard.conversations.ConversationChanged;
import io.switchboard.conversations.Conversations.MessageForDelivery;
import io.switchboard.conversations.Conversations.RecordedMessage;
import io.switchboard.conversations.Conversations.SenderType;
import io.switchboard.conversations.Conversations.VisibleMessage;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageAppended;
import io.switchboard.conversations.MessageContent;
import io.switchboard.conversations.MessageReceived;
import io.switchboard.conversations.OutboundMessageRequested;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.OrganizationMembers;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import io.switchboard.storage.BlobStore;
import io.switchboard.storage.StoredBlob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Conversations, messages and their states. */
@Service
class ConversationService implements io.switchboard.conversations.Conversations {

    private static final int PREVIEW_LENGTH = 140;

    private final DSLContext db;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final OrganizationMembers members;
    private final BlobStore blobs;
    private final AuditLog audit;

    ConversationService(
            DSLContext db,
            JsonMapper json,
            ApplicationEventPublisher events,
            OrganizationMembers members,
            BlobStore blobs,
            AuditLog audit) {
        this.db = db;
        this.json = json;
        this.events = events;
        this.members = members;
        this.blobs = blobs;
        this.audit = audit;
    }

    /** How long the media links in API answers stay valid; a reload gets fresh ones. */
    static final java.time.Duration MEDIA_LINK_TTL = java.time.Duration.ofHours(1);

    // ---- module API

    @Override
    @Transactional
    public Optional<RecordedMessage> recordInbound(
            UUID orgId,
            UUID channelId,
            UUID contactId,
            @Nullable String providerMessageId,
            MessageContent content,
            Instant sentAt) {
        lockContactOnChannel(contactId, channelId);
        if (providerMessageId != null
                && db.fetchExists(
                        Messages.T,
                        Messages.CHANNEL_ID.eq(channelId),
                        Messages.PROVIDER_MESSAGE_ID.eq(providerMessageId))) {
            return Optional.empty();
        }
        var open = openConversation(orgId, channelId, contactId);
        UUID conversationId = open.orElseGet(() -> startConversation(orgId, channelId, contactId));
        UUID messageId = insertMessage(
                orgId,
                conversationId,
                channelId,
                contactId,
                "inbound",
                SenderType.CONTACT,
                null,
                content,
                providerMessageId,
                DeliveryState.RECEIVED,
                sentAt); // the provider's time orders the thread, whichever worker stored it first
        db.update(Conversations.T)
                .set(Conversations.LAST_MESSAGE_AT, DSL.currentInstant())
                .set(Conversations.LAST_INBOUND_AT, sentAt)
                .set(Conversations.LAST_MESSAGE_PREVIEW, preview(content))
                .set(Conversations.UNREAD_COUNT, Conversations.UNREAD_COUNT.plus(1))
                .set(
                        Conversations.STATUS,
                        DSL.when(Conversations.STATUS.eq("snoozed"), "open").otherwise(Conversations.STATUS))
                .set(Conversations.SNOOZED_UNTIL, (Instant) null)
                .where(Conversations.ID.eq(conversationId))
                .execute();
        events.publishEvent(new MessageReceived(orgId, conversationId, messageId, channelId, contactId));
        events.publishEvent(new ConversationChanged(orgId, conversationId, "message"));
        return Optional.of(new RecordedMessage(messageId, conversationId, contactId, channelId, open.isEmpty()));
    }

    @Override
    @Transactional
    public UUID conversationFor(UUID orgId, UUID channelId, UUID contactId) {
        lockContactOnChannel(contactId, channelId);
        return openConversation(orgId, channelId, contactId)
                .orElseGet(() -> startConversation(orgId, channelId, contactId));
    }

    /** One writer per (contact, channel) at a time: no two open conversations, and the dedupe check is race-free. */
    private void lockContactOnChannel(UUID contactId, UUID channelId) {
        db.select(DSL.field(
                        "pg_advisory_xact_lock(hashtextextended({0}, 0))", Object.class, contactId + "|" + channelId))
                .fetch();
    }

    private Optional<UUID> openConversation(UUID orgId, UUID channelId, UUID contactId) {
        return db.select(Conversations.ID)
                .from(Conversations.T)
                .where(
                        Conversations.ORG_ID.eq(orgId),
                        Conversations.CONTACT_ID.eq(contactId),
                        Conversations.CHANNEL_ID.eq(channelId),
                        Conversations.STATUS.ne("resolved"))
                .orderBy(Conversations.CREATED_AT.desc())
                .limit(1)
                .fetchOptional(Conversations.ID);
    }

    private UUID startConversation(UUID orgId, UUID channelId, UUID contactId) {
        UUID id = UUID.randomUUID();
        db.insertInto(Conversations.T)
                .set(Conversations.ID, id)
                .set(Conversations.ORG_ID, orgId)
                .set(Conversations.CONTACT_ID, contactId)
                .set(Conversations.CHANNEL_ID, channelId)
                .execute();
        events.publishEvent(new ConversationChanged(orgId, id, "created"));
        return id;
    }

    @Override
    @Transactional
    public RecordedMessage sendReply(
            UUID orgId, UUID conversationId, MessageContent content, SenderType sender, @Nullable UUID senderId) {
        var conversation = db.select(Conversations.CONTACT_ID, Conversations.CHANNEL_ID, Conversations.LAST_INBOUND_AT)
                .from(Conversations.T)
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(conversationId))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Conversation " + conversationId));
        UUID contactId = conversation.value1();
        UUID channelId = conversation.value2();
        UUID messageId = insertMessage(
                orgId,
                conversationId,
                channelId,
                contactId,
                "outbound",
                sender,
                senderId,
                content,
                null,
                DeliveryState.QUEUED,
                Instant.now());
        var update = db.update(Conversations.T)
                .set(Conversations.LAST_MESSAGE_AT, DSL.currentInstant())
                .set(Conversations.LAST_MESSAGE_PREVIEW, preview(content));
        if (sender == SenderType.USER) {
            // a person answering takes the conversation over from the bot
            update = update.set(Conversations.UNREAD_COUNT, 0)
                    .set(
                            Conversations.ASSIGNEE_USER_ID,
                            DSL.coalesce(Conversations.ASSIGNEE_USER_ID, DSL.val(senderId)));
        }
        update.where(Conversations.ID.eq(conversationId)).execute();
        events.publishEvent(new OutboundMessageRequested(
                orgId, channelId, conversationId, messageId, contactId, content, conversation.value3()));
        events.publishEvent(new ConversationChanged(orgId, conversationId, "message"));
        return new RecordedMessage(messageId, conversationId, contactId, channelId, false);
    }

    @Override
    @Transactional
    public boolean updateDeliveryState(
            UUID orgId, UUID channelId, String providerMessageId, DeliveryState state, @Nullable String error) {
        var message = db.select(Messages.ID, Messages.CONVERSATION_ID, Messages.DELIVERY_STATE)
                .from(Messages.T)
                .where(
                        Messages.ORG_ID.eq(orgId),
                        Messages.CHANNEL_ID.eq(channelId),
                        Messages.PROVIDER_MESSAGE_ID.eq(providerMessageId))
                .forUpdate()
                .fetchOptional();
        if (message.isEmpty()) {
            return false;
        }
        if (DeliveryState.fromJson(message.get().value3()).canMoveTo(state)) {
            db.update(Messages.T)
                    .set(Messages.DELIVERY_STATE, state.json())
                    .set(Messages.ERROR, error)
                    .where(Messages.ID.eq(message.get().value1()))
                    .execute();
            events.publishEvent(new io.switchboard.conversations.MessageStatusChanged(
                    orgId, message.get().value2(), message.get().value1(), state, error));
            events.publishEvent(new ConversationChanged(orgId, message.get().value2(), "delivery"));
        }
        return true;
    }

    @Override
    @Transactional
    public void markSent(UUID orgId, UUID messageId, String providerMessageId, DeliveryState state) {
        var conversationId = db.update(Messages.T)
                .set(Messages.PROVIDER_MESSAGE_ID, providerMessageId)
                .set(Messages.DELIVERY_STATE, state.json())
                .where(
                        Messages.ORG_ID.eq(orgId),
                        Messages.ID.eq(messageId),
                        Messages.DELIVERY_STATE.eq(DeliveryState.QUEUED.json()))
                .returning(Messages.CONVERSATION_ID)
                .fetchOptional(Messages.CONVERSATION_ID);
        conversationId.ifPresent(id -> events.publishEvent(
                new io.switchboard.conversations.MessageStatusChanged(orgId, id, messageId, state, null)));
        conversationId.ifPresent(id -> events.publishEvent(new ConversationChanged(orgId, id, "delivery")));
    }

    @Override
    @Transactional
    public void markFailed(UUID orgId, UUID messageId, String reason) {
        var conversationId = db.update(Messages.T)
                .set(Messages.DELIVERY_STATE, DeliveryState.FAILED.json())
                .set(Messages.ERROR, reason)
                .where(Messages.ORG_ID.eq(orgId), Messages.ID.eq(messageId))
                .returning(Messages.CONVERSATION_ID)
                .fetchOptional(Messages.CONVERSATION_ID);
        conversationId.ifPresent(id -> events.publishEvent(new io.switchboard.conversations.MessageStatusChanged(
                orgId, id, messageId, DeliveryState.FAILED, reason)));
        conversationId.ifPresent(id -> events.publishEvent(new ConversationChanged(orgId, id, "delivery")));
    }

    @Override
    public Optional<MessageForDelivery> forDelivery(UUID orgId, UUID messageId) {
        return db.select(
                        Messages.ID,
                        Messages.CONVERSATION_ID,
                        Conversations.CONTACT_ID,
                        Messages.CHANNEL_ID,
                        Messages.CONTENT)
                .from(Messages.T)
                .join(Conversations.T)
                .on(Conversations.ID.eq(Messages.CONVERSATION_ID))
                .where(Messages.ORG_ID.eq(orgId), Messages.ID.eq(messageId))
                .fetchOptional(r ->
                        new MessageForDelivery(r.value1(), r.value2(), r.value3(), r.value4(), content(r.value5())));
    }

    @Override
    @Transactional
    public void attachMedia(UUID orgId, UUID messageId, StoredBlob file) {
        changeMedia(
                orgId,
                messageId,
                media -> media.withFile(file.key(), file.size(), file.contentType(), file.filename()));
    }

    @Override
    @Transactional
    public void markMediaUnavailable(UUID orgId, UUID messageId, String reason) {
        changeMedia(orgId, messageId, media -> media.withUnavailable(reason));
    }

    private void changeMedia(
            UUID orgId, UUID messageId, java.util.function.UnaryOperator<MessageContent.Media> change) {
        var row = db.select(Messages.CONVERSATION_ID, Messages.CONTENT)
                .from(Messages.T)
                .where(Messages.ORG_ID.eq(orgId), Messages.ID.eq(messageId))
                .forUpdate()
                .fetchOptional();
        if (row.isEmpty() || !(content(row.get().value2()) instanceof MessageContent.Media media)) {
            return;
        }
        db.update(Messages.T)
                .set(Messages.CONTENT, JSONB.valueOf(json.writeValueAsString(change.apply(media))))
                .where(Messages.ID.eq(messageId))
                .execute();
        events.publishEvent(new ConversationChanged(orgId, row.get().value1(), "media"));
    }

    /** Messages the contact sees (never internal notes), with their conversation's contact, for {@link #toVisible}. */
    private org.jooq.SelectConditionStep<Record> visibleWhere(UUID orgId, Condition... conditions) {
        return db.select(Messages.ALL)
                .select(Conversations.CONTACT_ID)
                .from(Messages.T)
                .join(Conversations.T)
                .on(Conversations.ID.eq(Messages.CONVERSATION_ID))
                .where(Messages.ORG_ID.eq(orgId), Messages.DIRECTION.in("inbound", "outbound"))
                .and(DSL.and(conditions));
    }

    @Override
    public PageResponse<VisibleMessage> visibleMessages(UUID orgId, UUID channelId, UUID contactId, PageQuery page) {
        return Pages.fetch(
                db,
                page,
                visibleWhere(
                                orgId,
                                Conversations.ORG_ID.eq(orgId),
                                Conversations.CHANNEL_ID.eq(channelId),
                                Conversations.CONTACT_ID.eq(contactId))
                        .orderBy(Messages.CREATED_AT, Messages.ID),
                this::toVisible);
    }

    @Override
    public PageResponse<VisibleMessage> visibleMessagesOfContact(UUID orgId, UUID contactId, PageQuery page) {
        return Pages.fetch(
                db,
                page,
                visibleWhere(orgId, Conversations.ORG_ID.eq(orgId), Conversations.CONTACT_ID.eq(contactId))
                        .orderBy(Messages.CREATED_AT.desc(), Messages.ID.desc()),
                this::toVisible);
    }

    /** The contact's newest visible messages strictly before {@code before} (the contact timeline). */
    List<VisibleMessage> visibleMessagesOfContactBefore(UUID orgId, UUID contactId, Instant before, int limit) {
        return visibleWhere(
                        orgId,
                        Conversations.ORG_ID.eq(orgId),
                        Conversations.CONTACT_ID.eq(contactId),
                        Messages.CREATED_AT.lt(before))
                .orderBy(Messages.CREATED_AT.desc(), Messages.ID.desc())
                .limit(limit)
                .fetch(this::toVisible);
    }

    @Override
    public List<VisibleMessage> visibleMessagesSince(UUID orgId, UUID conversationId, Instant since) {
        return visibleWhere(orgId, Messages.CONVERSATION_ID.eq(conversationId), Messages.CREATED_AT.ge(since))
                .orderBy(Messages.CREATED_AT, Messages.ID)
                .limit(100)
                .fetch(this::toVisible);
    }

    @Override
    public Optional<ConversationState> state(UUID orgId, UUID conversationId) {
        return db.select(Conversations.ALL)
                .from(Conversations.T)
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(conversationId))
                .fetchOptional(r -> new ConversationState(
                        r.get(Conversations.ID),
                        r.get(Conversations.CHANNEL_ID),
                        r.get(Conversations.CONTACT_ID),
                        r.get(Conversations.STATUS),
                        r.get(Conversations.ASSIGNEE_USER_ID),
                        r.get(Conversations.BOT_PAUSED_AT),
                        r.get(Conversations.HANDOFF_REASON),
                        r.get(Conversations.PRIORITY)));
    }

    @Override
    public Optional<VisibleMessage> visibleMessage(UUID orgId, UUID messageId) {
        return visibleWhere(orgId, Messages.ID.eq(messageId)).fetchOptional(this::toVisible);
    }

    @Override
    public List<VisibleMessage> recentMessages(UUID orgId, UUID conversationId, int limit) {
        var newestFirst = visibleWhere(orgId, Messages.CONVERSATION_ID.eq(conversationId))
                .orderBy(Messages.CREATED_AT.desc(), Messages.ID.desc())
                .limit(Math.max(0, limit))
                .fetch(this::toVisible);
        return newestFirst.reversed();
    }

    @Override
    @Transactional
    public void setUnderstanding(UUID orgId, UUID messageId, String understandingJson) {
        db.update(Messages.T)
                .set(Messages.UNDERSTANDING, JSONB.valueOf(understandingJson))
                .where(Messages.ORG_ID.eq(orgId), Messages.ID.eq(messageId))
                .execute();
    }

    @Override
    public Optional<String> understanding(UUID orgId, UUID messageId) {
        return db.select(Messages.UNDERSTANDING)
                .from(Messages.T)
                .where(Messages.ORG_ID.eq(orgId), Messages.ID.eq(messageId))
                .fetchOptional(Messages.UNDERSTANDING)
                .map(JSONB::data);
    }

    @Override
    @Transactional
    public void handOff(UUID orgId, UUID conversationId, String reason) {
        int updated = db.update(Conversations.T)
                .set(Conversations.BOT_PAUSED_AT, DSL.coalesce(Conversations.BOT_PAUSED_AT, DSL.currentInstant()))
                .set(Conversations.HANDOFF_REASON, reason)
                .set(
                        Conversations.PRIORITY,
                        DSL.when(Conversations.PRIORITY.eq("urgent"), "urgent").otherwise("high"))
                .set(
                        Conversations.STATUS,
                        DSL.when(Conversations.STATUS.eq("resolved"), "open").otherwise(Conversations.STATUS))
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(conversationId))
                .execute();
        if (updated == 0) throw ApiProblem.notFound("Conversation " + conversationId);
        insertSystemNote(orgId, conversationId, "Handed off to a person: " + reason);
        events.publishEvent(new ConversationChanged(orgId, conversationId, "handoff"));
    }

    @Override
    @Transactional
    public void flag(UUID orgId, UUID conversationId, String reason) {
        db.update(Conversations.T)
                .set(
                        Conversations.LABELS,
                        DSL.field(
                                "array(select distinct unnest({0} || array['flagged']::text[]))",
                                Conversations.LABELS.getDataType(), Conversations.LABELS))
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(conversationId))
                .execute();
        insertSystemNote(orgId, conversationId, "Flagged: " + reason);
        events.publishEvent(new ConversationChanged(orgId, conversationId, "flagged"));
    }

    @Override
    @Transactional
    public void addSystemNote(UUID orgId, UUID conversationId, String text) {
        insertSystemNote(orgId, conversationId, text);
        events.publishEvent(new ConversationChanged(orgId, conversationId, "note"));
    }

    private void insertSystemNote(UUID orgId, UUID conversationId, String text) {
        var conversation = db.select(Conversations.CHANNEL_ID, Conversations.CONTACT_ID)
                .from(Conversations.T)
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(conversationId))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Conversation " + conversationId));
        UUID id = insertMessage(
                orgId,
                conversationId,
                conversation.value1(),
                conversation.value2(),
                "internal",
                SenderType.SYSTEM,
                null,
                new MessageContent.Text(text),
                null,
                DeliveryState.RECEIVED,
                Instant.now());
        db.update(Messages.T)
                .set(Messages.KIND, "note")
                .where(Messages.ID.eq(id))
                .execute();
    }

    private VisibleMessage toVisible(Record r) {
        return new VisibleMessage(
                r.get(Messages.ID),
                r.get(Messages.CONVERSATION_ID),
                r.get(Messages.CHANNEL_ID),
                r.get(Conversations.CONTACT_ID),
                r.get(Messages.DIRECTION),
                SenderType.valueOf(r.get(Messages.SENDER_TYPE).toUpperCase(java.util.Locale.ROOT)),
                content(r.get(Messages.CONTENT)),
                r.get(Messages.CREATED_AT));
    }

    // ---- dashboard API

    record ConversationView(
            UUID id,
            UUID contactId,
            @Nullable String contactName,
            @Nullable String contactPhone,
            UUID channelId,
            String status,
            @Nullable Instant snoozedUntil,
            @Nullable UUID assigneeUserId,
            String priority,
            List<String> labels,
            int unreadCount,
            Instant lastMessageAt,
            @Nullable Instant lastInboundAt,
            @Nullable String lastMessagePreview,
            Instant createdAt,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "set while the bot is paused after a handoff, until resolve or unassign")
            @Nullable
            Instant botPausedAt,

            @Nullable String handoffReason,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "set while a legal hold keeps the conversation from the retention purge and erasure")
            @Nullable
            Instant legalHoldAt) {}

    record MessageView(
            UUID id,
            UUID conversationId,
            String direction,
            String senderType,
            @Nullable UUID senderId,
            String kind,
            MessageContent content,
            @Nullable String providerMessageId,
            String deliveryState,
            @Nullable String error,
            Instant createdAt,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "a signed link to stored media (about an hour), when the message has some")
            @Nullable
            String mediaUrl) {}

    record ConversationFilter(
            @Nullable String status,
            @Nullable String assignee,
            @Nullable UUID channelId,
            @Nullable UUID contactId,
            @Nullable String label,
            @Nullable String q) {}

    PageResponse<ConversationView> list(PageQuery page, ConversationFilter filter) {
        CurrentPrincipal principal = CurrentPrincipal.get();
        List<Condition> where = new ArrayList<>();
        where.add(Conversations.ORG_ID.eq(principal.orgId()));
        if (filter.status() != null) where.add(Conversations.STATUS.eq(filter.status()));
        if ("me".equals(filter.assignee())) where.add(Conversations.ASSIGNEE_USER_ID.eq(principal.userId()));
        else if ("unassigned".equals(filter.assignee())) where.add(Conversations.ASSIGNEE_USER_ID.isNull());
        else if (filter.assignee() != null)
            where.add(Conversations.ASSIGNEE_USER_ID.eq(parseUuid("assignee", filter.assignee())));
        if (filter.channelId() != null) where.add(Conversations.CHANNEL_ID.eq(filter.channelId()));
        if (filter.contactId() != null) where.add(Conversations.CONTACT_ID.eq(filter.contactId()));
        if (filter.label() != null)
            where.add(DSL.condition(
                    "{0} @> {1}", Conversations.LABELS, DSL.val(new String[] {filter.label()}, Conversations.LABELS)));
        if (filter.q() != null && !filter.q().isBlank()) {
            where.add(DSL.exists(DSL.selectOne()
                    .from(Messages.T)
                    .where(
                            Messages.CONVERSATION_ID.eq(Conversations.ID),
                            DSL.condition("messages.search @@ plainto_tsquery('simple', {0})", filter.q()))));
        }
        return Pages.fetch(
                db,
                page,
                db.select(Conversations.ALL)
                        .select(ContactNames.NAME, ContactNames.PHONE)
                        .from(Conversations.T)
                        .join(ContactNames.T)
                        .on(ContactNames.ID.eq(Conversations.CONTACT_ID))
                        .where(where)
                        .orderBy(Conversations.LAST_MESSAGE_AT.desc(), Conversations.ID),
                this::toView);
    }

    ConversationView get(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return db.select(Conversations.ALL)
                .select(ContactNames.NAME, ContactNames.PHONE)
                .from(Conversations.T)
                .join(ContactNames.T)
                .on(ContactNames.ID.eq(Conversations.CONTACT_ID))
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(id))
                .fetchOptional(this::toView)
                .orElseThrow(() -> ApiProblem.notFound("Conversation " + id));
    }

    PageResponse<MessageView> messages(UUID conversationId, PageQuery page) {
        get(conversationId); // 404 unless it is ours
        UUID orgId = CurrentPrincipal.get().orgId();
        return Pages.fetch(
                db,
                page,
                db.select(Messages.ALL)
                        .from(Messages.T)
                        .where(Messages.ORG_ID.eq(orgId), Messages.CONVERSATION_ID.eq(conversationId))
                        .orderBy(Messages.CREATED_AT.desc(), Messages.ID.desc()),
                this::toMessage);
    }

    record ConversationUpdate(
            @Nullable
            @jakarta.validation.constraints.Pattern(
                    regexp = "open|pending|snoozed|resolved",
                    message = "must be one of open, pending, snoozed, resolved")
            String status,

            @Nullable Instant snoozedUntil,
            @Nullable UUID assigneeUserId,
            @Nullable Boolean unassign,

            @Nullable
            @jakarta.validation.constraints.Pattern(
                    regexp = "low|normal|high|urgent",
                    message = "must be one of low, normal, high, urgent")
            String priority,

            @Nullable @jakarta.validation.constraints.Size(max = 20)
            List<@jakarta.validation.constraints.Size(max = 50) String> labels,

            @Nullable
            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "true lets the bot answer again after a handoff (also done by resolve and unassign)")
            Boolean resumeBot) {}

    @Transactional
    ConversationView update(UUID id, ConversationUpdate change) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        get(id);
        var update = db.update(Conversations.T).set(Conversations.ID, Conversations.ID);
        if (change.status() != null) {
            if ("snoozed".equals(change.status())) {
                if (change.snoozedUntil() == null || !change.snoozedUntil().isAfter(Instant.now())) {
                    throw ApiProblem.invalidField("snoozedUntil", "must be a future time when snoozing");
                }
                update = update.set(Conversations.SNOOZED_UNTIL, change.snoozedUntil());
            } else {
                update = update.set(Conversations.SNOOZED_UNTIL, (Instant) null);
            }
            update = update.set(Conversations.STATUS, change.status());
        }
        boolean handBack = Boolean.TRUE.equals(change.unassign())
                || "resolved".equals(change.status())
                || Boolean.TRUE.equals(change.resumeBot());
        if (handBack) {
            // people are done (resolved) or hand back (unassign): the bot answers again
            update = update.set(Conversations.BOT_PAUSED_AT, (Instant) null)
                    .set(Conversations.HANDOFF_REASON, (String) null);
        }
        if (Boolean.TRUE.equals(change.unassign())) {
            update = update.set(Conversations.ASSIGNEE_USER_ID, (UUID) null);
        } else if (change.assigneeUserId() != null) {
            if (members.roleOf(principal.orgId(), change.assigneeUserId()).isEmpty()) {
                throw ApiProblem.invalidField("assigneeUserId", "is not a member of this organisation");
            }
            update = update.set(Conversations.ASSIGNEE_USER_ID, change.assigneeUserId());
        }
        if (change.priority() != null) update = update.set(Conversations.PRIORITY, change.priority());
        if (change.labels() != null) {
            update = update.set(
                    Conversations.LABELS,
                    change.labels().stream()
                            .map(String::trim)
                            .filter(l -> !l.isEmpty())
                            .distinct()
                            .toArray(String[]::new));
        }
        update.where(Conversations.ORG_ID.eq(principal.orgId()), Conversations.ID.eq(id))
                .execute();
        if (Boolean.TRUE.equals(change.unassign())) {
            events.publishEvent(new io.switchboard.conversations.ConversationAssigned(principal.orgId(), id, null));
        } else if (change.assigneeUserId() != null) {
            events.publishEvent(new io.switchboard.conversations.ConversationAssigned(
                    principal.orgId(), id, change.assigneeUserId()));
        }
        if ("resolved".equals(change.status())) {
            events.publishEvent(new io.switchboard.conversations.ConversationResolved(principal.orgId(), id));
        }
        events.publishEvent(new ConversationChanged(principal.orgId(), id, "conversation"));
        return get(id);
    }

    /** Sets (true) or clears a legal hold; admins only, audited. Setting it twice keeps the first time. */
    @Transactional
    ConversationView legalHold(UUID id, boolean hold) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        ConversationView current = get(id);
        if (hold == (current.legalHoldAt() != null)) return current;
        db.update(Conversations.T)
                .set(Conversations.LEGAL_HOLD_AT, hold ? Instant.now() : null)
                .set(Conversations.LEGAL_HOLD_BY, hold ? principal.userId() : null)
                .where(Conversations.ORG_ID.eq(principal.orgId()), Conversations.ID.eq(id))
                .execute();
        audit.record(
                hold ? "conversation.legal_hold.set" : "conversation.legal_hold.cleared",
                "conversation",
                id.toString(),
                java.util.Map.of());
        events.publishEvent(new ConversationChanged(principal.orgId(), id, "conversation"));
        return get(id);
    }

    @Transactional
    void markRead(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        int updated = db.update(Conversations.T)
                .set(Conversations.UNREAD_COUNT, 0)
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(id))
                .execute();
        if (updated == 0) throw ApiProblem.notFound("Conversation " + id);
        events.publishEvent(new ConversationChanged(orgId, id, "read"));
    }

    @Transactional
    MessageView addNote(UUID conversationId, String text) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        ConversationView conversation = get(conversationId);
        UUID id = insertMessage(
                principal.orgId(),
                conversationId,
                conversation.channelId(),
                conversation.contactId(),
                "internal",
                SenderType.USER,
                principal.userId(),
                new MessageContent.Text(text),
                null,
                DeliveryState.RECEIVED,
                Instant.now());
        db.update(Messages.T)
                .set(Messages.KIND, "note")
                .where(Messages.ID.eq(id))
                .execute();
        events.publishEvent(new ConversationChanged(principal.orgId(), conversationId, "note"));
        return message(id);
    }

    @Transactional
    MessageView reply(UUID conversationId, MessageContent content) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        var recorded = sendReply(principal.orgId(), conversationId, content, SenderType.USER, principal.userId());
        return message(recorded.messageId());
    }

    private MessageView message(UUID id) {
        return db.select(Messages.ALL)
                .from(Messages.T)
                .where(Messages.ID.eq(id))
                .fetchSingle(this::toMessage);
    }

    // ---- helpers

    private UUID insertMessage(
            UUID orgId,
            UUID conversationId,
            UUID channelId,
            UUID contactId,
            String direction,
            SenderType sender,
            @Nullable UUID senderId,
            MessageContent content,
            @Nullable String providerMessageId,
            DeliveryState state,
            Instant createdAt) {
        UUID id = UUID.randomUUID();
        db.insertInto(Messages.T)
                .set(Messages.ID, id)
                .set(Messages.ORG_ID, orgId)
                .set(Messages.CONVERSATION_ID, conversationId)
                .set(Messages.CHANNEL_ID, channelId)
                .set(Messages.DIRECTION, direction)
                .set(Messages.SENDER_TYPE, sender.json())
                .set(Messages.SENDER_ID, senderId)
                .set(Messages.KIND, content.kind())
                .set(Messages.CONTENT, JSONB.valueOf(json.writeValueAsString(content)))
                .set(Messages.BODY_TEXT, content.searchableText())
                .set(Messages.PROVIDER_MESSAGE_ID, providerMessageId)
                .set(Messages.DELIVERY_STATE, state.json())
                .set(Messages.CREATED_AT, createdAt)
                .execute();
        events.publishEvent(new MessageAppended(
                orgId, conversationId, id, channelId, contactId, direction, sender, content, createdAt));
        return id;
    }

    private static String preview(MessageContent content) {
        String text = content.searchableText().strip();
        return text.length() <= PREVIEW_LENGTH ? text : text.substring(0, PREVIEW_LENGTH - 1) + "…";
    }

    private MessageContent content(JSONB value) {
        return json.readValue(value.data(), MessageContent.class);
    }

    private static UUID parseUuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "must be me, unassigned or a user id");
        }
    }

    private ConversationView toView(Record r) {
        return new ConversationView(
                r.get(Conversations.ID),
                r.get(Conversations.CONTACT_ID),
                r.get(ContactNames.NAME),
                r.get(ContactNames.PHONE),
                r.get(Conversations.CHANNEL_ID),
                r.get(Conversations.STATUS),
                r.get(Conversations.SNOOZED_UNTIL),
                r.get(Conversations.ASSIGNEE_USER_ID),
                r.get(Conversations.PRIORITY),
                Arrays.asList(r.get(Conversations.LABELS)),
                r.get(Conversations.UNREAD_COUNT),
                r.get(Conversations.LAST_MESSAGE_AT),
                r.get(Conversations.LAST_INBOUND_AT),
                r.get(Conversations.LAST_MESSAGE_PREVIEW),
                r.get(Conversations.CREATED_AT),
                r.get(Conversations.BOT_PAUSED_AT),
                r.get(Conversations.HANDOFF_REASON),
                r.get(Conversations.LEGAL_HOLD_AT));
    }

    private MessageView toMessage(Record r) {
        MessageContent content = content(r.get(Messages.CONTENT));
        String mediaUrl = content instanceof MessageContent.Media media && media.fileKey() != null
                ? blobs.signedUrl(r.get(Messages.ORG_ID), media.fileKey(), MEDIA_LINK_TTL)
                : null;
        return new MessageView(
                r.get(Messages.ID),
                r.get(Messages.CONVERSATION_ID),
                r.get(Messages.DIRECTION),
                r.get(Messages.SENDER_TYPE),
                r.get(Messages.SENDER_ID),
                r.get(Messages.KIND),
                content,
                r.get(Messages.PROVIDER_MESSAGE_ID),
                r.get(Messages.DELIVERY_STATE),
                r.get(Messages.ERROR),
                r.get(Messages.CREATED_AT),
                mediaUrl);
    }
}
