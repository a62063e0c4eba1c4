package io.switchboard.knowledge.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The knowledge module's one-thread background loop: runs a step while there is work, waits for a
 * wake-up (or a short timeout) when there is none, and retries after a pause when a step fails. Stopping
 * never interrupts the thread: an interrupted write closes Lucene's file channels and breaks the
 * writer, so the step in progress is let finish.
 */
final class WorkerLoop {

    /** One round of work; answers whether there was any (false: wait for a wake-up). */
    @FunctionalInterface
    interface Step {
        boolean run() throws InterruptedException;
    }

    private final String threadName;
    private final String what;
    private final Logger log;
    private final Duration idleWait;
    private final Duration retryPause;
    private final Step step;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private @Nullable Thread thread;

    /**
     * @param what names the loop in the warning logged when a step fails
     * @param idleWait how long to wait for a wake-up before looking for work again
     * @param retryPause how long to pause after a failed step
     */
    WorkerLoop(String threadName, String what, Logger log, Duration idleWait, Duration retryPause, Step step) {
        this.threadName = threadName;
        this.what = what;
        this.log = log;
        this.idleWait = idleWait;
        this.retryPause = retryPause;
        this.step = step;
    }

    /** There may be new work: end the idle wait now. */
    void wake() {
        signal.release();
    }

    void start() {
        running = true;
        thread = Thread.ofVirtual().name(threadName).start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                if (!step.run()) {
                    signal.tryAcquire(idleWait.toNanos(), TimeUnit.NANOSECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("{} loop failed, retrying shortly: {}", what, e.toString());
                try {
                    Thread.sleep(retryPause);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Lets the current step finish (up to 10 seconds) and ends the loop; no interrupt, see above. */
    void stop() {
        running = false;
        Thread worker = thread;
        if (worker != null) {
            signal.release();
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isRunning() {
        return running;
    }
}
