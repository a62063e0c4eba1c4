package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Documents;

import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaGauge;
import java.math.BigDecimal;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** The plan's knowledge-base size: bytes of every stored document of the organisation. */
@Component
class KnowledgeSizeGauge implements QuotaGauge {

    private final DSLContext db;

    KnowledgeSizeGauge(DSLContext db) {
        this.db = db;
    }

    @Override
    public Limit limit() {
        return Limit.KNOWLEDGE_BASE_BYTES;
    }

    @Override
    public long current(UUID orgId) {
        BigDecimal bytes = db.select(DSL.coalesce(DSL.sum(Documents.SIZE_BYTES), BigDecimal.ZERO))
                .from(Documents.T)
                .where(Documents.ORG_ID.eq(orgId))
                .fetchSingle()
                .value1();
        return bytes.longValue();
    }
}
