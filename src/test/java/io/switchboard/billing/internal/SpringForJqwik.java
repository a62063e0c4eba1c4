package io.switchboard.billing.internal;

import io.switchboard.support.IntegrationTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;

/**
 * jqwik runs outside Spring's JUnit extension, so property classes get their beans through Spring's
 * TestContextManager: same configuration as every {@link IntegrationTest}, so the cached context (and its
 * database) is shared with them.
 */
final class SpringForJqwik {

    static final class Holder extends IntegrationTest {}

    private static volatile ApplicationContext context;

    private SpringForJqwik() {}

    static synchronized ApplicationContext context() {
        if (context == null) {
            try {
                var manager = new TestContextManager(Holder.class);
                manager.prepareTestInstance(new Holder());
                context = manager.getTestContext().getApplicationContext();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return context;
    }
}
