package io.switchboard.llm;

import java.util.UUID;

/** The providers an organisation may put in a chain: its own and the server's environment ones. */
public interface LlmProviders {

    boolean exists(UUID orgId, UUID providerId);
}
