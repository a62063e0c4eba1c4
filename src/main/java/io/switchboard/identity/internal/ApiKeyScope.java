package io.switchboard.identity.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import io.switchboard.identity.Role;
import java.util.Collection;
import java.util.Locale;

/** What an API key may do; the highest scope decides the role it acts with. */
enum ApiKeyScope {
    READ(Role.VIEWER),
    WRITE(Role.AGENT),
    ADMIN(Role.ADMIN);

    private final Role role;

    ApiKeyScope(Role role) {
        this.role = role;
    }

    static Role effectiveRole(Collection<ApiKeyScope> scopes) {
        return scopes.stream().map(s -> s.role).min(Enum::compareTo).orElse(Role.VIEWER);
    }

    @JsonValue
    String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ApiKeyScope fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return json();
    }
}
