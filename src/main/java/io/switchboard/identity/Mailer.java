package io.switchboard.identity;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Sends mail through SMTP ({@code SWITCHBOARD_SMTP_URL}) or, when none is configured, keeps it in
 * the organisation's development mailbox.
 */
public interface Mailer {

    void send(@Nullable UUID orgId, String to, String subject, String body);

    /** "smtp" or "dev_mailbox". */
    String transport();
}
