package io.switchboard.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of a robots.txt (RFC 9309) that apply to our crawler: the group naming our user agent,
 * else the {@code *} group. The longest matching rule wins; Allow wins a tie. {@code *} and {@code $}
 * wildcards are supported.
 */
final class RobotsTxt {

    static final String AGENT = "SwitchboardBot";
    static final RobotsTxt ALLOW_ALL = new RobotsTxt(List.of());

    private record Rule(boolean allow, String pattern, Pattern regex) {}

    private final List<Rule> rules;

    private RobotsTxt(List<Rule> rules) {
        this.rules = rules;
    }

    static RobotsTxt parse(String text) {
        List<Rule> ours = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        boolean oursFound = false;
        List<String> agents = new ArrayList<>();
        boolean inRules = false;
        List<Rule> group = new ArrayList<>();
        List<List<Rule>> groups = new ArrayList<>();
        List<List<String>> groupAgents = new ArrayList<>();
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.replaceFirst("#.*", "").trim();
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (key.equals("user-agent")) {
                if (inRules) {
                    groups.add(group);
                    groupAgents.add(agents);
                    group = new ArrayList<>();
                    agents = new ArrayList<>();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (value.isEmpty()) continue; // "Disallow:" with nothing allows everything
                group.add(new Rule(key.equals("allow"), value, compile(value)));
            }
        }
        groups.add(group);
        groupAgents.add(agents);
        String agent = AGENT.toLowerCase(Locale.ROOT);
        for (int i = 0; i < groups.size(); i++) {
            for (String a : groupAgents.get(i)) {
                if (!a.equals("*") && agent.startsWith(a)) {
                    ours.addAll(groups.get(i));
                    oursFound = true;
                } else if (a.equals("*")) {
                    star.addAll(groups.get(i));
                }
            }
        }
        return new RobotsTxt(oursFound ? ours : star);
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') regex.append(".*");
            else if (c == '$' && i == pattern.length() - 1) regex.append('$');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** @param pathAndQuery the URL's path (and query), starting with "/" */
    boolean allows(String pathAndQuery) {
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.regex().matcher(pathAndQuery).lookingAt()) {
                if (best == null
                        || rule.pattern().length() > best.pattern().length()
                        || (rule.pattern().length() == best.pattern().length() && rule.allow())) {
                    best = rule;
                }
            }
        }
        return best == null || best.allow();
    }
}
