package io.switchboard.channels.webchat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.channels.ChannelEndpoints;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.ratelimit.RateLimiter;
import io.switchboard.shared.web.PublicUrls;
import io.switchboard.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The widget's public API. No user credentials here: {@code /config} is public, {@code /sessions}
 * hands out a visitor token, everything else needs that token. Which sites may call it is checked
 * per channel by {@link WebchatCorsFilter}; an unknown or disabled channel answers 404.
 */
@RestController
@RequestMapping("/api/v1/webchat/{publicId}")
@Tag(name = "Web chat widget", description = "Public API of the embeddable chat widget, with visitor tokens")
@SecurityRequirements
class WebchatController {

    static final int MAX_TEXT = 4096;
    private static final java.util.regex.Pattern HEX_HASH = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    private final ChannelEndpoints channels;
    private final VisitorTokens tokens;
    private final ContactDirectory contacts;
    private final Conversations conversations;
    private final WebchatStream stream;
    private final ScopedTransactions tx;
    private final RateLimiter limits;
    private final JsonMapper json;
    private final BlobStore blobs;
    private final PublicUrls urls;

    WebchatController(
            ChannelEndpoints channels,
            VisitorTokens tokens,
            ContactDirectory contacts,
            Conversations conversations,
            WebchatStream stream,
            ScopedTransactions tx,
            RateLimiter limits,
            JsonMapper json,
            BlobStore blobs,
            PublicUrls urls) {
        this.blobs = blobs;
        this.urls = urls;
        this.channels = channels;
        this.tokens = tokens;
        this.contacts = contacts;
        this.conversations = conversations;
        this.stream = stream;
        this.tx = tx;
        this.limits = limits;
        this.json = json;
    }

    record WidgetConfig(
            String themeColor,
            String greeting,

            @Schema(description = "bottom-right or bottom-left")
            String position,

            @Schema(description = "fields to ask before the chat starts: name, email, phone")
            List<String> preChatFields,

            @Schema(description = "true when the site must pass userId and userHash to identify its users")
            boolean identityVerification) {}

    record SessionRequest(
            @Nullable
            @Size(max = 64)
            @Schema(description = "resume this visitor: only together with its current visitor token")
            String visitorId,

            @Nullable @Size(max = 100) String name,
            @Nullable @Email @Size(max = 254) String email,

            @Nullable @Pattern(regexp = "\\+?[0-9 ().-]{6,25}", message = "must be a phone number")
            String phone,

            @Nullable
            @Size(max = 128)
            @Pattern(regexp = "[A-Za-z0-9._@:+-]+", message = "may only contain letters, digits and . _ @ : + -")
            @Schema(description = "the site's own user id (identity verification)")
            String userId,

            @Nullable @Size(max = 128) @Schema(description = "hex HMAC-SHA256(userId, identitySecret)")
            String userHash) {}

    record VisitorSession(
            @Schema(description = "the visitor's identity on this channel (user:<userId> when verified)")
            String visitorId,

            @Schema(description = "send as Authorization: Bearer (or ?token= on /stream)")
            String visitorToken,

            Instant expiresAt) {}

    record VisitorMessageRequest(
            @NotBlank @Size(max = MAX_TEXT) String text) {}

    record MessageAccepted(String id) {}

    @GetMapping("/config")
    @Operation(summary = "Widget look and pre-chat fields of an enabled web chat channel")
    WidgetConfig config(@PathVariable String publicId, HttpServletRequest request) {
        var settings = WebchatSettings.of(channel(publicId, request));
        return new WidgetConfig(
                settings.themeColor(),
                settings.greeting(),
                settings.position(),
                settings.preChatFields(),
                settings.identitySecret() != null);
    }

    @PostMapping("/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Start or resume a visitor session; answers the visitor token (30 days)",
            description = "A new visitor gets a random visitorId. With identity verification enabled, userId plus"
                    + " userHash = hex HMAC-SHA256(userId, identitySecret) makes the visitor user:<userId> on every"
                    + " device; a wrong hash answers 401.")
    VisitorSession session(
            @PathVariable String publicId, @Valid @RequestBody SessionRequest body, HttpServletRequest request) {
        ChannelConnection channel = channel(publicId, request);
        var settings = WebchatSettings.of(channel);
        limits.consume(
                "webchat-session:" + channel.id() + ":" + request.getRemoteAddr(),
                30,
                Duration.ofMinutes(1),
                "Too many chat sessions from this address; try again shortly");
        var current = bearer(request).flatMap(t -> tokens.verify(t, channel.id()));
        String visitorId;
        if (body.userId() != null && settings.identitySecret() != null) {
            if (body.userHash() == null || body.userHash().isBlank()) {
                throw ApiProblem.invalidField("userHash", "is required with userId (identity verification is on)");
            }
            if (!verifiedHash(body.userId(), body.userHash(), settings.identitySecret())) {
                throw ApiProblem.unauthorized(
                        "invalid-user-hash", "userHash is not the HMAC-SHA256 of userId with this channel's secret");
            }
            visitorId = "user:" + body.userId();
        } else if (body.visitorId() != null) {
            if (current.isEmpty() || !current.get().visitorId().equals(body.visitorId())) {
                throw ApiProblem.unauthorized(
                        "invalid-visitor-token", "A visitorId can only be resumed with its current visitor token");
            }
            visitorId = body.visitorId();
        } else if (current.isPresent()) {
            visitorId = current.get().visitorId();
        } else {
            visitorId = "v_" + randomId();
        }
        boolean resumed = current.isPresent() && current.get().visitorId().equals(visitorId);
        String name = firstNonBlank(body.name(), resumed ? current.get().name() : null);
        String email = firstNonBlank(body.email(), resumed ? current.get().email() : null);
        String phone = firstNonBlank(body.phone(), resumed ? current.get().phone() : null);
        for (String field : settings.preChatFields()) {
            String value = switch (field) {
                case "name" -> name;
                case "email" -> email;
                default -> phone;
            };
            if (value == null) {
                throw ApiProblem.invalidField(field, "is required by this chat before it starts");
            }
        }
        var issued = tokens.issue(new VisitorTokens.Visitor(channel.id(), visitorId, name, email, phone));
        return new VisitorSession(visitorId, issued.token(), issued.expiresAt());
    }

    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "The visitor writes: stored durably like a provider webhook, then processed into the inbox"
                    + " (Authorization: Bearer <visitor token>)")
    MessageAccepted send(
            @PathVariable String publicId, @Valid @RequestBody VisitorMessageRequest body, HttpServletRequest request) {
        ChannelConnection channel = channel(publicId, request);
        var visitor = visitor(channel, request, null);
        limits.consume(
                "webchat-message:" + channel.id() + ":" + visitor.visitorId(),
                30,
                Duration.ofMinutes(1),
                "You are sending messages too fast; wait a moment");
        String id = "wc-" + UUID.randomUUID();
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", "message");
        payload.put("id", id);
        payload.put("from", visitor.visitorId());
        payload.put("name", visitor.name());
        payload.put("email", visitor.email());
        payload.put("phone", visitor.phone());
        payload.put("text", body.text());
        payload.put("at", Instant.now().toString());
        channels.storeInbound(channel, json.writeValueAsString(payload), "application/json");
        return new MessageAccepted(id);
    }

    @GetMapping("/messages")
    @Operation(
            summary = "The visitor's conversation, oldest first, without internal notes"
                    + " (Authorization: Bearer <visitor token>)")
    PageResponse<VisitorMessage> messages(
            @PathVariable String publicId, @ParameterObject @Valid PageQuery page, HttpServletRequest request) {
        ChannelConnection channel = channel(publicId, request);
        var visitor = visitor(channel, request, null);
        return tx.inOrg(
                channel.orgId(),
                () -> contacts.findByIdentity(channel.orgId(), channel.id(), visitor.visitorId())
                        .map(contactId -> conversations
                                .visibleMessages(channel.orgId(), channel.id(), contactId, page)
                                .map(m -> VisitorMessage.of(m, channel.orgId(), links(urls.base()))))
                        .orElseGet(() -> PageResponse.of(List.of(), page, 0)));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Live replies: server-sent `message` events (a WebchatMessage) for the visitor's conversation;"
                    + " the token as ?token= (EventSource cannot send headers) or Authorization: Bearer")
    SseEmitter stream(
            @PathVariable String publicId,
            @Parameter(description = "the visitor token") @RequestParam(required = false) @Nullable String token,
            HttpServletRequest request) {
        ChannelConnection channel = channel(publicId, request);
        var visitor = visitor(channel, request, token);
        return stream.subscribe(channel.orgId(), channel.id(), visitor.visitorId(), links(urls.base()));
    }

    // ---- helpers

    /** Absolute links: the widget runs on another site. */
    private VisitorMessage.Links links(String base) {
        return (orgId, fileKey) -> base + blobs.signedUrl(orgId, fileKey, java.time.Duration.ofHours(1));
    }

    private ChannelConnection channel(String publicId, HttpServletRequest request) {
        if (request.getAttribute(WebchatCorsFilter.CHANNEL_ATTRIBUTE) instanceof ChannelConnection c
                && c.publicId().equals(publicId)) {
            return c;
        }
        return channels.enabledByPublicId(WebchatChannelFactory.TYPE, publicId)
                .orElseThrow(() -> ApiProblem.notFound("Web chat channel " + publicId));
    }

    private VisitorTokens.Visitor visitor(
            ChannelConnection channel, HttpServletRequest request, @Nullable String query) {
        var token =
                bearer(request).or(() -> java.util.Optional.ofNullable(query).filter(t -> !t.isBlank()));
        if (token.isEmpty()) {
            throw ApiProblem.unauthorized(
                    "visitor-token-required",
                    "Send the visitor token from POST /sessions: Authorization: Bearer <token>");
        }
        return tokens.verify(token.get(), channel.id())
                .orElseThrow(() -> ApiProblem.unauthorized(
                        "invalid-visitor-token", "The visitor token is invalid, expired or for another channel"));
    }

    private static java.util.Optional<String> bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return java.util.Optional.empty();
        String token = header.substring(7).trim();
        return token.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(token);
    }

    /** Constant-time comparison of the site's hash with ours. */
    static boolean verifiedHash(String userId, String userHash, String secret) {
        if (!HEX_HASH.matcher(userHash.trim()).matches()) return false;
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            byte[] given = HexFormat.of().parseHex(userHash.trim().toLowerCase(Locale.ROOT));
            return MessageDigest.isEqual(expected, given);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
        if (a != null && !a.isBlank()) return a.trim();
        if (b != null && !b.isBlank()) return b.trim();
        return null;
    }
}
