package io.switchboard.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL started in-process from the zonky binaries, with its data kept under the data dir so it
 * survives restarts. Writes {@code postgres.port} beside the data so tools (bench, psql) can find it.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "switchboard";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final DatabaseServer server;
    private final FileChannel lockChannel;
    private final FileLock lock;

    EmbeddedPostgresServer(Path dataDir) {
        try {
            Path pgData = dataDir.resolve("postgres").toAbsolutePath();
            Files.createDirectories(pgData);
            // Only one Switchboard may own a data dir. Holding the lock also proves that a postmaster
            // still running on it was left behind by a process that died (kill -9), so stopping it is safe.
            this.lockChannel = FileChannel.open(
                    dataDir.resolve("switchboard.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("Another Switchboard process is using the data directory "
                        + dataDir.toAbsolutePath() + "; stop it or set SWITCHBOARD_DATA_DIR to another directory");
            }
            stopLeftoverPostmaster(pgData);
            int port = choosePort(dataDir.resolve("postgres.port"));
            this.postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    // zonky's builder defaults to synchronous_commit=off (fine for tests, not for us): a
                    // webhook answered 200 or a credit posting must survive a power cut. A WAL flush costs
                    // ~0.12 ms on our disks and concurrent commits share it (group commit).
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            Files.writeString(dataDir.resolve("postgres.port"), Integer.toString(port));
            createDatabaseIfMissing();
            String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
            this.server = new DatabaseServer(url, "postgres", "", true);
            log.info("Embedded PostgreSQL listening on localhost:{} with data in {}", port, pgData);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    DatabaseServer server() {
        return server;
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE, e);
        }
    }

    /** Reuse the last port so a restart looks the same to tools; pick a free one otherwise. */
    private static int choosePort(Path portFile) throws IOException {
        Optional<Integer> previous = Files.exists(portFile)
                ? Optional.of(Integer.parseInt(Files.readString(portFile).trim()))
                : Optional.empty();
        if (previous.isPresent() && portIsFree(previous.get())) {
            return previous.get();
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** After a hard kill the old postmaster may still hold the data dir; stop it before starting. */
    private static void stopLeftoverPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            long pid = Long.parseLong(firstLine);
            ProcessHandle.of(pid)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(p -> {
                        log.warn("Stopping leftover PostgreSQL (pid {}) from an unclean shutdown", pid);
                        p.destroy();
                        p.onExit()
                                .orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                                .join();
                    });
        } catch (NumberFormatException e) {
            log.warn("Ignoring unreadable {}", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    static Map<String, String> describe(DatabaseServer server) {
        return Map.of("url", server.jdbcUrl(), "embedded", Boolean.toString(server.embedded()));
    }
}
