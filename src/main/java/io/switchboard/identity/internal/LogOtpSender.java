package io.switchboard.identity.internal;

import io.switchboard.identity.OtpSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Development delivery: with no SMS or WhatsApp channel configured the code goes to the log. */
@Component
class LogOtpSender implements OtpSender {

    private static final Logger log = LoggerFactory.getLogger(LogOtpSender.class);

    @Override
    public String channel() {
        return "log";
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public void send(String phoneE164, String message) {
        log.warn("[DEVELOPMENT OTP DELIVERY - not sent to the phone] to {}: {}", phoneE164, message);
    }
}
