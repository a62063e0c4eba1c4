package io.switchboard.calls.internal;

import io.switchboard.calls.CallStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Places and follows calls at one provider (Bland AI or the simulator). */
interface VoiceProvider {

    String id();

    /** Asks the provider to dial; never retried blindly, since a provider may have dialled already. */
    DialResult dial(CallRow call, @Nullable String webhookUrl);

    /** Asks the provider to hang up. */
    void stop(CallRow call);

    /** The provider's view of the call, for polling; empty when the provider does not know it (yet). */
    Optional<Snapshot> fetch(CallRow call);

    /** Answers to questions about a finished call, when the provider can answer them. */
    Optional<List<String>> analyze(CallRow call, String goal, List<String> questions);

    sealed interface DialResult {
        record Dialed(String providerCallId) implements DialResult {}

        record Failed(String reason) implements DialResult {}

        /** The provider refused for now (rate limit) and did not dial: try again later. */
        record RetryLater(Duration after, String reason) implements DialResult {}
    }

    /**
     * What the provider says about a call: every field that is known; turns are all turns so far.
     *
     * @param priceMinor the provider's price in minor units of the credit currency, when known
     */
    record Snapshot(
            CallStatus status,
            List<TurnData> turns,
            @Nullable Integer durationSeconds,
            @Nullable String answeredBy,
            @Nullable Long priceMinor,
            @Nullable String recordingUrl,
            @Nullable String endedReason,
            @Nullable String summary) {}

    record TurnData(String speaker, String text, double atSeconds) {}
}
