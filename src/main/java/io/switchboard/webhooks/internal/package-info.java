@NullMarked
package io.switchboard.webhooks.internal;

import org.jspecify.annotations.NullMarked;
