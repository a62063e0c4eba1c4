package io.switchboard.identity;

/**
 * Delivers a one-time code to a phone. The channels module adds SMS and WhatsApp senders; with none
 * available the development sender writes the code to the server log.
 */
public interface OtpSender {

    /** Stable name shown in the API ("log", "sms", "whatsapp"). */
    String channel();

    /** Higher wins when several senders are available. */
    default int priority() {
        return 0;
    }

    default boolean available() {
        return true;
    }

    void send(String phoneE164, String message);
}
