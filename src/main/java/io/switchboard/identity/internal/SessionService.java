package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.RefreshTokens;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.Role;
import io.switchboard.identity.internal.AccountStore.StoredUser;
import io.switchboard.identity.internal.IdentityApi.Session;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.crypto.Tokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Access tokens (15 min JWT) and rotating refresh tokens. A refresh token works once; presenting
 * a used one means it was stolen or replayed, so its whole family is revoked.
 */
@Service
class SessionService {

    private final DSLContext db;
    private final JwtService jwt;
    private final AccountStore accounts;
    private final AuditLog audit;
    private final SwitchboardProperties.Auth settings;

    SessionService(
            DSLContext db, JwtService jwt, AccountStore accounts, AuditLog audit, SwitchboardProperties properties) {
        this.db = db;
        this.jwt = jwt;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = properties.auth();
    }

    /** Starts a new token family. Call in the system scope. */
    Session start(StoredUser user, UUID orgId, Role role) {
        return issue(user, orgId, role, UUID.randomUUID());
    }

    /** Rotates a refresh token. Failures are returned so the family revocation commits. */
    RefreshOutcome refresh(String refreshToken) {
        var stored = db.select(RefreshTokens.ALL)
                .from(RefreshTokens.T)
                .where(RefreshTokens.TOKEN_HASH.eq(Tokens.sha256Hex(refreshToken)))
                .forUpdate()
                .fetchOptional();
        if (stored.isEmpty()) {
            return new RefreshOutcome.Rejected("The refresh token is not valid");
        }
        var token = stored.get();
        UUID familyId = token.get(RefreshTokens.FAMILY_ID);
        UUID userId = token.get(RefreshTokens.USER_ID);
        UUID orgId = token.get(RefreshTokens.ORG_ID);
        if (token.get(RefreshTokens.REVOKED_AT) != null
                || token.get(RefreshTokens.EXPIRES_AT).isBefore(Instant.now())) {
            return new RefreshOutcome.Rejected("The refresh token has expired or was revoked; sign in again");
        }
        if (token.get(RefreshTokens.USED_AT) != null) {
            revokeFamily(familyId);
            audit.recordAs(
                    orgId,
                    new AuditLog.Actor("user", userId, null),
                    "auth.refresh_token_reused",
                    "user",
                    userId.toString(),
                    Map.of("familyId", familyId.toString()));
            return new RefreshOutcome.Rejected(
                    "This refresh token was already used; all sessions from it are signed out");
        }
        db.update(RefreshTokens.T)
                .set(RefreshTokens.USED_AT, Instant.now())
                .where(RefreshTokens.ID.eq(token.get(RefreshTokens.ID)))
                .execute();
        var user = accounts.findUser(userId);
        var role = accounts.roleIn(orgId, userId);
        if (user.isEmpty() || role.isEmpty()) {
            revokeFamily(familyId);
            return new RefreshOutcome.Rejected("You are no longer a member of this organisation");
        }
        return new RefreshOutcome.Refreshed(issue(user.get(), orgId, role.get(), familyId));
    }

    sealed interface RefreshOutcome {
        record Refreshed(Session session) implements RefreshOutcome {}

        record Rejected(String detail) implements RefreshOutcome {}

        default Session orThrow() {
            return switch (this) {
                case Refreshed(Session session) -> session;
                case Rejected(String detail) -> throw ApiProblem.unauthorized("invalid-refresh-token", detail);
            };
        }
    }

    void logout(String refreshToken) {
        db.select(RefreshTokens.FAMILY_ID)
                .from(RefreshTokens.T)
                .where(RefreshTokens.TOKEN_HASH.eq(Tokens.sha256Hex(refreshToken)))
                .fetchOptional(RefreshTokens.FAMILY_ID)
                .ifPresent(this::revokeFamily);
    }

    /** Signs a user out of one organisation everywhere (member removed) or of all (password reset). */
    void revokeAllFor(UUID userId, UUID orgIdOrNull) {
        var where = RefreshTokens.USER_ID.eq(userId).and(RefreshTokens.REVOKED_AT.isNull());
        if (orgIdOrNull != null) {
            where = where.and(RefreshTokens.ORG_ID.eq(orgIdOrNull));
        }
        db.update(RefreshTokens.T)
                .set(RefreshTokens.REVOKED_AT, Instant.now())
                .where(where)
                .execute();
    }

    private void revokeFamily(UUID familyId) {
        db.update(RefreshTokens.T)
                .set(RefreshTokens.REVOKED_AT, Instant.now())
                .where(RefreshTokens.FAMILY_ID.eq(familyId), RefreshTokens.REVOKED_AT.isNull())
                .execute();
    }

    private Session issue(StoredUser user, UUID orgId, Role role, UUID familyId) {
        String refreshToken = Tokens.newToken("sbr_");
        db.insertInto(RefreshTokens.T)
                .set(RefreshTokens.ID, UUID.randomUUID())
                .set(RefreshTokens.ORG_ID, orgId)
                .set(RefreshTokens.USER_ID, user.id())
                .set(RefreshTokens.FAMILY_ID, familyId)
                .set(RefreshTokens.TOKEN_HASH, Tokens.sha256Hex(refreshToken))
                .set(RefreshTokens.EXPIRES_AT, Instant.now().plus(settings.refreshTokenTtl()))
                .execute();
        var organization = accounts.findOrganization(orgId).orElseThrow();
        return new Session(
                false,
                jwt.issueAccessToken(user.id(), orgId),
                refreshToken,
                "Bearer",
                jwt.accessTokenTtlSeconds(),
                user.view(),
                organization,
                role);
    }
}
