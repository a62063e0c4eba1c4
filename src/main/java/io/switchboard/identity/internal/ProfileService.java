package io.switchboard.identity.internal;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.AuditLog.Actor;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.internal.IdentityApi.MeResponse;
import io.switchboard.identity.internal.IdentityApi.TotpSetup;
import io.switchboard.identity.internal.IdentityApi.UpdateMeRequest;
import io.switchboard.identity.internal.IdentityApi.UserView;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.TenantContext;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The signed-in user's own profile and two-factor settings. Users are global rows. */
@Service
class ProfileService {

    private final ScopedTransactions tx;
    private final AccountStore accounts;
    private final SecretBox secrets;
    private final AuditLog audit;

    ProfileService(ScopedTransactions tx, AccountStore accounts, SecretBox secrets, AuditLog audit) {
        this.tx = tx;
        this.accounts = accounts;
        this.secrets = secrets;
        this.audit = audit;
    }

    /** Hot path (every dashboard load, API clients checking a key): plain reads, no transaction. */
    MeResponse me(CurrentPrincipal principal) {
        return TenantContext.asSystem("me", () -> {
            var found = principal.userId() == null
                    ? java.util.Optional.<AccountStore.UserInOrganization>empty()
                    : accounts.userInOrganization(principal.userId(), principal.orgId());
            var row = found.orElseThrow(() -> ApiProblem.notFound("The user behind this credential"));
            var org = row.organization();
            var organizations = principal.method() == CurrentPrincipal.AuthMethod.JWT
                    ? accounts.membershipsOf(row.user().id())
                    : java.util.List.of(new IdentityApi.MembershipView(org.id(), org.name(), principal.role()));
            return new MeResponse(row.user().view(), org, principal.role(), organizations, principal.method());
        });
    }

    UserView update(UUID userId, UpdateMeRequest request) {
        String phone = request.phone() == null || request.phone().isBlank()
                ? null
                : OtpService.normalizePhone("phone", request.phone());
        return tx.asSystem("profile update", () -> {
            if (phone != null
                    && accounts.findUserByPhone(phone)
                            .filter(u -> !u.id().equals(userId))
                            .isPresent()) {
                throw ApiProblem.invalidField("phone", "is already used by another account");
            }
            accounts.updateProfile(userId, request.name(), phone, request.phone() != null);
            return accounts.findUser(userId).orElseThrow().view();
        });
    }

    TotpSetup setupTotp(UUID userId) {
        return tx.asSystem("totp setup", () -> {
            var user = accounts.findUser(userId).orElseThrow();
            if (user.totpEnabled()) {
                throw ApiProblem.conflict(
                        "totp-already-enabled", "Two-factor sign-in is already on; turn it off first");
            }
            String secret = Totp.newSecret();
            accounts.updateTotp(userId, secrets.encryptString("totp", secret), false);
            return new TotpSetup(secret, Totp.otpauthUri("Switchboard", user.email(), secret));
        });
    }

    void enableTotp(UUID userId, String code) {
        tx.asSystem("totp enable", () -> {
            var user = accounts.findUser(userId).orElseThrow();
            if (user.totpSecret() == null) {
                throw ApiProblem.conflict("totp-not-set-up", "Start two-factor setup first");
            }
            requireCode(user.totpSecret(), code);
            accounts.updateTotp(userId, user.totpSecret(), true);
            audit.record("auth.totp_enabled", "user", userId.toString(), Map.of());
        });
    }

    void disableTotp(UUID userId, String code) {
        tx.asSystem("totp disable", () -> {
            var user = accounts.findUser(userId).orElseThrow();
            if (!user.totpEnabled() || user.totpSecret() == null) {
                throw ApiProblem.conflict("totp-not-enabled", "Two-factor sign-in is not on");
            }
            requireCode(user.totpSecret(), code);
            accounts.updateTotp(userId, null, false);
            audit.recordAs(
                    CurrentPrincipal.get().orgId(),
                    Actor.user(userId, user.email()),
                    "auth.totp_disabled",
                    "user",
                    userId.toString(),
                    Map.of());
        });
    }

    private void requireCode(byte[] encryptedSecret, String code) {
        if (!Totp.verify(secrets.decryptString("totp", encryptedSecret), code, Instant.now())) {
            throw ApiProblem.invalidField("code", "is not the current authenticator code");
        }
    }
}
