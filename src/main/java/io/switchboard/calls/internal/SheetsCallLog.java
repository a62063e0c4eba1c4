package io.switchboard.calls.internal;

import io.switchboard.calls.CallCompleted;
import io.switchboard.calls.internal.CallTables.Calls;
import io.switchboard.calls.internal.CallTables.LogExports;
import io.switchboard.calls.internal.CallTables.LogSheets;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.contacts.ContactRef;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.ScopedTransactions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The Google Sheets call log of each organisation. A finished call is queued in {@code call_log_exports}
 * in the same transaction that publishes {@link CallCompleted} (so none is lost), and a scheduled worker
 * appends each organisation's due rows in one {@code values:append} request; a failed append leaves the
 * rows queued with an exponential backoff and the error shown to admins.
 */
@Component
class SheetsCallLog {

    private static final Logger log = LoggerFactory.getLogger(SheetsCallLog.class);
    static final String PURPOSE = "calls.sheets-log.credentials";
    static final int BATCH = 200;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** Columns of each row: time, organization, contact, number, status, duration_seconds, cost, currency, outcome, summary, call_id. */
    private final DSLContext db;

    private final ScopedTransactions tx;
    private final SecretBox secrets;
    private final GoogleSheetsClient google;
    private final ContactDirectory contacts;
    private final CallProperties properties;

    SheetsCallLog(
            DSLContext db,
            ScopedTransactions tx,
            SecretBox secrets,
            GoogleSheetsClient google,
            ContactDirectory contacts,
            CallProperties properties) {
        this.db = db;
        this.tx = tx;
        this.secrets = secrets;
        this.google = google;
        this.contacts = contacts;
        this.properties = properties;
    }

    /** Settings without the key. {@code mode}: off (not configured), disabled, configured, error. */
    record SheetsLogStatus(
            String mode,
            @Nullable String spreadsheetId,
            @Nullable String sheetName,
            boolean enabled,
            boolean credentialsSet,
            @Nullable String serviceAccountEmail,
            long pendingRows,
            @Nullable Instant lastExportAt,
            @Nullable Instant lastAttemptAt,
            @Nullable String lastError) {}

    /** Runs inside the caller's org transaction. */
    SheetsLogStatus status(UUID orgId) {
        long pending = db.fetchCount(LogExports.T, LogExports.ORG_ID.eq(orgId));
        Record row = db.select(
                        LogSheets.SPREADSHEET_ID,
                        LogSheets.SHEET_NAME,
                        LogSheets.ENABLED,
                        LogSheets.SERVICE_ACCOUNT_EMAIL,
                        LogSheets.LAST_EXPORT_AT,
                        LogSheets.LAST_ATTEMPT_AT,
                        LogSheets.LAST_ERROR)
                .from(LogSheets.T)
                .where(LogSheets.ORG_ID.eq(orgId))
                .fetchOne();
        if (row == null) return new SheetsLogStatus("off", null, null, false, false, null, pending, null, null, null);
        boolean enabled = row.get(LogSheets.ENABLED);
        String error = row.get(LogSheets.LAST_ERROR);
        String mode = !enabled ? "disabled" : error != null ? "error" : "configured";
        return new SheetsLogStatus(
                mode,
                row.get(LogSheets.SPREADSHEET_ID),
                row.get(LogSheets.SHEET_NAME),
                enabled,
                true,
                row.get(LogSheets.SERVICE_ACCOUNT_EMAIL),
                pending,
                row.get(LogSheets.LAST_EXPORT_AT),
                row.get(LogSheets.LAST_ATTEMPT_AT),
                error);
    }

    boolean configured(UUID orgId) {
        return db.fetchExists(LogSheets.T, LogSheets.ORG_ID.eq(orgId));
    }

    /**
     * Saves the settings (inside the caller's org transaction); {@code keyJson} null keeps the stored key.
     *
     * @param clientEmail the validated key's e-mail when {@code keyJson} is set
     */
    void save(
            UUID orgId,
            String spreadsheetId,
            String sheetName,
            boolean enabled,
            @Nullable String keyJson,
            @Nullable String clientEmail) {
        var insert = db.insertInto(LogSheets.T)
                .set(LogSheets.ORG_ID, orgId)
                .set(LogSheets.SPREADSHEET_ID, spreadsheetId)
                .set(LogSheets.SHEET_NAME, sheetName)
                .set(LogSheets.ENABLED, enabled)
                .set(LogSheets.CREDENTIALS, keyJson == null ? new byte[0] : encrypt(keyJson))
                .set(LogSheets.SERVICE_ACCOUNT_EMAIL, clientEmail);
        var update = insert.onConflict(LogSheets.ORG_ID)
                .doUpdate()
                .set(LogSheets.SPREADSHEET_ID, spreadsheetId)
                .set(LogSheets.SHEET_NAME, sheetName)
                .set(LogSheets.ENABLED, enabled)
                .set(LogSheets.LAST_ERROR, (String) null)
                .set(LogSheets.UPDATED_AT, Instant.now());
        if (keyJson != null) {
            update = update.set(LogSheets.CREDENTIALS, encrypt(keyJson))
                    .set(LogSheets.SERVICE_ACCOUNT_EMAIL, clientEmail);
        }
        update.execute();
        // settings changed: whatever waits is due now rather than after its backoff
        db.update(LogExports.T)
                .set(LogExports.NEXT_ATTEMPT_AT, Instant.now())
                .where(LogExports.ORG_ID.eq(orgId))
                .execute();
    }

    /** Turns the log off: settings and the key are deleted, queued rows dropped (CSV export still works). */
    void delete(UUID orgId) {
        db.deleteFrom(LogExports.T).where(LogExports.ORG_ID.eq(orgId)).execute();
        db.deleteFrom(LogSheets.T).where(LogSheets.ORG_ID.eq(orgId)).execute();
    }

    private byte[] encrypt(String keyJson) {
        return secrets.encrypt(PURPOSE, keyJson.getBytes(StandardCharsets.UTF_8));
    }

    /** Queues the finished call when the organisation logs calls to a sheet (same transaction). */
    @EventListener
    void onCallCompleted(CallCompleted event) {
        boolean enabled =
                db.fetchExists(LogSheets.T, LogSheets.ORG_ID.eq(event.orgId()).and(LogSheets.ENABLED.isTrue()));
        if (!enabled) return;
        db.insertInto(LogExports.T)
                .set(LogExports.CALL_ID, event.callId())
                .set(LogExports.ORG_ID, event.orgId())
                .onConflictDoNothing()
                .execute();
    }

    @Scheduled(fixedDelayString = "${switchboard.calls.sheets-log-interval:5s}", initialDelay = 2_000)
    void exportDue() {
        List<UUID> orgs = tx.asSystem(
                "sheets call log: due organisations",
                () -> db.selectDistinct(LogExports.ORG_ID)
                        .from(LogExports.T)
                        .join(LogSheets.T)
                        .on(LogSheets.ORG_ID.eq(LogExports.ORG_ID))
                        .where(LogExports.NEXT_ATTEMPT_AT.le(Instant.now()), LogSheets.ENABLED.isTrue())
                        .limit(100)
                        .fetch(LogExports.ORG_ID));
        for (UUID orgId : orgs) {
            try {
                while (exportBatch(orgId) == BATCH) {
                    // a full batch: more may be waiting
                }
            } catch (RuntimeException e) {
                log.warn("sheets call log of org {} failed: {}", orgId, e.toString());
            }
        }
    }

    private record Sheet(String spreadsheetId, String sheetName, String keyJson) {}

    private @Nullable Sheet sheet(UUID orgId) {
        Record row = db.select(LogSheets.SPREADSHEET_ID, LogSheets.SHEET_NAME, LogSheets.CREDENTIALS, LogSheets.ENABLED)
                .from(LogSheets.T)
                .where(LogSheets.ORG_ID.eq(orgId))
                .fetchOne();
        if (row == null || !row.get(LogSheets.ENABLED) || row.get(LogSheets.CREDENTIALS).length == 0) return null;
        String key = new String(secrets.decrypt(PURPOSE, row.get(LogSheets.CREDENTIALS)), StandardCharsets.UTF_8);
        return new Sheet(row.get(LogSheets.SPREADSHEET_ID), row.get(LogSheets.SHEET_NAME), key);
    }

    /** Claims up to {@link #BATCH} due rows (leased), appends them in one request; the number claimed. */
    int exportBatch(UUID orgId) {
        record Claim(Sheet sheet, List<UUID> callIds, List<List<Object>> rows) {}
        Claim claim = tx.inOrg(orgId, () -> {
            Sheet sheet = sheet(orgId);
            if (sheet == null) return null;
            List<UUID> ids = db.select(LogExports.CALL_ID)
                    .from(LogExports.T)
                    .where(LogExports.ORG_ID.eq(orgId), LogExports.NEXT_ATTEMPT_AT.le(Instant.now()))
                    .orderBy(LogExports.NEXT_ATTEMPT_AT, LogExports.CALL_ID)
                    .limit(BATCH)
                    .forUpdate()
                    .skipLocked()
                    .fetch(LogExports.CALL_ID);
            if (ids.isEmpty()) return null;
            // leased: another node (or the next tick) leaves them alone while Google is asked
            db.update(LogExports.T)
                    .set(LogExports.NEXT_ATTEMPT_AT, Instant.now().plus(LEASE))
                    .where(LogExports.CALL_ID.in(ids))
                    .execute();
            return new Claim(sheet, ids, rows(orgId, ids));
        });
        if (claim == null) return 0;
        String error = null;
        try {
            if (!claim.rows().isEmpty()) {
                google.append(
                        orgId,
                        claim.sheet().keyJson(),
                        claim.sheet().spreadsheetId(),
                        claim.sheet().sheetName(),
                        claim.rows());
            }
        } catch (GoogleSheetsClient.SheetsException e) {
            error = e.getMessage();
        }
        String failure = error;
        tx.inOrg(orgId, () -> {
            Instant now = Instant.now();
            if (failure == null) {
                db.deleteFrom(LogExports.T)
                        .where(LogExports.CALL_ID.in(claim.callIds()))
                        .execute();
                db.update(LogSheets.T)
                        .set(LogSheets.LAST_EXPORT_AT, now)
                        .set(LogSheets.LAST_ATTEMPT_AT, now)
                        .set(LogSheets.LAST_ERROR, (String) null)
                        .where(LogSheets.ORG_ID.eq(orgId))
                        .execute();
            } else {
                var attempts = db.select(LogExports.CALL_ID, LogExports.ATTEMPTS)
                        .from(LogExports.T)
                        .where(LogExports.CALL_ID.in(claim.callIds()))
                        .fetchMap(LogExports.CALL_ID, LogExports.ATTEMPTS);
                attempts.forEach((callId, tried) -> db.update(LogExports.T)
                        .set(LogExports.ATTEMPTS, tried + 1)
                        .set(LogExports.NEXT_ATTEMPT_AT, now.plus(backoff(tried + 1)))
                        .set(LogExports.LAST_ERROR, truncate(failure))
                        .where(LogExports.CALL_ID.eq(callId))
                        .execute());
                db.update(LogSheets.T)
                        .set(LogSheets.LAST_ATTEMPT_AT, now)
                        .set(LogSheets.LAST_ERROR, truncate(failure))
                        .where(LogSheets.ORG_ID.eq(orgId))
                        .execute();
            }
            return null;
        });
        if (error != null)
            log.info(
                    "sheets call log of org {}: {} rows wait, {}",
                    orgId,
                    claim.callIds().size(),
                    error);
        return claim.callIds().size();
    }

    /** retry × 2^(attempts-1), at most 15 minutes. */
    Duration backoff(int attempts) {
        Duration delay = properties.sheetsRetry().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** Appends one marked test row now; the error text when Google refused it. */
    Optional<String> sendTestRow(UUID orgId) {
        Sheet sheet = tx.inOrg(orgId, () -> sheet(orgId));
        if (sheet == null) return Optional.of("the call log is off: save a spreadsheet and a key first");
        List<Object> row = new ArrayList<>(List.of(
                Instant.now().toString(),
                orgId.toString(),
                "Switchboard test row",
                "",
                "test",
                0,
                "0.00",
                "",
                "",
                "This row checks the connection; delete it freely.",
                ""));
        String error = null;
        try {
            google.append(orgId, sheet.keyJson(), sheet.spreadsheetId(), sheet.sheetName(), List.of(row));
        } catch (GoogleSheetsClient.SheetsException e) {
            error = e.getMessage();
        }
        String failure = error;
        tx.inOrg(orgId, () -> {
            Instant now = Instant.now();
            var update = db.update(LogSheets.T)
                    .set(LogSheets.LAST_ATTEMPT_AT, now)
                    .set(LogSheets.LAST_ERROR, failure == null ? null : truncate(failure));
            if (failure == null) update = update.set(LogSheets.LAST_EXPORT_AT, now);
            return update.where(LogSheets.ORG_ID.eq(orgId)).execute();
        });
        return Optional.ofNullable(error);
    }

    /** The sheet rows of these calls, oldest first (must run in the org's transaction). */
    private List<List<Object>> rows(UUID orgId, List<UUID> callIds) {
        var records = db.select(
                        Calls.ID,
                        Calls.CONTACT_ID,
                        Calls.PHONE_NUMBER,
                        Calls.STATUS,
                        Calls.DURATION_SECONDS,
                        Calls.COST_MINOR,
                        Calls.CURRENCY,
                        Calls.OUTCOME,
                        Calls.SUMMARY,
                        DSL.coalesce(Calls.ENDED_AT, Calls.UPDATED_AT).as("at"))
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId), Calls.ID.in(callIds))
                .orderBy(DSL.coalesce(Calls.ENDED_AT, Calls.UPDATED_AT), Calls.ID)
                .fetch();
        Map<UUID, String> names = new HashMap<>();
        List<List<Object>> out = new ArrayList<>();
        for (Record r : records) {
            UUID contactId = r.get(Calls.CONTACT_ID);
            String contact = contactId == null
                    ? ""
                    : names.computeIfAbsent(
                            contactId,
                            id -> contacts.find(orgId, id)
                                    .map(ContactRef::name)
                                    .filter(n -> n != null)
                                    .orElse(id.toString()));
            Long cost = r.get(Calls.COST_MINOR);
            Integer duration = r.get(Calls.DURATION_SECONDS);
            out.add(List.of(
                    r.get("at", Instant.class).toString(),
                    orgId.toString(),
                    contact,
                    r.get(Calls.PHONE_NUMBER),
                    r.get(Calls.STATUS),
                    duration == null ? 0 : duration,
                    cost == null ? "0.00" : String.format(java.util.Locale.ROOT, "%d.%02d", cost / 100, cost % 100),
                    r.get(Calls.CURRENCY),
                    nz(r.get(Calls.OUTCOME)),
                    nz(r.get(Calls.SUMMARY)),
                    r.get(Calls.ID).toString()));
        }
        return out;
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
