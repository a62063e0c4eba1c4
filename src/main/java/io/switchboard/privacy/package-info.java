/**
 * Retention and privacy: the scheduled purge of conversation history older than the plan's window
 * (windows from {@link io.switchboard.billing.RetentionWindows}, legal holds respected), its status
 * and "run now" for admins. A contact's GDPR export and erasure are orchestrated by the contacts
 * module through {@link io.switchboard.contacts.PersonalDataHolder}, which modules implement.
 */
@ApplicationModule(displayName = "Privacy")
@NullMarked
package io.switchboard.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
