package io.switchboard.agents.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Whether an agent's team is open at an instant; ranges may cross midnight (22:00-02:00). */
final class BusinessHoursCheck {

    private BusinessHoursCheck() {}

    /** Open when no hours are set: an agent without business hours is always available. */
    static boolean open(AgentSettings.@Nullable BusinessHours hours, Instant at) {
        if (hours == null || hours.weekly().isEmpty()) return true;
        ZonedDateTime local = at.atZone(ZoneId.of(hours.timezone()));
        DayOfWeek today = local.getDayOfWeek();
        LocalTime now = local.toLocalTime();
        for (var range : hours.weekly()) {
            DayOfWeek day = day(range.day()).orElseThrow();
            LocalTime from = LocalTime.parse(range.from());
            LocalTime to = range.to().equals("24:00") ? LocalTime.MAX : LocalTime.parse(range.to());
            if (from.isBefore(to)) {
                if (day == today && !now.isBefore(from) && now.isBefore(to)) return true;
            } else { // crosses midnight: the evening of `day` and the early morning of the day after
                if (day == today && !now.isBefore(from)) return true;
                if (day.plus(1) == today && now.isBefore(to)) return true;
            }
        }
        return false;
    }

    static Optional<DayOfWeek> day(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 3) return Optional.empty();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).startsWith(t)) return Optional.of(day);
        }
        return Optional.empty();
    }

    /** Why the hours are invalid (field, message), or empty. */
    static Optional<String[]> problem(AgentSettings.BusinessHours hours) {
        try {
            ZoneId.of(hours.timezone());
        } catch (RuntimeException e) {
            return Optional.of(new String[] {
                "settings.businessHours.timezone", "is not a time zone (use an IANA name such as Europe/Paris)"
            });
        }
        for (int i = 0; i < hours.weekly().size(); i++) {
            var range = hours.weekly().get(i);
            String field = "settings.businessHours.weekly[" + i + "]";
            if (day(range.day()).isEmpty()) return Optional.of(new String[] {field + ".day", "must be mon..sun"});
            try {
                LocalTime.parse(range.from());
                if (!range.to().equals("24:00")) LocalTime.parse(range.to());
            } catch (DateTimeParseException e) {
                return Optional.of(new String[] {field, "from and to must be times as HH:mm"});
            }
            if (range.from().equals(range.to())) return Optional.of(new String[] {field, "from and to must differ"});
        }
        return Optional.empty();
    }
}
