package io.switchboard.agents.internal;

import static io.switchboard.agents.internal.AgentTables.Agents;

import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaGauge;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The plan's agent limit: agents the organisation has. */
@Component
class AgentsGauge implements QuotaGauge {

    private final DSLContext db;

    AgentsGauge(DSLContext db) {
        this.db = db;
    }

    @Override
    public Limit limit() {
        return Limit.AGENTS;
    }

    @Override
    public long current(UUID orgId) {
        return db.fetchCount(Agents.T, Agents.ORG_ID.eq(orgId));
    }
}
