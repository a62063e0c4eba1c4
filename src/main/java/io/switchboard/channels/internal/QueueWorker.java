package io.switchboard.channels.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A loop on a virtual thread that drains a PostgreSQL queue: it goes again at once while batches
 * come back full and naps briefly when the queue is empty. Stops with the application.
 */
abstract class QueueWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    private static final Duration IDLE_NAP = Duration.ofMillis(50);

    private final String name;
    private final int loops;
    private volatile boolean running;
    private final java.util.List<Thread> threads = new java.util.ArrayList<>();

    /** {@code loops} loops claim concurrently; SKIP LOCKED keeps them (and other nodes) apart. */
    QueueWorker(String name, int loops) {
        this.name = name;
        this.loops = loops;
    }

    /** Does one unit of work; answers how many items it handled (0 = idle). */
    abstract int workOnce();

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < loops; i++) {
            threads.add(Thread.ofVirtual().name(name + "-" + i).start(this::loop));
        }
    }

    private void loop() {
        while (running) {
            try {
                if (workOnce() == 0) {
                    Thread.sleep(IDLE_NAP);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("{} failed, retrying shortly: {}", name, e.toString());
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop workers before the web server and the database pool. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
