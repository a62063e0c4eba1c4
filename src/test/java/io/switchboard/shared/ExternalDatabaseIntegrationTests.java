package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.support.ApiClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * SWITCHBOARD_DATABASE_URL pointing at a PostgreSQL the operator runs, logging in as an ordinary
 * (non-superuser) owner: migrations, the app role and RLS work the same, and data survives a
 * restart of the application.
 */
class ExternalDatabaseIntegrationTests {

    @Test
    void runsOnAnExternalDatabaseAsANonSuperuserAndKeepsDataAcrossRestarts() throws Exception {
        try (var postgres = EmbeddedPostgres.builder().start()) {
            try (var c = postgres.getPostgresDatabase().getConnection();
                    var s = c.createStatement()) {
                s.execute("create role sb_owner login password 'owner-pass' createrole");
                s.execute("create database sb_external owner sb_owner");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/sb_external";
            var dataDir = Files.createTempDirectory("switchboard-external-");
            String[] args = {
                "--server.port=0",
                "--switchboard.data-dir=" + dataDir,
                "--switchboard.database.url=" + url,
                "--switchboard.database.username=sb_owner",
                "--switchboard.database.password=owner-pass",
                "--switchboard.bootstrap.admin-email=ext@demo.test",
                "--switchboard.bootstrap.admin-password=external-secret-1"
            };
            String email;
            try (var app = new SpringApplicationBuilder(SwitchboardApplication.class).run(args)) {
                var api = new ApiClient(
                        ((WebServerApplicationContext) app).getWebServer().getPort());
                assertThat(api.get("/api/v1/system/status", null)
                                .json()
                                .get("database")
                                .asString())
                        .isEqualTo("external");
                var session = api.post(
                        "/api/v1/auth/signup",
                        Map.of(
                                "email",
                                "ext-user@example.test",
                                "password",
                                "correct horse battery",
                                "name",
                                "Ext",
                                "organizationName",
                                "External Org"),
                        null);
                assertThat(session.status()).as(session.raw()).isEqualTo(201);
                email = session.json().get("user").get("email").asString();
                assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
            }
            try (var app = new SpringApplicationBuilder(SwitchboardApplication.class).run(args)) {
                var api = new ApiClient(
                        ((WebServerApplicationContext) app).getWebServer().getPort());
                var login = api.post(
                        "/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"), null);
                assertThat(login.status()).as(login.raw()).isEqualTo(200);
                assertThat(login.json().get("organization").get("name").asString())
                        .isEqualTo("External Org");
                var admin = api.post(
                                "/api/v1/auth/login",
                                Map.of("email", "ext@demo.test", "password", "external-secret-1"),
                                null)
                        .json();
                var orgs = api.get(
                                "/api/v1/admin/organizations",
                                admin.get("accessToken").asString())
                        .json();
                assertThat(orgs.get("items").findValuesAsString("name")).containsExactly("Demo", "External Org");
            }
            try (var c = postgres.getDatabase("postgres", "sb_external").getConnection();
                    var s = c.createStatement()) {
                var rs =
                        s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = 'switchboard_app'");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isFalse();
                assertThat(rs.getBoolean(2)).isFalse();
            }
        }
    }

    @Test
    void embeddedDatabaseKeepsDataInTheDataDirAcrossRestarts() throws Exception {
        var dataDir = Files.createTempDirectory("switchboard-embedded-");
        String[] args = {
            "--server.port=0",
            "--switchboard.data-dir=" + dataDir,
            "--switchboard.bootstrap.admin-email=",
            "--switchboard.bootstrap.admin-password="
        };
        String email;
        try (var app = new SpringApplicationBuilder(SwitchboardApplication.class).run(args)) {
            var api = new ApiClient(
                    ((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(api.get("/api/v1/system/status", null)
                            .json()
                            .get("database")
                            .asString())
                    .isEqualTo("embedded");
            var session = api.post(
                    "/api/v1/auth/signup",
                    Map.of(
                            "email",
                            "kept@example.test",
                            "password",
                            "correct horse battery",
                            "name",
                            "Kept",
                            "organizationName",
                            "Kept Org"),
                    null);
            assertThat(session.status()).isEqualTo(201);
            email = session.json().get("user").get("email").asString();
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("master.key")).exists();
        try (var app = new SpringApplicationBuilder(SwitchboardApplication.class).run(args)) {
            var api = new ApiClient(
                    ((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"), null)
                            .status())
                    .isEqualTo(200);
        }
    }
}
