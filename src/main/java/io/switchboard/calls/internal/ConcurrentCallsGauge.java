package io.switchboard.calls.internal;

import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaGauge;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Calls holding a line now (dialling, ringing, in progress), for the plan's concurrent-calls limit. */
@Component
class ConcurrentCallsGauge implements QuotaGauge {

    private final CallStore store;

    ConcurrentCallsGauge(CallStore store) {
        this.store = store;
    }

    @Override
    public Limit limit() {
        return Limit.CONCURRENT_CALLS;
    }

    @Override
    public long current(UUID orgId) {
        return store.liveCount(orgId);
    }
}
