package io.switchboard.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.shared.SwitchboardProperties;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Embedded PostgreSQL unless {@code SWITCHBOARD_DATABASE_URL} is set. Flyway migrates as the schema
 * owner; the application pool switches every connection to the non-owner role so row-level
 * security holds even if a query forgets its {@code org_id} filter.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedPostgres(SwitchboardProperties properties) {
        return new EmbeddedPostgresHolder(
                properties.database().embedded() ? EmbeddedPostgresEarlyStart.claim(properties.dataDir()) : null);
    }

    @Bean
    DatabaseServer databaseServer(SwitchboardProperties properties, EmbeddedPostgresHolder holder) {
        var db = properties.database();
        if (holder.server() != null) {
            return holder.server().server();
        }
        return new DatabaseServer(
                Objects.requireNonNull(db.url()),
                Objects.requireNonNullElse(db.username(), ""),
                Objects.requireNonNullElse(db.password(), ""),
                false);
    }

    @Bean
    @FlywayDataSource
    DataSource ownerDataSource(DatabaseServer server) throws Exception {
        var ds = new SimpleDriverDataSource();
        ds.setDriverClass(org.postgresql.Driver.class);
        ds.setUrl(server.jdbcUrl());
        ds.setUsername(server.ownerUser());
        ds.setPassword(server.ownerPassword());
        return ds;
    }

    @Bean(destroyMethod = "close")
    @Primary
    TenantAwareDataSource dataSource(DatabaseServer server, SwitchboardProperties properties) {
        return new TenantAwareDataSource(appPool(server, properties));
    }

    private static HikariDataSource appPool(DatabaseServer server, SwitchboardProperties properties) {
        var config = new HikariConfig();
        config.setPoolName("switchboard");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.ownerUser());
        config.setPassword(server.ownerPassword());
        config.setMaximumPoolSize(properties.database().poolSize());
        config.setConnectionInitSql("SET ROLE " + DatabaseServer.APP_ROLE);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Keeps the optional embedded server so it stops after the pool closes. */
    record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }
}
