package io.switchboard.calls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.calls.CallStatus;
import io.switchboard.calls.Transcript;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulator's plan and the offline analysis, without Spring. */
class CallSimulatorUnitTests {

    static CallRow call(String phone, Map<String, String> metadata, CallStatus status, String answeredBy) {
        return new CallRow(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                UUID.randomUUID(),
                null,
                null,
                null,
                phone,
                status,
                "simulator",
                null,
                "You sell Acme CRM. Acme CRM keeps every conversation in one place. Pricing starts at ten dollars per seat.",
                null,
                null,
                "en-US",
                1,
                1,
                null,
                false,
                metadata,
                null,
                null,
                null,
                null,
                95,
                answeredBy,
                null,
                5,
                null,
                null,
                null,
                "USD",
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                "k",
                Instant.now(),
                Instant.now());
    }

    @Test
    void thePlanIsTheSameEveryTimeAndFitsTheMaximumDuration() {
        var call = call("+14155550123", Map.of("topics", "pricing", "contact_name", "Asha"), CallStatus.QUEUED, null);
        var plan = CallSimulator.plan(call);
        assertThat(CallSimulator.plan(call)).isEqualTo(plan);
        assertThat(plan.durationSeconds()).isLessThanOrEqualTo(60);
        assertThat(plan.turns().getFirst().speaker()).isEqualTo("agent");
        assertThat(plan.turns()).extracting(VoiceProvider.TurnData::text).anyMatch(t -> t.contains("Pricing starts"));
        // step 1 answers with the first turn; the step after the last turn hangs up
        assertThat(CallSimulator.step(call, 1).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
        var last = CallSimulator.step(call, plan.turns().size() + 1).orElseThrow();
        assertThat(last.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(CallSimulator.step(call, plan.turns().size() + 2)).isEmpty();
    }

    @Test
    void numbersEndingInZeroOneTwoDoNotAnswerAreBusyOrReachVoicemail() {
        assertThat(CallSimulator.step(call("+14155550120", Map.of(), CallStatus.QUEUED, null), 1)
                        .orElseThrow()
                        .status())
                .isEqualTo(CallStatus.NO_ANSWER);
        assertThat(CallSimulator.step(call("+14155550121", Map.of(), CallStatus.QUEUED, null), 1)
                        .orElseThrow()
                        .status())
                .isEqualTo(CallStatus.BUSY);
        assertThat(CallSimulator.step(call("+14155550122", Map.of(), CallStatus.QUEUED, null), 1)
                        .orElseThrow()
                        .answeredBy())
                .isEqualTo("voicemail");
    }

    @Test
    void offlineAnalysisReadsTheContactsWords() {
        var turns = List.of(
                new Transcript.Turn(0, "agent", "Hi, this is Alex.", 0),
                new Transcript.Turn(1, "user", "Hi, who is this?", 2),
                new Transcript.Turn(2, "agent", "Acme CRM.", 4),
                new Transcript.Turn(
                        3, "user", "I'm busy right now, call me back tomorrow afternoon at meera@example.test", 6));
        var result = CallAnalyzer.offline(
                call("+14155550123", Map.of("contact_name", "Meera"), CallStatus.COMPLETED, "human"), turns);
        assertThat(result.outcome()).isEqualTo("callback");
        assertThat(result.fields())
                .containsEntry("email", "meera@example.test")
                .containsEntry("callbackTime", "tomorrow afternoon");
        assertThat(result.summary()).contains("Meera").contains("1:35");
        assertThat(CallAnalyzer.offline(call("+14155550123", Map.of(), CallStatus.COMPLETED, "voicemail"), turns)
                        .outcome())
                .isEqualTo("voicemail");
    }

    @Test
    void blandCallObjectsMapToStatuses() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(BlandProvider.snapshot(
                                json.readTree("{\"completed\":true,\"call_length\":0,\"transcripts\":[]}"), "USD")
                        .status())
                .isEqualTo(CallStatus.NO_ANSWER);
        assertThat(BlandProvider.snapshot(json.readTree("{\"completed\":true,\"error_message\":\"carrier\"}"), "USD")
                        .status())
                .isEqualTo(CallStatus.FAILED);
        assertThat(BlandProvider.snapshot(json.readTree("{\"queue_status\":\"queued\"}"), "USD")
                        .status())
                .isEqualTo(CallStatus.RINGING);
        var done = BlandProvider.snapshot(
                json.readTree("{\"completed\":true,\"call_length\":2,\"price\":0.18,\"answered_by\":\"human\","
                        + "\"transcripts\":[{\"text\":\"hi\",\"user\":\"assistant\"}]}"),
                "USD");
        assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(done.durationSeconds()).isEqualTo(120);
        assertThat(done.priceMinor()).isEqualTo(18);
        assertThat(BlandProvider.snapshot(json.readTree("{\"completed\":true,\"call_length\":2,\"price\":0.18}"), "EUR")
                        .priceMinor())
                .as("Bland prices in dollars are only used for USD credits")
                .isNull();
    }
}
