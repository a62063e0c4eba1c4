package io.switchboard.shared.db;

import io.switchboard.shared.TenantContext;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction bound to a tenant scope. The scope must be bound before the
 * transaction takes its connection (that is when RLS settings are applied), so code that switches
 * scope uses these instead of {@code @Transactional}. Each call takes a fresh connection.
 */
@Component
public class ScopedTransactions {

    private final TransactionTemplate fresh;
    private final TransactionTemplate autocommit;

    ScopedTransactions(PlatformTransactionManager transactionManager) {
        this.fresh = new TransactionTemplate(transactionManager);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.autocommit = new TransactionTemplate(transactionManager);
        this.autocommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** Platform work before an organisation is known (sign-in, key lookup); filter explicitly. */
    public <T> T asSystem(String reason, Supplier<T> work) {
        return TenantContext.asSystem(reason, () -> fresh.execute(status -> work.get()));
    }

    public void asSystem(String reason, Runnable work) {
        asSystem(reason, () -> {
            work.run();
            return null;
        });
    }

    public <T> T inOrg(UUID orgId, Supplier<T> work) {
        return TenantContext.inOrg(orgId, () -> fresh.execute(status -> work.get()));
    }

    /**
     * Runs work outside any transaction (a caller's is suspended): each statement commits on its own.
     * Only for work whose writes are one atomic statement; it saves the BEGIN/COMMIT round trip.
     */
    public <T> T statementInOrg(UUID orgId, Supplier<T> work) {
        return TenantContext.inOrg(orgId, () -> autocommit.execute(status -> work.get()));
    }
}
