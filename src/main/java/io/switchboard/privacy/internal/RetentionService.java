package io.switchboard.privacy.internal;

import static io.switchboard.privacy.internal.RetentionTables.Runs;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.RetentionWindows;
import io.switchboard.billing.RetentionWindows.ContactWindow;
import io.switchboard.billing.RetentionWindows.RetentionWindow;
import io.switchboard.conversations.ConversationRetention;
import io.switchboard.conversations.ConversationRetention.PurgedHistory;
import io.switchboard.identity.AuditLog;
import io.switchboard.knowledge.ConversationIndex;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Purges conversation history older than each organisation's retention window. Work goes in batches,
 * one short transaction each (never one giant transaction), and is idempotent: a run that stops
 * half-way leaves fewer old messages and the next run carries on. Two nodes never purge the same
 * organisation at once: each batch takes a transaction-level advisory lock on the organisation
 * (a node that misses it leaves the organisation to the other), and rows are claimed SKIP LOCKED.
 */
@Service
class RetentionService {

    static final int BATCH = 500;
    /** How long the record of a run is kept (the audit log keeps the counts for good). */
    static final java.time.Duration RUN_HISTORY = java.time.Duration.ofDays(180);

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final RetentionWindows windows;
    private final ConversationRetention conversations;
    private final ConversationIndex index;
    private final AuditLog audit;

    RetentionService(
            DSLContext db,
            ScopedTransactions tx,
            RetentionWindows windows,
            ConversationRetention conversations,
            ConversationIndex index,
            AuditLog audit) {
        this.db = db;
        this.tx = tx;
        this.windows = windows;
        this.conversations = conversations;
        this.index = index;
        this.audit = audit;
    }

    /** One organisation's run; {@code skipped} when another node was purging it at that moment. */
    record RetentionRun(
            UUID id,

            @Schema(description = "schedule or manual") String trigger,

            @Nullable @Schema(description = "the window applied to the organisation; null = unlimited")
            Integer historyDays,

            @Nullable @Schema(description = "messages created before this were purged")
            Instant cutoff,

            Instant startedAt,
            @Nullable Instant finishedAt,
            long messagesDeleted,
            long filesDeleted,
            long conversationsDeleted,
            @Nullable String error) {}

    /** Purges every organisation with a plan (the scheduled job). */
    void purgeAll(Instant now) {
        for (UUID orgId : windows.organizations()) {
            try {
                purge(orgId, "schedule", AuditLog.Actor.system(), now);
            } catch (RuntimeException e) {
                log.warn("Retention purge of organisation {} failed: {}", orgId, e.toString());
            }
        }
    }

    /** Purges one organisation (its window, and contacts with their own window) and records the run. */
    RetentionRun purge(UUID orgId, String trigger, AuditLog.Actor actor, Instant now) {
        RetentionWindow window = windows.forOrganization(orgId);
        List<ContactWindow> overrides = windows.contactOverrides(orgId);
        UUID runId = UUID.randomUUID();
        Instant cutoff = window.cutoff(now).orElse(null);
        tx.inOrg(
                orgId,
                () -> db.insertInto(Runs.T)
                        .set(Runs.ID, runId)
                        .set(Runs.ORG_ID, orgId)
                        .set(Runs.TRIGGER, trigger)
                        .set(Runs.HISTORY_DAYS, window.historyDays())
                        .set(Runs.CUTOFF, cutoff)
                        .set(Runs.STARTED_AT, now)
                        .execute());
        var totals = new Totals();
        String error = null;
        try {
            List<UUID> ownWindow =
                    overrides.stream().map(ContactWindow::contactId).toList();
            if (cutoff != null) {
                purgeBatches(orgId, cutoff, null, ownWindow, totals);
            }
            for (ContactWindow contact : overrides) {
                var contactCutoff = contact.window().cutoff(now);
                if (contactCutoff.isPresent()) {
                    purgeBatches(orgId, contactCutoff.get(), contact.contactId(), List.of(), totals);
                }
            }
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Retention purge of organisation {} stopped: {}", orgId, e.toString());
        }
        String finalError = error;
        tx.inOrg(orgId, () -> {
            db.update(Runs.T)
                    .set(Runs.FINISHED_AT, Instant.now())
                    .set(Runs.MESSAGES_DELETED, totals.messages)
                    .set(Runs.FILES_DELETED, totals.files)
                    .set(Runs.CONVERSATIONS_DELETED, totals.conversations)
                    .set(Runs.ERROR, finalError)
                    .where(Runs.ORG_ID.eq(orgId), Runs.ID.eq(runId))
                    .execute();
            db.deleteFrom(Runs.T)
                    .where(Runs.ORG_ID.eq(orgId), Runs.STARTED_AT.lt(now.minus(RUN_HISTORY)))
                    .execute();
            if (totals.messages > 0 || "manual".equals(trigger) || finalError != null) {
                var details = new LinkedHashMap<String, Object>();
                details.put("trigger", trigger);
                details.put("window", window.source());
                details.put("historyDays", window.historyDays() == null ? "unlimited" : window.historyDays());
                details.put("messages", totals.messages);
                details.put("files", totals.files);
                details.put("conversations", totals.conversations);
                if (finalError != null) details.put("error", finalError);
                audit.recordAs(orgId, actor, "retention.purged", "organization", orgId.toString(), details);
            }
            return null;
        });
        return tx.inOrg(orgId, () -> run(orgId, runId));
    }

    /** Batches until a batch comes back short (done) or another node holds the organisation. */
    private void purgeBatches(
            UUID orgId, Instant cutoff, @Nullable UUID onlyContact, Collection<UUID> except, Totals totals) {
        while (true) {
            PurgedHistory batch = tx.inOrg(orgId, () -> {
                if (!tryLock(orgId)) return null;
                var purged = conversations.purgeBatch(orgId, cutoff, onlyContact, except, BATCH);
                // the search index forgets them in this transaction (rows) and after commit (Lucene)
                index.forgetMessages(orgId, purged.messageIds());
                return purged;
            });
            if (batch == null) {
                log.info("Retention purge of organisation {} left to another node", orgId);
                return;
            }
            totals.messages += batch.messageIds().size();
            totals.files += batch.files();
            totals.conversations += batch.conversations();
            if (batch.messageIds().size() < BATCH) return;
        }
    }

    private boolean tryLock(UUID orgId) {
        return Boolean.TRUE.equals(db.select(DSL.field(
                        "pg_try_advisory_xact_lock(hashtextextended({0}, 0))",
                        Boolean.class, DSL.val("retention|" + orgId)))
                .fetchOne(0, Boolean.class));
    }

    List<RetentionRun> recentRuns(UUID orgId, int limit) {
        return db.select(Runs.ALL)
                .from(Runs.T)
                .where(Runs.ORG_ID.eq(orgId))
                .orderBy(Runs.STARTED_AT.desc(), Runs.ID)
                .limit(limit)
                .fetch(RetentionService::toRun);
    }

    RetentionWindow window(UUID orgId) {
        return windows.forOrganization(orgId);
    }

    List<ContactWindow> contactWindows(UUID orgId) {
        return windows.contactOverrides(orgId);
    }

    long legalHolds(UUID orgId) {
        return conversations.legalHolds(orgId);
    }

    private RetentionRun run(UUID orgId, UUID runId) {
        return db.select(Runs.ALL)
                .from(Runs.T)
                .where(Runs.ORG_ID.eq(orgId), Runs.ID.eq(runId))
                .fetchSingle(RetentionService::toRun);
    }

    private static RetentionRun toRun(org.jooq.Record r) {
        return new RetentionRun(
                r.get(Runs.ID),
                r.get(Runs.TRIGGER),
                r.get(Runs.HISTORY_DAYS),
                r.get(Runs.CUTOFF),
                r.get(Runs.STARTED_AT),
                r.get(Runs.FINISHED_AT),
                r.get(Runs.MESSAGES_DELETED),
                r.get(Runs.FILES_DELETED),
                r.get(Runs.CONVERSATIONS_DELETED),
                r.get(Runs.ERROR));
    }

    private static final class Totals {
        long messages;
        long files;
        long conversations;
    }
}
