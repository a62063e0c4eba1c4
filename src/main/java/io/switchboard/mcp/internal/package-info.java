@NullMarked
package io.switchboard.mcp.internal;

import org.jspecify.annotations.NullMarked;
