/**
 * Checks text before it is acted on: inbound messages, generated replies and call prompts. Built-in
 * rules (blocked terms, prompt-injection markers, PII with optional masking) plus the OpenAI
 * moderation API when a key is set. Every decision is logged with its reason.
 */
@ApplicationModule(displayName = "Moderation")
@NullMarked
package io.switchboard.moderation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
