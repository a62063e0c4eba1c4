/**
 * Channel connections (WhatsApp Cloud, Twilio WhatsApp/SMS, web chat, sandbox), the durable
 * inbound inbox that webhooks write to before answering, and the paced outbound queue. Provider
 * adapters plug in through {@link io.switchboard.channels.spi}.
 */
@ApplicationModule(displayName = "Channels")
@NullMarked
package io.switchboard.channels;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
