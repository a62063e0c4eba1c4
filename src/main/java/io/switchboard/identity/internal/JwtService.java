package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.PlatformSecrets;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.TenantContext;
import io.switchboard.shared.crypto.SecretBox;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Short-lived HS256 tokens per RFC 8725: the algorithm is pinned, the {@code typ} header tells an
 * access token from an MFA challenge, and issuer, audience and expiry are always checked. The key is
 * shared by every node through {@code platform_secrets}, encrypted with the master key.
 */
@Component
class JwtService {

    private static final JOSEObjectType ACCESS = new JOSEObjectType("at+jwt");
    private static final JOSEObjectType MFA = new JOSEObjectType("mfa+jwt");
    static final Duration MFA_TTL = Duration.ofMinutes(5);

    private final SwitchboardProperties.Auth settings;
    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> accessProcessor;
    private final DefaultJWTProcessor<SecurityContext> mfaProcessor;

    JwtService(SwitchboardProperties properties, DSLContext db, SecretBox secrets) throws JOSEException {
        this.settings = properties.auth();
        byte[] key = signingKey(db, secrets);
        this.signer = new MACSigner(key);
        this.accessProcessor = processor(key, ACCESS, settings.audience());
        this.mfaProcessor = processor(key, MFA, settings.audience() + "-mfa");
    }

    record AccessClaims(UUID userId, UUID orgId) {}

    String issueAccessToken(UUID userId, UUID orgId) {
        return sign(ACCESS, settings.audience(), userId, orgId, settings.accessTokenTtl());
    }

    String issueMfaToken(UUID userId, UUID orgId) {
        return sign(MFA, settings.audience() + "-mfa", userId, orgId, MFA_TTL);
    }

    Optional<AccessClaims> verifyAccessToken(String token) {
        return verify(accessProcessor, token);
    }

    Optional<AccessClaims> verifyMfaToken(String token) {
        return verify(mfaProcessor, token);
    }

    long accessTokenTtlSeconds() {
        return settings.accessTokenTtl().toSeconds();
    }

    private String sign(JOSEObjectType type, String audience, UUID userId, UUID orgId, Duration ttl) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(audience)
                .subject(userId.toString())
                .claim("org", orgId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static Optional<AccessClaims> verify(DefaultJWTProcessor<SecurityContext> processor, String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Optional.of(new AccessClaims(
                    UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim("org"))));
        } catch (ParseException
                | JOSEException
                | com.nimbusds.jose.proc.BadJOSEException
                | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(byte[] key, JOSEObjectType type, String audience) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("sub", "org", "exp", "iat", "jti")));
        return processor;
    }

    private static byte[] signingKey(DSLContext db, SecretBox secrets) {
        return TenantContext.asSystem("jwt signing key", () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            db.insertInto(PlatformSecrets.T)
                    .columns(PlatformSecrets.NAME, PlatformSecrets.CIPHERTEXT)
                    .values("jwt-signing-key", secrets.encrypt("jwt-signing-key", fresh))
                    .onConflictDoNothing()
                    .execute();
            byte[] stored = db.select(PlatformSecrets.CIPHERTEXT)
                    .from(PlatformSecrets.T)
                    .where(PlatformSecrets.NAME.eq("jwt-signing-key"))
                    .fetchSingle(PlatformSecrets.CIPHERTEXT);
            return secrets.decrypt("jwt-signing-key", stored);
        });
    }
}
