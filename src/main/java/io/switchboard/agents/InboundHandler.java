package io.switchboard.agents;

import io.switchboard.conversations.MessageReceived;

/**
 * Something that may answer an inbound message before the agent does (a running or triggered flow).
 * The agent's replier offers every committed inbound message to the handlers, in order, also on
 * channels without an agent; the first that answers {@link Handled#HANDLED} owns the message and the
 * agent stays silent. Implementations must be idempotent per message id (events may be redelivered)
 * and must not throw: a failure answers {@link Handled#PASSED} so the agent can still answer.
 */
public interface InboundHandler {

    Handled handle(MessageReceived event);

    enum Handled {
        /** The handler answered (or deliberately stayed silent): the agent does nothing. */
        HANDLED,
        /** Not for this handler: the next handler, then the agent, gets the message. */
        PASSED
    }
}
