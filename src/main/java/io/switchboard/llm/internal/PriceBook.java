package io.switchboard.llm.internal;

import static io.switchboard.llm.internal.LlmTables.DefaultPrices;
import static io.switchboard.llm.internal.LlmTables.Prices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Prices per million tokens, in micros: the platform's defaults, overridden per organisation. A model
 * takes the price of the longest key it starts with ({@code gpt-4o-mini-2024-07-18} → {@code gpt-4o-mini}).
 */
@Component
class PriceBook {

    private final DSLContext db;

    PriceBook(DSLContext db) {
        this.db = db;
    }

    record Price(String model, long inputMicrosPerMillion, long outputMicrosPerMillion, String source) {}

    /** Every price the organisation pays: its overrides, then the defaults it did not override; sorted by model. */
    List<Price> list(UUID orgId) {
        Map<String, Price> byModel = new LinkedHashMap<>();
        db.select(DefaultPrices.MODEL, DefaultPrices.INPUT, DefaultPrices.OUTPUT)
                .from(DefaultPrices.T)
                .fetch()
                .forEach(r -> byModel.put(r.value1(), new Price(r.value1(), r.value2(), r.value3(), "default")));
        db.select(Prices.MODEL, Prices.INPUT, Prices.OUTPUT)
                .from(Prices.T)
                .where(Prices.ORG_ID.eq(orgId))
                .fetch()
                .forEach(r -> byModel.put(r.value1(), new Price(r.value1(), r.value2(), r.value3(), "organization")));
        var result = new ArrayList<>(byModel.values());
        result.sort(Comparator.comparing(Price::model));
        return result;
    }

    /** Replaces the organisation's overrides; rows equal to the platform default are not stored. */
    void replace(UUID orgId, List<Price> prices) {
        Map<String, Price> defaults = new LinkedHashMap<>();
        db.select(DefaultPrices.MODEL, DefaultPrices.INPUT, DefaultPrices.OUTPUT)
                .from(DefaultPrices.T)
                .fetch()
                .forEach(r -> defaults.put(r.value1(), new Price(r.value1(), r.value2(), r.value3(), "default")));
        db.deleteFrom(Prices.T).where(Prices.ORG_ID.eq(orgId)).execute();
        for (Price price : prices) {
            Price standard = defaults.get(price.model());
            if (standard != null
                    && standard.inputMicrosPerMillion() == price.inputMicrosPerMillion()
                    && standard.outputMicrosPerMillion() == price.outputMicrosPerMillion()) {
                continue;
            }
            db.insertInto(Prices.T)
                    .set(Prices.ORG_ID, orgId)
                    .set(Prices.MODEL, price.model())
                    .set(Prices.INPUT, price.inputMicrosPerMillion())
                    .set(Prices.OUTPUT, price.outputMicrosPerMillion())
                    .set(Prices.UPDATED_AT, Instant.now())
                    .execute();
        }
    }

    Optional<Price> priceOf(UUID orgId, String model) {
        String wanted = model.toLowerCase(java.util.Locale.ROOT);
        return list(orgId).stream()
                .filter(p -> wanted.startsWith(p.model().toLowerCase(java.util.Locale.ROOT)))
                .max(Comparator.<Price>comparingInt(p -> p.model().length())
                        .thenComparing(p -> p.source().equals("organization")));
    }

    /** tokens × price per million, rounded up to a whole micro so nothing is billed as free by rounding. */
    static long cost(Optional<Price> price, int inputTokens, int outputTokens) {
        if (price.isEmpty()) return 0;
        long micros = (long) inputTokens * price.get().inputMicrosPerMillion()
                + (long) outputTokens * price.get().outputMicrosPerMillion();
        return (micros + 999_999) / 1_000_000;
    }
}
