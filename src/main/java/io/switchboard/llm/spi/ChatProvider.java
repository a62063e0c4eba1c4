package io.switchboard.llm.spi;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One model call. Blocking; the gateway runs it on a virtual thread and interrupts it when a deadline
 * passes, so implementations must give up promptly on interruption.
 */
public interface ChatProvider {

    /**
     * @param onToken receives text as it streams in; null asks for the whole answer at once
     * @throws ProviderException classified failures (auth, rate limit, server error, unreachable, timeout)
     */
    ProviderReply chat(ProviderRequest request, @Nullable Consumer<String> onToken);
}
