package io.switchboard.channels;

import java.util.UUID;

/**
 * Lets the channels module check an agent id it is given without depending on the agents module
 * (which depends on channels): the agents module implements it.
 */
public interface AgentReferences {

    boolean exists(UUID orgId, UUID agentId);
}
