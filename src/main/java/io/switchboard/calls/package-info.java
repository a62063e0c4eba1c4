/**
 * AI voice calls (Bland AI or the built-in simulator), transcripts, recordings, sales scripts and the
 * call log. Other modules (the MCP server) place and read calls through {@link
 * io.switchboard.calls.Calls} and generate scripts through {@link io.switchboard.calls.SalesScripts};
 * both gate every dial with moderation, a credit hold and the plan's call limits.
 */
@ApplicationModule(displayName = "Calls")
@NullMarked
package io.switchboard.calls;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
