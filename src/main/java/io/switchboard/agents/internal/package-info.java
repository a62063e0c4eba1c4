@NullMarked
package io.switchboard.agents.internal;

import org.jspecify.annotations.NullMarked;
