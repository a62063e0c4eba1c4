package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.MediaFetches;

import io.switchboard.channels.spi.MediaFetch;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.MessageContent;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.storage.BlobStore;
import io.switchboard.storage.BlobTooLargeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fetches media providers hold for received messages and stores it with the {@link BlobStore}. The
 * message is already in the inbox; a failed fetch marks its media unavailable with the reason and is
 * tried again a few times (WhatsApp keeps media for 30 days), a later success clears the reason.
 */
@Component
class MediaFetcher extends QueueWorker {

    static final int BATCH = 10;
    static final int MAX_ATTEMPTS = 5;
    /** The largest media a provider delivers (WhatsApp documents). */
    static final long MAX_INBOUND_BYTES = 100L * 1024 * 1024;

    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final ChannelService channels;
    private final Conversations conversations;
    private final BlobStore blobs;
    private final Duration firstRetry;

    MediaFetcher(
            DSLContext db,
            ScopedTransactions tx,
            ChannelService channels,
            Conversations conversations,
            BlobStore blobs,
            @Value("${switchboard.media.first-retry:5s}") Duration firstRetry) {
        super("media-fetcher", 2);
        this.db = db;
        this.tx = tx;
        this.channels = channels;
        this.conversations = conversations;
        this.blobs = blobs;
        this.firstRetry = firstRetry;
    }

    record Claimed(long id, UUID orgId, UUID channelId, UUID messageId, int attempts) {}

    @Override
    int workOnce() {
        List<Claimed> batch = tx.asSystem(
                "media claim",
                () -> db.resultQuery("""
                        update media_fetches
                           set status = 'fetching', claimed_at = now(), attempts = attempts + 1
                         where id in (select id from media_fetches
                                       where status = 'pending' and next_attempt_at <= now()
                                       order by next_attempt_at, id
                                       limit ? for update skip locked)
                        returning id, org_id, channel_id, message_id, attempts
                        """, BATCH)
                        .fetch(r -> new Claimed(
                                r.get(0, Long.class),
                                r.get(1, UUID.class),
                                r.get(2, UUID.class),
                                r.get(3, UUID.class),
                                r.get(4, Integer.class))));
        batch.forEach(this::fetchOne);
        return batch.size();
    }

    private void fetchOne(Claimed row) {
        try {
            MediaFetch outcome = fetch(row);
            if (outcome == null) {
                done(row);
                return;
            }
            switch (outcome) {
                case MediaFetch.Fetched fetched -> store(row, fetched);
                case MediaFetch.Failed(String reason, boolean retryable) -> failed(row, reason, retryable);
            }
        } catch (RuntimeException e) {
            failed(row, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    /** What the provider answered; null when there is nothing left to do. */
    private @org.jspecify.annotations.Nullable MediaFetch fetch(Claimed row) {
        var channel = channels.load(row.channelId()).orElse(null);
        if (channel == null) {
            return new MediaFetch.Failed("the channel was removed", false);
        }
        var message = tx.asSystem("media message", () -> conversations.forDelivery(row.orgId(), row.messageId()));
        if (message.isEmpty() || !(message.get().content() instanceof MessageContent.Media media)) {
            return new MediaFetch.Failed("the message is gone", false);
        }
        if (media.fileKey() != null) {
            return null; // stored by an earlier attempt whose bookkeeping did not commit
        }
        return channel.factory().create(channel.connection()).fetchMedia(media);
    }

    private void store(Claimed row, MediaFetch.Fetched fetched) {
        var stored = (io.switchboard.storage.StoredBlob) null;
        try (var body = fetched.body()) {
            stored = blobs.put(
                    row.orgId(),
                    "media",
                    fetched.filename() == null ? "media" : fetched.filename(),
                    fetched.contentType(),
                    body,
                    MAX_INBOUND_BYTES);
        } catch (BlobTooLargeException e) {
            failed(row, "the media " + e.getMessage(), false);
            return;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            failed(row, "download broke off: " + e.getMessage(), true);
            return;
        }
        var file = stored;
        tx.asSystem("media stored", () -> {
            conversations.attachMedia(row.orgId(), row.messageId(), file);
            db.update(MediaFetches.T)
                    .set(MediaFetches.STATUS, "done")
                    .set(MediaFetches.LAST_ERROR, (String) null)
                    .where(MediaFetches.ID.eq(row.id()))
                    .execute();
        });
    }

    private void done(Claimed row) {
        tx.asSystem(
                "media done",
                () -> db.update(MediaFetches.T)
                        .set(MediaFetches.STATUS, "done")
                        .where(MediaFetches.ID.eq(row.id()))
                        .execute());
    }

    private void failed(Claimed row, String reason, boolean retryable) {
        boolean giveUp = !retryable || row.attempts() >= MAX_ATTEMPTS;
        if (giveUp) {
            log.info("Media of message {} is unavailable: {}", row.messageId(), reason);
        }
        Duration wait = firstRetry.multipliedBy((long) Math.pow(6, Math.max(0, row.attempts() - 1)));
        String shown = giveUp ? reason : reason + " (retrying)";
        tx.asSystem("media failed", () -> {
            conversations.markMediaUnavailable(row.orgId(), row.messageId(), shown);
            db.update(MediaFetches.T)
                    .set(MediaFetches.STATUS, giveUp ? "failed" : "pending")
                    .set(MediaFetches.NEXT_ATTEMPT_AT, Instant.now().plus(wait))
                    .set(MediaFetches.LAST_ERROR, reason)
                    .where(MediaFetches.ID.eq(row.id()))
                    .execute();
        });
    }

    /** A fetch whose node died is taken up again after the lease. */
    @Scheduled(fixedDelay = 30_000, initialDelay = 10_000)
    void releaseExpiredLeases() {
        tx.asSystem(
                "media lease recovery",
                () -> db.update(MediaFetches.T)
                        .set(MediaFetches.STATUS, "pending")
                        .where(
                                MediaFetches.STATUS.eq("fetching"),
                                MediaFetches.CLAIMED_AT.lt(Instant.now().minus(LEASE)))
                        .execute());
    }
}
