package io.switchboard.identity;

import java.time.Duration;
import java.util.UUID;

/**
 * Phone one-time codes for other modules' sign-ins (e.g. billing's contact self-service page): six
 * digits, hashed at rest, valid {@link #ttl()}, five tries, one live code per phone and purpose,
 * delivered through the best available {@link OtpSender}. Callers rate-limit requests.
 */
public interface OneTimeCodes {

    /** Issues a fresh code (the previous one of this purpose and phone stops working) and sends it; answers the delivery channel. */
    String send(String purpose, UUID orgId, String phoneE164, String messagePrefix);

    /** True when the code is the live one (it is used up); a wrong code counts a try. */
    boolean verify(String purpose, String phoneE164, String code);

    /** The channel codes go out on now ("log" in development). */
    String deliveryChannel();

    Duration ttl();
}
