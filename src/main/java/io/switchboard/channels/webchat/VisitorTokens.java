package io.switchboard.channels.webchat;

import com.nimbusds.jose.JOSEException;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.crypto.PurposeTokens;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.ScopedTransactions;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Visitor tokens of the web chat widget: JWTs of their own type ({@code webchat+jwt}), audience and
 * key ({@link PurposeTokens}), bound to one channel and one visitor, valid for 30 days so a visitor
 * keeps the conversation across reloads.
 */
@Component
class VisitorTokens {

    static final Duration TTL = Duration.ofDays(30);

    private final PurposeTokens tokens;

    VisitorTokens(SwitchboardProperties properties, DSLContext db, SecretBox secrets, ScopedTransactions tx)
            throws JOSEException {
        this.tokens = new PurposeTokens(
                "webchat+jwt",
                "webchat-visitor-key",
                properties.auth().issuer(),
                properties.auth().audience() + "-webchat",
                TTL,
                Set.of("ch"),
                db,
                secrets,
                tx);
    }

    /** Who the token speaks for: {@code visitorId} is the contact's identity on the channel. */
    record Visitor(
            UUID channelId,
            String visitorId,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone) {}

    PurposeTokens.Issued issue(Visitor visitor) {
        var claims = new LinkedHashMap<String, String>();
        claims.put("ch", visitor.channelId().toString());
        if (visitor.name() != null) claims.put("name", visitor.name());
        if (visitor.email() != null) claims.put("email", visitor.email());
        if (visitor.phone() != null) claims.put("phone", visitor.phone());
        return tokens.issue(visitor.visitorId(), claims);
    }

    /** The visitor, when the token is valid and was issued for this channel. */
    Optional<Visitor> verify(String token, UUID channelId) {
        return tokens.verify(token).flatMap(claims -> {
            try {
                if (!channelId.toString().equals(claims.getStringClaim("ch"))) return Optional.empty();
                return Optional.of(new Visitor(
                        channelId,
                        claims.getSubject(),
                        claims.getStringClaim("name"),
                        claims.getStringClaim("email"),
                        claims.getStringClaim("phone")));
            } catch (ParseException e) {
                return Optional.empty();
            }
        });
    }
}
