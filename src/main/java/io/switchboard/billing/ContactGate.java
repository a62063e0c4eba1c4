package io.switchboard.billing;

/**
 * What the contact's plan says about one inbound message, asked before the agent spends an LLM call
 * on it ({@link ContactPlans#admit}). Every variant but {@link Proceed} carries the reply to send
 * instead of an answer.
 */
public sealed interface ContactGate {

    /** The agent may answer; the reply was counted against the contact's plan (once per message). */
    record Proceed() implements ContactGate {}

    /**
     * The contact writes faster than their plan's messages-per-minute limit.
     *
     * @param reply a polite "slow down" message, or null when one was already sent in this minute (stay silent)
     */
    record Throttled(@org.jspecify.annotations.Nullable String reply) implements ContactGate {}

    /** The contact used the replies of their plan (or of the free allowance): how to upgrade. */
    record QuotaReached(String reply) implements ContactGate {}

    /**
     * The contact asked to upgrade or subscribe: the plans and how to buy one (a Checkout link in
     * stripe mode).
     *
     * @param handOff true in manual mode: a person must switch the plan, so the conversation goes to the team
     */
    record UpgradeRequested(String reply, boolean handOff) implements ContactGate {}
}
