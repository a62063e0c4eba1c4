package io.switchboard.billing.internal;

import com.nimbusds.jose.JOSEException;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.crypto.PurposeTokens;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.ScopedTransactions;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Contact tokens of the self-service page: short-lived JWTs of their own type ({@code
 * contact-portal+jwt}), audience and key ({@link PurposeTokens}), naming one organisation and one contact.
 */
@Component
class PortalTokens {

    static final Duration TTL = Duration.ofMinutes(30);

    private final PurposeTokens tokens;

    PortalTokens(SwitchboardProperties properties, DSLContext db, SecretBox secrets, ScopedTransactions tx)
            throws JOSEException {
        this.tokens = new PurposeTokens(
                "contact-portal+jwt",
                "contact-portal-key",
                properties.auth().issuer(),
                properties.auth().audience() + "-contact-portal",
                TTL,
                Set.of("org"),
                db,
                secrets,
                tx);
    }

    record ContactSession(UUID orgId, UUID contactId) {}

    PurposeTokens.Issued issue(ContactSession session) {
        return tokens.issue(
                session.contactId().toString(), Map.of("org", session.orgId().toString()));
    }

    Optional<ContactSession> verify(String token) {
        return tokens.verify(token).flatMap(claims -> {
            try {
                return Optional.of(new ContactSession(
                        UUID.fromString(claims.getStringClaim("org")), UUID.fromString(claims.getSubject())));
            } catch (ParseException | IllegalArgumentException | NullPointerException e) {
                return Optional.empty();
            }
        });
    }
}
