package io.switchboard.campaigns.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The variable syntax every channel shares (WhatsApp's): {@code {{1}}}, {@code {{2}}} ... or named
 * {@code {{first_name}}}; one template uses one kind.
 */
final class TemplateText {

    static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private TemplateText() {}

    /** Variable names in order of first appearance over the given texts. */
    static List<String> variables(@Nullable String... texts) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) continue;
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) names.add(m.group(1));
        }
        return new ArrayList<>(names);
    }

    /**
     * Why the variables cannot be used, or null when fine: numbered ones must run 1..n, named ones are
     * lower case letters, digits and underscores, and kinds do not mix.
     */
    static @Nullable String problem(List<String> names) {
        boolean numbered = names.stream().anyMatch(n -> n.matches("\\d+"));
        boolean named = names.stream().anyMatch(n -> !n.matches("\\d+"));
        if (numbered && named) return "mixes numbered ({{1}}) and named ({{name}}) variables; use one kind";
        if (numbered) {
            var sorted = names.stream().map(Integer::parseInt).sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i) != i + 1)
                    return "numbers its variables " + sorted + "; they must run {{1}}, {{2}}, ... without gaps";
            }
        }
        for (String name : names) {
            if (!numbered && !name.matches("[a-z][a-z0-9_]*")) {
                return "has variable {{" + name + "}}: named variables are lower case letters, digits and _";
            }
        }
        return null;
    }

    /** The text with each variable replaced by its value (the sample-less ones stay as written). */
    static @Nullable String render(@Nullable String text, Map<String, String> values) {
        if (text == null) return null;
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
