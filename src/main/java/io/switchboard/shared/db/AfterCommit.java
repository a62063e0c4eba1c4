package io.switchboard.shared.db;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a transient side effect (a live push to a browser) once the current transaction commits, or
 * at once outside a transaction. Unlike {@code @TransactionalEventListener}, nothing is recorded in
 * Modulith's event publication registry: a missed push is harmless, a durable row per message is not.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
