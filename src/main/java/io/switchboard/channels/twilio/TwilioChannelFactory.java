package io.switchboard.channels.twilio;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelAdapterFactory;
import io.switchboard.channels.spi.ChannelConnection;
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

    TwilioChannelFactory(TwilioFlavor flavor, TwilioApi api, JsonMapper json) {
        this.flavor = flavor;
        this.sender = new TwilioSender(api, flavor, json);
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
        return new TwilioAdapter(connection, sender);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
