/**
 * What an LLM provider implements: a long-lived {@link io.switchboard.llm.spi.ChatProviderFactory}
 * per provider type that creates short-lived {@link io.switchboard.llm.spi.ChatProvider}s bound to
 * one organisation's provider config. Deadlines, retries, fallback and accounting are the gateway's
 * job, not the provider's.
 */
@NamedInterface("spi")
@NullMarked
package io.switchboard.llm.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
