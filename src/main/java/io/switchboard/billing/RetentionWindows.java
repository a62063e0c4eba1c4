package io.switchboard.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How long conversation history is kept: the one place the retention purge asks. Today the answer is
 * the organisation's plan ({@code billing_plans.history_days}, null = unlimited, e.g. Enterprise).
 * Contact plans (a contact's own subscription) plug in through {@link #contactOverrides}: contacts
 * listed there are purged with their own window instead of the organisation's.
 */
public interface RetentionWindows {

    /** The organisation's window, from its current plan. */
    RetentionWindow forOrganization(UUID orgId);

    /** The window for one contact: a contact plan's when it has one, else the organisation's. */
    default RetentionWindow forContact(UUID orgId, UUID contactId) {
        return contactOverrides(orgId).stream()
                .filter(o -> o.contactId().equals(contactId))
                .map(ContactWindow::window)
                .findFirst()
                .orElseGet(() -> forOrganization(orgId));
    }

    /** Contacts whose window differs from the organisation's (none until contact plans exist). */
    default List<ContactWindow> contactOverrides(UUID orgId) {
        return List.of();
    }

    /** Every organisation with a plan, for the scheduled purge (system scope). */
    List<UUID> organizations();

    /**
     * @param historyDays days of history kept; null = unlimited
     * @param source what decided it, e.g. {@code plan:pro} or {@code contact-plan:gold}
     */
    record RetentionWindow(@Nullable Integer historyDays, String source) {

        public boolean unlimited() {
            return historyDays == null;
        }

        /** Messages created before this are purged; empty when history is unlimited. */
        public Optional<Instant> cutoff(Instant now) {
            return historyDays == null ? Optional.empty() : Optional.of(now.minus(Duration.ofDays(historyDays)));
        }
    }

    record ContactWindow(UUID contactId, RetentionWindow window) {}
}
