package io.switchboard.identity.internal;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.OrganizationCreated;
import io.switchboard.identity.Role;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.crypto.Tokens;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * First start on an empty database: organisation "Demo" whose owner (a platform super admin) is
 * {@code SWITCHBOARD_BOOTSTRAP_ADMIN_EMAIL}/{@code _PASSWORD}, or a generated password printed once.
 */
@Component
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final ScopedTransactions tx;
    private final AccountStore accounts;
    private final PasswordPolicy passwords;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final SwitchboardProperties.Bootstrap settings;

    Bootstrap(
            ScopedTransactions tx,
            AccountStore accounts,
            PasswordPolicy passwords,
            AuditLog audit,
            ApplicationEventPublisher events,
            SwitchboardProperties properties) {
        this.tx = tx;
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.events = events;
        this.settings = properties.bootstrap();
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.asSystem("bootstrap", () -> {
            if (accounts.countOrganizations() > 0) {
                return;
            }
            String email =
                    settings.adminEmail() == null || settings.adminEmail().isBlank()
                            ? "admin@switchboard.local"
                            : settings.adminEmail();
            boolean generated =
                    settings.adminPassword() == null || settings.adminPassword().isBlank();
            String password = generated ? Tokens.newToken("").substring(0, 20) : settings.adminPassword();
            var user = accounts.findUserByEmail(email)
                    .orElseGet(() -> accounts.createUser(
                            email,
                            "Demo Owner",
                            passwords.hashNew("SWITCHBOARD_BOOTSTRAP_ADMIN_PASSWORD", password),
                            "super_admin"));
            var org = accounts.createOrganization("Demo");
            accounts.addMember(org.id(), user.id(), Role.OWNER);
            audit.recordAs(
                    org.id(),
                    AuditLog.Actor.system(),
                    "organization.bootstrapped",
                    "organization",
                    org.id().toString(),
                    Map.of("owner", email));
            events.publishEvent(new OrganizationCreated(org.id(), org.name(), user.id(), true));
            if (generated) {
                log.warn(
                        "\n\n  Switchboard is ready. Organisation \"Demo\" was created.\n  Sign in as {} with password {}\n  (shown only this once; set SWITCHBOARD_BOOTSTRAP_ADMIN_PASSWORD to choose it)\n",
                        email,
                        password);
            } else {
                log.info("Created organisation \"Demo\" owned by {}", email);
            }
        });
    }
}
