package io.switchboard.channels.webchat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.ScopedTransactions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Visitor tokens of the web chat widget: HS256 JWTs of their own type ({@code webchat+jwt}) and
 * audience, bound to one channel and one visitor, valid for 30 days so a visitor keeps the
 * conversation across reloads. Signed with a key of their own (not the user-token key), shared by
 * every node through {@code platform_secrets}, encrypted with the master key.
 */
@Component
class VisitorTokens {

    static final Duration TTL = Duration.ofDays(30);
    private static final JOSEObjectType TYPE = new JOSEObjectType("webchat+jwt");
    private static final String KEY_NAME = "webchat-visitor-key";

    private final String issuer;
    private final String audience;
    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;

    VisitorTokens(SwitchboardProperties properties, DSLContext db, SecretBox secrets, ScopedTransactions tx)
            throws JOSEException {
        this.issuer = properties.auth().issuer();
        this.audience = properties.auth().audience() + "-webchat";
        byte[] key = signingKey(db, secrets, tx);
        this.signer = new MACSigner(key);
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "ch", "exp", "iat")));
    }

    /** Who the token speaks for: {@code visitorId} is the contact's identity on the channel. */
    record Visitor(
            UUID channelId,
            String visitorId,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone) {}

    record Issued(String token, Instant expiresAt) {}

    Issued issue(Visitor visitor) {
        Instant now = Instant.now();
        Instant expires = now.plus(TTL);
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(visitor.visitorId())
                .claim("ch", visitor.channelId().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires));
        if (visitor.name() != null) claims.claim("name", visitor.name());
        if (visitor.email() != null) claims.claim("email", visitor.email());
        if (visitor.phone() != null) claims.claim("phone", visitor.phone());
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The visitor, when the token is valid and was issued for this channel. */
    Optional<Visitor> verify(String token, UUID channelId) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            if (!channelId.toString().equals(claims.getStringClaim("ch"))) {
                return Optional.empty();
            }
            return Optional.of(new Visitor(
                    channelId,
                    claims.getSubject(),
                    claims.getStringClaim("name"),
                    claims.getStringClaim("email"),
                    claims.getStringClaim("phone")));
        } catch (ParseException | JOSEException | BadJOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] signingKey(DSLContext db, SecretBox secrets, ScopedTransactions tx) {
        var table = DSL.table(DSL.name("platform_secrets"));
        var name = DSL.field(DSL.name("name"), SQLDataType.CLOB);
        var ciphertext = DSL.field(DSL.name("ciphertext"), SQLDataType.BLOB);
        return tx.asSystem("webchat visitor key", () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            db.insertInto(table)
                    .columns(name, ciphertext)
                    .values(KEY_NAME, secrets.encrypt(KEY_NAME, fresh))
                    .onConflictDoNothing()
                    .execute();
            byte[] stored =
                    db.select(ciphertext).from(table).where(name.eq(KEY_NAME)).fetchSingle(ciphertext);
            return secrets.decrypt(KEY_NAME, stored);
        });
    }
}
