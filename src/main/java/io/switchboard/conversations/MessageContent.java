package io.switchboard.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a message carries, whatever the channel. Stored as JSON with a {@code type} discriminator. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MessageContent.Text.class, name = "text"),
    @JsonSubTypes.Type(value = MessageContent.Media.class, name = "media"),
    @JsonSubTypes.Type(value = MessageContent.Location.class, name = "location"),
    @JsonSubTypes.Type(value = MessageContent.Interactive.class, name = "interactive"),
    @JsonSubTypes.Type(value = MessageContent.InteractiveReply.class, name = "interactive_reply"),
    @JsonSubTypes.Type(value = MessageContent.Template.class, name = "template"),
    @JsonSubTypes.Type(value = MessageContent.Reaction.class, name = "reaction"),
    @JsonSubTypes.Type(value = MessageContent.SharedContacts.class, name = "contacts"),
    @JsonSubTypes.Type(value = MessageContent.Unsupported.class, name = "unsupported")
})
// the mapping repeats the names above so the OpenAPI document (and the generated client) uses them
@Schema(
        discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = "text", schema = MessageContent.Text.class),
            @DiscriminatorMapping(value = "media", schema = MessageContent.Media.class),
            @DiscriminatorMapping(value = "location", schema = MessageContent.Location.class),
            @DiscriminatorMapping(value = "interactive", schema = MessageContent.Interactive.class),
            @DiscriminatorMapping(value = "interactive_reply", schema = MessageContent.InteractiveReply.class),
            @DiscriminatorMapping(value = "template", schema = MessageContent.Template.class),
            @DiscriminatorMapping(value = "reaction", schema = MessageContent.Reaction.class),
            @DiscriminatorMapping(value = "contacts", schema = MessageContent.SharedContacts.class),
            @DiscriminatorMapping(value = "unsupported", schema = MessageContent.Unsupported.class)
        })
public sealed interface MessageContent {

    /** A source an answer rests on, as shown under the message in the widget and the inbox. */
    @Schema(name = "MessageCitation")
    record Citation(
            String title,
            @Nullable String section,
            @Nullable String url) {}

    /** Stable kind stored beside the JSON, for filters. */
    String kind();

    /** Plain text for previews and full-text search. */
    String searchableText();

    /**
     * @param citations where an agent's answer came from (knowledge base documents); empty for
     *     people's messages
     */
    record Text(
            String body,

            @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable
            List<Citation> citations) implements MessageContent {

        /** Never null once built (absent in JSON means none). */
        public Text {
            citations = citations == null ? List.of() : List.copyOf(citations);
        }

        public Text(String body) {
            this(body, List.of());
        }

        public String kind() {
            return "text";
        }

        public String searchableText() {
            return body;
        }
    }

    /**
     * Image, video, audio, document or sticker. {@code url} is where the provider holds it (WhatsApp's
     * {@code media:<id>}, a Twilio media URL) or a link given by a sender; {@code fileKey} is our stored
     * copy (served to the organisation through signed links). Received media without a file is being
     * fetched, or could not be: then {@code unavailable} says why.
     */
    record Media(
            String mediaType,
            @Nullable String url,
            @Nullable String mimeType,
            @Nullable String caption,
            @Nullable String filename,
            @Nullable String fileKey,
            @Nullable Long sizeBytes,
            @Nullable String unavailable)
            implements MessageContent {

        /** Media as a provider announces it, not stored yet. */
        public Media(
                String mediaType,
                @Nullable String url,
                @Nullable String mimeType,
                @Nullable String caption,
                @Nullable String filename) {
            this(mediaType, url, mimeType, caption, filename, null, null, null);
        }

        /** Our stored copy is in place (any earlier download error is cleared). */
        public Media withFile(String fileKey, long sizeBytes, String mimeType, @Nullable String filename) {
            return new Media(
                    mediaType,
                    url,
                    mimeType,
                    caption,
                    this.filename != null ? this.filename : filename,
                    fileKey,
                    sizeBytes,
                    null);
        }

        public Media withUnavailable(String reason) {
            return new Media(mediaType, url, mimeType, caption, filename, fileKey, sizeBytes, reason);
        }

        /** image, video, audio or document, as a MIME type suggests. */
        public static String typeOf(@Nullable String mimeType) {
            if (mimeType == null) return "document";
            if (mimeType.startsWith("image/") && !mimeType.equals("image/svg+xml")) return "image";
            if (mimeType.startsWith("video/")) return "video";
            if (mimeType.startsWith("audio/")) return "audio";
            return "document";
        }

        public String kind() {
            return "media";
        }

        public String searchableText() {
            return caption != null ? caption : "[" + mediaType + "]";
        }
    }

    record Location(
            double latitude,
            double longitude,
            @Nullable String name,
            @Nullable String address) implements MessageContent {
        public String kind() {
            return "location";
        }

        public String searchableText() {
            return "[location] " + (name == null ? "" : name) + " " + (address == null ? "" : address);
        }
    }

    /** Buttons (up to 3) or a list the contact can pick from. */
    record Interactive(
            String body, List<Option> options, @Nullable String listButton) implements MessageContent {
        public record Option(
                String id, String title, @Nullable String description) {}

        public String kind() {
            return "interactive";
        }

        public String searchableText() {
            return body;
        }
    }

    /** The contact pressed a button or picked a list row. */
    record InteractiveReply(String replyId, String title) implements MessageContent {
        public String kind() {
            return "interactive_reply";
        }

        public String searchableText() {
            return title;
        }
    }

    /** A pre-approved template (the only thing WhatsApp allows outside the 24-hour window). */
    record Template(String name, String language, List<String> parameters) implements MessageContent {
        public String kind() {
            return "template";
        }

        public String searchableText() {
            return "[template " + name + "] " + String.join(" ", parameters);
        }
    }

    record Reaction(String emoji, @Nullable String targetProviderMessageId) implements MessageContent {
        public String kind() {
            return "reaction";
        }

        public String searchableText() {
            return emoji;
        }
    }

    record SharedContacts(List<Card> contacts) implements MessageContent {
        public record Card(String name, List<String> phones) {}

        public String kind() {
            return "contacts";
        }

        public String searchableText() {
            return "[contacts] "
                    + String.join(", ", contacts.stream().map(Card::name).toList());
        }
    }

    /** Kept raw so nothing is lost; shown as "unsupported" in the inbox. */
    record Unsupported(String providerType, String raw) implements MessageContent {
        public String kind() {
            return "unsupported";
        }

        public String searchableText() {
            return "[unsupported " + providerType + "]";
        }
    }
}
