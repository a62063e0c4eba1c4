package io.switchboard.channels.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.channels.spi.WebhookRequest;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.web.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider webhooks. Verify the signature, commit the raw payload, answer 200; nothing else happens
 * on this path. Unknown, disabled or mis-signed calls store nothing and answer 404/401.
 */
@RestController
@Tag(name = "Webhooks")
@SecurityRequirements
class WebhookController {

    private final ChannelService channels;
    private final InboundInbox inbox;
    private final PublicUrls urls;

    WebhookController(ChannelService channels, InboundInbox inbox, PublicUrls urls) {
        this.channels = channels;
        this.inbox = inbox;
        this.urls = urls;
    }

    @GetMapping("/webhooks/{provider}/{channelId}")
    @Operation(summary = "Subscription handshake (Meta: answers hub.challenge when hub.verify_token matches)")
    ResponseEntity<String> handshake(
            @PathVariable String provider, @PathVariable UUID channelId, HttpServletRequest http) {
        var channel = enabledChannel(provider, channelId);
        return channel.factory()
                .create(channel.connection())
                .handshake(request(http, new byte[0]))
                .map(challenge ->
                        ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge))
                .orElseThrow(() -> ApiProblem.forbidden("The verify token does not match this channel"));
    }

    @PostMapping({"/webhooks/{provider}/{channelId}", "/webhooks/{provider}/{channelId}/status"})
    @Operation(
            summary = "Provider webhook: verified, stored durably, then acknowledged with 200",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(type = "string", format = "byte"))))
    ResponseEntity<Void> receive(@PathVariable String provider, @PathVariable UUID channelId, HttpServletRequest http)
            throws IOException {
        var channel = enabledChannel(provider, channelId);
        // the bytes exactly as sent: for form posts Spring would rebuild the body from parsed parameters
        // (mixing in the query string, and failing with a 500 on bad percent-encoding)
        byte[] raw = http.getInputStream().readAllBytes();
        var request = request(http, raw);
        if (!channel.factory().create(channel.connection()).verify(request)) {
            throw ApiProblem.unauthorized(
                    "invalid-signature", "The webhook signature does not match this channel's secret");
        }
        String contentType = http.getContentType() == null ? "application/octet-stream" : http.getContentType();
        inbox.store(channel.connection().orgId(), channelId, new String(raw, StandardCharsets.UTF_8), contentType);
        return ResponseEntity.ok().build();
    }

    private ChannelService.LoadedChannel enabledChannel(String provider, UUID channelId) {
        return channels.load(channelId)
                .filter(ChannelService.LoadedChannel::enabled)
                .filter(c -> c.factory().webhookPath().map(provider::equals).orElse(false))
                .orElseThrow(() -> ApiProblem.notFound("Channel " + channelId));
    }

    /** The URL the provider signed: the public URL when configured (we may sit behind a proxy). */
    private WebhookRequest request(HttpServletRequest http, byte[] body) {
        String query = http.getQueryString();
        String url = urls.base() + http.getRequestURI() + (query == null ? "" : "?" + query);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name, Collections.list(http.getHeaders(name)));
        }
        // query parameters only: a form body stays raw for the adapter (its signature covers the body)
        Map<String, String> params = new LinkedHashMap<>();
        org.springframework.web.util.UriComponentsBuilder.fromUriString(url)
                .build(true)
                .getQueryParams()
                .forEach((k, v) -> params.put(
                        java.net.URLDecoder.decode(k, StandardCharsets.UTF_8),
                        v.isEmpty() || v.getFirst() == null
                                ? ""
                                : java.net.URLDecoder.decode(v.getFirst(), StandardCharsets.UTF_8)));
        return new WebhookRequest(http.getMethod(), url, headers, params, body);
    }
}
