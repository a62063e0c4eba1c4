package io.switchboard.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.billing.Credits;
import io.switchboard.support.ProviderFakesTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Google Sheets call log against fakes that check what Google checks: the token endpoint verifies the
 * service account's RS256 JWT assertion with the public key of a key pair made here, the Sheets fake
 * wants that token, the spreadsheet, the range and the row values. A failing Sheets API keeps rows
 * queued until it recovers, and waiting rows go in one append.
 */
class SheetsCallLogWebTests extends ProviderFakesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final KeyPair KEYS = rsa();

    @Autowired
    Credits credits;

    record Org(UUID id, String token) {}

    static KeyPair rsa() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A service-account key file as Google issues it; its token_uri must be ignored (SSRF). */
    static String keyFile(String email) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            return JSON.writeValueAsString(Map.of(
                    "type", "service_account",
                    "project_id", "switchboard-test",
                    "private_key_id", "kid-" + UUID.randomUUID(),
                    "private_key", pem,
                    "client_email", email,
                    "client_id", "1234567890",
                    "token_uri", "https://attacker.example/token"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What Google's token endpoint checks of a jwt-bearer grant (the audience is always Google's token URL). */
    static MatchResult validAssertion(Request request, String email) {
        try {
            String assertion = null;
            for (String pair : request.getBodyAsString().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("assertion")) assertion = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
            if (assertion == null) return MatchResult.noMatch();
            SignedJWT jwt = SignedJWT.parse(assertion);
            var claims = jwt.getJWTClaimsSet();
            boolean ok = jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.RS256)
                    && jwt.verify(new RSASSAVerifier((RSAPublicKey) KEYS.getPublic()))
                    && email.equals(claims.getIssuer())
                    && claims.getAudience().contains("https://oauth2.googleapis.com/token")
                    && String.valueOf(claims.getClaim("scope")).contains("https://www.googleapis.com/auth/spreadsheets")
                    && claims.getExpirationTime().after(new Date());
            return MatchResult.of(ok);
        } catch (Exception e) {
            return MatchResult.noMatch();
        }
    }

    /** The token endpoint gives {@code accessToken} for a valid assertion of {@code email}. */
    static void googleIssues(String email, String accessToken) {
        PROVIDERS.stubFor(post(urlEqualTo("/google/token"))
                .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .andMatching(request -> validAssertion(request, email))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + accessToken
                                + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    }

    static StubMapping sheetsAnswers(String spreadsheetId, String accessToken, int status) {
        return PROVIDERS.stubFor(post(urlPathMatching("/sheets/v4/spreadsheets/" + spreadsheetId + "/values/.+:append"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withQueryParam("valueInputOption", equalTo("RAW"))
                .withRequestBody(matchingJsonPath("$.values[0][0]"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                status == 200
                                        ? "{\"spreadsheetId\":\"" + spreadsheetId
                                                + "\",\"updates\":{\"updatedRows\":1}}"
                                        : "{\"error\":{\"code\":" + status + ",\"message\":\"The service is currently"
                                                + " unavailable.\",\"status\":\"UNAVAILABLE\"}}")));
    }

    static List<LoggedRequest> appends(String spreadsheetId) {
        return PROVIDERS.findAll(
                postRequestedFor(urlPathMatching("/sheets/v4/spreadsheets/" + spreadsheetId + "/values/.+:append")));
    }

    /** The decoded range of an append request, e.g. {@code 'Calls Log'!A1}. */
    static String range(LoggedRequest request) {
        String path = URI.create(request.getUrl()).getRawPath();
        String encoded = path.substring(path.indexOf("/values/") + 8, path.lastIndexOf(":append"));
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void blandPolls() {
        PROVIDERS.stubFor(get(urlPathMatching("/bland/v1/calls/[^/]+"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"in-progress\",\"queue_status\":\"started\",\"completed\":false}")));
    }

    Org org(String name) {
        JsonNode session = signup(name);
        var org = new Org(UUID.fromString(session.get("organization").get("id").asString()), token(session));
        credits.topUp(org.id(), 1000, "test credit", "test-" + UUID.randomUUID());
        return org;
    }

    JsonNode status(Org org) {
        var response = api.get("/api/v1/calls/sheets-log", org.token());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    JsonNode awaitStatus(Org org, Predicate<JsonNode> until) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(org), until);
    }

    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(BLAND_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Places a call through the Bland fake and finishes it with a signed webhook; the call id. */
    String completedCall(Org org, String phone) {
        String blandId = "bland-" + UUID.randomUUID();
        PROVIDERS.stubFor(post(urlEqualTo("/bland/v1/calls"))
                .withHeader("authorization", equalTo(BLAND_API_KEY))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo(phone)))
                .withRequestBody(matchingJsonPath(
                        "$.metadata.switchboard_org_id", equalTo(org.id().toString())))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"success\",\"call_id\":\"" + blandId + "\"}")));
        var placed = api.post(
                "/api/v1/calls",
                Map.of("phoneNumber", phone, "task", "Offer a demo of Acme CRM.", "maxDurationMinutes", 2),
                org.token());
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        String callId = placed.json().get("call").get("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/calls/" + callId, org.token())
                        .json()
                        .get("status")
                        .asString()
                        .equals("ringing"));
        String body = """
                {"call_id":"%s","completed":true,"status":"completed","call_length":1.5,"price":0.14,\
                "answered_by":"human","summary":"Wants a demo on Friday.",\
                "transcripts":[{"id":1,"text":"Hello from Acme.","user":"assistant"},\
                {"id":2,"text":"Yes, I'm interested, book me a demo.","user":"user"}]}
                """.formatted(blandId);
        var webhook = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/bland/" + org.id()))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Signature", sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(api.send(webhook).status()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !api.get("/api/v1/calls/" + callId, org.token())
                        .json()
                        .get("outcome")
                        .isNull());
        return callId;
    }

    @Test
    void finishedCallsWaitWhileSheetsIsDownAndGoInOneAppendWhenItRecovers() throws Exception {
        Org org = org("Sheets Log");
        Org other = org("Sheets Other");
        String email = unique("calllog") + "@switchboard-test.iam.gserviceaccount.com";
        String spreadsheetId = unique("sheet1");
        String accessToken = "ya29." + unique("token");
        googleIssues(email, accessToken);

        // offline: the log is off, nothing is queued, CSV still works
        assertThat(status(org).get("mode").asString()).isEqualTo("off");
        var refused = api.put(
                "/api/v1/calls/sheets-log",
                Map.of("spreadsheetId", spreadsheetId, "serviceAccountKey", "{}"),
                org.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("serviceAccountKey");
        var noKey = api.put("/api/v1/calls/sheets-log", Map.of("spreadsheetId", spreadsheetId), org.token());
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.raw()).contains("serviceAccountKey");

        var failing = sheetsAnswers(spreadsheetId, accessToken, 503);
        var saved = api.put(
                "/api/v1/calls/sheets-log",
                Map.of("spreadsheetId", spreadsheetId, "sheetName", "Calls Log", "serviceAccountKey", keyFile(email)),
                org.token());
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(saved.json().get("mode").asString()).isEqualTo("configured");
        assertThat(saved.json().get("serviceAccountEmail").asString()).isEqualTo(email);
        assertThat(saved.raw()).doesNotContain("PRIVATE KEY").doesNotContain("private_key");
        // another organisation sees only its own (off) log
        assertThat(status(other).get("mode").asString()).isEqualTo("off");
        assertThat(status(other).has("spreadsheetId")
                        && !status(other).get("spreadsheetId").isNull())
                .isFalse();

        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) callIds.add(completedCall(org, "+1415555010" + i));
        JsonNode down = awaitStatus(
                org,
                s -> s.get("pendingRows").asInt() == 3
                        && s.get("mode").asString().equals("error"));
        assertThat(down.get("lastError").asString()).contains("503");
        int failedAppends = appends(spreadsheetId).size();
        assertThat(failedAppends).as("retried while down").isGreaterThanOrEqualTo(1);
        assertThat(PROVIDERS.findAll(postRequestedFor(urlEqualTo("/google/token"))))
                .isNotEmpty();

        // pause, let Sheets recover, resume: the three waiting rows go in one request
        assertThat(api.put(
                                "/api/v1/calls/sheets-log",
                                Map.of("spreadsheetId", spreadsheetId, "sheetName", "Calls Log", "enabled", false),
                                org.token())
                        .json()
                        .get("mode")
                        .asString())
                .isEqualTo("disabled");
        PROVIDERS.removeStub(failing);
        sheetsAnswers(spreadsheetId, accessToken, 200);
        int before = appends(spreadsheetId).size();
        api.put(
                "/api/v1/calls/sheets-log",
                Map.of("spreadsheetId", spreadsheetId, "sheetName", "Calls Log"),
                org.token());
        JsonNode up = awaitStatus(
                org,
                s -> s.get("pendingRows").asInt() == 0 && !s.get("lastExportAt").isNull());
        assertThat(up.get("mode").asString()).isEqualTo("configured");
        assertThat(up.get("lastError").isNull()).isTrue();

        var sent = appends(spreadsheetId);
        assertThat(sent).hasSize(before + 1);
        LoggedRequest batch = sent.getLast();
        assertThat(range(batch)).isEqualTo("'Calls Log'!A1");
        JsonNode values = JSON.readTree(batch.getBodyAsString()).get("values");
        assertThat(values).hasSize(3);
        List<String> logged = new ArrayList<>();
        for (JsonNode row : values) {
            assertThat(row.get(1).asString()).isEqualTo(org.id().toString());
            assertThat(row.get(3).asString()).startsWith("+1415555");
            assertThat(row.get(4).asString()).isEqualTo("completed");
            assertThat(row.get(5).asInt()).isEqualTo(90);
            assertThat(row.get(6).asString()).isEqualTo("0.14");
            assertThat(row.get(8).asString()).isEqualTo("interested");
            assertThat(row.get(9).asString()).isEqualTo("Wants a demo on Friday.");
            logged.add(row.get(10).asString());
        }
        assertThat(logged).containsExactlyInAnyOrderElementsOf(callIds);
        assertThat(api.get("/api/v1/calls/export", org.token()).raw()).contains(callIds.getFirst());
    }

    @Test
    void aTestRowChecksTheConnectionAndNamesGooglesError() {
        Org org = org("Sheets Test Row");
        String email = unique("testrow") + "@switchboard-test.iam.gserviceaccount.com";
        String spreadsheetId = unique("sheet2");
        String accessToken = "ya29." + unique("token");
        googleIssues(email, accessToken);
        assertThat(api.post("/api/v1/calls/sheets-log/test", Map.of(), org.token())
                        .json()
                        .get("ok")
                        .asBoolean())
                .isFalse();
        api.put(
                "/api/v1/calls/sheets-log",
                Map.of("spreadsheetId", spreadsheetId, "serviceAccountKey", keyFile(email)),
                org.token());
        // nothing stubbed for this sheet yet: Google's 404 comes back as the error
        var missing =
                api.post("/api/v1/calls/sheets-log/test", Map.of(), org.token()).json();
        assertThat(missing.get("ok").asBoolean()).isFalse();
        assertThat(missing.get("error").asString()).contains("404");
        assertThat(missing.get("status").get("mode").asString()).isEqualTo("error");

        sheetsAnswers(spreadsheetId, accessToken, 200);
        var ok =
                api.post("/api/v1/calls/sheets-log/test", Map.of(), org.token()).json();
        assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.get("status").get("mode").asString()).isEqualTo("configured");
        LoggedRequest row = appends(spreadsheetId).getLast();
        assertThat(range(row)).isEqualTo("'Calls'!A1");
        assertThat(row.getBodyAsString()).contains("Switchboard test row");

        assertThat(api.delete("/api/v1/calls/sheets-log", org.token()).status()).isEqualTo(204);
        assertThat(status(org).get("mode").asString()).isEqualTo("off");
    }
}
