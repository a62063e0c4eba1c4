package io.switchboard.shared.web;

import io.switchboard.shared.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The [from, to) window of an export: by default the last 30 days up to now. */
public record ExportPeriod(Instant from, Instant to) {

    public static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    public static ExportPeriod of(@Nullable Instant from, @Nullable Instant to) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(DEFAULT_SPAN) : from;
        if (!start.isBefore(end)) throw ApiProblem.invalidField("from", "must be before to");
        return new ExportPeriod(start, end);
    }
}
