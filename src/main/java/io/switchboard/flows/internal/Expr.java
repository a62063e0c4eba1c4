package io.switchboard.flows.internal;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A small, safe expression language for conditions and variables: a hand-written parser producing
 * an immutable tree, evaluated against a variable lookup. No scripting engine, no reflection, no
 * method calls except the fixed functions below; parsing is bounded by the input length (max 2,000
 * characters, nesting depth 64).
 *
 * <pre>
 * expr    := or
 * or      := and ('||' and)*
 * and     := not ('&&' not)*
 * not     := '!' not | cmp
 * cmp     := add (('=='|'!='|'<'|'<='|'>'|'>='|'contains') add)?
 * add     := mul (('+'|'-') mul)*
 * mul     := unary (('*'|'/'|'%') unary)*
 * unary   := '-' unary | primary
 * primary := number | string | true | false | null | path | func '(' args ')' | '(' expr ')'
 * </pre>
 *
 * Functions: {@code business_hours()} (Mon-Fri 09:00-17:00 UTC), {@code business_hours("Mon-Fri
 * 09:00-18:00", "Europe/Berlin")}, {@code len(x)}, {@code lower(x)}, {@code upper(x)}, {@code
 * number(x)}, {@code empty(x)}, {@code hour()}, {@code weekday()} (1 = Monday).
 */
final class Expr {

    static final int MAX_LENGTH = 2000;
    private static final int MAX_DEPTH = 64;

    /** A parse failure with the character position where it happened. */
    static final class ParseException extends RuntimeException {
        final int position;

        ParseException(String message, int position) {
            super(message + " at position " + position, null, false, false);
            this.position = position;
        }
    }

    /** Resolves dotted variable paths ({@code contact.attributes.city}); null when unknown. */
    interface Scope {
        @Nullable
        Object lookup(String path);

        ZonedDateTime now();
    }

    sealed interface Node {}

    record Literal(@Nullable Object value) implements Node {}

    record Var(String path) implements Node {}

    record Unary(String op, Node operand) implements Node {}

    record Binary(String op, Node left, Node right) implements Node {}

    record Call(String name, List<Node> args) implements Node {}

    private static final List<String> FUNCTIONS =
            List.of("business_hours", "len", "lower", "upper", "number", "empty", "hour", "weekday");

    private final String src;
    private int pos;
    private int depth;

    private Expr(String src) {
        this.src = src;
    }

    static Node parse(String source) {
        if (source.length() > MAX_LENGTH) throw new ParseException("expression longer than " + MAX_LENGTH, 0);
        Expr p = new Expr(source);
        p.skipWs();
        if (p.pos >= source.length()) throw new ParseException("empty expression", 0);
        Node n = p.or();
        p.skipWs();
        if (p.pos < source.length()) throw new ParseException("unexpected '" + source.charAt(p.pos) + "'", p.pos);
        return n;
    }

    /** Variable paths an expression reads (for the validator and the builder). */
    static List<String> variables(Node n) {
        List<String> out = new ArrayList<>();
        collect(n, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        switch (n) {
            case Literal l -> {}
            case Var v -> out.add(v.path());
            case Unary u -> collect(u.operand(), out);
            case Binary b -> {
                collect(b.left(), out);
                collect(b.right(), out);
            }
            case Call c -> c.args().forEach(a -> collect(a, out));
        }
    }

    // ---- parser

    private Node or() {
        Node left = and();
        while (match("||")) left = new Binary("||", left, and());
        return left;
    }

    private Node and() {
        Node left = not();
        while (match("&&")) left = new Binary("&&", left, not());
        return left;
    }

    private Node not() {
        skipWs();
        if (peek('!') && !peekAt(1, '=')) {
            pos++;
            enter();
            Node n = new Unary("!", not());
            depth--;
            return n;
        }
        return cmp();
    }

    private Node cmp() {
        Node left = add();
        for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
            if (match(op)) return new Binary(op, left, add());
        }
        if (matchWord("contains")) return new Binary("contains", left, add());
        return left;
    }

    private Node add() {
        Node left = mul();
        while (true) {
            skipWs();
            if (peek('+')) {
                pos++;
                left = new Binary("+", left, mul());
            } else if (peek('-')) {
                pos++;
                left = new Binary("-", left, mul());
            } else return left;
        }
    }

    private Node mul() {
        Node left = unary();
        while (true) {
            skipWs();
            if (peek('*') || peek('/') || peek('%')) {
                String op = String.valueOf(src.charAt(pos++));
                left = new Binary(op, left, unary());
            } else return left;
        }
    }

    private Node unary() {
        skipWs();
        if (peek('-')) {
            pos++;
            enter();
            Node n = new Unary("-", unary());
            depth--;
            return n;
        }
        return primary();
    }

    private Node primary() {
        skipWs();
        if (pos >= src.length()) throw new ParseException("unexpected end of expression", pos);
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            enter();
            Node n = or();
            depth--;
            expect(')');
            return n;
        }
        if (c == '"' || c == '\'') return new Literal(string(c));
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
            try {
                return new Literal(new BigDecimal(src.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw new ParseException("bad number", start);
            }
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < src.length()
                    && (Character.isLetterOrDigit(src.charAt(pos))
                            || src.charAt(pos) == '_'
                            || src.charAt(pos) == '.')) {
                pos++;
            }
            String word = src.substring(start, pos);
            if (word.endsWith(".") || word.contains("..")) throw new ParseException("bad variable name", start);
            switch (word) {
                case "true":
                    return new Literal(Boolean.TRUE);
                case "false":
                    return new Literal(Boolean.FALSE);
                case "null":
                    return new Literal(null);
                default:
            }
            skipWs();
            if (peek('(')) {
                if (!FUNCTIONS.contains(word)) throw new ParseException("unknown function " + word, start);
                pos++;
                enter();
                List<Node> args = new ArrayList<>();
                skipWs();
                if (!peek(')')) {
                    do {
                        args.add(or());
                        skipWs();
                    } while (match(","));
                }
                depth--;
                expect(')');
                return new Call(word, List.copyOf(args));
            }
            return new Var(word);
        }
        throw new ParseException("unexpected '" + c + "'", pos);
    }

    private String string(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == quote) return sb.toString();
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                sb.append(
                        switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> e;
                        });
            } else sb.append(c);
        }
        throw new ParseException("unterminated string", start);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw new ParseException("expression nested too deeply", pos);
    }

    private void skipWs() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private boolean peekAt(int offset, char c) {
        return pos + offset < src.length() && src.charAt(pos + offset) == c;
    }

    private boolean match(String token) {
        skipWs();
        if (src.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean matchWord(String word) {
        skipWs();
        int end = pos + word.length();
        if (src.startsWith(word, pos) && (end >= src.length() || !Character.isLetterOrDigit(src.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipWs();
        if (!peek(c)) throw new ParseException("expected '" + c + "'", pos);
        pos++;
    }

    // ---- evaluation (never throws for well-formed trees: type mismatches give null/false)

    static @Nullable Object eval(Node n, Scope scope) {
        return switch (n) {
            case Literal l -> l.value();
            case Var v -> normalise(scope.lookup(v.path()));
            case Unary u ->
                u.op().equals("!")
                        ? (Object) !truthy(eval(u.operand(), scope))
                        : negate(number(eval(u.operand(), scope)));
            case Binary b -> binary(b, scope);
            case Call c -> call(c, scope);
        };
    }

    static boolean test(Node n, Scope scope) {
        return truthy(eval(n, scope));
    }

    private static @Nullable Object negate(@Nullable BigDecimal d) {
        return d == null ? null : d.negate();
    }

    private static @Nullable Object binary(Binary b, Scope scope) {
        switch (b.op()) {
            case "&&":
                return truthy(eval(b.left(), scope)) && truthy(eval(b.right(), scope));
            case "||":
                return truthy(eval(b.left(), scope)) || truthy(eval(b.right(), scope));
            default:
        }
        Object l = eval(b.left(), scope);
        Object r = eval(b.right(), scope);
        return switch (b.op()) {
            case "==" -> same(l, r);
            case "!=" -> !same(l, r);
            case "<", "<=", ">", ">=" -> compare(b.op(), l, r);
            case "contains" -> contains(l, r);
            case "+" -> {
                BigDecimal x = number(l), y = number(r);
                if (x != null && y != null && !(l instanceof String && r instanceof String)) yield x.add(y);
                yield text(l) + text(r);
            }
            case "-", "*", "/", "%" -> arithmetic(b.op(), number(l), number(r));
            default -> null;
        };
    }

    private static @Nullable Object arithmetic(String op, @Nullable BigDecimal x, @Nullable BigDecimal y) {
        if (x == null || y == null) return null;
        return switch (op) {
            case "-" -> x.subtract(y);
            case "*" -> x.multiply(y);
            case "/" -> y.signum() == 0 ? null : x.divide(y, java.math.MathContext.DECIMAL64);
            case "%" -> y.signum() == 0 ? null : x.remainder(y);
            default -> null;
        };
    }

    private static boolean compare(String op, @Nullable Object l, @Nullable Object r) {
        int c;
        BigDecimal x = number(l), y = number(r);
        if (x != null && y != null) c = x.compareTo(y);
        else if (l instanceof String a && r instanceof String s) c = a.compareTo(s);
        else return false;
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean same(@Nullable Object l, @Nullable Object r) {
        if (l == null || r == null) return l == r;
        BigDecimal x = number(l), y = number(r);
        if (x != null && y != null && (l instanceof BigDecimal || r instanceof BigDecimal)) return x.compareTo(y) == 0;
        if (l instanceof String a && r instanceof String s) return a.equalsIgnoreCase(s);
        return Objects.equals(l, r) || text(l).equals(text(r));
    }

    private static boolean contains(@Nullable Object l, @Nullable Object r) {
        if (l == null || r == null) return false;
        if (l instanceof Collection<?> list) {
            for (Object o : list) if (same(normalise(o), r)) return true;
            return false;
        }
        if (l instanceof Map<?, ?> map) return map.containsKey(text(r));
        return text(l).toLowerCase(Locale.ROOT).contains(text(r).toLowerCase(Locale.ROOT));
    }

    private static @Nullable Object call(Call c, Scope scope) {
        List<@Nullable Object> args = new ArrayList<>();
        for (Node a : c.args()) args.add(eval(a, scope));
        Object first = args.isEmpty() ? null : args.get(0);
        return switch (c.name()) {
            case "len" ->
                first instanceof Collection<?> col
                        ? BigDecimal.valueOf(col.size())
                        : BigDecimal.valueOf(first == null ? 0 : text(first).length());
            case "lower" -> first == null ? null : text(first).toLowerCase(Locale.ROOT);
            case "upper" -> first == null ? null : text(first).toUpperCase(Locale.ROOT);
            case "number" -> number(first);
            case "empty" ->
                first == null
                        || (first instanceof Collection<?> col && col.isEmpty())
                        || text(first).isBlank();
            case "hour" -> BigDecimal.valueOf(scope.now().getHour());
            case "weekday" -> BigDecimal.valueOf(scope.now().getDayOfWeek().getValue());
            case "business_hours" ->
                businessHours(
                        scope.now(),
                        first == null ? "Mon-Fri 09:00-17:00" : text(first),
                        args.size() > 1 && args.get(1) != null ? text(args.get(1)) : "UTC");
            default -> null;
        };
    }

    /** {@code "Mon-Fri 09:00-17:00"} (days optional, several ranges with ";") in the given time zone. */
    static boolean businessHours(ZonedDateTime now, String spec, String zone) {
        ZonedDateTime local;
        try {
            local = now.withZoneSameInstant(ZoneId.of(zone));
        } catch (RuntimeException e) {
            return false;
        }
        for (String part : spec.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            String[] bits = p.split("\\s+");
            String days = bits.length > 1 ? bits[0] : "Mon-Sun";
            String hours = bits.length > 1 ? bits[1] : bits[0];
            try {
                if (!dayMatches(days, local.getDayOfWeek())) continue;
                String[] hm = hours.split("-");
                LocalTime from = LocalTime.parse(hm[0]);
                LocalTime to = LocalTime.parse(hm[1]);
                LocalTime t = local.toLocalTime();
                if (!t.isBefore(from) && t.isBefore(to)) return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean dayMatches(String days, DayOfWeek day) {
        for (String range : days.split(",")) {
            String[] ends = range.split("-");
            int a = dayIndex(ends[0]);
            int b = ends.length > 1 ? dayIndex(ends[1]) : a;
            int d = day.getValue();
            if (a <= b ? d >= a && d <= b : d >= a || d <= b) return true;
        }
        return false;
    }

    private static int dayIndex(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        List<String> names = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
        int i = names.indexOf(n.length() >= 3 ? n.substring(0, 3) : n);
        if (i < 0) throw new IllegalArgumentException("day " + name);
        return i + 1;
    }

    // ---- values

    static @Nullable Object normalise(@Nullable Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short)
            return BigDecimal.valueOf(((Number) v).longValue());
        if (v instanceof Double || v instanceof Float) return BigDecimal.valueOf(((Number) v).doubleValue());
        if (v instanceof java.math.BigInteger bi) return new BigDecimal(bi);
        return v;
    }

    static boolean truthy(@Nullable Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof BigDecimal d) return d.signum() != 0;
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof String s) return !s.isEmpty() && !s.equalsIgnoreCase("false");
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    static @Nullable BigDecimal number(@Nullable Object v) {
        v = normalise(v);
        if (v instanceof BigDecimal d) return d;
        if (v instanceof String s) {
            String t = s.trim();
            if (t.isEmpty() || t.length() > 40) return null;
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String text(@Nullable Object v) {
        if (v == null) return "";
        if (v instanceof BigDecimal d) return d.stripTrailingZeros().toPlainString();
        return String.valueOf(v);
    }
}
