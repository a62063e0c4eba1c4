package io.switchboard.flows.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Word matching for keyword and intent triggers: case- and accent-insensitive, whole words. */
final class Triggers {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Triggers() {}

    static String fold(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
    }

    /** Whether {@code phrase} occurs in {@code text} as whole words ("hi" matches "hi there", not "this"). */
    static boolean mentions(String text, String phrase) {
        String t = " " + fold(text).replaceAll("[^\\p{L}\\p{N}]+", " ").trim() + " ";
        String p = fold(phrase).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        return !p.isEmpty() && t.contains(" " + p + " ");
    }
}
