package io.switchboard.calls;

import java.util.List;
import java.util.UUID;

/**
 * The turns of a call, oldest first, and all of them as one text ({@code "agent: …\nuser: …"}).
 *
 * @param complete the call has ended and no more turns will come
 */
public record Transcript(UUID callId, CallStatus status, List<Turn> turns, String text, boolean complete) {

    /**
     * @param speaker {@code agent} or {@code user}
     * @param atSeconds seconds since the call was answered
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CallTurn")
    public record Turn(int index, String speaker, String text, double atSeconds) {}
}
