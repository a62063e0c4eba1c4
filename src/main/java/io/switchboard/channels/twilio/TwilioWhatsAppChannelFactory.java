package io.switchboard.channels.twilio;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** WhatsApp through Twilio, with WhatsApp's 24-hour customer-service window. */
@Component
class TwilioWhatsAppChannelFactory extends TwilioChannelFactory {

    TwilioWhatsAppChannelFactory(TwilioApi api, JsonMapper json, io.switchboard.storage.BlobStore blobs) {
        super(TwilioFlavor.WHATSAPP, api, json, blobs);
    }
}
