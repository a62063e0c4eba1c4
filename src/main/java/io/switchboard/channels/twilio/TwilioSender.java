package io.switchboard.channels.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.channels.spi.OutboundRequest;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.conversations.MessageContent;
import io.switchboard.storage.BlobStore;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Creates Twilio Message resources through the SDK and maps Twilio's answers to {@link SendResult}s. */
final class TwilioSender {

    static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    /** Twilio's own "too many requests" error codes. */
    private static final java.util.Set<Integer> THROTTLED = java.util.Set.of(20429, 14107);

    private final TwilioApi api;
    private final TwilioFlavor flavor;
    private final JsonMapper json;
    private final BlobStore blobs;

    /** How long Twilio may take to fetch an attachment from us (it may hold a queued message a while). */
    static final Duration MEDIA_LINK_TTL = Duration.ofHours(12);

    TwilioSender(TwilioApi api, TwilioFlavor flavor, JsonMapper json, BlobStore blobs) {
        this.api = api;
        this.flavor = flavor;
        this.json = json;
        this.blobs = blobs;
    }

    SendResult send(ChannelConnection channel, OutboundRequest request) {
        MessageCreator creator = creator(channel, request);
        if (creator == null) {
            return new SendResult.Failed("Twilio " + flavor.type() + " cannot send "
                    + request.content().kind() + " content");
        }
        if (channel.webhookUrl() != null) {
            creator.setStatusCallback(URI.create(channel.webhookUrl() + "/status"));
        }
        var client = api.client(channel.require("accountSid"), channel.require("authToken"));
        try {
            Message message = creator.create(client.rest());
            return new SendResult.Sent(message.getSid());
        } catch (ApiConnectionException e) {
            return new SendResult.RetryLater(DEFAULT_RETRY, "Twilio unreachable: " + e.getMessage());
        } catch (ApiException e) {
            return answer(e, retryAfter(client.http().getLastResponse()));
        } catch (TwilioException e) {
            // an answer we could not read: Twilio may have taken the message, so no blind retry
            return new SendResult.Failed("Twilio answered unexpectedly: " + e.getMessage());
        }
    }

    static SendResult answer(ApiException e, Duration retryAfter) {
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        String reason = "Twilio error " + (e.getCode() == null ? status : e.getCode()) + ": " + e.getMessage();
        if (status == 429 || (e.getCode() != null && THROTTLED.contains(e.getCode()))) {
            return new SendResult.RetryLater(retryAfter, reason);
        }
        if (status >= 500 || status == 0) {
            return new SendResult.RetryLater(DEFAULT_RETRY, reason);
        }
        return new SendResult.Failed(reason);
    }

    private @Nullable MessageCreator creator(ChannelConnection channel, OutboundRequest request) {
        PhoneNumber to = new PhoneNumber(flavor.address(request.recipient()));
        String service = channel.config().get("messagingServiceSid");
        boolean viaService = service != null && !service.isBlank();
        MessageCreator creator;
        switch (request.content()) {
            case MessageContent.Text text ->
                creator = viaService
                        ? new MessageCreator(to, service, text.body())
                        : new MessageCreator(to, from(channel), text.body());
            case MessageContent.Media media -> {
                // our own file: Twilio fetches it through a signed link on our public URL
                String link = media.fileKey() != null
                        ? blobs.publicUrl(channel.orgId(), media.fileKey(), MEDIA_LINK_TTL)
                                .orElse(null)
                        : media.url();
                if (link == null || !link.startsWith("http")) return null;
                var urls = java.util.List.of(URI.create(link));
                creator = viaService
                        ? new MessageCreator(to, service, urls)
                        : new MessageCreator(to, from(channel), urls);
                if (media.caption() != null) creator.setBody(media.caption());
            }
            case MessageContent.Template template -> {
                // Twilio's Content API: the template name is the content SID (HX...), parameters are {{1}}, {{2}} ...
                creator = viaService ? new MessageCreator(to, service, "") : new MessageCreator(to, from(channel), "");
                creator.setBody((String) null);
                creator.setContentSid(template.name());
                Map<String, String> variables = new LinkedHashMap<>();
                for (int i = 0; i < template.parameters().size(); i++) {
                    variables.put(String.valueOf(i + 1), template.parameters().get(i));
                }
                if (!variables.isEmpty()) creator.setContentVariables(json.writeValueAsString(variables));
            }
            case MessageContent.Interactive interactive -> {
                // no buttons over plain Twilio messages: numbered options the contact can answer with
                String body = interactive.body() + "\n"
                        + java.util.stream.IntStream.range(
                                        0, interactive.options().size())
                                .mapToObj(i -> (i + 1) + ". "
                                        + interactive.options().get(i).title())
                                .collect(Collectors.joining("\n"));
                creator = viaService
                        ? new MessageCreator(to, service, body)
                        : new MessageCreator(to, from(channel), body);
            }
            case MessageContent.Location location -> {
                String body = Arrays.stream(new String[] {location.name(), location.address()})
                                .filter(s -> s != null && !s.isBlank())
                                .collect(Collectors.joining(", "))
                        + " https://maps.google.com/?q=" + location.latitude() + "," + location.longitude();
                creator = viaService
                        ? new MessageCreator(to, service, body.trim())
                        : new MessageCreator(to, from(channel), body.trim());
            }
            case MessageContent.Reaction reaction -> {
                return null;
            }
            case MessageContent.InteractiveReply reply -> {
                return null;
            }
            case MessageContent.SharedContacts contacts -> {
                return null;
            }
            case MessageContent.Unsupported unsupported -> {
                return null;
            }
        }
        return creator;
    }

    private PhoneNumber from(ChannelConnection channel) {
        return new PhoneNumber(flavor.address(channel.require("from")));
    }

    private static Duration retryAfter(com.twilio.http.@Nullable Response response) {
        if (response == null || response.getHeaders() == null) return DEFAULT_RETRY;
        for (var header : response.getHeaders()) {
            if (header.getName().equalsIgnoreCase("Retry-After")) {
                try {
                    return Duration.ofSeconds(Math.max(
                            0, Math.min(3600, Long.parseLong(header.getValue().trim()))));
                } catch (NumberFormatException e) {
                    return DEFAULT_RETRY;
                }
            }
        }
        return DEFAULT_RETRY;
    }
}
