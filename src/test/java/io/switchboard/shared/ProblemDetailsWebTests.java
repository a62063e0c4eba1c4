package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input never yields a 500 or a stack trace: every answer is Problem Details naming the problem. */
class ProblemDetailsWebTests extends IntegrationTest {

    private void assertProblem(io.switchboard.support.ApiClient.Response response, int status, String typeSuffix) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString())
                .startsWith("https://switchboard.dev/problems/")
                .endsWith(typeSuffix);
        assertThat(response.raw())
                .doesNotContain("stackTrace")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(
                api.raw(
                        "POST",
                        "/api/v1/auth/login",
                        "application/json",
                        "{\"email\": ".getBytes(StandardCharsets.UTF_8),
                        null),
                400,
                "/malformed-request");
        assertProblem(
                api.raw("POST", "/api/v1/auth/login", "application/json", new byte[0], null),
                400,
                "/malformed-request");
    }

    @Test
    void wrongTypeNamesTheField() {
        var token = token(signup("Types"));
        var response = api.post("/api/v1/auth/switch", Map.of("organizationId", 42), token);
        assertProblem(response, 400, "/validation");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("organizationId");
        var notUuid = api.post("/api/v1/auth/switch", Map.of("organizationId", "not-a-uuid"), token);
        assertProblem(notUuid, 400, "/validation");
        assertThat(notUuid.json().get("detail").asString())
                .contains("organizationId")
                .contains("UUID");
    }

    @Test
    void badPathAndQueryParametersNameTheParameter() {
        var token = token(signup("Params"));
        var path = api.delete("/api/v1/api-keys/not-a-uuid", token);
        assertProblem(path, 400, "/validation");
        assertThat(path.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
        var size = api.get("/api/v1/members?size=1000", token);
        assertProblem(size, 400, "/validation");
        assertThat(size.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        var from = api.get("/api/v1/audit-events?from=yesterday", token);
        assertProblem(from, 400, "/validation");
        assertThat(from.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
    }

    @Test
    void oversizedBodyIs413() {
        byte[] big = ("{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(api.raw("POST", "/api/v1/auth/login", "application/json", big, null), 413, "/request-too-large");
    }

    @Test
    void wrongContentTypeIs415AndWrongMethodIs405() {
        assertProblem(
                api.raw("POST", "/api/v1/auth/login", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), null),
                415,
                "/unsupported-media-type");
        assertProblem(
                api.raw("PUT", "/api/v1/auth/login", "application/json", "{}".getBytes(StandardCharsets.UTF_8), null),
                405,
                "/method-not-allowed");
    }

    @Test
    void unknownApiPathIs404Problem() {
        assertProblem(api.get("/api/v1/does-not-exist", token(signup("Unknown"))), 404, "/not-found");
    }

    @Test
    void unauthenticatedAndForbiddenAreProblems() {
        assertProblem(api.get("/api/v1/members", null), 401, "/unauthenticated");
        assertProblem(api.get("/actuator/flyway", token(signup("NotAdmin"))), 403, "/forbidden");
    }
}
