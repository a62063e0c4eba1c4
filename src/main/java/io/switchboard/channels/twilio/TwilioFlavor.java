package io.switchboard.channels.twilio;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What differs between Twilio's SMS and WhatsApp: the address prefix, pace and WhatsApp's window. */
enum TwilioFlavor {
    SMS("twilio_sms", "", 1, null),
    WHATSAPP("twilio_whatsapp", "whatsapp:", 10, Duration.ofHours(24));

    private final String type;
    private final String addressPrefix;
    private final double ratePerSecond;
    private final @Nullable Duration window;

    TwilioFlavor(String type, String addressPrefix, double ratePerSecond, @Nullable Duration window) {
        this.type = type;
        this.addressPrefix = addressPrefix;
        this.ratePerSecond = ratePerSecond;
        this.window = window;
    }

    String type() {
        return type;
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    Optional<Duration> window() {
        return Optional.ofNullable(window);
    }

    /** Twilio's address for a number on this flavour ({@code whatsapp:+1...} for WhatsApp). */
    String address(String number) {
        return number.startsWith(addressPrefix) ? number : addressPrefix + number;
    }

    /** The plain number Twilio addressed us from, without the {@code whatsapp:} prefix. */
    static String number(String address) {
        return address.startsWith("whatsapp:") ? address.substring("whatsapp:".length()) : address;
    }
}
