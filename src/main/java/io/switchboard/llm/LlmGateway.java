package io.switchboard.llm;

/**
 * Runs one chat request through an organisation's provider chain, in order, and always answers:
 * the built-in offline responder is the last link of every chain.
 */
public interface LlmGateway {

    ChatOutcome chat(ChatRequest request);
}
