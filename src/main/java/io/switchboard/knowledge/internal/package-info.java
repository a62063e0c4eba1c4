@NullMarked
package io.switchboard.knowledge.internal;

import org.jspecify.annotations.NullMarked;
