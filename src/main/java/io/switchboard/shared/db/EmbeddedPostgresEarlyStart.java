package io.switchboard.shared.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded PostgreSQL on a background thread as soon as the configuration is known, so
 * the database boots while Spring builds the context (saves seconds of cold start). The data-dir
 * value is pinned in the environment so every later reader sees the same directory. Registered in
 * META-INF/spring.factories because it must run before the context exists.
 */
public final class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Map<Path, CompletableFuture<EmbeddedPostgresServer>> STARTING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> STARTING.values().forEach(f -> f.thenAccept(EmbeddedPostgresEarlyStart::closeQuietly)),
                        "embedded-postgres-unclaimed"));
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        var environment = event.getEnvironment();
        String url = environment.getProperty("switchboard.database.url", "");
        String dataDir = environment.getProperty("switchboard.data-dir");
        if (!url.isBlank() || dataDir == null || dataDir.isBlank()) {
            return;
        }
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("switchboardPinnedDataDir", Map.of("switchboard.data-dir", dataDir)));
        Path path = Path.of(dataDir).toAbsolutePath().normalize();
        STARTING.computeIfAbsent(
                path,
                p -> CompletableFuture.supplyAsync(
                        () -> new EmbeddedPostgresServer(p),
                        runnable -> Thread.ofPlatform()
                                .name("embedded-postgres-start")
                                .start(runnable)));
    }

    /** The server started early for this data dir, or a fresh start when there was none. */
    static EmbeddedPostgresServer claim(Path dataDir) {
        var future = STARTING.remove(dataDir.toAbsolutePath().normalize());
        return future == null ? new EmbeddedPostgresServer(dataDir) : future.join();
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // the JVM is going away
        }
    }
}
