package io.switchboard.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entities with a fixed clock: Wednesday 2026-11-25 10:00 in Europe/Paris. */
class EntityExtractorUnitTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final EntityExtractor extractor =
            new EntityExtractor(Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneId.of("UTC")));

    private List<Entity> extract(String text) {
        return extractor.extract(text, PARIS, Map.of(), Map.of());
    }

    private static List<String> pairs(List<Entity> entities) {
        return entities.stream().map(e -> e.type() + "=" + e.value()).toList();
    }

    @Test
    void relativeDateWithATimeBecomesOneDateTimeInTheAgentsZone() {
        assertThat(pairs(extract("Can you call me tomorrow at 5pm?")))
                .containsExactly("datetime=2026-11-26T17:00+01:00");
        assertThat(pairs(extract("at 9:30 am tomorrow works"))).containsExactly("datetime=2026-11-26T09:30+01:00");
    }

    @Test
    void weekdaysResolveToTheComingOneAndNextNeverMeansToday() {
        assertThat(pairs(extract("next Monday"))).containsExactly("date=2026-11-30");
        assertThat(pairs(extract("on Friday"))).containsExactly("date=2026-11-27");
        // today is a Wednesday
        assertThat(pairs(extract("this Wednesday"))).containsExactly("date=2026-11-25");
        assertThat(pairs(extract("next Wednesday"))).containsExactly("date=2026-12-02");
    }

    @Test
    void otherRelativeAndAbsoluteDates() {
        assertThat(pairs(extract("today"))).containsExactly("date=2026-11-25");
        assertThat(pairs(extract("the day after tomorrow"))).containsExactly("date=2026-11-27");
        assertThat(pairs(extract("in 3 days"))).containsExactly("date=2026-11-28");
        assertThat(pairs(extract("in two hours"))).containsExactly("datetime=2026-11-25T12:00+01:00");
        assertThat(pairs(extract("on 2026-12-24 at 18:00"))).containsExactly("datetime=2026-12-24T18:00+01:00");
        assertThat(pairs(extract("3 January"))).containsExactly("date=2027-01-03"); // already past this year
        assertThat(pairs(extract("December 5th at noon"))).containsExactly("datetime=2026-12-05T12:00+01:00");
        assertThat(pairs(extract("around 17:45"))).containsExactly("time=17:45");
    }

    @Test
    void emailsPhonesAmountsAndNumbers() {
        var found = extract("Mail Ada@Example.com or call +33 6 12 34 56 78, I paid €12.50 for 3 tickets");
        assertThat(pairs(found))
                .containsExactly("email=ada@example.com", "phone=+33612345678", "amount=12.50 EUR", "number=3");
        assertThat(pairs(extract("it cost 40 dollars"))).containsExactly("amount=40 USD");
        assertThat(found.get(0).text()).isEqualTo("Ada@Example.com");
    }

    @Test
    void customListsAndRegexes() {
        var found = extractor.extract(
                "Is the Premium Plan available for order AB-12345?",
                PARIS,
                Map.of("plan", List.of("basic plan", "premium plan")),
                Map.of("order_id", "[A-Z]{2}-\\d{5}"));
        assertThat(pairs(found)).containsExactly("plan=premium plan", "order_id=AB-12345");
    }

    @Test
    void ordinaryWordsAreNotDates() {
        assertThat(extract("I sat down and may want to wed")).isEmpty();
    }
}
