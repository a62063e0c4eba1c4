package io.switchboard.conversations.internal;

import io.switchboard.conversations.LiveUpdate;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the live inbox: each committed change is pushed to the organisation's
 * open dashboards, which then refetch what they show. {@link LiveRelay} brings the changes made on
 * other nodes.
 */
@Component
class InboxStream {

    private static final Logger log = LoggerFactory.getLogger(InboxStream.class);
    private final Map<UUID, Set<SseEmitter>> byOrg = new ConcurrentHashMap<>();

    SseEmitter subscribe(UUID orgId) {
        var emitter = new SseEmitter(Duration.ofHours(1).toMillis());
        byOrg.computeIfAbsent(orgId, id -> ConcurrentHashMap.newKeySet()).add(emitter);
        Runnable remove = () -> byOrg.getOrDefault(orgId, Set.of()).remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        send(emitter, SseEmitter.event().name("ready").data("{}"));
        return emitter;
    }

    @EventListener
    void on(LiveUpdate change) {
        var emitters = byOrg.get(change.orgId());
        if (emitters == null || emitters.isEmpty()) {
            return;
        }
        String data = "{\"conversationId\":\"" + change.conversationId() + "\",\"change\":\"" + change.change() + "\"}";
        for (var emitter : emitters) {
            send(emitter, SseEmitter.event().name("conversation").data(data));
        }
    }

    /**
     * Ends every open stream when the application shuts down (before the web server's graceful
     * shutdown, which would otherwise wait its whole timeout for these never-ending requests);
     * dashboards reconnect to another node or after the restart.
     */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        byOrg.values().forEach(set -> set.forEach(SseEmitter::complete));
        byOrg.clear();
    }

    /** Keeps proxies from closing idle streams and finds dead clients. */
    @Scheduled(fixedDelay = 25_000)
    void heartbeat() {
        byOrg.values()
                .forEach(set ->
                        set.forEach(emitter -> send(emitter, SseEmitter.event().comment("keep-alive"))));
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropping a closed inbox stream: {}", e.getMessage());
            emitter.completeWithError(e);
        }
    }
}
