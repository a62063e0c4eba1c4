package io.switchboard.channels;

import java.util.function.Supplier;

/**
 * A pace a sender asks for on top of the channel's own cap: messages queued inside {@link #with} carry
 * it into the channel's outbound queue, and the sender never hands more than {@code ratePerSecond} of
 * them per second to the provider (a campaign's send rate, shared across nodes by its key).
 */
public record OutboundPace(String key, double ratePerSecond) {

    static final ScopedValue<OutboundPace> CURRENT = ScopedValue.newInstance();

    public <T> T with(Supplier<T> work) {
        return ScopedValue.where(CURRENT, this).call(work::get);
    }

    /** The pace of the current send, if one was asked for (read by the channel's queue). */
    public static java.util.Optional<OutboundPace> current() {
        return CURRENT.isBound() ? java.util.Optional.of(CURRENT.get()) : java.util.Optional.empty();
    }
}
