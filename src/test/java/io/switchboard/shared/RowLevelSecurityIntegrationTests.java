package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** PostgreSQL itself keeps organisations apart, even for a query that forgets its org filter. */
class RowLevelSecurityIntegrationTests extends IntegrationTest {

    @Autowired
    ScopedTransactions tx;

    @Test
    void unfilteredQueryOnlySeesTheBoundOrganisation() {
        var a = signup("RLS A");
        var b = signup("RLS B");
        api.post("/api/v1/api-keys", Map.of("name", "a-key", "scopes", List.of("read")), token(a));
        api.post("/api/v1/api-keys", Map.of("name", "b-key", "scopes", List.of("read")), token(b));
        UUID orgA = UUID.fromString(a.get("organization").get("id").asString());

        List<String> visible =
                tx.inOrg(orgA, () -> db.resultQuery("select name from api_keys").fetch(0, String.class));
        assertThat(visible).containsExactly("a-key");
        List<UUID> orgs = tx.inOrg(
                orgA, () -> db.resultQuery("select id from organizations").fetch(0, UUID.class));
        assertThat(orgs).containsExactly(orgA);
    }

    @Test
    void withoutAScopeNothingTenantOwnedIsVisible() {
        signup("RLS none");
        assertThat(db.resultQuery("select count(*) from api_keys").fetchSingle(0, Long.class))
                .isZero();
        assertThat(db.resultQuery("select count(*) from memberships").fetchSingle(0, Long.class))
                .isZero();
    }

    @Test
    void cannotWriteIntoAnotherOrganisation() {
        var a = signup("RLS writer");
        var b = signup("RLS victim");
        UUID orgA = UUID.fromString(a.get("organization").get("id").asString());
        UUID orgB = UUID.fromString(b.get("organization").get("id").asString());
        assertThatThrownBy(() -> tx.inOrg(
                        orgA,
                        () -> db.query(
                                        "insert into api_keys (id, org_id, name, prefix, key_hash, scopes) values (?, ?, 'x', 'x', ?, '{read}')",
                                        UUID.randomUUID(),
                                        orgB,
                                        UUID.randomUUID().toString())
                                .execute()))
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    @Test
    void applicationRoleCannotRewriteTheAuditLog() {
        var a = signup("Append only");
        UUID orgA = UUID.fromString(a.get("organization").get("id").asString());
        assertThatThrownBy(() -> tx.inOrg(
                        orgA, () -> db.query("delete from audit_events").execute()))
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> ownerDb()
                        .query("update audit_events set action = 'forged'")
                        .execute())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void oneStatementInAnOrganisationCarriesItsScope() {
        var a = signup("One statement A");
        var b = signup("One statement B");
        api.post("/api/v1/api-keys", Map.of("name", "a-only", "scopes", List.of("read")), token(a));
        api.post("/api/v1/api-keys", Map.of("name", "b-only", "scopes", List.of("read")), token(b));
        UUID orgA = UUID.fromString(a.get("organization").get("id").asString());
        UUID orgB = UUID.fromString(b.get("organization").get("id").asString());
        String unfiltered = "select string_agg(name, ',' order by name) from api_keys";

        // alternating organisations on one thread reuses one pooled connection whose settings change
        // with every statement; each statement still sees only its own organisation
        for (int i = 0; i < 3; i++) {
            assertThat(tx.fetchOneInOrg(orgA, unfiltered)).containsExactly("a-only");
            assertThat(tx.fetchOneInOrg(orgB, unfiltered)).containsExactly("b-only");
        }
        assertThat(tx.fetchOneInOrg(orgA, "select id from organizations")).containsExactly(orgA);
        assertThat(tx.fetchOneInOrg(orgA, "select 1 where false")).isNull();
    }

    @Test
    void aFailingStatementLeavesNoScopeBehind() {
        var a = signup("Failing A");
        var b = signup("Failing B");
        UUID orgA = UUID.fromString(a.get("organization").get("id").asString());
        UUID orgB = UUID.fromString(b.get("organization").get("id").asString());
        tx.fetchOneInOrg(orgA, "select 1");

        // the settings for B travel with a statement that fails: both are undone, so the next
        // statement for B must set them again rather than trust a cache that says they are there
        assertThatThrownBy(() -> tx.fetchOneInOrg(orgB, "select 1 / 0"))
                .rootCause()
                .hasMessageContaining("division by zero");
        assertThat(tx.fetchOneInOrg(orgB, "select current_setting('app.org_id')"))
                .containsExactly(orgB.toString());
        assertThatThrownBy(() -> tx.fetchOneInOrg(
                        orgA,
                        "insert into api_keys (id, org_id, name, prefix, key_hash, scopes) values (?, ?, 'x', 'x', ?, '{read}')",
                        UUID.randomUUID(),
                        orgB,
                        UUID.randomUUID().toString()))
                .rootCause()
                .hasMessageContaining("row-level security");
    }
}
