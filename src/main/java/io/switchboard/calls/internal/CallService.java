package io.switchboard.calls.internal;

import io.switchboard.billing.CreditBalance;
import io.switchboard.billing.Credits;
import io.switchboard.billing.Hold;
import io.switchboard.calls.CallAnalysis;
import io.switchboard.calls.CallStatus;
import io.switchboard.calls.CallView;
import io.switchboard.calls.Calls;
import io.switchboard.calls.CostEstimate;
import io.switchboard.calls.PlaceCallCommand;
import io.switchboard.calls.PlaceCallResult;
import io.switchboard.calls.Transcript;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.contacts.ContactRef;
import io.switchboard.moderation.Moderation;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.PhoneNumbers;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Places calls behind the gate every dial passes: validation, moderation of what the agent will say,
 * a credit hold of {@code maxDuration × rate} (clamped to what the balance covers), then the paced
 * queue that respects the plan's concurrent-call and minutes-per-day limits.
 */
@Service
class CallService implements Calls {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    static final int DEFAULT_MAX_MINUTES = 5;

    private final ScopedTransactions tx;
    private final CallStore store;
    private final CallSettings settings;
    private final VoiceProviders providers;
    private final Credits credits;
    private final Moderation moderation;
    private final ContactDirectory contacts;
    private final SalesScriptService scripts;
    private final CallLifecycle lifecycle;
    private final CallAnalyzer analyzer;
    private final CallWorker worker;
    private final PhoneNumberService numbers;

    CallService(
            ScopedTransactions tx,
            CallStore store,
            CallSettings settings,
            VoiceProviders providers,
            Credits credits,
            Moderation moderation,
            ContactDirectory contacts,
            SalesScriptService scripts,
            CallLifecycle lifecycle,
            CallAnalyzer analyzer,
            CallWorker worker,
            PhoneNumberService numbers) {
        this.numbers = numbers;
        this.tx = tx;
        this.store = store;
        this.settings = settings;
        this.providers = providers;
        this.credits = credits;
        this.moderation = moderation;
        this.contacts = contacts;
        this.scripts = scripts;
        this.lifecycle = lifecycle;
        this.analyzer = analyzer;
        this.worker = worker;
    }

    @Override
    public String mode() {
        return providers.activeId();
    }

    @Override
    public PlaceCallResult placeCall(UUID orgId, PlaceCallCommand command) {
        String key =
                command.idempotencyKey() == null || command.idempotencyKey().isBlank()
                        ? "auto:" + UUID.randomUUID()
                        : command.idempotencyKey().strip();
        if (key.length() > 200)
            return new PlaceCallResult.InvalidRequest("idempotencyKey", "must be at most 200 characters");
        var existing = tx.inOrg(orgId, () -> store.findByKey(orgId, key));
        if (existing.isPresent()) return replayed(existing.get());

        // who to call
        ContactRef contact = null;
        String phone;
        if (command.contactId() != null) {
            contact = contacts.find(orgId, command.contactId()).orElse(null);
            if (contact == null)
                return new PlaceCallResult.NotFound("Contact " + command.contactId(), "The contact does not exist");
            if (contact.optedOut())
                return new PlaceCallResult.ContactOptedOut("The contact opted out of being contacted");
        }
        String rawPhone =
                command.phoneNumber() != null && !command.phoneNumber().isBlank()
                        ? command.phoneNumber()
                        : contact == null ? null : contact.phone();
        if (rawPhone == null || rawPhone.isBlank()) {
            return new PlaceCallResult.InvalidRequest(
                    "phoneNumber",
                    contact == null ? "give a contactId or a phoneNumber" : "the contact has no phone number");
        }
        try {
            phone = PhoneNumbers.international("phoneNumber", rawPhone);
        } catch (ApiProblem e) {
            return new PlaceCallResult.InvalidRequest(
                    "phoneNumber", "is not a valid international phone number (e.g. +14155550123)");
        }
        String transfer = null;
        if (command.transferNumber() != null && !command.transferNumber().isBlank()) {
            try {
                transfer = PhoneNumbers.international("transferNumber", command.transferNumber());
            } catch (ApiProblem e) {
                return new PlaceCallResult.InvalidRequest(
                        "transferNumber", "is not a valid international phone number");
            }
        }

        // what the agent says
        String task = command.task();
        String firstSentence = command.firstSentence();
        var metadata = new LinkedHashMap<String, String>();
        if (command.metadata() != null) {
            if (command.metadata().size() > 30)
                return new PlaceCallResult.InvalidRequest("metadata", "at most 30 entries");
            for (var e : command.metadata().entrySet()) {
                if (e.getKey().length() > 64
                        || e.getValue() == null
                        || e.getValue().length() > 2000) {
                    return new PlaceCallResult.InvalidRequest(
                            "metadata", "keys up to 64 and values up to 2000 characters");
                }
                metadata.put(e.getKey(), e.getValue());
            }
        }
        if (command.salesScriptId() != null) {
            var script = scripts.get(orgId, command.salesScriptId()).orElse(null);
            if (script == null)
                return new PlaceCallResult.NotFound(
                        "Sales script " + command.salesScriptId(), "The sales script does not exist");
            if (task == null || task.isBlank()) task = script.text();
            if (firstSentence == null || firstSentence.isBlank()) firstSentence = script.firstSentence();
            metadata.putIfAbsent("product", script.product());
        }
        if (task == null || task.isBlank())
            return new PlaceCallResult.InvalidRequest("task", "must not be blank (or give a salesScriptId)");
        if (task.length() > 20000)
            return new PlaceCallResult.InvalidRequest("task", "must be at most 20000 characters");
        if (firstSentence != null && firstSentence.length() > 1000) {
            return new PlaceCallResult.InvalidRequest("firstSentence", "must be at most 1000 characters");
        }
        int requested = command.maxDurationMinutes() == null ? DEFAULT_MAX_MINUTES : command.maxDurationMinutes();
        if (requested < 1 || requested > 60)
            return new PlaceCallResult.InvalidRequest("maxDurationMinutes", "must be between 1 and 60");
        String language = command.language() == null || command.language().isBlank()
                ? "en-US"
                : command.language().strip();
        if (!language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            return new PlaceCallResult.InvalidRequest("language", "must be a language tag such as en-US");
        }
        if (command.voice() != null && command.voice().length() > 100) {
            return new PlaceCallResult.InvalidRequest("voice", "must be at most 100 characters");
        }
        if (command.scheduledAt() != null
                && command.scheduledAt().isAfter(Instant.now().plus(Duration.ofDays(6)))) {
            return new PlaceCallResult.InvalidRequest("scheduledAt", "must be within 6 days");
        }
        if (contact != null && contact.name() != null) metadata.putIfAbsent("contact_name", contact.name());
        // an agent with its own number calls from it (Bland's "from")
        if (command.agentId() != null)
            numbers.numberOfAgent(orgId, command.agentId()).ifPresent(n -> metadata.putIfAbsent("from", n));

        // moderation: every text the agent will speak or follow
        var blocked = moderate(orgId, key, "task", task);
        if (blocked == null && firstSentence != null && !firstSentence.isBlank())
            blocked = moderate(orgId, key, "firstSentence", firstSentence);
        if (blocked != null) {
            log.info("Call for org {} blocked by moderation on {}: {}", orgId, blocked.field(), blocked.rules());
            return blocked;
        }

        // credits: hold maxDuration × rate before anything may dial
        String provider = providers.activeId();
        UUID callId = UUID.randomUUID();
        long rate = tx.inOrg(orgId, () -> settings.rate(orgId, provider));
        int minutes = requested;
        Hold hold = null;
        String currency = "USD";
        if (rate > 0) {
            for (int attempt = 0; ; attempt++) {
                CreditBalance balance = credits.balance(orgId);
                currency = balance.currency();
                long covered = balance.availableMinor() / rate;
                if (covered < 1) {
                    return new PlaceCallResult.InsufficientCredits(
                            balance.availableMinor(),
                            rate,
                            balance.currency(),
                            "The available credits (" + balance.availableMinor() + " " + balance.currency()
                                    + " minor units) do not cover one minute at " + rate + " per minute");
                }
                minutes = (int) Math.min(requested, covered);
                try {
                    hold = credits.reserve(
                            orgId,
                            minutes * rate,
                            "call " + callId,
                            Duration.ofMinutes(minutes)
                                    .plus(Duration.ofDays(1))
                                    .plus(scheduledDelay(command.scheduledAt())),
                            "call-hold:" + callId + ":" + attempt);
                    break;
                } catch (ApiProblem e) {
                    // another call took the credits between our look and the hold: look again
                    if (!e.type().toString().endsWith("insufficient-credits") || attempt >= 5) throw e;
                }
            }
        } else {
            currency = credits.balance(orgId).currency();
        }
        var row = new CallRow(
                callId,
                orgId,
                contact == null ? null : contact.id(),
                command.agentId(),
                command.salesScriptId(),
                phone,
                CallStatus.QUEUED,
                provider,
                null,
                task,
                blankToNull(firstSentence),
                blankToNull(command.voice()),
                language,
                minutes,
                requested,
                transfer,
                command.record(),
                metadata,
                command.scheduledAt(),
                null,
                null,
                null,
                null,
                null,
                null,
                rate,
                hold == null ? null : hold.id(),
                hold == null ? 0L : hold.amountMinor(),
                null,
                currency,
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                key,
                Instant.now(),
                Instant.now());
        Hold placedHold = hold;
        boolean inserted = tx.inOrg(orgId, () -> {
            if (!store.insert(row)) return false;
            store.schedule(
                    orgId,
                    callId,
                    CallStore.DISPATCH,
                    0,
                    command.scheduledAt() == null ? Instant.now() : command.scheduledAt());
            return true;
        });
        if (!inserted) {
            // the same key raced us: give the hold back and answer the call that won
            if (placedHold != null) credits.voidHold(orgId, placedHold.id());
            return replayed(tx.inOrg(orgId, () -> store.findByKey(orgId, key)).orElseThrow());
        }
        worker.wakeUp();
        CallView view =
                tx.inOrg(orgId, () -> store.find(orgId, callId)).orElseThrow().toView();
        return new PlaceCallResult.Placed(
                view,
                row.holdMinor() == null ? 0 : row.holdMinor(),
                minutes * rate,
                currency,
                minutes < requested,
                requested,
                true,
                false);
    }

    private static Duration scheduledDelay(@Nullable Instant at) {
        if (at == null) return Duration.ZERO;
        Duration d = Duration.between(Instant.now(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private PlaceCallResult.Placed replayed(CallRow c) {
        long hold = c.holdMinor() == null ? 0 : c.holdMinor();
        return new PlaceCallResult.Placed(
                c.toView(),
                hold,
                c.maxDurationMinutes() * c.ratePerMinuteMinor(),
                c.currency(),
                c.maxDurationMinutes() < c.requestedDurationMinutes(),
                c.requestedDurationMinutes(),
                c.status() == CallStatus.QUEUED,
                true);
    }

    private PlaceCallResult.@Nullable BlockedByModeration moderate(UUID orgId, String key, String field, String text) {
        var decision = moderation.check(orgId, text, Moderation.Stage.CALL_PROMPT, "call:" + key);
        if (!decision.blocked()) return null;
        List<String> rules = decision.findings().stream()
                .map(Moderation.Finding::rule)
                .distinct()
                .toList();
        String reasons = decision.findings().stream()
                .map(f -> f.rule() + (f.detail().isBlank() ? "" : " (" + f.detail() + ")"))
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("policy");
        return new PlaceCallResult.BlockedByModeration(
                field, rules, "The " + field + " was blocked by moderation: " + reasons);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public Optional<CallView> get(UUID orgId, UUID callId) {
        return tx.inOrg(orgId, () -> store.find(orgId, callId).map(CallRow::toView));
    }

    Optional<CallRow> row(UUID orgId, UUID callId) {
        return tx.inOrg(orgId, () -> store.find(orgId, callId));
    }

    @Override
    public PageResponse<CallView> list(UUID orgId, CallFilter filter, PageQuery page) {
        return tx.inOrg(orgId, () -> store.list(orgId, filter, page).map(CallRow::toView));
    }

    @Override
    public Optional<CallView> stop(UUID orgId, UUID callId) {
        CallRow call = tx.inOrg(orgId, () -> store.find(orgId, callId)).orElse(null);
        if (call == null) return Optional.empty();
        if (call.status().terminal()) return Optional.of(call.toView());
        if (call.providerCallId() != null && call.provider().equals("bland")) {
            providers.get(call.provider()).stop(call);
        }
        tx.inOrg(orgId, () -> {
            CallRow locked = store.lock(orgId, callId).orElseThrow();
            if (locked.status().terminal()) return null;
            if (locked.status() == CallStatus.IN_PROGRESS) {
                int seconds = locked.answeredAt() == null
                        ? 0
                        : (int) Duration.between(locked.answeredAt(), Instant.now())
                                .toSeconds();
                var turns = store.turns(orgId, callId).stream()
                        .map(t -> new VoiceProvider.TurnData(t.speaker(), t.text(), t.atSeconds()))
                        .toList();
                // the simulator's clock is simulated: its duration is the time of the turns spoken so far
                if (locked.provider().equals("simulator")) {
                    seconds = turns.isEmpty()
                            ? 0
                            : (int) Math.ceil(turns.getLast().atSeconds()
                                    + CallSimulator.turnSeconds(turns.getLast().text()));
                }
                lifecycle.apply(
                        orgId,
                        callId,
                        new VoiceProvider.Snapshot(
                                CallStatus.COMPLETED,
                                turns,
                                seconds,
                                locked.answeredBy(),
                                null,
                                null,
                                "stopped",
                                null));
            } else {
                lifecycle.terminal(locked, CallStatus.CANCELLED, "stopped before it was answered");
            }
            store.deleteJob(orgId, callId, CallStore.DISPATCH);
            return null;
        });
        worker.wakeUp();
        return get(orgId, callId);
    }

    @Override
    public Optional<Transcript> transcript(UUID orgId, UUID callId) {
        return tx.inOrg(
                orgId,
                () -> store.find(orgId, callId).map(call -> {
                    var turns = store.turns(orgId, callId);
                    return new Transcript(
                            callId, call.status(), turns, CallAnalyzer.text(turns), call.finalizedAt() != null);
                }));
    }

    @Override
    public Optional<CallAnalysis> analyze(UUID orgId, UUID callId, List<String> questions) {
        CallRow call = tx.inOrg(orgId, () -> store.find(orgId, callId)).orElse(null);
        if (call == null) return Optional.empty();
        var turns = tx.inOrg(orgId, () -> store.turns(orgId, callId));
        String source;
        String summary;
        String outcome;
        Map<String, String> fields;
        if (call.finalizedAt() != null && call.summary() != null && call.outcome() != null) {
            summary = call.summary();
            outcome = call.outcome();
            fields = call.fields();
            source = "stored";
        } else {
            var result = analyzer.analyze(call, turns, tx.inOrg(orgId, () -> settings.llmChain(orgId)));
            summary = result.summary();
            outcome = result.outcome();
            fields = result.fields();
            source = result.source();
        }
        List<String> answers = List.of();
        if (!questions.isEmpty()) {
            answers = lifecycle.providerAnswers(call, "Answer questions about this call", questions);
            if (!answers.isEmpty()) source = "bland";
            else
                answers = questions.stream()
                        .map(q -> offlineAnswer(q, turns, fields, outcome))
                        .toList();
        }
        return Optional.of(new CallAnalysis(callId, summary, outcome, fields, answers, source));
    }

    /** Without a model: the contact's sentence that shares the most words with the question. */
    private static String offlineAnswer(
            String question, List<Transcript.Turn> turns, Map<String, String> fields, String outcome) {
        String q = question.toLowerCase(java.util.Locale.ROOT);
        if (q.contains("interest") || q.contains("outcome")) return outcome;
        for (var e : fields.entrySet())
            if (q.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) return e.getValue();
        var words = java.util.Set.of(q.replaceAll("[^a-z0-9 ]", " ").split("\\s+"));
        String best = "unknown";
        int bestScore = 0;
        for (var t : turns) {
            if (!t.speaker().equals("user")) continue;
            int score = 0;
            for (String w : t.text()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9 ]", " ")
                    .split("\\s+")) {
                if (w.length() > 3 && words.contains(w)) score++;
            }
            if (score > bestScore) {
                bestScore = score;
                best = t.text();
            }
        }
        return best;
    }

    @Override
    public CostEstimate estimateCost(UUID orgId, int maxDurationMinutes) {
        if (maxDurationMinutes < 1 || maxDurationMinutes > 60)
            throw ApiProblem.invalidField("maxDurationMinutes", "must be between 1 and 60");
        String provider = providers.activeId();
        long rate = tx.inOrg(orgId, () -> settings.rate(orgId, provider));
        CreditBalance balance = credits.balance(orgId);
        int covered = rate == 0 ? 60 : (int) Math.min(60, balance.availableMinor() / rate);
        return new CostEstimate(
                provider,
                maxDurationMinutes,
                rate,
                maxDurationMinutes * rate,
                balance.availableMinor(),
                balance.currency(),
                covered,
                covered >= maxDurationMinutes);
    }
}
