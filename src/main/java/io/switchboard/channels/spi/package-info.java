/** What a provider adapter implements; adapters live in their own sub-packages of channels. */
@NamedInterface("spi")
@NullMarked
package io.switchboard.channels.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
