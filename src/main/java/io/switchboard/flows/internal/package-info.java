@NullMarked
package io.switchboard.flows.internal;

import org.jspecify.annotations.NullMarked;
