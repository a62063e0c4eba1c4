package io.switchboard.channels.twilio;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** SMS through Twilio (Twilio's default pace for a long code: one message a second). */
@Component
class TwilioSmsChannelFactory extends TwilioChannelFactory {

    TwilioSmsChannelFactory(TwilioApi api, JsonMapper json, io.switchboard.storage.BlobStore blobs) {
        super(TwilioFlavor.SMS, api, json, blobs);
    }
}
