/** WhatsApp through Meta's Cloud API: Graph webhooks in, Graph {@code /messages} calls out. */
@NullMarked
package io.switchboard.channels.whatsappcloud;

import org.jspecify.annotations.NullMarked;
