package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Subscriptions;

import io.switchboard.billing.RetentionWindows;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/** Retention windows from the organisation's current plan (a lapsed subscription keeps its plan's window). */
@Service
class PlanRetentionWindows implements RetentionWindows {

    private final DSLContext db;
    private final OrgTransactions tx;
    private final SubscriptionService subscriptions;
    private final PlanCatalog plans;

    PlanRetentionWindows(DSLContext db, OrgTransactions tx, SubscriptionService subscriptions, PlanCatalog plans) {
        this.db = db;
        this.tx = tx;
        this.subscriptions = subscriptions;
        this.plans = plans;
    }

    @Override
    public RetentionWindow forOrganization(UUID orgId) {
        String planId = subscriptions.current(orgId).planId();
        Plan plan = plans.get(planId); // plans are platform data (no row-level security)
        return new RetentionWindow(plan.historyDays(), "plan:" + plan.id());
    }

    @Override
    public List<UUID> organizations() {
        return tx.asSystem(
                "retention: organisations with a plan",
                () -> db.select(Subscriptions.ORG_ID)
                        .from(Subscriptions.T)
                        .orderBy(Subscriptions.ORG_ID)
                        .fetch(Subscriptions.ORG_ID));
    }
}
