package io.switchboard.shared.db;

import io.switchboard.shared.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Copies the {@link TenantContext} into the session settings {@code app.org_id} and {@code
 * app.system} that the row-level security policies read. The settings are only sent when they differ
 * from what the physical connection already holds, so steady traffic costs no extra round trip.
 */
final class TenantAwareDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final String APPLY = "select set_config('app.org_id', ?, false), set_config('app.system', ?, false)";

    private final Map<Connection, String> appliedByPhysicalConnection =
            Collections.synchronizedMap(new WeakHashMap<>());

    TenantAwareDataSource(DataSource pool) {
        super(pool);
    }

    /** Closes the pool underneath. */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        try {
            apply(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void apply(Connection connection) throws SQLException {
        var scope = TenantContext.current().orElse(null);
        String orgId = scope instanceof TenantContext.Org(var id) ? id.toString() : "";
        String system = scope instanceof TenantContext.System ? "on" : "off";
        String wanted = orgId + "|" + system;
        Connection physical = connection.unwrap(Connection.class);
        if (wanted.equals(appliedByPhysicalConnection.get(physical))) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
            statement.setString(1, orgId);
            statement.setString(2, system);
            statement.execute();
        }
        appliedByPhysicalConnection.put(physical, wanted);
    }
}
