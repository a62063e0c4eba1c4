package io.switchboard.channels.twilio;

import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.switchboard.identity.OtpSender;
import io.switchboard.shared.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Sign-in codes by SMS through the platform's own Twilio account ({@code SWITCHBOARD_OTP_TWILIO_ACCOUNT_SID},
 * {@code _AUTH_TOKEN} and {@code _FROM}: a number or a messaging service SID). Sign-in happens
 * before an organisation is known, so it cannot use a tenant's channel. Without those settings the
 * development sender (the server log) stays in charge.
 */
@Component
class TwilioOtpSender implements OtpSender {

    private final TwilioApi api;
    private final String accountSid;
    private final String authToken;
    private final String from;

    TwilioOtpSender(
            TwilioApi api,
            @Value("${switchboard.otp.twilio.account-sid:}") String accountSid,
            @Value("${switchboard.otp.twilio.auth-token:}") String authToken,
            @Value("${switchboard.otp.twilio.from:}") String from) {
        this.api = api;
        this.accountSid = accountSid.strip();
        this.authToken = authToken.strip();
        this.from = from.strip();
    }

    @Override
    public String channel() {
        return "sms";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean available() {
        return !accountSid.isEmpty() && !authToken.isEmpty() && !from.isEmpty();
    }

    @Override
    public void send(String phoneE164, String message) {
        var to = new PhoneNumber(phoneE164);
        var creator = from.startsWith("MG")
                ? Message.creator(to, from, message)
                : Message.creator(to, new PhoneNumber(from), message);
        try {
            creator.create(api.client(accountSid, authToken).rest());
        } catch (TwilioException e) {
            throw ApiProblem.of(
                    HttpStatus.BAD_GATEWAY,
                    "otp-delivery-failed",
                    "Code not delivered",
                    "The sign-in code could not be sent by SMS: " + e.getMessage(),
                    java.util.Map.of());
        }
    }
}
