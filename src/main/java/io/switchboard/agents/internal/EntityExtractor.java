package io.switchboard.agents.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Rule-based entity extraction: emails, phone numbers, dates and times (including relative ones such
 * as "tomorrow at 5pm" or "next Monday", resolved against a clock in the agent's time zone),
 * amounts, numbers, and the agent's own lists and regular expressions. Deterministic and fast
 * (no model): it runs on every inbound message.
 */
final class EntityExtractor {

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(\\+?\\d[\\d ().-]{6,18}\\d)(?![\\w])");
    private static final Pattern AMOUNT = Pattern.compile(
            "(?:([$€£])\\s?(\\d+(?:[.,]\\d{1,2})?))|(?:(\\d+(?:[.,]\\d{1,2})?)\\s?(usd|eur|gbp|dollars?|euros?|pounds?|[$€£]))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w])");
    private static final String DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String MONTHS =
            "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final Pattern RELATIVE_DATE = Pattern.compile(
            "\\b(?:(day after tomorrow)|(today|tonight)|(tomorrow)|(yesterday)|(?:(next|this|on)\\s+)?(" + DAYS
                    + ")\\b|in\\s+(\\d+|a|an|one|two|three|four|five|six|seven)\\s+(days?|weeks?|hours?|minutes?)|(next week))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" + MONTHS + ")|(" + MONTHS
                    + ")\\s+(\\d{1,2})(?:st|nd|rd|th)?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile(
            "\\b(?:at\\s+)?(?:(noon|midday|midnight)|(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)|([01]?\\d|2[0-3]):([0-5]\\d)|at\\s+(\\d{1,2})(?![\\d:]))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, Integer> WORD_NUMBERS =
            Map.of("a", 1, "an", 1, "one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "six", 6, "seven", 7);

    private final Clock clock;

    EntityExtractor(Clock clock) {
        this.clock = clock;
    }

    List<Entity> extract(String text, ZoneId zone, Map<String, List<String>> customLists, Map<String, String> regexes) {
        List<Entity> found = new ArrayList<>();
        boolean[] taken = new boolean[text.length() + 1];

        for (Matcher m = EMAIL.matcher(text); m.find(); ) {
            add(found, taken, new Entity("email", m.group(), m.group().toLowerCase(Locale.ROOT), m.start(), m.end()));
        }
        extractDateTimes(text, zone, found, taken);
        for (Matcher m = AMOUNT.matcher(text); m.find(); ) {
            if (overlaps(taken, m.start(), m.end())) continue;
            String number = m.group(2) != null ? m.group(2) : m.group(3);
            String unit = m.group(1) != null ? m.group(1) : m.group(4);
            add(
                    found,
                    taken,
                    new Entity(
                            "amount", m.group(), number.replace(',', '.') + " " + currency(unit), m.start(), m.end()));
        }
        for (Matcher m = PHONE.matcher(text); m.find(); ) {
            if (overlaps(taken, m.start(1), m.end(1))) continue;
            String digits = m.group(1).replaceAll("[^\\d]", "");
            if (digits.length() < 7 || digits.length() > 15) continue;
            String value = m.group(1).startsWith("+") ? "+" + digits : digits;
            add(found, taken, new Entity("phone", m.group(1), value, m.start(1), m.end(1)));
        }
        for (var list : customLists.entrySet()) {
            for (String value : list.getValue()) {
                if (value.isBlank()) continue;
                Pattern p = Pattern.compile(
                        "(?<![\\w])" + Pattern.quote(value.trim()) + "(?![\\w])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                for (Matcher m = p.matcher(text); m.find(); ) {
                    add(found, taken, new Entity(list.getKey(), m.group(), value.trim(), m.start(), m.end()));
                }
            }
        }
        for (var regex : regexes.entrySet()) {
            Pattern p = compileOrNull(regex.getValue());
            if (p == null) continue;
            for (Matcher m = p.matcher(text); m.find(); ) {
                if (m.end() == m.start()) continue;
                add(found, taken, new Entity(regex.getKey(), m.group(), m.group(), m.start(), m.end()));
            }
        }
        for (Matcher m = NUMBER.matcher(text); m.find(); ) {
            if (overlaps(taken, m.start(), m.end())) continue;
            add(
                    found,
                    taken,
                    new Entity("number", m.group(), new BigDecimal(m.group()).toPlainString(), m.start(), m.end()));
        }
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }

    /** A regular expression an agent owner typed: invalid ones are refused when saving, skipped here. */
    static @Nullable Pattern compileOrNull(String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private void extractDateTimes(String text, ZoneId zone, List<Entity> found, boolean[] taken) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        record Span(int start, int end, String text, Object value) {}
        List<Span> dates = new ArrayList<>();
        List<Span> times = new ArrayList<>();

        for (Matcher m = RELATIVE_DATE.matcher(text); m.find(); ) {
            Object value = relative(m, now);
            if (value != null) dates.add(new Span(m.start(), m.end(), m.group(), value));
        }
        for (Matcher m = ISO_DATE.matcher(text); m.find(); ) {
            try {
                dates.add(new Span(
                        m.start(),
                        m.end(),
                        m.group(),
                        LocalDate.of(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)))));
            } catch (java.time.DateTimeException ignored) {
                // 2026-13-45 is not a date
            }
        }
        for (Matcher m = DAY_MONTH.matcher(text); m.find(); ) {
            String dayText = m.group(1) != null ? m.group(1) : m.group(4);
            String monthText = m.group(2) != null ? m.group(2) : m.group(3);
            Month month = month(monthText);
            int day = Integer.parseInt(dayText);
            if (month == null || day < 1 || day > month.maxLength()) continue;
            LocalDate date = LocalDate.of(
                    now.getYear(),
                    month,
                    Math.min(day, month.length(now.toLocalDate().isLeapYear())));
            if (date.isBefore(now.toLocalDate())) date = date.plusYears(1); // "3 January" said in December
            dates.add(new Span(m.start(), m.end(), m.group(), date));
        }
        for (Matcher m = TIME.matcher(text); m.find(); ) {
            LocalTime time = time(m);
            if (time != null) times.add(new Span(m.start(), m.end(), m.group(), time));
        }

        List<Span> used = new ArrayList<>();
        for (Span date : dates) {
            if (overlaps(taken, date.start(), date.end())) continue;
            if (date.value() instanceof ZonedDateTime exact) { // "in 2 hours"
                add(
                        found,
                        taken,
                        new Entity(
                                "datetime",
                                date.text(),
                                exact.toOffsetDateTime().toString(),
                                date.start(),
                                date.end()));
                continue;
            }
            LocalDate day = (LocalDate) date.value();
            // a time right before or after the date belongs to it: "tomorrow at 5pm", "at 5pm tomorrow"
            Span near = null;
            for (Span time : times) {
                int gapAfter = time.start() - date.end();
                int gapBefore = date.start() - time.end();
                if ((gapAfter >= 0 && gapAfter <= 4) || (gapBefore >= 0 && gapBefore <= 4)) {
                    near = time;
                    break;
                }
            }
            if (near != null) {
                used.add(near);
                int start = Math.min(date.start(), near.start());
                int end = Math.max(date.end(), near.end());
                LocalTime at = (LocalTime) near.value();
                String value = ZonedDateTime.of(LocalDateTime.of(day, at), zone)
                        .toOffsetDateTime()
                        .toString();
                add(found, taken, new Entity("datetime", text.substring(start, end), value, start, end));
            } else if ("tonight".equalsIgnoreCase(date.text().trim())) {
                add(
                        found,
                        taken,
                        new Entity(
                                "datetime",
                                date.text(),
                                ZonedDateTime.of(LocalDateTime.of(day, LocalTime.of(20, 0)), zone)
                                        .toOffsetDateTime()
                                        .toString(),
                                date.start(),
                                date.end()));
            } else {
                add(found, taken, new Entity("date", date.text(), day.toString(), date.start(), date.end()));
            }
        }
        for (Span time : times) {
            if (used.contains(time) || overlaps(taken, time.start(), time.end())) continue;
            add(found, taken, new Entity("time", time.text(), time.value().toString(), time.start(), time.end()));
        }
    }

    private static @Nullable Object relative(Matcher m, ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        if (m.group(1) != null) return today.plusDays(2);
        if (m.group(2) != null) return today;
        if (m.group(3) != null) return today.plusDays(1);
        if (m.group(4) != null) return today.minusDays(1);
        if (m.group(6) != null) {
            DayOfWeek day = dayOfWeek(m.group(6));
            if (day == null) return null;
            String qualifier = m.group(5) == null ? "" : m.group(5).toLowerCase(Locale.ROOT);
            // "Monday" / "on Monday" / "this Monday": the coming one (today if today is Monday);
            // "next Monday": the coming one, but never today
            return qualifier.equals("next")
                    ? today.with(TemporalAdjusters.next(day))
                    : today.with(TemporalAdjusters.nextOrSame(day));
        }
        if (m.group(7) != null) {
            String amountText = m.group(7).toLowerCase(Locale.ROOT);
            int amount =
                    WORD_NUMBERS.containsKey(amountText) ? WORD_NUMBERS.get(amountText) : Integer.parseInt(amountText);
            String unit = m.group(8).toLowerCase(Locale.ROOT);
            if (unit.startsWith("day")) return today.plusDays(amount);
            if (unit.startsWith("week")) return today.plusWeeks(amount);
            if (unit.startsWith("hour")) return now.plusHours(amount).truncatedTo(ChronoUnit.MINUTES);
            return now.plusMinutes(amount).truncatedTo(ChronoUnit.MINUTES);
        }
        if (m.group(9) != null) return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        return null;
    }

    private static @Nullable LocalTime time(Matcher m) {
        if (m.group(1) != null) {
            return m.group(1).equalsIgnoreCase("midnight") ? LocalTime.MIDNIGHT : LocalTime.NOON;
        }
        if (m.group(2) != null) {
            int hour = Integer.parseInt(m.group(2));
            int minute = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (hour < 1 || hour > 12 || minute > 59) return null;
            boolean pm = m.group(4).toLowerCase(Locale.ROOT).startsWith("p");
            return LocalTime.of(hour % 12 + (pm ? 12 : 0), minute);
        }
        if (m.group(5) != null) {
            return LocalTime.of(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        }
        if (m.group(7) != null) {
            int hour = Integer.parseInt(m.group(7));
            if (hour < 1 || hour > 23) return null;
            // "at 5" means the afternoon during a working day, as people say it
            return LocalTime.of(hour >= 1 && hour <= 7 ? hour + 12 : hour, 0);
        }
        return null;
    }

    private static @Nullable DayOfWeek dayOfWeek(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).startsWith(t)) return day;
        }
        return null;
    }

    private static @Nullable Month month(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (month.name().toLowerCase(Locale.ROOT).startsWith(t)) return month;
        }
        return null;
    }

    private static String currency(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("$") || u.startsWith("dollar") || u.equals("usd")) return "USD";
        if (u.equals("€") || u.startsWith("euro") || u.equals("eur")) return "EUR";
        if (u.equals("£") || u.startsWith("pound") || u.equals("gbp")) return "GBP";
        return u.toUpperCase(Locale.ROOT);
    }

    private static boolean overlaps(boolean[] taken, int start, int end) {
        for (int i = start; i < end; i++) if (taken[i]) return true;
        return false;
    }

    private static void add(List<Entity> found, boolean[] taken, Entity entity) {
        if (overlaps(taken, entity.start(), entity.end())) return;
        for (int i = entity.start(); i < entity.end(); i++) taken[i] = true;
        found.add(entity);
    }
}
