package io.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.billing.RetentionWindows.ContactWindow;
import io.switchboard.billing.RetentionWindows.RetentionWindow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionWindowUnitTests {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aWindowCutsOffItsDaysAndUnlimitedNever() {
        assertThat(new RetentionWindow(30, "plan:basic").cutoff(NOW)).contains(Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(new RetentionWindow(null, "plan:enterprise").cutoff(NOW)).isEmpty();
        assertThat(new RetentionWindow(null, "plan:enterprise").unlimited()).isTrue();
    }

    @Test
    void aContactPlanOverridesTheOrganisationsWindowForThatContactOnly() {
        UUID gold = UUID.randomUUID();
        RetentionWindows windows = new RetentionWindows() {
            @Override
            public RetentionWindow forOrganization(UUID orgId) {
                return new RetentionWindow(30, "plan:basic");
            }

            @Override
            public List<ContactWindow> contactOverrides(UUID orgId) {
                return List.of(new ContactWindow(gold, new RetentionWindow(null, "contact-plan:gold")));
            }

            @Override
            public List<UUID> organizations() {
                return List.of();
            }
        };
        UUID org = UUID.randomUUID();
        assertThat(windows.forContact(org, gold).source()).isEqualTo("contact-plan:gold");
        assertThat(windows.forContact(org, UUID.randomUUID()).historyDays()).isEqualTo(30);
    }
}
