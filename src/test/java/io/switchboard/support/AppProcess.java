package io.switchboard.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The application as a real operating-system process, so a test can kill it with SIGKILL (kill -9)
 * the way a power cut or the OOM killer would, and start it again on the same data dir.
 */
public final class AppProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    public AppProcess(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.extraArgs = extraArgs;
    }

    public int port() {
        return port;
    }

    public void start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-cp",
                classpath,
                "io.switchboard.SwitchboardApplication",
                "--server.port=" + port,
                "--switchboard.data-dir=" + dataDir));
        command.addAll(extraArgs);
        Path log = dataDir.resolve("app-" + Instant.now().toEpochMilli() + ".log");
        Files.createDirectories(dataDir);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitHealthy(log);
    }

    /** SIGKILL: no shutdown hooks, no graceful stop; the embedded PostgreSQL is left running. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitHealthy(Path log) throws InterruptedException, IOException {
        var client = HttpClient.newHttpClient();
        // generous: on a loaded 2-core machine a cold start with initdb can take minutes
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("application exited during start:\n" + Files.readString(log));
            }
            try {
                var response = client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("application did not become healthy:\n" + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
