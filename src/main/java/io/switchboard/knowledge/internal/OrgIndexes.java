package io.switchboard.knowledge.internal;

import io.switchboard.shared.SwitchboardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The open Lucene index of each organisation, under {@code <data dir>/index/<orgId>}: one writer per
 * organisation, opened on first use and kept open. A directory that vanished under a running node is
 * noticed on the next use: the index is reopened empty and {@link IndexLost} asks for a rebuild.
 */
@Component
class OrgIndexes implements DisposableBean {

    /** The organisation's index was missing or unreadable and has been reset; rebuild it from PostgreSQL. */
    record IndexLost(UUID orgId) {}

    private static final Logger log = LoggerFactory.getLogger(OrgIndexes.class);

    private final Path root;
    private final ApplicationEventPublisher events;
    private final Map<UUID, LuceneIndex> open = new ConcurrentHashMap<>();

    OrgIndexes(SwitchboardProperties properties, ApplicationEventPublisher events) {
        this.root = properties.dataDir().resolve("index");
        this.events = events;
    }

    Path pathOf(UUID orgId) {
        return root.resolve(orgId.toString());
    }

    LuceneIndex get(UUID orgId) {
        LuceneIndex index = open.get(orgId);
        if (index != null && Files.isDirectory(index.path())) {
            return index;
        }
        boolean lost;
        synchronized (this) {
            index = open.get(orgId);
            if (index != null && Files.isDirectory(index.path())) {
                return index;
            }
            lost = index != null;
            if (index != null) {
                log.warn("Index directory of organisation {} disappeared; starting a rebuild", orgId);
                index.abandon();
                open.remove(orgId);
            }
            index = openIndex(orgId);
        }
        if (lost) {
            events.publishEvent(new IndexLost(orgId));
        }
        return index;
    }

    /** Whether the organisation's index is on disk and readable, without opening a writer. */
    boolean healthyOnDisk(UUID orgId) {
        return open.containsKey(orgId) ? Files.isDirectory(pathOf(orgId)) : LuceneIndex.healthy(pathOf(orgId));
    }

    /** Throws the organisation's index away and starts an empty one (before a full rebuild). */
    synchronized LuceneIndex reset(UUID orgId) {
        LuceneIndex index = open.remove(orgId);
        if (index != null) {
            index.abandon();
        }
        deleteRecursively(pathOf(orgId));
        return openIndex(orgId);
    }

    private LuceneIndex openIndex(UUID orgId) {
        Path path = pathOf(orgId);
        try {
            LuceneIndex index = new LuceneIndex(path);
            open.put(orgId, index);
            return index;
        } catch (IOException | RuntimeException e) {
            // a corrupt index that cannot even be opened: start over, the rows are in PostgreSQL
            log.warn("Index of organisation {} unreadable ({}); recreating it", orgId, e.toString());
            deleteRecursively(path);
            try {
                LuceneIndex index = new LuceneIndex(path);
                open.put(orgId, index);
                events.publishEvent(new IndexLost(orgId));
                return index;
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() {
        open.values().forEach(index -> {
            try {
                index.close();
            } catch (IOException | RuntimeException e) {
                log.warn("Closing an index failed: {}", e.toString());
            }
        });
        open.clear();
    }
}
