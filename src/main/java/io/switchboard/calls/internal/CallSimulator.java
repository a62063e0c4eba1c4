package io.switchboard.calls.internal;

import io.switchboard.calls.CallStatus;
import io.switchboard.calls.internal.VoiceProvider.Snapshot;
import io.switchboard.calls.internal.VoiceProvider.TurnData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Plays a call without a provider: ringing, then answer (or no answer, busy, voicemail), turns built
 * from the task and the contact's topics, hang-up. Deterministic for a call (its id, number, task and
 * metadata decide everything), so a restart that replays a step produces the same turns. The outcome
 * can be forced with metadata {@code simulate_outcome} = interested, not-interested, callback,
 * voicemail, no-answer or busy; otherwise numbers ending in 0 do not answer, in 1 are busy, in 2 reach
 * voicemail, and the call id decides the rest.
 */
final class CallSimulator {

    /** Simulated seconds a turn takes: speaking at ~2.5 words per second plus a pause. */
    static double turnSeconds(String text) {
        return Math.max(1.5, text.split("\\s+").length / 2.5) + 0.8;
    }

    record Plan(String outcome, List<TurnData> turns, int durationSeconds, boolean cutAtMaxDuration) {}

    static String outcome(CallRow call) {
        String forced = call.metadata().get("simulate_outcome");
        if (forced != null && !forced.isBlank()) return forced.strip().toLowerCase(Locale.ROOT);
        char last = call.phoneNumber().charAt(call.phoneNumber().length() - 1);
        return switch (last) {
            case '0' -> "no-answer";
            case '1' -> "busy";
            case '2' -> "voicemail";
            default ->
                switch (Math.floorMod(call.id().hashCode(), 3)) {
                    case 0 -> "callback";
                    default -> "interested";
                };
        };
    }

    static Plan plan(CallRow call) {
        String outcome = outcome(call);
        String name = Optional.ofNullable(call.metadata().get("contact_name"))
                .filter(s -> !s.isBlank())
                .orElse("there");
        String product = Optional.ofNullable(call.metadata().get("product"))
                .filter(s -> !s.isBlank())
                .orElse("our service");
        List<String> topics = topics(call);
        List<String> sentences = sentences(call.task());
        var lines = new ArrayList<String[]>();
        String opening = call.firstSentence() != null && !call.firstSentence().isBlank()
                ? call.firstSentence()
                : "Hi " + name + ", this is Alex calling about " + product + ". Do you have a minute?";
        if (outcome.equals("voicemail")) {
            lines.add(new String[] {
                "agent",
                opening + " Sorry I missed you: I'll send the details by message, and you can call us back any time."
            });
        } else {
            lines.add(new String[] {"agent", opening});
            lines.add(new String[] {
                "user", "Hi, yes, this is " + (name.equals("there") ? "me" : name) + ". What is it about?"
            });
            lines.add(new String[] {
                "agent", pick(sentences, 0, "We help teams like yours get more done with " + product + ".")
            });
            if (!topics.isEmpty()) {
                String topic = topics.getFirst();
                lines.add(new String[] {"user", "I was actually wondering about " + topic + "."});
                lines.add(new String[] {"agent", about(sentences, topic)});
            } else {
                lines.add(new String[] {"user", "Okay, tell me a bit more."});
                lines.add(new String[] {
                    "agent", pick(sentences, 1, "It takes only a few minutes to set up and you can try it first.")
                });
            }
            switch (outcome) {
                case "not-interested" -> {
                    lines.add(new String[] {"user", "Thanks, but I'm not interested at the moment."});
                    lines.add(new String[] {"agent", "No problem at all, thank you for your time. Have a great day!"});
                }
                case "callback" -> {
                    lines.add(new String[] {"user", "I'm busy right now. Can you call me back tomorrow afternoon?"});
                    lines.add(new String[] {
                        "agent", "Of course, I'll call you back tomorrow afternoon. Thanks, " + name + "!"
                    });
                }
                default -> {
                    lines.add(new String[] {
                        "user", "That sounds interesting. Yes, I'm interested: please send me the details."
                    });
                    lines.add(new String[] {
                        "agent", "Wonderful! I'll send you the details right after this call. Thank you, " + name + "!"
                    });
                }
            }
        }
        var turns = new ArrayList<TurnData>();
        double at = 0;
        int max = call.maxDurationMinutes() * 60;
        boolean cut = false;
        for (String[] line : lines) {
            double length = turnSeconds(line[1]);
            if (at + length > max) {
                cut = true;
                break;
            }
            turns.add(new TurnData(line[0], line[1], Math.round(at * 10) / 10.0));
            at += length;
        }
        int duration = cut ? max : (int) Math.ceil(at);
        return new Plan(outcome, turns, duration, cut);
    }

    /**
     * What the call looks like after {@code step}: 1 = answered (or not), 2.. = one more turn each; the
     * step after the last turn hangs up. Empty when the step is past the end.
     */
    static Optional<Snapshot> step(CallRow call, int step) {
        Plan plan = plan(call);
        if (step <= 0)
            return Optional.of(new Snapshot(CallStatus.RINGING, List.of(), null, null, null, null, null, null));
        switch (plan.outcome()) {
            case "no-answer" -> {
                return Optional.of(
                        new Snapshot(CallStatus.NO_ANSWER, List.of(), 0, null, null, null, "no answer", null));
            }
            case "busy" -> {
                return Optional.of(new Snapshot(CallStatus.BUSY, List.of(), 0, null, null, null, "line busy", null));
            }
            default -> {}
        }
        String answeredBy = plan.outcome().equals("voicemail") ? "voicemail" : "human";
        int shown = step - 1; // step 1 answers and speaks the first turn
        if (shown < plan.turns().size()) {
            return Optional.of(new Snapshot(
                    CallStatus.IN_PROGRESS,
                    plan.turns().subList(0, shown + 1),
                    null,
                    answeredBy,
                    null,
                    null,
                    null,
                    null));
        }
        if (shown > plan.turns().size()) return Optional.empty();
        return Optional.of(new Snapshot(
                CallStatus.COMPLETED,
                plan.turns(),
                plan.durationSeconds(),
                answeredBy,
                null,
                null,
                plan.cutAtMaxDuration() ? "max duration reached" : "hung up",
                null));
    }

    static List<String> topics(CallRow call) {
        String raw = call.metadata().getOrDefault("topics", "");
        return Arrays.stream(raw.split("[,;\\n]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .limit(5)
                .toList();
    }

    /** The task's sentences that read like something to say (not headings or instructions to the agent). */
    static List<String> sentences(String task) {
        var out = new ArrayList<String>();
        for (String line : task.split("\\n")) {
            String l = line.strip().replaceFirst("^[-*\\d.)\\s]+", "");
            if (l.isEmpty() || l.endsWith(":") || l.startsWith("#")) continue;
            for (String s : l.split("(?<=[.!?])\\s+")) {
                String t = s.strip();
                if (t.length() >= 20
                        && t.length() <= 240
                        && !t.toLowerCase(Locale.ROOT).startsWith("you are")) out.add(t);
            }
        }
        return out;
    }

    private static String pick(List<String> sentences, int index, String fallback) {
        return index < sentences.size() ? sentences.get(index) : fallback;
    }

    private static String about(List<String> sentences, String topic) {
        String word = topic.toLowerCase(Locale.ROOT).split("\\s+")[0];
        for (String s : sentences) {
            if (s.toLowerCase(Locale.ROOT).contains(word)) return s;
        }
        return "Good question. On " + topic + ", we can walk you through exactly how it works for you.";
    }

    static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
