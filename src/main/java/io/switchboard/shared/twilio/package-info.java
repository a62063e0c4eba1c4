/** Twilio SDK plumbing used by every module that talks to Twilio (channels, calls). */
@NullMarked
package io.switchboard.shared.twilio;

import org.jspecify.annotations.NullMarked;
