@NullMarked
package io.switchboard.calls.internal;

import org.jspecify.annotations.NullMarked;
