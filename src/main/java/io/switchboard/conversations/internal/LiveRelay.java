package io.switchboard.conversations.internal;

import io.switchboard.conversations.ConversationChanged;
import io.switchboard.conversations.LiveUpdate;
import io.switchboard.shared.db.AfterCommit;
import io.switchboard.shared.db.DatabaseServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns committed conversation changes into {@link LiveUpdate}s on every node. Local views get them
 * at once; a relay thread batches them into one {@code NOTIFY} every {@link #FLUSH_EVERY} (off the
 * committing transaction, so the message path never waits on the notification queue's lock); each
 * node listens on its own connection and republishes what other nodes sent.
 */
@Component
class LiveRelay implements SmartLifecycle {

    static final String CHANNEL = "switchboard_live";
    static final Duration FLUSH_EVERY = Duration.ofMillis(50);
    /** PostgreSQL caps a notification at 8000 bytes; stay well below. */
    private static final int MAX_PAYLOAD = 7000;

    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

    record Batch(String node, List<LiveUpdate> updates) {}

    private final String node = UUID.randomUUID().toString();
    private final LinkedBlockingQueue<LiveUpdate> outgoing = new LinkedBlockingQueue<>(100_000);
    private final ApplicationEventPublisher events;
    private final DatabaseServer database;
    private final JsonMapper json;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    LiveRelay(ApplicationEventPublisher events, DatabaseServer database, JsonMapper json) {
        this.events = events;
        this.database = database;
        this.json = json;
    }

    @EventListener
    void on(ConversationChanged change) {
        var update = new LiveUpdate(change.orgId(), change.conversationId(), change.change());
        AfterCommit.run(() -> {
            events.publishEvent(update);
            if (!outgoing.offer(update)) {
                log.debug("Live relay queue full; other nodes miss {}", update);
            }
        });
    }

    @Override
    public void start() {
        running = true;
        threads.add(Thread.ofVirtual().name("live-relay-notify").start(this::notifyLoop));
        threads.add(Thread.ofVirtual().name("live-relay-listen").start(this::listenLoop));
    }

    private void notifyLoop() {
        while (running) {
            try (Connection connection = connect()) {
                while (running) {
                    List<LiveUpdate> batch = new ArrayList<>();
                    LiveUpdate first = outgoing.poll(1, TimeUnit.SECONDS);
                    if (first == null) continue;
                    Thread.sleep(FLUSH_EVERY);
                    batch.add(first);
                    outgoing.drainTo(batch, 10_000);
                    for (String payload : payloads(batch)) {
                        try (var statement = connection.prepareStatement("select pg_notify(?, ?)")) {
                            statement.setString(1, CHANNEL);
                            statement.setString(2, payload);
                            statement.execute();
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                pauseAfter("notify", e);
            }
        }
    }

    /** Splits a batch into notifications under PostgreSQL's size limit. */
    List<String> payloads(List<LiveUpdate> updates) {
        List<String> payloads = new ArrayList<>();
        List<LiveUpdate> chunk = new ArrayList<>();
        for (LiveUpdate update : updates) {
            chunk.add(update);
            if (chunk.size() >= 40) { // ~110 bytes each
                payloads.add(json.writeValueAsString(new Batch(node, chunk)));
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) payloads.add(json.writeValueAsString(new Batch(node, chunk)));
        payloads.removeIf(p -> p.length() > MAX_PAYLOAD); // a change name is short; never happens in practice
        return payloads;
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection = connect()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) continue;
                    for (PGNotification notification : notifications) {
                        receive(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                pauseAfter("listen", e);
            }
        }
    }

    void receive(String payload) {
        Batch batch;
        try {
            batch = json.readValue(payload, Batch.class);
        } catch (RuntimeException e) {
            log.debug("Ignoring an unreadable live notification: {}", e.getMessage());
            return;
        }
        if (node.equals(batch.node())) return; // published locally already
        batch.updates().forEach(events::publishEvent);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.ownerUser(), database.ownerPassword());
    }

    private void pauseAfter(String what, Exception e) {
        if (!running) return;
        log.warn("Live relay {} connection lost ({}); retrying in 2 s", what, e.toString());
        try {
            Thread.sleep(Duration.ofSeconds(2));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
