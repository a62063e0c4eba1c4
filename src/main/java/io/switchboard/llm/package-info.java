/**
 * LLM providers per organisation behind one gateway: ordered chains with retry, fallback, cooldown,
 * deadlines and cost accounting, ending in the built-in offline responder that answers
 * extractively from the passages it is given. Entry point: {@link io.switchboard.llm.LlmGateway}.
 */
@ApplicationModule(displayName = "LLM gateway")
@NullMarked
package io.switchboard.llm;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
