package io.switchboard.calls;

import java.util.UUID;

/** A call moved to another status (ringing, in-progress, ...), for live views. */
public record CallStatusChanged(UUID orgId, UUID callId, CallStatus status) {}
