package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.PasswordResetTokens;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.AuditLog.Actor;
import io.switchboard.identity.Mailer;
import io.switchboard.identity.OrganizationCreated;
import io.switchboard.identity.Role;
import io.switchboard.identity.internal.AccountStore.StoredUser;
import io.switchboard.identity.internal.IdentityApi.MfaChallenge;
import io.switchboard.identity.internal.IdentityApi.OtpRequested;
import io.switchboard.identity.internal.IdentityApi.Session;
import io.switchboard.identity.internal.IdentityApi.SignupRequest;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.crypto.Tokens;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.ratelimit.RateLimiter;
import io.switchboard.shared.web.PublicUrls;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Sign-up and every way to sign in: password (+ optional TOTP), phone one-time code, password
 * reset. Runs before an organisation is known, so each step is a system-scoped transaction that
 * filters explicitly by user.
 */
@Service
class AuthService {

    static final String OTP_PURPOSE = "user_sign_in";
    private static final Duration RESET_TTL = Duration.ofHours(1);

    private final ScopedTransactions tx;
    private final DSLContext db;
    private final AccountStore accounts;
    private final PasswordPolicy passwords;
    private final SessionService sessions;
    private final OtpService otp;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final Mailer mailer;
    private final JwtService jwt;
    private final SecretBox secrets;
    private final PublicUrls links;
    private final ApplicationEventPublisher events;
    private final SwitchboardProperties.RateLimits limits;

    AuthService(
            ScopedTransactions tx,
            DSLContext db,
            AccountStore accounts,
            PasswordPolicy passwords,
            SessionService sessions,
            OtpService otp,
            RateLimiter rateLimiter,
            AuditLog audit,
            Mailer mailer,
            JwtService jwt,
            SecretBox secrets,
            PublicUrls links,
            ApplicationEventPublisher events,
            SwitchboardProperties properties) {
        this.tx = tx;
        this.db = db;
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.otp = otp;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.mailer = mailer;
        this.jwt = jwt;
        this.secrets = secrets;
        this.links = links;
        this.events = events;
        this.limits = properties.rateLimits();
    }

    Session signup(SignupRequest request) {
        String hash = passwords.hashNew("password", request.password());
        return tx.asSystem("signup", () -> {
            if (accounts.findUserByEmail(request.email()).isPresent()) {
                throw ApiProblem.invalidField("email", "is already registered; sign in instead");
            }
            StoredUser user = accounts.createUser(request.email(), request.name(), hash, null);
            var org = accounts.createOrganization(request.organizationName());
            accounts.addMember(org.id(), user.id(), Role.OWNER);
            audit.recordAs(
                    org.id(),
                    Actor.user(user.id(), user.email()),
                    "auth.signup",
                    "organization",
                    org.id().toString(),
                    Map.of("organizationName", org.name()));
            events.publishEvent(new OrganizationCreated(org.id(), org.name(), user.id(), false));
            return sessions.start(user, org.id(), Role.OWNER);
        });
    }

    /** Password step: a session, or an MFA challenge when TOTP is on. */
    Object login(String email, String password, String ip) {
        String accountKey = "login:account:" + email.toLowerCase(Locale.ROOT);
        String ipKey = "login:ip:" + ip;
        String limitMessage = "Too many failed sign-ins; wait before trying again";
        rateLimiter.requireAvailable(
                accountKey, limits.failedLoginsPerAccount(), limits.failedLoginWindow(), limitMessage);
        rateLimiter.requireAvailable(ipKey, limits.failedLoginsPerIp(), limits.failedLoginWindow(), limitMessage);
        var user = tx.asSystem("login", () -> accounts.findUserByEmail(email));
        boolean valid = user.isPresent()
                && user.get().passwordHash() != null
                && passwords.matches(password, user.get().passwordHash());
        if (user.isEmpty()) {
            passwords.burnTimeForUnknownAccount(password);
        }
        if (!valid) {
            rateLimiter.consume(accountKey, limits.failedLoginsPerAccount(), limits.failedLoginWindow(), limitMessage);
            rateLimiter.consume(ipKey, limits.failedLoginsPerIp(), limits.failedLoginWindow(), limitMessage);
            recordFailedSignIn(email, user.orElse(null), "password");
            throw ApiProblem.unauthorized("invalid-credentials", "Email or password is wrong");
        }
        StoredUser signedIn = user.get();
        return tx.asSystem("login", () -> {
            var membership = firstMembership(signedIn);
            if (signedIn.totpEnabled()) {
                return new MfaChallenge(true, jwt.issueMfaToken(signedIn.id(), membership.id()));
            }
            audit.recordAs(
                    membership.id(),
                    Actor.user(signedIn.id(), signedIn.email()),
                    "auth.login",
                    "user",
                    signedIn.id().toString(),
                    Map.of("method", "password"));
            return sessions.start(signedIn, membership.id(), membership.role());
        });
    }

    Session loginWithTotp(String mfaToken, String code, String ip) {
        var claims = jwt.verifyMfaToken(mfaToken)
                .orElseThrow(
                        () -> ApiProblem.unauthorized("invalid-mfa-token", "The sign-in step expired; sign in again"));
        String key = "totp:user:" + claims.userId();
        String limitMessage = "Too many wrong codes; wait before trying again";
        rateLimiter.requireAvailable(key, limits.failedLoginsPerAccount(), limits.failedLoginWindow(), limitMessage);
        var user = tx.asSystem("totp login", () -> accounts.findUser(claims.userId()))
                .orElseThrow(() -> ApiProblem.unauthorized("invalid-mfa-token", "Sign in again"));
        if (user.totpSecret() == null
                || !Totp.verify(secrets.decryptString("totp", user.totpSecret()), code, Instant.now())) {
            rateLimiter.consume(key, limits.failedLoginsPerAccount(), limits.failedLoginWindow(), limitMessage);
            recordFailedSignIn(user.email(), user, "totp");
            throw ApiProblem.unauthorized("invalid-totp", "The authentication code is wrong");
        }
        return tx.asSystem("totp login", () -> {
            Role role = accounts.roleIn(claims.orgId(), user.id())
                    .orElseThrow(() -> ApiProblem.unauthorized("invalid-mfa-token", "Sign in again"));
            audit.recordAs(
                    claims.orgId(),
                    Actor.user(user.id(), user.email()),
                    "auth.login",
                    "user",
                    user.id().toString(),
                    Map.of("method", "password+totp"));
            return sessions.start(user, claims.orgId(), role);
        });
    }

    Session refresh(String refreshToken) {
        return tx.asSystem("refresh", () -> sessions.refresh(refreshToken)).orThrow();
    }

    void logout(String refreshToken) {
        tx.asSystem("logout", () -> sessions.logout(refreshToken));
    }

    Session switchOrganization(UUID userId, UUID orgId) {
        return tx.asSystem("switch organisation", () -> {
            Role role = accounts.roleIn(orgId, userId).orElseThrow(() -> ApiProblem.notFound("Organization " + orgId));
            StoredUser user = accounts.findUser(userId).orElseThrow();
            audit.recordAs(
                    orgId,
                    Actor.user(userId, user.email()),
                    "auth.organization_switched",
                    "organization",
                    orgId.toString(),
                    Map.of());
            return sessions.start(user, orgId, role);
        });
    }

    OtpRequested requestOtp(String rawPhone, String ip) {
        String phone = OtpService.normalizePhone("phone", rawPhone);
        String message = "Too many codes requested; wait before asking again";
        rateLimiter.consume("otp:phone:" + phone, limits.otpRequestsPerPhone(), limits.otpRequestWindow(), message);
        rateLimiter.consume("otp:ip:" + ip, limits.otpRequestsPerIp(), limits.otpRequestWindow(), message);
        tx.asSystem("otp request", () -> {
            // Same answer whether or not the phone belongs to an account; only real accounts get a code.
            accounts.findUserByPhone(phone)
                    .ifPresent(user -> otp.issue(OTP_PURPOSE, null, phone, "Your Switchboard sign-in code is "));
        });
        return new OtpRequested(OtpService.TTL.toSeconds(), otp.sender().channel());
    }

    Session verifyOtp(String rawPhone, String code) {
        String phone = OtpService.normalizePhone("phone", rawPhone);
        var outcome = tx.asSystem("otp verify", () -> otp.verify(OTP_PURPOSE, phone, code));
        if (outcome instanceof OtpService.Outcome.Rejected) {
            var user = tx.asSystem("otp verify", () -> accounts.findUserByPhone(phone));
            recordFailedSignIn(phone, user.orElse(null), "otp");
        }
        outcome.orThrow();
        return tx.asSystem("otp verify", () -> {
            StoredUser user = accounts.findUserByPhone(phone)
                    .orElseThrow(() -> ApiProblem.unauthorized("invalid-otp", "The code is invalid or has expired"));
            var membership = firstMembership(user);
            audit.recordAs(
                    membership.id(),
                    Actor.user(user.id(), user.email()),
                    "auth.login",
                    "user",
                    user.id().toString(),
                    Map.of("method", "phone_otp"));
            return sessions.start(user, membership.id(), membership.role());
        });
    }

    void requestPasswordReset(String email, String ip) {
        String message = "Too many reset requests; wait before asking again";
        rateLimiter.consume(
                "reset:account:" + email.toLowerCase(Locale.ROOT),
                limits.otpRequestsPerPhone(),
                limits.otpRequestWindow(),
                message);
        rateLimiter.consume("reset:ip:" + ip, limits.otpRequestsPerIp(), limits.otpRequestWindow(), message);
        String link = links.base();
        tx.asSystem(
                "password reset",
                () -> accounts.findUserByEmail(email).ifPresent(user -> {
                    String token = Tokens.newToken("");
                    db.insertInto(PasswordResetTokens.T)
                            .set(PasswordResetTokens.ID, UUID.randomUUID())
                            .set(PasswordResetTokens.USER_ID, user.id())
                            .set(PasswordResetTokens.TOKEN_HASH, Tokens.sha256Hex(token))
                            .set(PasswordResetTokens.EXPIRES_AT, Instant.now().plus(RESET_TTL))
                            .execute();
                    var orgId = accounts.membershipsOf(user.id()).stream()
                            .findFirst()
                            .map(m -> m.id())
                            .orElse(null);
                    mailer.send(
                            orgId,
                            user.email(),
                            "Reset your Switchboard password",
                            "Hello " + user.name()
                                    + ",\n\nSomeone asked to reset your Switchboard password. If it was you, open this link within one hour:\n\n"
                                    + link + "/reset-password?token=" + token
                                    + "\n\nIf it wasn't you, ignore this mail; your password stays the same.\n");
                    audit.recordAs(
                            orgId,
                            Actor.user(user.id(), user.email()),
                            "auth.password_reset_requested",
                            "user",
                            user.id().toString(),
                            Map.of());
                }));
    }

    void confirmPasswordReset(String token, String newPassword) {
        String hash = passwords.hashNew("password", newPassword);
        tx.asSystem("password reset", () -> {
            var row = db.select(PasswordResetTokens.ALL)
                    .from(PasswordResetTokens.T)
                    .where(
                            PasswordResetTokens.TOKEN_HASH.eq(Tokens.sha256Hex(token)),
                            PasswordResetTokens.USED_AT.isNull(),
                            PasswordResetTokens.EXPIRES_AT.gt(Instant.now()))
                    .forUpdate()
                    .fetchOptional()
                    .orElseThrow(() ->
                            ApiProblem.invalidField("token", "is invalid, used or expired; request a new reset link"));
            UUID userId = row.get(PasswordResetTokens.USER_ID);
            db.update(PasswordResetTokens.T)
                    .set(PasswordResetTokens.USED_AT, Instant.now())
                    .where(PasswordResetTokens.ID.eq(row.get(PasswordResetTokens.ID)))
                    .execute();
            accounts.updatePassword(userId, hash);
            sessions.revokeAllFor(userId, null);
            var orgId = accounts.membershipsOf(userId).stream()
                    .findFirst()
                    .map(m -> m.id())
                    .orElse(null);
            audit.recordAs(
                    orgId, new Actor("user", userId, null), "auth.password_reset", "user", userId.toString(), Map.of());
        });
    }

    private IdentityApi.MembershipView firstMembership(StoredUser user) {
        return accounts.membershipsOf(user.id()).stream()
                .findFirst()
                .orElseThrow(() -> ApiProblem.forbidden("You are not a member of any organisation"));
    }

    /** Failed sign-ins are recorded in every organisation of the account so its admins see them. */
    private void recordFailedSignIn(
            String identifier, @org.jspecify.annotations.Nullable StoredUser user, String method) {
        tx.asSystem("audit failed sign-in", () -> {
            var details = Map.of("identifier", identifier, "method", method);
            if (user == null) {
                audit.recordAs(null, Actor.anonymous(identifier), "auth.login_failed", null, null, details);
                return;
            }
            for (var membership : accounts.membershipsOf(user.id())) {
                audit.recordAs(
                        membership.id(),
                        Actor.user(user.id(), user.email()),
                        "auth.login_failed",
                        "user",
                        user.id().toString(),
                        details);
            }
        });
    }
}
