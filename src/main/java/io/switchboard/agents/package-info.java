/**
 * Agents: definitions (instructions, knowledge bases, LLM chain, intents, handoff rules, business
 * hours, tools), the reply pipeline that answers inbound messages on the channels they are attached
 * to, the playground, and the trace of every answer ({@code agent_runs}).
 */
@ApplicationModule(displayName = "Agents")
@NullMarked
package io.switchboard.agents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
