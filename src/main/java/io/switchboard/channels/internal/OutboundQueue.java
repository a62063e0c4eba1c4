package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.Outbound;

import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.MessageContent;
import io.switchboard.conversations.OutboundMessageRequested;
import io.switchboard.shared.ApiProblem;
import io.switchboard.storage.BlobStore;
import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a reply into a queue row inside the transaction that stored the reply, after checking the
 * channel can carry it (enabled, an address for the contact, WhatsApp's 24-hour window).
 */
@Component
class OutboundQueue {

    private final DSLContext db;
    private final ChannelService channels;
    private final ContactDirectory contacts;
    private final BlobStore blobs;

    OutboundQueue(DSLContext db, ChannelService channels, ContactDirectory contacts, BlobStore blobs) {
        this.db = db;
        this.channels = channels;
        this.contacts = contacts;
        this.blobs = blobs;
    }

    @EventListener
    void on(OutboundMessageRequested request) {
        var channel = channels.load(request.channelId())
                .orElseThrow(() -> ApiProblem.notFound("Channel " + request.channelId()));
        if (!channel.enabled()) {
            throw ApiProblem.conflict(
                    "channel-disabled", "The channel " + request.channelId() + " is disabled; enable it to send");
        }
        channel.factory().customerServiceWindow().ifPresent(window -> {
            boolean open = request.lastInboundAt() != null
                    && request.lastInboundAt().plus(window).isAfter(Instant.now());
            if (!open && !(request.content() instanceof MessageContent.Template)) {
                throw ApiProblem.conflict(
                        "outside-customer-service-window",
                        "The contact last wrote more than " + window.toHours()
                                + " hours ago: only an approved template may be sent now");
            }
        });
        if (request.content() instanceof MessageContent.Media media && media.fileKey() != null) {
            // the stored file decides, not what the request claims about it
            var file = blobs.find(request.orgId(), media.fileKey())
                    .orElseThrow(() -> ApiProblem.invalidField("file", "is not a file of this organisation"));
            var refusal = channel.factory().checkMedia(file.contentType(), file.size());
            if (refusal.isPresent()) throw refusal.get();
        }
        String recipient = contacts.identityOn(request.orgId(), request.contactId(), request.channelId())
                .or(() -> contacts.find(request.orgId(), request.contactId()).map(c -> c.phone()))
                .orElseThrow(() -> ApiProblem.conflict(
                        "no-address", "The contact has no address on this channel (no phone number or identity)"));
        var pace = io.switchboard.channels.OutboundPace.current();
        db.insertInto(Outbound.T)
                .set(Outbound.ORG_ID, request.orgId())
                .set(Outbound.CHANNEL_ID, request.channelId())
                .set(Outbound.MESSAGE_ID, request.messageId())
                .set(Outbound.RECIPIENT, recipient)
                .set(Outbound.PACE_KEY, pace.map(p -> p.key()).orElse(null))
                .set(Outbound.PACE_RATE, pace.map(p -> p.ratePerSecond()).orElse(null))
                .execute();
    }
}
