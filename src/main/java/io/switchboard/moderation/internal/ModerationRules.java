package io.switchboard.moderation.internal;

import io.switchboard.moderation.Moderation.Finding;
import io.switchboard.moderation.Moderation.Stage;
import io.switchboard.moderation.Moderation.Verdict;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The built-in rules, without I/O: blocked terms, prompt-injection markers, PII (with masking) and
 * system-prompt leaks in replies. Deterministic and fast enough to run on every message.
 */
final class ModerationRules {

    private ModerationRules() {}

    record Result(Verdict verdict, List<Finding> findings, String text) {}

    private record Marker(String name, Pattern pattern) {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** Phrases that try to change the assistant's instructions or role. */
    private static final List<Marker> INJECTION = List.of(
            new Marker(
                    "ignore previous instructions",
                    Pattern.compile(
                            "\\b(ignore|disregard|forget|override|bypass)\\b[^.!?\\n]{0,40}?\\b(previous|prior|above|earlier|all|your|the|any|these|those)\\b[^.!?\\n]{0,25}?\\b(instructions?|prompts?|rules|guidelines|directions|directives)\\b",
                            FLAGS)),
            new Marker(
                    "you are now", Pattern.compile("\\byou are now\\b|\\bfrom now on,? you (are|will|must)\\b", FLAGS)),
            new Marker("system prompt", Pattern.compile("\\bsystem\\s+(prompt|message|instructions)\\b", FLAGS)),
            new Marker(
                    "reveal instructions",
                    Pattern.compile(
                            "\\b(reveal|show|print|repeat|output|tell me|what are)\\b[^.!?\\n]{0,30}?\\byour (initial |original |hidden |secret )?(instructions|prompt|rules)\\b",
                            FLAGS)),
            new Marker(
                    "jailbreak",
                    Pattern.compile(
                            "\\bdo anything now\\b|\\bDAN mode\\b|\\bdeveloper mode\\b|\\bjail-?break(ing|ed)?\\b|\\bno longer (bound|restricted) by\\b|\\bwithout any (restrictions|filters|rules)\\b",
                            FLAGS)),
            new Marker(
                    "role-play",
                    Pattern.compile(
                            "\\bpretend (to be|you are|you're)\\b|\\brole-?play as\\b|\\b(act|behave) as (if you (are|were) )?(an? )?(unrestricted|unfiltered|uncensored|evil|different)\\b",
                            FLAGS)));

    /** A reply that talks about its own instructions has leaked them (or is about to). */
    private static final Pattern LEAK = Pattern.compile(
            "\\b(my|the) system (prompt|message|instructions)\\b|\\bhere (is|are) my (initial |original )?(instructions|prompt)\\b|\\bmy instructions (are|say|tell)\\b|\\bI was (instructed|told) to\\b",
            FLAGS);

    private static final Pattern EMAIL =
            Pattern.compile("(?<![\\w.+-])[\\w.+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])");
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{6,}\\d(?!\\w)");

    static Result evaluate(String text, Stage stage, ModerationSettings settings, @Nullable String systemPrompt) {
        List<Finding> findings = new ArrayList<>();
        Verdict verdict = Verdict.ALLOW;

        for (String term : new LinkedHashSet<>(settings.blockedTerms())) {
            if (term.isBlank()) continue;
            if (termPattern(term).matcher(text).find()) {
                findings.add(new Finding("blocked_term", term));
                verdict = Verdict.BLOCK;
            }
        }

        if (stage == Stage.REPLY) {
            Matcher leak = LEAK.matcher(text);
            boolean leaked = false;
            if (leak.find()) {
                findings.add(new Finding("system_prompt_leak", "mentions its instructions: \"" + leak.group() + "\""));
                leaked = true;
            }
            String copied = systemPrompt == null ? null : copiedPassage(text, systemPrompt);
            if (copied != null) {
                findings.add(new Finding("system_prompt_leak", "repeats the instructions: \"" + copied + "\""));
                leaked = true;
            }
            if (leaked) verdict = Verdict.BLOCK;
        }

        for (Marker marker : INJECTION) {
            Matcher m = marker.pattern().matcher(text);
            if (m.find()) {
                findings.add(new Finding("prompt_injection", marker.name() + ": \"" + m.group() + "\""));
                Verdict v = switch (stage) {
                    case INBOUND, CALL_PROMPT -> settings.blockPromptInjection() ? Verdict.BLOCK : Verdict.FLAG;
                    case REPLY -> marker.name().equals("system prompt") ? Verdict.BLOCK : Verdict.FLAG;
                };
                verdict = max(verdict, v);
            }
        }

        var pii = new Pii(text);
        pii.scan(EMAIL, "pii_email", "[email]", s -> true);
        pii.scan(IBAN, "pii_iban", "[iban]", ModerationRules::validIban);
        pii.scan(CARD, "pii_card", "[card]", ModerationRules::luhn);
        pii.scan(PHONE, "pii_phone", "[phone]", ModerationRules::phoneLike);
        findings.addAll(pii.findings);
        if (!pii.findings.isEmpty() && stage != Stage.INBOUND && !settings.maskPii()) {
            // personal data in something we send is worth a human's look
            verdict = max(verdict, Verdict.FLAG);
        }
        String decided = settings.maskPii() ? pii.masked : text;
        return new Result(verdict, List.copyOf(findings), decided);
    }

    static Verdict max(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    static Pattern termPattern(String term) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term.trim()) + "(?![\\p{L}\\p{N}])", FLAGS);
    }

    /** The first run of eight words of the instructions that the reply repeats, if any. */
    static @Nullable String copiedPassage(String reply, String systemPrompt) {
        List<String> prompt = words(systemPrompt);
        if (prompt.size() < 8) return null;
        String replyWords = " " + String.join(" ", words(reply)) + " ";
        for (int i = 0; i + 8 <= prompt.size(); i++) {
            String shingle = String.join(" ", prompt.subList(i, i + 8));
            if (replyWords.contains(" " + shingle + " ")) return shingle;
        }
        return null;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}]+").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) words.add(m.group());
        return words;
    }

    /** Finds one kind of PII in what earlier scans left, and masks it in a working copy. */
    private static final class Pii {
        final List<Finding> findings = new ArrayList<>();
        String masked;
        private final Set<String> seen = new LinkedHashSet<>();

        Pii(String text) {
            this.masked = text;
        }

        void scan(Pattern pattern, String rule, String placeholder, java.util.function.Predicate<String> valid) {
            Matcher m = pattern.matcher(masked);
            var out = new StringBuilder();
            int last = 0;
            while (m.find()) {
                String found = m.group();
                if (!valid.test(found)) continue;
                if (seen.add(rule + ":" + found)) findings.add(new Finding(rule, redact(found)));
                out.append(masked, last, m.start()).append(placeholder);
                last = m.end();
            }
            out.append(masked.substring(last));
            masked = out.toString();
        }
    }

    /** Enough to recognise the item in the log without storing it whole. */
    private static String redact(String value) {
        String v = value.strip();
        if (v.length() <= 4) return "****";
        return "…" + v.substring(v.length() - 4);
    }

    static boolean luhn(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        if (digits.length() < 13 || digits.length() > 19) return false;
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) return false;
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        var numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            if (Character.isDigit(c)) numeric.append(c);
            else if (c >= 'A' && c <= 'Z') numeric.append(c - 'A' + 10);
            else return false;
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    static boolean phoneLike(String candidate) {
        int digits = candidate.replaceAll("[^0-9]", "").length();
        return digits >= 9 && digits <= 15;
    }
}
