package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's API types are generated from frontend/openapi.json; this keeps that file equal to
 * what the server publishes. After changing an endpoint run
 * {@code ./mvnw test -Dtest=OpenApiDocumentWebTests -Dopenapi.update=true} and then {@code npm run gen:api}.
 */
class OpenApiDocumentWebTests extends IntegrationTest {

    private static final Path SNAPSHOT = Path.of("frontend/openapi.json");

    @Test
    void frontendSnapshotMatchesThePublishedDocument() throws Exception {
        var json = JsonMapper.builder().build();
        var published = json.readTree(api.get("/v3/api-docs", null).raw());
        // the server URL depends on the random test port
        ((tools.jackson.databind.node.ObjectNode) published).remove("servers");
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(SNAPSHOT, json.writerWithDefaultPrettyPrinter().writeValueAsString(published) + "\n");
        }
        var snapshot = json.readTree(Files.readString(SNAPSHOT));
        ((tools.jackson.databind.node.ObjectNode) snapshot).remove("servers");
        assertThat(snapshot)
                .as("frontend/openapi.json is stale: rerun with -Dopenapi.update=true, then npm run gen:api")
                .isEqualTo(published);
    }

    @Test
    void everyOperationDocumentsItsProblemAnswer() {
        var paths = api.get("/v3/api-docs", null).json().get("paths");
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                assertThat(operation.getValue().get("responses").has("default"))
                        .as(operation.getKey() + " " + path.getKey())
                        .isTrue();
                assertThat(operation.getValue().get("summary"))
                        .as("summary of " + operation.getKey() + " " + path.getKey())
                        .isNotNull();
            }
        }
    }
}
