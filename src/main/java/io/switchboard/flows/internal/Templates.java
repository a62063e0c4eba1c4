package io.switchboard.flows.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code {{name}}} templating in one pass: a value is inserted as data and never expanded again (a
 * contact who types "{{secret}}" gets those characters back, not the variable), control characters
 * are dropped, and the escaping fits where the text goes: plain chat text, a URL component, or a JSON
 * string.
 */
final class Templates {

    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
    private static final int MAX_VALUE = 4000;

    enum Escape {
        TEXT,
        URL,
        JSON
    }

    private Templates() {}

    static String render(String template, Function<String, @Nullable Object> lookup, Escape escape) {
        Matcher m = VAR.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = clean(Expr.text(Expr.normalise(lookup.apply(m.group(1)))));
            String escaped = switch (escape) {
                case TEXT -> value;
                case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                case JSON -> json(value);
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(escaped));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static List<String> variables(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = VAR.matcher(template);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    static boolean isTemplate(String value) {
        return value.contains("{{");
    }

    /** Unbalanced braces ("{{name" or "{{ 1bad }}") are a mistake the validator reports. */
    static @Nullable String problem(String template) {
        String rest = VAR.matcher(template).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) return "has a malformed {{variable}} placeholder";
        return null;
    }

    private static String clean(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_VALUE));
        for (int i = 0; i < value.length() && sb.length() < MAX_VALUE; i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\t' || !Character.isISOControl(c)) sb.append(c);
        }
        return sb.toString();
    }

    private static String json(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
