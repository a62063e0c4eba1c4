@NullMarked
package io.switchboard.analytics.internal;

import org.jspecify.annotations.NullMarked;
