package io.switchboard.billing.internal;

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
import org.springframework.stereotype.Component;

/**
 * Contact tokens of the self-service page: short-lived HS256 JWTs of their own type ({@code
 * contact-portal+jwt}) and audience, naming one organisation and one contact. Signed with a key of
 * their own (never the user-token key), shared by every node through {@code platform_secrets}.
 */
@Component
class PortalTokens {

    static final Duration TTL = Duration.ofMinutes(30);
    private static final JOSEObjectType TYPE = new JOSEObjectType("contact-portal+jwt");
    private static final String KEY_NAME = "contact-portal-key";

    private final String issuer;
    private final String audience;
    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;

    PortalTokens(SwitchboardProperties properties, DSLContext db, SecretBox secrets, ScopedTransactions tx)
            throws JOSEException {
        this.issuer = properties.auth().issuer();
        this.audience = properties.auth().audience() + "-contact-portal";
        byte[] key = signingKey(db, secrets, tx);
        this.signer = new MACSigner(key);
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "org", "exp", "iat")));
    }

    record ContactSession(UUID orgId, UUID contactId) {}

    record Issued(String token, Instant expiresAt) {}

    Issued issue(ContactSession session) {
        Instant now = Instant.now();
        Instant expires = now.plus(TTL);
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(session.contactId().toString())
                .claim("org", session.orgId().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    Optional<ContactSession> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Optional.of(new ContactSession(
                    UUID.fromString(claims.getStringClaim("org")), UUID.fromString(claims.getSubject())));
        } catch (ParseException
                | JOSEException
                | BadJOSEException
                | IllegalArgumentException
                | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static byte[] signingKey(DSLContext db, SecretBox secrets, ScopedTransactions tx) {
        var table = DSL.table(DSL.name("platform_secrets"));
        var name = DSL.field(DSL.name("name"), SQLDataType.CLOB);
        var ciphertext = DSL.field(DSL.name("ciphertext"), SQLDataType.BLOB);
        return tx.asSystem("contact portal key", () -> {
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
