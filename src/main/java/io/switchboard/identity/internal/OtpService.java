package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.OtpCodes;

import io.switchboard.identity.OtpSender;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PhoneNumbers;
import io.switchboard.shared.crypto.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Six-digit one-time codes: hashed at rest, valid five minutes, five tries, one live code per phone
 * and purpose. Must run in the system scope (codes exist before anyone is signed in).
 */
@Service
class OtpService {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 5;

    private final DSLContext db;
    private final List<OtpSender> senders;

    OtpService(DSLContext db, List<OtpSender> senders) {
        this.db = db;
        this.senders = senders;
    }

    /** Parses an international number to E.164 or fails naming the field. */
    static String normalizePhone(String field, String raw) {
        return PhoneNumbers.international(field, raw);
    }

    OtpSender sender() {
        return senders.stream()
                .filter(OtpSender::available)
                .max(Comparator.comparingInt(OtpSender::priority))
                .orElseThrow();
    }

    void issue(String purpose, @Nullable UUID orgId, String phoneE164, String messagePrefix) {
        Instant now = Instant.now();
        db.update(OtpCodes.T)
                .set(OtpCodes.CONSUMED_AT, now)
                .where(OtpCodes.PURPOSE.eq(purpose), OtpCodes.PHONE.eq(phoneE164), OtpCodes.CONSUMED_AT.isNull())
                .execute();
        UUID id = UUID.randomUUID();
        String code = Tokens.numericCode(6);
        db.insertInto(OtpCodes.T)
                .set(OtpCodes.ID, id)
                .set(OtpCodes.ORG_ID, orgId)
                .set(OtpCodes.PURPOSE, purpose)
                .set(OtpCodes.PHONE, phoneE164)
                .set(OtpCodes.CODE_HASH, hash(id, code))
                .set(OtpCodes.EXPIRES_AT, now.plus(TTL))
                .execute();
        sender().send(phoneE164, messagePrefix + code + " (valid 5 minutes)");
    }

    /** Result of checking a code; failures are returned, not thrown, so the try count commits. */
    sealed interface Outcome {
        record Accepted() implements Outcome {}

        record Rejected(String detail) implements Outcome {}

        default void orThrow() {
            if (this instanceof Rejected(String detail)) {
                throw ApiProblem.unauthorized("invalid-otp", detail);
            }
        }
    }

    /** Consumes the live code if it matches; otherwise counts the try. */
    Outcome verify(String purpose, String phoneE164, String code) {
        var live = db.select(OtpCodes.ALL)
                .from(OtpCodes.T)
                .where(
                        OtpCodes.PURPOSE.eq(purpose),
                        OtpCodes.PHONE.eq(phoneE164),
                        OtpCodes.CONSUMED_AT.isNull(),
                        OtpCodes.EXPIRES_AT.gt(Instant.now()))
                .orderBy(OtpCodes.CREATED_AT.desc())
                .limit(1)
                .forUpdate()
                .fetchOptional();
        if (live.isEmpty()) {
            return new Outcome.Rejected("The code is invalid or has expired; request a new one");
        }
        UUID id = live.get().get(OtpCodes.ID);
        int attempts = live.get().get(OtpCodes.ATTEMPTS) + 1;
        if (Tokens.constantTimeEquals(hash(id, code), live.get().get(OtpCodes.CODE_HASH))) {
            db.update(OtpCodes.T)
                    .set(OtpCodes.CONSUMED_AT, Instant.now())
                    .where(OtpCodes.ID.eq(id))
                    .execute();
            return new Outcome.Accepted();
        }
        var update = db.update(OtpCodes.T).set(OtpCodes.ATTEMPTS, attempts);
        if (attempts >= MAX_ATTEMPTS) {
            update = update.set(OtpCodes.CONSUMED_AT, Instant.now());
        }
        update.where(OtpCodes.ID.eq(id)).execute();
        return new Outcome.Rejected(
                attempts >= MAX_ATTEMPTS
                        ? "Too many wrong codes; request a new one"
                        : "The code is wrong; " + (MAX_ATTEMPTS - attempts) + " tries left");
    }

    private static String hash(UUID id, String code) {
        return Tokens.sha256Hex(id + ":" + code);
    }
}
