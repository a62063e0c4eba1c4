package io.switchboard.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ProviderFakesTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Outbound caller ids through the Twilio fake: listed, bought with the account's basic auth, given to an agent, released. */
class CallPhoneNumbersWebTests extends ProviderFakesTest {

    static final String ACCOUNT = "/twilio/2010-04-01/Accounts/" + CALLS_TWILIO_SID;
    static final String BASIC = "Basic "
            + Base64.getEncoder()
                    .encodeToString((CALLS_TWILIO_SID + ":" + CALLS_TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));

    @Test
    void numbersAreListedBoughtAssignedAndReleased() {
        String token = token(signup("Caller Ids"));
        PROVIDERS.stubFor(get(urlPathEqualTo(ACCOUNT + "/AvailablePhoneNumbers/US/Local.json"))
                .withHeader("Authorization", equalTo(BASIC))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"available_phone_numbers":[{"friendly_name":"(415) 555-0170","phone_number":"+14155550170",
                         "locality":"San Francisco","region":"CA","iso_country":"US","capabilities":{"voice":true}}],
                         "uri":"/2010-04-01/Accounts/x/AvailablePhoneNumbers/US/Local.json","end":0,"page":0,"page_size":20,"start":0}
                        """)));
        JsonNode available = api.get("/api/v1/calls/phone-numbers/available?country=US", token)
                .json();
        assertThat(available.get(0).get("phoneNumber").asString()).isEqualTo("+14155550170");
        assertThat(available.get(0).get("locality").asString()).isEqualTo("San Francisco");

        PROVIDERS.stubFor(post(urlEqualTo(ACCOUNT + "/IncomingPhoneNumbers.json"))
                .withHeader("Authorization", equalTo(BASIC))
                .withFormParam("PhoneNumber", equalTo("+14155550170"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"sid":"PN0123456789abcdef0123456789abcdef","phone_number":"+14155550170","account_sid":"%s"}
                        """.formatted(CALLS_TWILIO_SID))));
        String agentId = api.post("/api/v1/agents", Map.of("name", "Caller"), token)
                .json()
                .get("id")
                .asString();
        var bought = api.post(
                "/api/v1/calls/phone-numbers", Map.of("phoneNumber", "+14155550170", "agentId", agentId), token);
        assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
        assertThat(bought.json().get("twilioSid").asString()).isEqualTo("PN0123456789abcdef0123456789abcdef");
        String id = bought.json().get("id").asString();
        JsonNode list = api.get("/api/v1/calls/phone-numbers", token).json();
        assertThat(list.get("twilioConfigured").asBoolean()).isTrue();
        assertThat(list.get("items").get(0).get("agentId").asString()).isEqualTo(agentId);

        // one number per agent
        var second = api.post(
                "/api/v1/calls/phone-numbers", Map.of("phoneNumber", "+14155550170", "agentId", agentId), token);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("detail").asString()).startsWith("agentId:");

        PROVIDERS.stubFor(delete(urlEqualTo(ACCOUNT + "/IncomingPhoneNumbers/PN0123456789abcdef0123456789abcdef.json"))
                .withHeader("Authorization", equalTo(BASIC))
                .willReturn(aResponse().withStatus(204)));
        assertThat(api.delete("/api/v1/calls/phone-numbers/" + id, token).status())
                .isEqualTo(204);
        PROVIDERS.verify(
                1,
                deleteRequestedFor(
                        urlEqualTo(ACCOUNT + "/IncomingPhoneNumbers/PN0123456789abcdef0123456789abcdef.json")));
        assertThat(api.get("/api/v1/calls/phone-numbers", token).json().get("items"))
                .isEmpty();
    }
}
