package io.switchboard.shared;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Which organisation's rows the current code may touch. Bound for the duration of a request (or a
 * job) with a {@link ScopedValue}; the database connection copies it into {@code app.org_id} so
 * PostgreSQL row-level security enforces the same boundary as the queries do.
 */
public final class TenantContext {

    /** Who the database should let us see. */
    public sealed interface Scope permits Org, System {}

    /** Rows of one organisation only. */
    public record Org(UUID orgId) implements Scope {}

    /**
     * Cross-tenant access for platform code that runs before an organisation is known (sign-in, API
     * key lookup, super-admin listings). Use sparingly and always with an explicit filter.
     */
    public record System(String reason) implements Scope {}

    private static final ScopedValue<Scope> CURRENT = ScopedValue.newInstance();

    private TenantContext() {}

    public static Optional<Scope> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    /** The organisation of the current scope; fails when code that must be tenant-bound is not. */
    public static UUID requireOrgId() {
        if (current().orElse(null) instanceof Org(UUID orgId)) {
            return orgId;
        }
        throw new IllegalStateException("No organisation bound to this thread");
    }

    public static <T, X extends Throwable> T callAs(Scope scope, ScopedValue.CallableOp<T, X> op) throws X {
        return ScopedValue.where(CURRENT, scope).call(op);
    }

    public static void runAs(Scope scope, Runnable op) {
        ScopedValue.where(CURRENT, scope).run(op);
    }

    public static <T> T inOrg(UUID orgId, Callable<T> op) {
        return callUnchecked(new Org(orgId), op);
    }

    public static <T> T asSystem(String reason, Callable<T> op) {
        return callUnchecked(new System(reason), op);
    }

    private static <T> T callUnchecked(Scope scope, Callable<T> op) {
        return ScopedValue.where(CURRENT, scope).call(() -> {
            try {
                return op.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
