/**
 * Outbound webhooks: organisations subscribe URLs to event types; events from other modules are
 * written to a transactional outbox and delivered under the Standard Webhooks spec (signed, retried
 * for up to three days, logged). Nothing here is called by other modules: it listens to their events.
 */
@ApplicationModule(displayName = "Webhooks")
@NullMarked
package io.switchboard.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
