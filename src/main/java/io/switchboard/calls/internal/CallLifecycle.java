package io.switchboard.calls.internal;

import io.switchboard.billing.Credits;
import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaDecision;
import io.switchboard.billing.Quotas;
import io.switchboard.calls.CallCompleted;
import io.switchboard.calls.CallStatus;
import io.switchboard.calls.CallStatusChanged;
import io.switchboard.calls.internal.CallTables.Calls;
import io.switchboard.calls.internal.VoiceProvider.DialResult;
import io.switchboard.calls.internal.VoiceProvider.Snapshot;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Moves calls through queued → ringing → in-progress → a final status, for both providers: every
 * provider report (webhook, poll, simulator step) goes through {@link #apply}, which only moves forward
 * and ignores anything after the call was finalised, so repeats never change a settled call.
 */
@Component
class CallLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallLifecycle.class);

    private final ScopedTransactions tx;
    private final CallStore store;
    private final VoiceProviders providers;
    private final Credits credits;
    private final Quotas quotas;
    private final CallAnalyzer analyzer;
    private final CallSettings settings;
    private final BlobStore blobs;
    private final ApplicationEventPublisher events;
    private final CallProperties properties;
    private final SwitchboardProperties switchboard;
    private final DSLContext db;

    CallLifecycle(
            ScopedTransactions tx,
            CallStore store,
            VoiceProviders providers,
            Credits credits,
            Quotas quotas,
            CallAnalyzer analyzer,
            CallSettings settings,
            BlobStore blobs,
            ApplicationEventPublisher events,
            CallProperties properties,
            SwitchboardProperties switchboard,
            DSLContext db) {
        this.tx = tx;
        this.store = store;
        this.providers = providers;
        this.credits = credits;
        this.quotas = quotas;
        this.analyzer = analyzer;
        this.settings = settings;
        this.blobs = blobs;
        this.events = events;
        this.properties = properties;
        this.switchboard = switchboard;
        this.db = db;
    }

    /** What dispatch decided inside its transaction. */
    private sealed interface Gate {
        record Done() implements Gate {}

        record Dial(CallRow call) implements Gate {}
    }

    /** Takes a queued call out of the paced queue when the plan's limits allow, then dials it. */
    void dispatch(UUID orgId, UUID callId) {
        Gate gate = tx.inOrg(orgId, () -> {
            // one dispatcher per organisation at a time, so two nodes never both take the last free line
            db.execute("SELECT pg_advisory_xact_lock(hashtext('calls:' || ?))", orgId.toString());
            CallRow call = store.lock(orgId, callId).orElse(null);
            if (call == null || call.status() != CallStatus.QUEUED || call.finalizedAt() != null) {
                store.deleteJob(orgId, callId, CallStore.DISPATCH);
                return new Gate.Done();
            }
            Instant now = Instant.now();
            if (call.startedAt() != null && call.providerCallId() == null) {
                // a node died between claiming the line and hearing back from the provider: it may
                // have dialled, so never dial again
                terminal(call, CallStatus.FAILED, "interrupted while dialling");
                store.deleteJob(orgId, callId, CallStore.DISPATCH);
                return new Gate.Done();
            }
            if (call.scheduledAt() != null && call.scheduledAt().isAfter(now)) {
                store.schedule(orgId, callId, CallStore.DISPATCH, 0, call.scheduledAt());
                return new Gate.Done();
            }
            if (quotas.check(orgId, Limit.CONCURRENT_CALLS, 1) instanceof QuotaDecision.QuotaExceeded) {
                store.schedule(orgId, callId, CallStore.DISPATCH, 0, now.plus(properties.retry()));
                return new Gate.Done();
            }
            if (quotas.check(orgId, Limit.CALL_MINUTES_PER_DAY, call.maxDurationMinutes())
                    instanceof QuotaDecision.QuotaExceeded e) {
                Instant later = e.resetsAt() != null ? e.resetsAt() : now.plusSeconds(3600);
                store.schedule(orgId, callId, CallStore.DISPATCH, 0, later);
                return new Gate.Done();
            }
            store.update(orgId, callId, Map.of(Calls.STARTED_AT, now));
            return new Gate.Dial(call);
        });
        if (!(gate instanceof Gate.Dial(CallRow call))) return;
        VoiceProvider provider = providers.get(call.provider());
        DialResult result;
        try {
            result = provider.dial(call, webhookUrl(call));
        } catch (RuntimeException e) {
            result = new DialResult.Failed("dial failed: " + e.getMessage());
        }
        DialResult dialed = result;
        tx.inOrg(orgId, () -> {
            CallRow now = store.lock(orgId, callId).orElseThrow();
            store.deleteJob(orgId, callId, CallStore.DISPATCH);
            switch (dialed) {
                case DialResult.Dialed(String providerCallId) -> {
                    store.update(orgId, callId, Map.of(Calls.PROVIDER_CALL_ID, providerCallId));
                    if (now.status() == CallStatus.CANCELLED) {
                        // stopped while we were dialling: hang up at once
                        provider.stop(withProviderId(now, providerCallId));
                        return null;
                    }
                    setStatus(now, CallStatus.RINGING, Map.of());
                    if (provider.id().equals("simulator")) {
                        store.schedule(
                                orgId,
                                callId,
                                CallStore.SIMULATE,
                                1,
                                Instant.now().plus(properties.stepDelay()));
                    } else {
                        store.schedule(
                                orgId, callId, CallStore.POLL, 0, Instant.now().plus(properties.poll()));
                    }
                }
                case DialResult.Failed(String reason) -> {
                    log.info("Call {} of org {} failed to dial: {}", callId, orgId, reason);
                    if (!now.status().terminal()) terminal(now, CallStatus.FAILED, reason);
                }
                case DialResult.RetryLater(var after, String reason) -> {
                    var reset = new HashMap<Field<?>, Object>();
                    reset.put(Calls.STARTED_AT, null);
                    store.update(orgId, callId, reset);
                    store.schedule(
                            orgId, callId, CallStore.DISPATCH, 0, Instant.now().plus(after));
                }
            }
            return null;
        });
    }

    private static CallRow withProviderId(CallRow c, String providerCallId) {
        return new CallRow(
                c.id(),
                c.orgId(),
                c.contactId(),
                c.agentId(),
                c.salesScriptId(),
                c.phoneNumber(),
                c.status(),
                c.provider(),
                providerCallId,
                c.task(),
                c.firstSentence(),
                c.voice(),
                c.language(),
                c.maxDurationMinutes(),
                c.requestedDurationMinutes(),
                c.transferNumber(),
                c.record(),
                c.metadata(),
                c.scheduledAt(),
                c.startedAt(),
                c.answeredAt(),
                c.endedAt(),
                c.durationSeconds(),
                c.answeredBy(),
                c.endedReason(),
                c.ratePerMinuteMinor(),
                c.holdId(),
                c.holdMinor(),
                c.costMinor(),
                c.currency(),
                c.summary(),
                c.outcome(),
                c.fields(),
                c.recordingKey(),
                c.providerRecordingUrl(),
                c.finalizedAt(),
                c.idempotencyKey(),
                c.createdAt(),
                c.updatedAt());
    }

    private @Nullable String webhookUrl(CallRow call) {
        String base = switchboard.publicUrl();
        if (base == null || base.isBlank()) return null;
        return base.replaceAll("/+$", "") + "/webhooks/bland/" + call.orgId();
    }

    /** One simulator step: applies what the call looks like now and schedules the next step. */
    void simulate(UUID orgId, UUID callId, int step) {
        tx.inOrg(orgId, () -> {
            CallRow call = store.lock(orgId, callId).orElse(null);
            if (call == null || call.status().terminal()) {
                store.deleteJob(orgId, callId, CallStore.SIMULATE);
                return null;
            }
            var snapshot = CallSimulator.step(call, step);
            if (snapshot.isEmpty()) {
                store.deleteJob(orgId, callId, CallStore.SIMULATE);
                return null;
            }
            applyLocked(call, snapshot.get());
            if (snapshot.get().status().terminal()) {
                store.deleteJob(orgId, callId, CallStore.SIMULATE);
            } else {
                // a turn is "spoken" for a moment; the next one comes after the step delay
                store.schedule(
                        orgId,
                        callId,
                        CallStore.SIMULATE,
                        step + 1,
                        Instant.now().plus(properties.stepDelay()));
            }
            return null;
        });
    }

    /** Polling fallback for provider calls whose webhook never comes. */
    void poll(UUID orgId, UUID callId) {
        CallRow call = tx.inOrg(orgId, () -> store.find(orgId, callId).orElse(null));
        if (call == null || call.status().terminal()) {
            tx.inOrg(orgId, () -> {
                store.deleteJob(orgId, callId, CallStore.POLL);
                return null;
            });
            return;
        }
        var snapshot = providers.get(call.provider()).fetch(call);
        tx.inOrg(orgId, () -> {
            CallRow locked = store.lock(orgId, callId).orElseThrow();
            snapshot.ifPresent(s -> applyLocked(locked, s));
            CallRow after = store.find(orgId, callId).orElseThrow();
            if (after.status().terminal()) store.deleteJob(orgId, callId, CallStore.POLL);
            else store.schedule(orgId, callId, CallStore.POLL, 0, Instant.now().plus(properties.poll()));
            return null;
        });
    }

    /** Applies a provider report to a call (inside an org transaction). */
    void apply(UUID orgId, UUID callId, Snapshot snapshot) {
        store.lock(orgId, callId).ifPresent(call -> applyLocked(call, snapshot));
    }

    private static int rank(CallStatus s) {
        return switch (s) {
            case QUEUED -> 0;
            case RINGING -> 1;
            case IN_PROGRESS -> 2;
            default -> 3;
        };
    }

    private void applyLocked(CallRow call, Snapshot s) {
        if (call.finalizedAt() != null || call.status().terminal()) {
            // a repeated or late report: keep the first final answer, only fill in missing turns
            if (call.finalizedAt() == null) store.putTurns(call.orgId(), call.id(), s.turns());
            return;
        }
        store.putTurns(call.orgId(), call.id(), s.turns());
        var changes = new HashMap<Field<?>, Object>();
        if (s.answeredBy() != null) changes.put(Calls.ANSWERED_BY, s.answeredBy());
        if (s.recordingUrl() != null) changes.put(Calls.PROVIDER_RECORDING_URL, s.recordingUrl());
        if (s.summary() != null) changes.put(Calls.SUMMARY, s.summary());
        if (s.priceMinor() != null) changes.put(Calls.COST_MINOR, s.priceMinor());
        if (rank(s.status()) < rank(call.status()) || s.status() == call.status()) {
            if (!changes.isEmpty()) store.update(call.orgId(), call.id(), changes);
            return;
        }
        Instant now = Instant.now();
        if (s.status() == CallStatus.IN_PROGRESS || (s.status() == CallStatus.COMPLETED && call.answeredAt() == null)) {
            if (call.answeredAt() == null) changes.put(Calls.ANSWERED_AT, now);
        }
        if (s.status().terminal()) {
            changes.put(Calls.ENDED_AT, now);
            changes.put(
                    Calls.DURATION_SECONDS,
                    s.durationSeconds() == null ? 0 : Math.min(s.durationSeconds(), call.maxDurationMinutes() * 60));
            if (s.endedReason() != null) changes.put(Calls.ENDED_REASON, s.endedReason());
        }
        setStatus(call, s.status(), changes);
        if (s.status().terminal()) {
            store.deleteJob(call.orgId(), call.id(), CallStore.POLL);
            store.deleteJob(call.orgId(), call.id(), CallStore.SIMULATE);
            store.schedule(call.orgId(), call.id(), CallStore.FINALIZE, 0, now);
        }
    }

    private void setStatus(CallRow call, CallStatus status, Map<Field<?>, Object> more) {
        var changes = new HashMap<Field<?>, Object>(more);
        changes.put(Calls.STATUS, status.json());
        store.update(call.orgId(), call.id(), changes);
        if (status != call.status()) events.publishEvent(new CallStatusChanged(call.orgId(), call.id(), status));
    }

    /** Ends a call that never reached the provider's final report (failed dial, cancelled in the queue). */
    void terminal(CallRow call, CallStatus status, String reason) {
        var changes = new HashMap<Field<?>, Object>();
        changes.put(Calls.ENDED_AT, Instant.now());
        changes.put(Calls.ENDED_REASON, reason.length() > 500 ? reason.substring(0, 500) : reason);
        changes.put(Calls.DURATION_SECONDS, 0);
        setStatus(call, status, changes);
        store.deleteJob(call.orgId(), call.id(), CallStore.POLL);
        store.deleteJob(call.orgId(), call.id(), CallStore.SIMULATE);
        store.schedule(call.orgId(), call.id(), CallStore.FINALIZE, 0, Instant.now());
    }

    /**
     * Settles the hold with what the call cost (the provider's price, else duration × rate; never more
     * than the hold), voids it when nothing was spent, analyses the call and publishes {@link
     * CallCompleted}. Runs once per call: {@code finalized_at} marks it done.
     */
    void finalizeCall(UUID orgId, UUID callId) {
        CallRow peek = tx.inOrg(orgId, () -> store.find(orgId, callId).orElse(null));
        if (peek == null || peek.finalizedAt() != null || !peek.status().terminal()) {
            tx.inOrg(orgId, () -> {
                store.deleteJob(orgId, callId, CallStore.FINALIZE);
                return null;
            });
            return;
        }
        // the LLM is asked outside the transaction that settles money
        var turns = tx.inOrg(orgId, () -> store.turns(orgId, callId));
        var analysis = analyzer.analyze(peek, turns, tx.inOrg(orgId, () -> settings.llmChain(orgId)));
        String recordingKey = peek.record() && peek.provider().equals("simulator") && !turns.isEmpty()
                ? storeSimulatedRecording(peek)
                : null;
        tx.inOrg(orgId, () -> {
            CallRow call = store.lock(orgId, callId).orElseThrow();
            if (call.finalizedAt() != null) return null;
            int seconds = call.durationSeconds() == null ? 0 : call.durationSeconds();
            long byDuration = (seconds * call.ratePerMinuteMinor() + 59) / 60;
            long cost = call.costMinor() != null ? call.costMinor() : byDuration;
            if (seconds == 0) cost = 0;
            long held = call.holdMinor() == null ? 0 : call.holdMinor();
            cost = Math.min(cost, held);
            if (call.holdId() != null) {
                if (cost > 0) credits.settle(orgId, call.holdId(), cost);
                else credits.voidHold(orgId, call.holdId());
            }
            if (seconds > 0) {
                quotas.consume(orgId, Limit.CALL_MINUTES_PER_DAY, (seconds + 59) / 60, "call:" + callId);
            }
            var changes = new HashMap<Field<?>, Object>();
            changes.put(Calls.COST_MINOR, cost);
            changes.put(
                    Calls.SUMMARY,
                    call.summary() != null && analysis.source().equals("offline")
                            ? call.summary()
                            : analysis.summary());
            changes.put(Calls.OUTCOME, analysis.outcome());
            changes.put(Calls.FIELDS, store.jsonb(analysis.fields()));
            changes.put(Calls.FINALIZED_AT, Instant.now());
            if (recordingKey != null) changes.put(Calls.RECORDING_KEY, recordingKey);
            store.update(orgId, callId, changes);
            store.deleteJob(orgId, callId, CallStore.FINALIZE);
            CallRow done = store.find(orgId, callId).orElseThrow();
            events.publishEvent(new CallCompleted(
                    orgId,
                    callId,
                    done.contactId(),
                    done.phoneNumber(),
                    done.status(),
                    done.durationSeconds(),
                    cost,
                    done.outcome(),
                    done.summary(),
                    CallAnalyzer.text(turns),
                    done.endedAt() == null ? Instant.now() : done.endedAt()));
            return null;
        });
    }

    /** A short WAV (a quiet tone per turn) so the recording player has something real to play. */
    private @Nullable String storeSimulatedRecording(CallRow call) {
        try {
            int seconds = Math.max(1, Math.min(call.durationSeconds() == null ? 1 : call.durationSeconds(), 20));
            byte[] wav = Wav.tone(seconds);
            return blobs.put(
                            call.orgId(),
                            "calls",
                            "call-" + call.id() + ".wav",
                            "audio/wav",
                            new ByteArrayInputStream(wav),
                            wav.length + 1)
                    .key();
        } catch (RuntimeException e) {
            log.warn("Simulated recording of call {} not stored: {}", call.id(), e.toString());
            return null;
        }
    }

    List<String> providerAnswers(CallRow call, String goal, List<String> questions) {
        return providers.get(call.provider()).analyze(call, goal, questions).orElse(List.of());
    }
}
