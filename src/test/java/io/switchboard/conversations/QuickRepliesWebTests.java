package io.switchboard.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickRepliesWebTests extends IntegrationTest {

    @Test
    void quickRepliesAreCreatedListedFilteredChangedAndDeleted() {
        String token = token(signup("Canned Org"));
        var created = api.post(
                "/api/v1/quick-replies",
                Map.of("shortcut", "/hours", "title", "Opening hours", "body", "Hi {{contact.first_name|there}}, 9-5."),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("shortcut").asString()).isEqualTo("hours");
        String id = created.json().get("id").asString();
        api.post("/api/v1/quick-replies", Map.of("shortcut", "bye", "title", "Goodbye", "body", "Bye!"), token);

        assertThat(api.get("/api/v1/quick-replies", token).json().get("items").findValuesAsString("shortcut"))
                .containsExactly("bye", "hours");
        assertThat(api.get("/api/v1/quick-replies?q=open", token)
                        .json()
                        .get("items")
                        .findValuesAsString("shortcut"))
                .containsExactly("hours");

        var changed = api.patch("/api/v1/quick-replies/" + id, Map.of("title", "Hours"), token);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("title").asString()).isEqualTo("Hours");
        assertThat(changed.json().get("body").asString()).startsWith("Hi {{contact.first_name|there}}");

        assertThat(api.delete("/api/v1/quick-replies/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/quick-replies/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void badShortcutsUnknownVariablesAndDuplicatesAreRefusedNamingTheField() {
        String token = token(signup("Canned Refusals Org"));
        var badShortcut =
                api.post("/api/v1/quick-replies", Map.of("shortcut", "two words", "title", "x", "body", "y"), token);
        assertThat(badShortcut.status()).isEqualTo(400);
        assertThat(badShortcut.json().get("errors").get(0).get("field").asString())
                .isEqualTo("shortcut");

        var unknown = api.post(
                "/api/v1/quick-replies", Map.of("shortcut", "x", "title", "x", "body", "Hi {{contact.age}}"), token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(unknown.json().get("detail").asString())
                .contains("{{contact.age}}")
                .contains("{{contact.name}}");

        api.post("/api/v1/quick-replies", Map.of("shortcut", "thanks", "title", "x", "body", "y"), token);
        var duplicate =
                api.post("/api/v1/quick-replies", Map.of("shortcut", "THANKS", "title", "x", "body", "y"), token);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("detail").asString()).startsWith("shortcut:");
    }

    @Test
    void renderFillsInTheConversationsContactWithFallbacks() {
        String token = token(signup("Render Org"));
        String conversationId = sandboxConversation(token, "+14155550123", "Ada Lovelace", "hello");
        String id = api.post(
                        "/api/v1/quick-replies",
                        Map.of(
                                "shortcut",
                                "greet",
                                "title",
                                "Greeting",
                                "body",
                                "Hello {{contact.first_name}} ({{ contact.phone }}), mail: {{contact.email|none on file}}."),
                        token)
                .json()
                .get("id")
                .asString();

        var rendered =
                api.post("/api/v1/quick-replies/" + id + "/render", Map.of("conversationId", conversationId), token);
        assertThat(rendered.status()).as(rendered.raw()).isEqualTo(200);
        assertThat(rendered.json().get("text").asString()).isEqualTo("Hello Ada (+14155550123), mail: none on file.");

        String stranger = token(signup("Stranger Render Org"));
        assertThat(api.post(
                                "/api/v1/quick-replies/" + id + "/render",
                                Map.of("conversationId", conversationId),
                                stranger)
                        .status())
                .isEqualTo(404);
    }
}
