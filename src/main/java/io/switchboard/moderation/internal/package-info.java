@NullMarked
package io.switchboard.moderation.internal;

import org.jspecify.annotations.NullMarked;
