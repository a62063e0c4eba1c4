package io.switchboard.shared.crypto;

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
import io.switchboard.shared.db.ScopedTransactions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * HS256 JWTs for one purpose that is not a dashboard user (web chat visitors, portal contacts): a
 * type ({@code typ}) and audience of their own, and a signing key of their own (never the user-token
 * key), created once in {@code platform_secrets}, encrypted with the master key and shared by every
 * node. Callers map their claims to and from their own records.
 */
public final class PurposeTokens {

    public record Issued(String token, Instant expiresAt) {}

    private final JOSEObjectType type;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;

    /**
     * @param requiredClaims claims besides {@code sub}, {@code exp} and {@code iat} a valid token must carry
     */
    public PurposeTokens(
            String type,
            String keyName,
            String issuer,
            String audience,
            Duration ttl,
            Set<String> requiredClaims,
            DSLContext db,
            SecretBox secrets,
            ScopedTransactions tx)
            throws JOSEException {
        this.type = new JOSEObjectType(type);
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        byte[] key = signingKey(keyName, db, secrets, tx);
        this.signer = new MACSigner(key);
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(this.type));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        var required = new HashSet<>(requiredClaims);
        required.addAll(Set.of("sub", "exp", "iat"));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience, new JWTClaimsSet.Builder().issuer(issuer).build(), required));
    }

    /** A token for {@code subject} with these extra string claims, valid for the purpose's time to live. */
    public Issued issue(String subject, Map<String, String> claims) {
        Instant now = Instant.now();
        Instant expires = now.plus(ttl);
        var builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires));
        claims.forEach(builder::claim);
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).build(), builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The claims of a valid, unexpired token of this purpose; empty for anything else. */
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            return Optional.of(processor.process(token, null));
        } catch (ParseException | JOSEException | BadJOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] signingKey(String keyName, DSLContext db, SecretBox secrets, ScopedTransactions tx) {
        var table = DSL.table(DSL.name("platform_secrets"));
        var name = DSL.field(DSL.name("name"), SQLDataType.CLOB);
        var ciphertext = DSL.field(DSL.name("ciphertext"), SQLDataType.BLOB);
        return tx.asSystem(keyName, () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            db.insertInto(table)
                    .columns(name, ciphertext)
                    .values(keyName, secrets.encrypt(keyName, fresh))
                    .onConflictDoNothing()
                    .execute();
            byte[] stored =
                    db.select(ciphertext).from(table).where(name.eq(keyName)).fetchSingle(ciphertext);
            return secrets.decrypt(keyName, stored);
        });
    }
}
