package io.switchboard.billing.internal;

import io.switchboard.shared.TenantContext;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.UUID;
import java.util.function.Supplier;
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

    OrgTransactions(ScopedTransactions scoped, PlatformTransactionManager transactionManager) {
        this.scoped = scoped;
        this.join = new TransactionTemplate(transactionManager);
        // a savepoint inside the caller's transaction: a refused reservation (insufficient credits,
        // quota exceeded) undoes only its own rows and leaves the caller's transaction usable
        this.join.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
    }

    <T> T inOrg(UUID orgId, Supplier<T> work) {
        return boundTo(orgId) ? join.execute(status -> work.get()) : scoped.inOrg(orgId, work);
    }

    /**
     * Like {@link #inOrg}, for work that writes in one atomic statement: outside a caller's
     * transaction it runs in autocommit (no BEGIN/COMMIT round trip); a failing statement changes
     * nothing either way.
     */
    <T> T statementInOrg(UUID orgId, Supplier<T> work) {
        return boundTo(orgId) ? join.execute(status -> work.get()) : scoped.statementInOrg(orgId, work);
    }

    /** The caller already works in this organisation (a request, or another module's job). */
    private static boolean boundTo(UUID orgId) {
        return TenantContext.current().orElse(null) instanceof TenantContext.Org(UUID bound) && bound.equals(orgId);
    }

    <T> T asSystem(String reason, Supplier<T> work) {
        return scoped.asSystem(reason, work);
    }
}
