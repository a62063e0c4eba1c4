package io.switchboard.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Resolves a JWT's (user, organisation) to the member's current role. Cached for a few seconds so
 * a role change or removal takes effect almost at once without a query per request.
 */
@Component
class MembershipCache {

    private record Key(UUID userId, UUID orgId) {}

    private final AccountStore accounts;
    private final ScopedTransactions tx;
    private final Cache<Key, Optional<CurrentPrincipal>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5))
            .maximumSize(100_000)
            .build();

    MembershipCache(AccountStore accounts, ScopedTransactions tx) {
        this.accounts = accounts;
        this.tx = tx;
    }

    Optional<CurrentPrincipal> principal(UUID userId, UUID orgId) {
        return cache.get(new Key(userId, orgId), this::load);
    }

    void evict(UUID userId, UUID orgId) {
        cache.invalidate(new Key(userId, orgId));
    }

    private Optional<CurrentPrincipal> load(Key key) {
        return tx.asSystem(
                "jwt membership",
                () -> accounts.findUser(key.userId())
                        .flatMap(user -> accounts.roleIn(key.orgId(), key.userId())
                                .map(role -> new CurrentPrincipal(
                                        user.id(),
                                        key.orgId(),
                                        role,
                                        CurrentPrincipal.AuthMethod.JWT,
                                        null,
                                        user.superAdmin(),
                                        user.email()))));
    }
}
