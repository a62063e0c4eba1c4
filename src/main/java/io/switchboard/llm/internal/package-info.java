@NullMarked
package io.switchboard.llm.internal;

import org.jspecify.annotations.NullMarked;
