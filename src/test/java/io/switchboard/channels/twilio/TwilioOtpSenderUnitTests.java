package io.switchboard.channels.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.switchboard.shared.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in codes over SMS with the platform's Twilio account, against a fake checking what Twilio checks. */
class TwilioOtpSenderUnitTests {

    static final String SID = "AC00000000000000000000000000000001";
    static final String TOKEN = "platform-auth-token";
    static WireMockServer twilio;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        twilio.start();
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    @BeforeEach
    void reset() {
        twilio.resetAll();
    }

    @Test
    void withoutSettingsItStepsAsideForTheDevelopmentSender() {
        var sender = new TwilioOtpSender(new TwilioApi(twilio.baseUrl()), "", "", "");
        assertThat(sender.available()).isFalse();
        assertThat(new TwilioOtpSender(new TwilioApi(twilio.baseUrl()), SID, TOKEN, "").available())
                .isFalse();
    }

    @Test
    void sendsTheCodeFromThePlatformNumberWithBasicAuth() {
        String path = "/2010-04-01/Accounts/" + SID + "/Messages.json";
        twilio.stubFor(post(urlEqualTo(path))
                .withBasicAuth(SID, TOKEN)
                .withFormParam("To", equalTo("+919812345678"))
                .withFormParam("From", equalTo("+14155550100"))
                .withFormParam("Body", equalTo("Your Switchboard code is 123456"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM1\",\"status\":\"queued\",\"account_sid\":\"" + SID + "\"}")));
        var sender = new TwilioOtpSender(new TwilioApi(twilio.baseUrl()), SID, TOKEN, "+14155550100");
        assertThat(sender.available()).isTrue();
        assertThat(sender.priority()).as("beats the log sender").isGreaterThan(0);

        sender.send("+919812345678", "Your Switchboard code is 123456");

        twilio.verify(
                1,
                postRequestedFor(urlEqualTo(path))
                        .withHeader(
                                "Authorization",
                                equalTo("Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void aMessagingServiceSidIsSentAsTheServiceNotAsANumber() {
        String path = "/2010-04-01/Accounts/" + SID + "/Messages.json";
        twilio.stubFor(post(urlEqualTo(path))
                .withFormParam("MessagingServiceSid", equalTo("MG00000000000000000000000000000001"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM2\",\"status\":\"accepted\"}")));
        new TwilioOtpSender(new TwilioApi(twilio.baseUrl()), SID, TOKEN, "MG00000000000000000000000000000001")
                .send("+919812345678", "code 654321");
        twilio.verify(1, postRequestedFor(urlEqualTo(path)));
    }

    @Test
    void aRefusalBecomesAProblemNamingTheDelivery() {
        twilio.stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number +91000 is not a valid phone number.\","
                                + "\"status\":400}")));
        var sender = new TwilioOtpSender(new TwilioApi(twilio.baseUrl()), SID, TOKEN, "+14155550100");
        assertThatThrownBy(() -> sender.send("+91000", "code")).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.type().toString()).endsWith("/otp-delivery-failed");
            assertThat(p.getMessage()).contains("not a valid phone number");
        });
    }
}
