package io.switchboard.flows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ExprUnitTests {

    private static final Map<String, Object> VARS = Map.of(
            "budget",
            new BigDecimal("1500"),
            "name",
            "Ana",
            "timeline",
            "now",
            "contact",
            Map.of("tags", List.of("vip", "lead"), "attributes", Map.of("city", "Lisbon")));

    private static Expr.Scope scope(ZonedDateTime now) {
        return new Expr.Scope() {
            @SuppressWarnings("unchecked")
            public @Nullable Object lookup(String path) {
                Object current = VARS;
                for (String p : path.split("\\.")) {
                    if (!(current instanceof Map<?, ?> m)) return null;
                    current = ((Map<String, Object>) m).get(p);
                }
                return current;
            }

            public ZonedDateTime now() {
                return now;
            }
        };
    }

    private static boolean test(String expression) {
        return Expr.test(Expr.parse(expression), scope(ZonedDateTime.parse("2026-11-23T10:00:00Z")));
    }

    @Test
    void comparesNumbersStringsAndCombinesWithLogic() {
        assertThat(test("budget >= 1000 && contact.tags contains \"vip\"")).isTrue();
        assertThat(test("budget > 2000 || timeline == 'now'")).isTrue();
        assertThat(test("!(budget < 1000)")).isTrue();
        assertThat(test("name == \"ana\"")).isTrue(); // strings compare case-insensitively
        assertThat(test("name != 'Bob' && budget * 2 == 3000")).isTrue();
        assertThat(test("contact.attributes.city contains 'lis'")).isTrue();
        assertThat(test("missing.variable > 3")).isFalse();
        assertThat(test("empty(missing) && len(name) == 3")).isTrue();
        assertThat(test("budget / 0 == null")).isTrue();
        assertThat(test("-budget < 0 && 10 % 4 == 2")).isTrue();
    }

    @Test
    void businessHoursUseTheGivenZoneAndDays() {
        assertThat(test("business_hours()")).isTrue(); // Monday 10:00 UTC
        assertThat(test("business_hours(\"Mon-Fri 11:00-17:00\", \"UTC\")")).isFalse();
        assertThat(test("business_hours(\"Mon-Fri 11:00-17:00\", \"Europe/Lisbon\")"))
                .isFalse();
        assertThat(test("business_hours(\"Mon-Fri 10:30-17:00\", \"Europe/Berlin\")"))
                .isTrue(); // 11:00 in Berlin
        assertThat(test("business_hours(\"Sat-Sun 00:00-23:59\")")).isFalse();
        assertThat(test("weekday() == 1 && hour() == 10")).isTrue();
    }

    @Test
    void rejectsAnythingButTheGrammarWithAPosition() {
        assertThatThrownBy(() -> Expr.parse("budget >= (3")).isInstanceOf(Expr.ParseException.class);
        assertThatThrownBy(() -> Expr.parse("System.exit(0)"))
                .isInstanceOf(Expr.ParseException.class)
                .hasMessageContaining("unknown function System.exit");
        assertThatThrownBy(() -> Expr.parse("name = 'x'")).isInstanceOf(Expr.ParseException.class);
        assertThatThrownBy(() -> Expr.parse("'open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Expr.parse("(".repeat(100) + "1" + ")".repeat(100)))
                .hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> Expr.parse("")).hasMessageContaining("empty");
    }

    @Test
    void templatesInsertValuesOnceAndEscapeForTheirContext() {
        Map<String, Object> vars = Map.of("name", "{{secret}} <b>\u0007", "secret", "s3cr3t", "q", "a b&c");
        String text = Templates.render("Hi {{ name }}!", vars::get, Templates.Escape.TEXT);
        assertThat(text).isEqualTo("Hi {{secret}} <b>!");
        assertThat(Templates.render("https://x.test/?q={{q}}", vars::get, Templates.Escape.URL))
                .isEqualTo("https://x.test/?q=a%20b%26c");
        assertThat(Templates.render("{\"n\":\"{{name}}\"}", vars::get, Templates.Escape.JSON))
                .isEqualTo("{\"n\":\"{{secret}} \\u003cb>\"}");
        assertThat(Templates.render("{{unknown}}.", vars::get, Templates.Escape.TEXT))
                .isEqualTo(".");
        assertThat(Templates.problem("Hi {{name")).isNotNull();
        assertThat(Templates.problem("Hi {{name}}")).isNull();
    }
}
