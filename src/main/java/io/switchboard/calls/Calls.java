package io.switchboard.calls;

import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Voice calls of an organisation. Organisation ids are explicit (callers may be background workers or
 * the MCP server). Every placed call passes moderation, gets a credit hold and respects the plan's
 * concurrent-call and minutes-per-day limits (excess calls wait in a paced queue, they do not fail).
 *
 * <p>Expected refusals are values of {@link PlaceCallResult}, never exceptions; the HTTP API turns them
 * into Problem Details ({@link PlaceCallResult.Refused#toProblem()}).
 */
public interface Calls {

    /** Places (or schedules, or queues) a call; the same idempotency key answers the same call. */
    PlaceCallResult placeCall(UUID orgId, PlaceCallCommand command);

    Optional<CallView> get(UUID orgId, UUID callId);

    PageResponse<CallView> list(UUID orgId, CallFilter filter, PageQuery page);

    /** Stops a queued or live call; a finished call answers as it is. Empty when there is no such call. */
    Optional<CallView> stop(UUID orgId, UUID callId);

    /** Turns so far (live calls) or the whole transcript. Empty when there is no such call. */
    Optional<Transcript> transcript(UUID orgId, UUID callId);

    /**
     * Summary, outcome and extracted fields of a finished call; with {@code questions} also answers
     * them (Bland's analyze endpoint when the call went through Bland, else the LLM chain / offline rules).
     * Empty when there is no such call.
     */
    Optional<CallAnalysis> analyze(UUID orgId, UUID callId, List<String> questions);

    /** What a call of this length would hold and cost, and whether the balance covers it. */
    CostEstimate estimateCost(UUID orgId, int maxDurationMinutes);

    /** {@code bland} when BLAND_API_KEY is set, else {@code simulator}. */
    String mode();

    /** Filters of {@link #list}; null = any. */
    record CallFilter(
            @Nullable CallStatus status,
            @Nullable UUID contactId,
            @Nullable String phoneNumber,
            java.time.@Nullable Instant from,
            java.time.@Nullable Instant to) {
        public static final CallFilter ANY = new CallFilter(null, null, null, null, null);
    }
}
