package io.switchboard.billing.internal;

import io.switchboard.shared.TenantContext;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs billing work in a transaction of one organisation. When the caller is already bound to that
 * organisation (a request, or another module's job) it joins the caller's transaction; otherwise it
 * binds the scope first and takes a fresh transaction, so row-level security sees the right org.
 */
@Component
class OrgTransactions {

    private final ScopedTransactions scoped;
    private final TransactionTemplate join;
    private final DSLContext db;

    OrgTransactions(ScopedTransactions scoped, PlatformTransactionManager transactionManager, DSLContext db) {
        this.scoped = scoped;
        this.db = db;
        this.join = new TransactionTemplate(transactionManager);
        // a savepoint inside the caller's transaction: a refused reservation (insufficient credits,
        // quota exceeded) undoes only its own rows and leaves the caller's transaction usable
        this.join.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
    }

    <T> T inOrg(UUID orgId, Supplier<T> work) {
        return boundTo(orgId) ? join.execute(status -> work.get()) : scoped.inOrg(orgId, work);
    }

    /**
     * Runs one atomic statement and answers its first row. Inside a caller's transaction of this
     * organisation it joins it (under a savepoint); otherwise it runs in autocommit in one round trip
     * (see {@link ScopedTransactions#fetchOneInOrg}). A failing statement changes nothing either way.
     */
    @Nullable
    List<Object> fetchOneStatement(UUID orgId, String sql, Object... binds) {
        if (!boundTo(orgId)) return scoped.fetchOneInOrg(orgId, sql, binds);
        return join.execute(status -> {
            Record row = db.fetchOne(sql, binds);
            return row == null ? null : Arrays.asList(row.intoArray());
        });
    }

    /** The caller already works in this organisation (a request, or another module's job). */
    private static boolean boundTo(UUID orgId) {
        return TenantContext.current().orElse(null) instanceof TenantContext.Org(UUID bound) && bound.equals(orgId);
    }

    <T> T asSystem(String reason, Supplier<T> work) {
        return scoped.asSystem(reason, work);
    }
}
