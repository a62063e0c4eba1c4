package io.switchboard.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessHoursAndHandoffUnitTests {

    private static final AgentSettings.BusinessHours WEEKDAYS = new AgentSettings.BusinessHours(
            "America/New_York",
            List.of(
                    new AgentSettings.BusinessHours.Range("mon", "09:00", "17:00"),
                    new AgentSettings.BusinessHours.Range("fri", "09:00", "17:00"),
                    new AgentSettings.BusinessHours.Range("sat", "22:00", "02:00")));

    @Test
    void openInsideTheRangesInTheAgentsTimeZone() {
        // Monday 2026-11-23 14:00 UTC = 09:00 New York: open
        assertThat(BusinessHoursCheck.open(WEEKDAYS, Instant.parse("2026-11-23T14:00:00Z")))
                .isTrue();
        // Monday 13:59 UTC = 08:59 New York: closed
        assertThat(BusinessHoursCheck.open(WEEKDAYS, Instant.parse("2026-11-23T13:59:00Z")))
                .isFalse();
        // Monday 22:00 UTC = 17:00 New York: the end is exclusive
        assertThat(BusinessHoursCheck.open(WEEKDAYS, Instant.parse("2026-11-23T22:00:00Z")))
                .isFalse();
        // Tuesday: no range
        assertThat(BusinessHoursCheck.open(WEEKDAYS, Instant.parse("2026-11-24T15:00:00Z")))
                .isFalse();
    }

    @Test
    void aRangeCrossingMidnightCoversTheNextMorning() {
        // Saturday 23:30 New York
        assertThat(BusinessHoursCheck.open(WEEKDAYS, Instant.parse("2026-11-29T04:30:00Z")))
                .isTrue();
        // Sunday 01:30 New York
        assertThat(BusinessHoursCheck.open(WEEKDAYS, Instant.parse("2026-11-29T06:30:00Z")))
                .isTrue();
        // Sunday 02:30 New York
        assertThat(BusinessHoursCheck.open(WEEKDAYS, Instant.parse("2026-11-29T07:30:00Z")))
                .isFalse();
    }

    @Test
    void noHoursMeansAlwaysOpenAndBadZonesAreNamed() {
        assertThat(BusinessHoursCheck.open(null, Instant.now())).isTrue();
        var problem = BusinessHoursCheck.problem(new AgentSettings.BusinessHours("Mars/Olympus", List.of()));
        assertThat(problem).isPresent();
        assertThat(problem.get()[0]).isEqualTo("settings.businessHours.timezone");
        var badDay = BusinessHoursCheck.problem(new AgentSettings.BusinessHours(
                "UTC", List.of(new AgentSettings.BusinessHours.Range("someday", "09:00", "10:00"))));
        assertThat(badDay.get()[0]).isEqualTo("settings.businessHours.weekly[0].day");
    }

    private static AgentSettings settings(AgentSettings.Handoff handoff, List<AgentSettings.Intent> intents) {
        return new AgentSettings(
                null, null, null, null, null, null, intents, null, handoff, null, null, null, null, null, null);
    }

    @Test
    void keywordsMatchWholeWordsCaseInsensitively() {
        var s = settings(
                new AgentSettings.Handoff(List.of("lawyer", "Complaint"), null, List.of(), null, null), List.of());
        assertThat(HandoffRules.beforeAnswer(s, "I will call my LAWYER!", null)).contains("keyword \"lawyer\"");
        assertThat(HandoffRules.beforeAnswer(s, "I have a complaint", null)).isPresent();
        assertThat(HandoffRules.beforeAnswer(s, "lawyers are expensive", null)).isEmpty();
    }

    @Test
    void explicitRequestsForAPersonByPhraseOrIntent() {
        var intents = List.of(
                new AgentSettings.Intent("talk_to_human", List.of("get me a person"), null, null),
                new AgentSettings.Intent("cancel", List.of("cancel my plan"), null, true));
        var s = settings(new AgentSettings.Handoff(null, null, null, "talk_to_human", null), intents);
        assertThat(HandoffRules.beforeAnswer(s, "Can I talk to a human please", null))
                .isPresent();
        assertThat(HandoffRules.beforeAnswer(s, "whatever", "talk_to_human"))
                .contains("asked for a person (intent talk_to_human)");
        assertThat(HandoffRules.beforeAnswer(s, "cancel it", "cancel")).contains("intent cancel");
        assertThat(HandoffRules.beforeAnswer(s, "what are your hours", null)).isEmpty();
    }

    @Test
    void lowConfidenceAndFailedAnswersInARow() {
        var s = settings(new AgentSettings.Handoff(null, 0.4, null, null, 2), List.of());
        assertThat(HandoffRules.lowConfidence(s, 0.3, false)).isPresent();
        assertThat(HandoffRules.lowConfidence(s, 0.3, true)).isEmpty();
        assertThat(HandoffRules.lowConfidence(s, 0.5, false)).isEmpty();
        assertThat(HandoffRules.afterFailure(s, 1)).isEmpty();
        assertThat(HandoffRules.afterFailure(s, 2)).contains("2 unanswered messages in a row");
        var off = settings(new AgentSettings.Handoff(null, null, null, null, 0), List.of());
        assertThat(HandoffRules.afterFailure(off, 10)).isEmpty();
        assertThat(HandoffRules.lowConfidence(off, 0.0, false)).isEmpty();
    }

    @Test
    void repliesAreCutAtASentenceOrWord() {
        var trace = new AgentTrace.Builder();
        assertThat(ReplyPipeline.trim("Short.", 320, trace)).isEqualTo("Short.");
        String long1 = "First sentence is here. Second sentence is much longer and goes on and on.";
        assertThat(ReplyPipeline.trim(long1, 40, trace)).isEqualTo("First sentence is here.");
        assertThat(ReplyPipeline.trim("word ".repeat(30), 42, trace))
                .endsWith("…")
                .hasSizeLessThanOrEqualTo(42);
    }
}
