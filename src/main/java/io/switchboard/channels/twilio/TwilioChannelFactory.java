package io.switchboard.channels.twilio;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelAdapterFactory;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.shared.ApiProblem;
import io.switchboard.storage.BlobStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both Twilio channel types share. Both answer on {@code /webhooks/twilio/{channelId}}: the
 * webhook controller matches the path against the channel's own factory, so one path serves both.
 */
abstract class TwilioChannelFactory implements ChannelAdapterFactory {

    private final TwilioFlavor flavor;
    private final TwilioSender sender;
    private final TwilioApi api;
    private final BlobStore blobs;

    /** Twilio's limit for the media of one message. */
    static final long MAX_MEDIA_BYTES = 5L * 1024 * 1024;

    TwilioChannelFactory(TwilioFlavor flavor, TwilioApi api, JsonMapper json, BlobStore blobs) {
        this.flavor = flavor;
        this.api = api;
        this.blobs = blobs;
        this.sender = new TwilioSender(api, flavor, json, blobs);
    }

    @Override
    public boolean fetchesInboundMedia() {
        return true;
    }

    @Override
    public Optional<ApiProblem> checkMedia(String mimeType, long sizeBytes) {
        if (!blobs.publicLinksAvailable()) {
            return Optional.of(ApiProblem.conflict(
                    "public-url-required",
                    "Twilio fetches attachments from a public link to this server: set SWITCHBOARD_PUBLIC_URL"
                            + " to the address Twilio can reach, then send the file again"));
        }
        if (sizeBytes > MAX_MEDIA_BYTES) {
            return Optional.of(ApiProblem.invalidField("file", "is larger than 5 MB, Twilio's limit for media"));
        }
        return Optional.empty();
    }

    @Override
    public String type() {
        return flavor.type();
    }

    @Override
    public Optional<String> webhookPath() {
        return Optional.of("twilio");
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                new ConfigField("accountSid", true, false, "Account SID (AC...)"),
                new ConfigField("authToken", true, true, "Auth token: signs webhooks and authenticates sending"),
                new ConfigField(
                        "from",
                        false,
                        false,
                        flavor == TwilioFlavor.WHATSAPP
                                ? "Sender number in E.164 (+14155238886); the whatsapp: prefix is added"
                                : "Sender number in E.164 (+14155238886)"),
                new ConfigField(
                        "messagingServiceSid", false, false, "Messaging Service SID (MG...), used instead of from"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> config) {
        var problems = new java.util.LinkedHashMap<>(ChannelAdapterFactory.super.validate(config));
        if (blank(config.get("from")) && blank(config.get("messagingServiceSid"))) {
            problems.putIfAbsent("config.from", "is required unless messagingServiceSid is set");
        }
        String accountSid = config.get("accountSid");
        if (!blank(accountSid) && !accountSid.startsWith("AC")) {
            problems.putIfAbsent("config.accountSid", "must start with AC");
        }
        return problems;
    }

    @Override
    public double defaultRatePerSecond() {
        return flavor.ratePerSecond();
    }

    @Override
    public Optional<Duration> customerServiceWindow() {
        return flavor.window();
    }

    @Override
    public ChannelAdapter create(ChannelConnection connection) {
        return new TwilioAdapter(connection, sender, api);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
