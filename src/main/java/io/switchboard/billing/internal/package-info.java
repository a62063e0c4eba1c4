@NullMarked
package io.switchboard.billing.internal;

import org.jspecify.annotations.NullMarked;
