/**
 * Flows: versioned flow documents (sealed node types validated against a published JSON Schema), the
 * deterministic runtime with sessions persisted per conversation, durable timers, the simulator, the
 * generator from a description, templates and per-node analytics.
 */
@ApplicationModule(displayName = "Flows")
@NullMarked
package io.switchboard.flows;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
