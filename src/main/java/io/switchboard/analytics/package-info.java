/**
 * Analytics: conversation, message, campaign and call figures over a date range, read straight from
 * the other modules' tables (a read model, see docs/adr/0011-analytics-read-model.md). It has no
 * public API: other modules never call it.
 */
@ApplicationModule(displayName = "Analytics")
@NullMarked
package io.switchboard.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
