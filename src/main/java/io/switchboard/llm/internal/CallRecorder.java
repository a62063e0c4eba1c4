package io.switchboard.llm.internal;

import static io.switchboard.llm.internal.LlmTables.Calls;

import io.switchboard.llm.LlmUsageRecorded;
import io.switchboard.llm.spi.ProviderConfig;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes one {@code llm_calls} row per provider call and, for calls that consumed tokens, publishes
 * {@link LlmUsageRecorded} in the same transaction (billing consumes it through the outbox).
 */
@Component
class CallRecorder {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final org.jooq.DSLContext db;
    private final ScopedTransactions tx;
    private final PriceBook prices;
    private final ApplicationEventPublisher events;

    CallRecorder(org.jooq.DSLContext db, ScopedTransactions tx, PriceBook prices, ApplicationEventPublisher events) {
        this.db = db;
        this.tx = tx;
        this.prices = prices;
        this.events = events;
    }

    record Call(
            UUID orgId,
            ProviderConfig provider,
            String model,
            String purpose,
            int inputTokens,
            int outputTokens,
            long latencyMs,
            @Nullable Long firstTokenMs,
            String outcome,
            @Nullable String error) {}

    /** Records the call and answers its cost in micros; a failure to record never fails the answer. */
    long record(Call call) {
        try {
            return tx.inOrg(call.orgId(), () -> {
                long cost = PriceBook.cost(
                        prices.priceOf(call.orgId(), call.model()), call.inputTokens(), call.outputTokens());
                db.insertInto(Calls.T)
                        .set(Calls.ORG_ID, call.orgId())
                        .set(Calls.PROVIDER_ID, call.provider().id())
                        .set(Calls.PROVIDER_TYPE, call.provider().type())
                        .set(Calls.PROVIDER_NAME, call.provider().name())
                        .set(Calls.MODEL, call.model())
                        .set(Calls.PURPOSE, call.purpose())
                        .set(Calls.INPUT_TOKENS, call.inputTokens())
                        .set(Calls.OUTPUT_TOKENS, call.outputTokens())
                        .set(Calls.COST_MICROS, cost)
                        .set(Calls.LATENCY_MS, (int) Math.min(Integer.MAX_VALUE, call.latencyMs()))
                        .set(
                                Calls.FIRST_TOKEN_MS,
                                call.firstTokenMs() == null
                                        ? null
                                        : call.firstTokenMs().intValue())
                        .set(Calls.OUTCOME, call.outcome())
                        .set(Calls.ERROR, call.error() == null ? null : truncate(call.error()))
                        .execute();
                if (call.inputTokens() + call.outputTokens() > 0) {
                    events.publishEvent(new LlmUsageRecorded(
                            call.orgId(),
                            call.provider().id(),
                            call.model(),
                            call.inputTokens(),
                            call.outputTokens(),
                            cost,
                            call.purpose()));
                }
                return cost;
            });
        } catch (RuntimeException e) {
            log.warn("Could not record an LLM call of org {}: {}", call.orgId(), e.getMessage());
            return 0;
        }
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
