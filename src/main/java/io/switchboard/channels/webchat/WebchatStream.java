package io.switchboard.channels.webchat;

import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.Conversations.VisibleMessage;
import io.switchboard.conversations.LiveUpdate;
import io.switchboard.shared.db.ScopedTransactions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live replies for visitors: after a conversation change commits, the visitor watching that
 * conversation gets each new outbound message as a {@code message} event (the widget de-duplicates
 * by id). Changes committed on other nodes arrive the same way (relayed through LISTEN/NOTIFY).
 */
@Component
class WebchatStream implements org.springframework.context.SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebchatStream.class);
    /** Messages this much older than the subscription are assumed to be in the history the widget fetched. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    private final Map<UUID, Set<Subscriber>> byOrg = new ConcurrentHashMap<>();
    private final Conversations conversations;
    private final ContactDirectory contacts;
    private final ScopedTransactions tx;
    private final JsonMapper json;

    WebchatStream(Conversations conversations, ContactDirectory contacts, ScopedTransactions tx, JsonMapper json) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.tx = tx;
        this.json = json;
    }

    private static final class Subscriber {
        final UUID channelId;
        final String visitorId;
        final SseEmitter emitter;
        final VisitorMessage.Links links;
        final Instant since = Instant.now().minus(OVERLAP);
        final Set<UUID> sent = ConcurrentHashMap.newKeySet();
        volatile @Nullable UUID contactId;

        Subscriber(UUID channelId, String visitorId, SseEmitter emitter, VisitorMessage.Links links) {
            this.links = links;
            this.channelId = channelId;
            this.visitorId = visitorId;
            this.emitter = emitter;
        }
    }

    SseEmitter subscribe(UUID orgId, UUID channelId, String visitorId, VisitorMessage.Links links) {
        var emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
        var subscriber = new Subscriber(channelId, visitorId, emitter, links);
        byOrg.computeIfAbsent(orgId, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
        Runnable remove = () -> byOrg.getOrDefault(orgId, Set.of()).remove(subscriber);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        send(emitter, SseEmitter.event().name("ready").data("{}"));
        return emitter;
    }

    @EventListener
    void on(LiveUpdate change) {
        if (!"message".equals(change.change()) && !"delivery".equals(change.change())) return;
        var subscribers = byOrg.get(change.orgId());
        if (subscribers == null || subscribers.isEmpty()) return;
        // off the committing thread (a sender or the inbound worker): visitors must not slow them down
        Thread.ofVirtual().name("webchat-stream").start(() -> {
            try {
                push(change, subscribers);
            } catch (RuntimeException e) {
                log.warn("Could not push web chat messages of {}: {}", change.conversationId(), e.toString());
            }
        });
    }

    private void push(LiveUpdate change, Set<Subscriber> subscribers) {
        Instant oldest =
                subscribers.stream().map(s -> s.since).min(Instant::compareTo).orElse(Instant.now());
        List<VisibleMessage> messages = tx.inOrg(
                change.orgId(),
                () -> conversations.visibleMessagesSince(change.orgId(), change.conversationId(), oldest));
        var outbound =
                messages.stream().filter(m -> "outbound".equals(m.direction())).toList();
        if (outbound.isEmpty()) return;
        UUID channelId = outbound.getFirst().channelId();
        UUID contactId = outbound.getFirst().contactId();
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.channelId.equals(channelId) || !contactId.equals(contactOf(change.orgId(), subscriber))) {
                continue;
            }
            for (VisibleMessage message : outbound) {
                if (message.createdAt().isBefore(subscriber.since) || !subscriber.sent.add(message.id())) continue;
                send(
                        subscriber.emitter,
                        SseEmitter.event()
                                .name("message")
                                .id(message.id().toString())
                                .data(json.writeValueAsString(
                                        VisitorMessage.of(message, change.orgId(), subscriber.links))));
            }
        }
    }

    private @Nullable UUID contactOf(UUID orgId, Subscriber subscriber) {
        UUID known = subscriber.contactId;
        if (known == null) {
            known = tx.inOrg(orgId, () -> contacts.findByIdentity(orgId, subscriber.channelId, subscriber.visitorId))
                    .orElse(null);
            subscriber.contactId = known;
        }
        return known;
    }

    /**
     * Ends open streams before the web server's graceful shutdown starts, which would otherwise wait
     * for them; widgets reconnect (to another node, or this one once it is back).
     */
    @Override
    public void stop() {
        running = false;
        byOrg.values().forEach(set -> set.forEach(s -> s.emitter.complete()));
        byOrg.clear();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private volatile boolean running;

    /** Keeps proxies from closing idle streams and finds dead clients. */
    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        byOrg.values()
                .forEach(set ->
                        set.forEach(s -> send(s.emitter, SseEmitter.event().comment("keep-alive"))));
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (emitter) {
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropping a closed web chat stream: {}", e.getMessage());
            emitter.completeWithError(e);
        }
    }
}
