package io.switchboard.shared.db;

import io.switchboard.shared.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Copies the {@link TenantContext} into the session settings {@code app.org_id} and {@code
 * app.system} that the row-level security policies read. The settings are only sent when they differ
 * from what the physical connection already holds, so steady traffic costs no extra round trip.
 * {@link #fetchOne} goes further for single autocommit statements: it sends the settings in the same
 * round trip as the statement.
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
        var wanted = Settings.current();
        Connection physical = connection.unwrap(Connection.class);
        if (wanted.key().equals(appliedByPhysicalConnection.get(physical))) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
            statement.setString(1, wanted.orgId());
            statement.setString(2, wanted.system());
            statement.execute();
        }
        appliedByPhysicalConnection.put(physical, wanted.key());
    }

    /**
     * Runs one statement in autocommit on a pooled connection of its own (outside any transaction of
     * the caller) and answers its first row (null when none). When the connection doesn't hold the
     * current tenant settings yet, they go in front of the statement in the same JDBC statement: the
     * driver sends both before one Sync, so PostgreSQL runs them as one implicit transaction in one
     * round trip, and a failing statement undoes the settings with it. Plain JDBC rather than jOOQ:
     * this is the ledger's hot path, and rendering a plain-SQL template costs more than the driver.
     */
    @Nullable
    List<Object> fetchOne(String sql, Object... binds) throws SQLException {
        var wanted = Settings.current();
        try (Connection connection = super.getConnection()) {
            Connection physical = connection.unwrap(Connection.class);
            boolean applied = wanted.key().equals(appliedByPhysicalConnection.get(physical));
            if (!applied) appliedByPhysicalConnection.remove(physical);
            try (PreparedStatement statement = connection.prepareStatement(applied ? sql : APPLY + ";\n" + sql)) {
                int next = 1;
                if (!applied) {
                    statement.setString(next++, wanted.orgId());
                    statement.setString(next++, wanted.system());
                }
                for (Object bind : binds) statement.setObject(next++, bind);
                statement.execute();
                if (!applied) {
                    appliedByPhysicalConnection.put(physical, wanted.key());
                    statement.getMoreResults();
                }
                try (ResultSet rows = statement.getResultSet()) {
                    if (rows == null || !rows.next()) return null;
                    int columns = rows.getMetaData().getColumnCount();
                    var row = new ArrayList<Object>(columns);
                    for (int i = 1; i <= columns; i++) row.add(rows.getObject(i));
                    return row;
                }
            }
        }
    }

    /** The session settings the row-level security policies read, for the bound tenant scope. */
    private record Settings(String orgId, String system) {
        static Settings current() {
            var scope = TenantContext.current().orElse(null);
            return new Settings(
                    scope instanceof TenantContext.Org(var id) ? id.toString() : "",
                    scope instanceof TenantContext.System ? "on" : "off");
        }

        String key() {
            return orgId + "|" + system;
        }
    }
}
