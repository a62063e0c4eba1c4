package io.switchboard.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactsWebTests extends IntegrationTest {

    @Test
    void phoneNumbersAreStoredInE164WithIndiaAsTheDefaultRegion() {
        String token = token(signup("Phones Org"));
        var indian = api.post("/api/v1/contacts", Map.of("name", "Priya", "phone", "098765 43210"), token);
        assertThat(indian.status()).as(indian.raw()).isEqualTo(201);
        assertThat(indian.json().get("phone").asString()).isEqualTo("+919876543210");
        var us = api.post(
                "/api/v1/contacts", Map.of("name", "Sam", "phone", "(415) 555-0132", "countryCode", "us"), token);
        assertThat(us.json().get("phone").asString()).isEqualTo("+14155550132");
        assertThat(us.json().get("countryCode").asString()).isEqualTo("US");

        var invalid = api.post("/api/v1/contacts", Map.of("name", "Bad", "phone", "12"), token);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
        var duplicate = api.post("/api/v1/contacts", Map.of("name", "Again", "phone", "+919876543210"), token);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("detail").asString()).contains("merge");
        var badEmail = api.post("/api/v1/contacts", Map.of("email", "not-an-email"), token);
        assertThat(badEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void searchAndTagFilterFindContacts() {
        String token = token(signup("Search Contacts"));
        api.post(
                "/api/v1/contacts",
                Map.of("name", "Maria Lopez", "phone", "+14155550140", "tags", List.of("resident", "pool")),
                token);
        api.post(
                "/api/v1/contacts",
                Map.of("name", "John Smith", "phone", "+14155550141", "tags", List.of("lead")),
                token);
        assertThat(api.get("/api/v1/contacts?q=lopez", token)
                        .json()
                        .get("items")
                        .findValuesAsString("name"))
                .containsExactly("Maria Lopez");
        assertThat(api.get("/api/v1/contacts?q=0141", token).json().get("items").findValuesAsString("name"))
                .containsExactly("John Smith");
        assertThat(api.get("/api/v1/contacts?tag=resident", token)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void csvImportCreatesUpdatesAndReportsBadRowsByLine() {
        String token = token(signup("Import Org"));
        api.post("/api/v1/contacts", Map.of("name", "Existing", "phone", "+14155550150"), token);
        String csv = """
                name,phone,email,country_code,tags,unit
                New Person,+14155550151,new@example.test,,resident;pool,12B
                Existing Renamed,+14155550150,,,vip,3A
                Broken,12,,,,
                No Address,,,,,
                Local Number,098765 43211,,IN,,7C
                """;
        var report = api.upload(
                "/api/v1/contacts/import",
                "file",
                "contacts.csv",
                "text/csv",
                csv.getBytes(StandardCharsets.UTF_8),
                token);
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        assertThat(report.json().get("rows").asInt()).isEqualTo(5);
        assertThat(report.json().get("created").asInt()).isEqualTo(2);
        assertThat(report.json().get("updated").asInt()).isEqualTo(1);
        assertThat(report.json().get("failed").asInt()).isEqualTo(2);
        assertThat(report.json().get("problems").findValuesAsString("field")).containsExactly("phone", "phone");
        assertThat(report.json().get("problems").get(0).get("row").asInt()).isEqualTo(4);

        var renamed =
                api.get("/api/v1/contacts?q=Renamed", token).json().get("items").get(0);
        assertThat(renamed.get("attributes").get("unit").asString()).isEqualTo("3A");
        assertThat(renamed.get("tags").findValuesAsString("")).isEmpty();
        assertThat(renamed.get("tags").toString()).contains("vip");
        var created = api.get("/api/v1/contacts?q=new@example", token)
                .json()
                .get("items")
                .get(0);
        assertThat(created.get("tags").toString()).contains("resident").contains("pool");

        var notCsv = api.upload(
                "/api/v1/contacts/import",
                "file",
                "x.csv",
                "text/csv",
                "just text\n".getBytes(StandardCharsets.UTF_8),
                token);
        assertThat(notCsv.status()).isEqualTo(400);
        assertThat(notCsv.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
    }

    @Test
    void mergingMovesIdentitiesAndConversationsToTheSurvivor() {
        String token = token(signup("Merge Org"));
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "merge"), token)
                .json()
                .get("id")
                .asString();
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "visitor-42", "name", "Web Visitor", "text", "hi from the web"),
                token);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/conversations", token)
                                .json()
                                .get("totalItems")
                                .asInt()
                        == 1);
        String visitorId = api.get("/api/v1/conversations", token)
                .json()
                .get("items")
                .get(0)
                .get("contactId")
                .asString();
        String knownId = api.post(
                        "/api/v1/contacts",
                        Map.of("name", "Known Customer", "phone", "+14155550170", "tags", List.of("vip")),
                        token)
                .json()
                .get("id")
                .asString();

        var merged = api.post("/api/v1/contacts/" + knownId + "/merge", Map.of("contactId", visitorId), token);
        assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
        assertThat(merged.json().get("name").asString()).isEqualTo("Known Customer");
        assertThat(api.get("/api/v1/conversations?contactId=" + knownId, token)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
        // the visitor's next message lands with the known customer
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "visitor-42", "text", "me again"),
                token);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(api.get("/api/v1/conversations?contactId=" + knownId, token)
                                .json()
                                .get("items")
                                .get(0)
                                .get("lastMessagePreview")
                                .asString())
                        .isEqualTo("me again"));
        assertThat(api.get("/api/v1/contacts?q=Web%20Visitor", token)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
        assertThat(api.post("/api/v1/contacts/" + knownId + "/merge", Map.of("contactId", knownId), token)
                        .status())
                .isEqualTo(400);
    }
}
