/** SMS and WhatsApp through Twilio: form-encoded webhooks in, the official Twilio SDK out. */
@NullMarked
package io.switchboard.channels.twilio;

import org.jspecify.annotations.NullMarked;
