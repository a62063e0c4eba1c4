package io.switchboard.shared.db;

import io.switchboard.shared.TenantContext;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
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
    private final TenantAwareDataSource dataSource;
    private final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

    ScopedTransactions(PlatformTransactionManager transactionManager, TenantAwareDataSource dataSource) {
        this.fresh = new TransactionTemplate(transactionManager);
        this.fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.dataSource = dataSource;
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
     * Runs one atomic statement of the organisation in autocommit, outside any transaction of the
     * caller, and answers the columns of its first row (null when none). One round trip: no
     * BEGIN/COMMIT, and the tenant settings travel with the statement. Errors become Spring's
     * {@code DataAccessException}s ({@code DuplicateKeyException} for a unique violation).
     */
    public @Nullable List<Object> fetchOneInOrg(UUID orgId, String sql, Object... binds) {
        return TenantContext.inOrg(orgId, () -> {
            try {
                return dataSource.fetchOne(sql, binds);
            } catch (SQLException e) {
                throw Objects.requireNonNull(translator.translate("one statement in org " + orgId, sql, e));
            }
        });
    }
}
