/**
 * Campaigns: message templates per channel (WhatsApp's reviewed by Meta, others local), audiences
 * (filters or CSV), schedules and a paced fan-out with one claim per (campaign, contact), sent through
 * the channels' outbound queues. Other modules only hear from it through events.
 */
@ApplicationModule(displayName = "Campaigns")
@NullMarked
package io.switchboard.campaigns;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
