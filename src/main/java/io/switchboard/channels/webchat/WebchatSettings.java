package io.switchboard.channels.webchat;

import io.switchboard.channels.spi.ChannelConnection;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A web chat channel's settings, parsed and checked. */
record WebchatSettings(
        List<String> allowedOrigins,
        String themeColor,
        String greeting,
        String position,
        List<String> preChatFields,
        @Nullable String identitySecret) {

    static final String DEFAULT_COLOR = "#4f46e5";
    static final String DEFAULT_GREETING = "Hi! How can we help?";
    static final Set<String> POSITIONS = Set.of("bottom-right", "bottom-left");
    static final List<String> PRE_CHAT_FIELDS = List.of("name", "email", "phone");
    private static final Pattern COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    static final int MAX_GREETING = 500;

    static WebchatSettings of(ChannelConnection connection) {
        return of(connection.config());
    }

    static WebchatSettings of(Map<String, String> config) {
        return new WebchatSettings(
                list(config.get("allowedOrigins")).stream()
                        .map(WebchatSettings::normalizeOrigin)
                        .toList(),
                orDefault(config.get("themeColor"), DEFAULT_COLOR),
                orDefault(config.get("greeting"), DEFAULT_GREETING),
                orDefault(config.get("position"), "bottom-right"),
                list(config.get("preChatFields")).stream()
                        .map(f -> f.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList(),
                blankToNull(config.get("identitySecret")));
    }

    boolean allows(String origin) {
        return allowedOrigins.contains(normalizeOrigin(origin));
    }

    /** Field → problem for each invalid setting. */
    static Map<String, String> problems(Map<String, String> config) {
        var problems = new LinkedHashMap<String, String>();
        List<String> origins = list(config.get("allowedOrigins"));
        if (origins.isEmpty()) {
            problems.put(
                    "config.allowedOrigins", "is required: the sites allowed to embed the widget, comma-separated");
        }
        for (String origin : origins) {
            if (!isOrigin(origin)) {
                problems.putIfAbsent(
                        "config.allowedOrigins",
                        "'" + origin + "' is not an origin like https://www.example.com (scheme, host, optional port)");
            }
        }
        String color = config.get("themeColor");
        if (color != null && !color.isBlank() && !COLOR.matcher(color.trim()).matches()) {
            problems.put("config.themeColor", "must be a hex colour like #4f46e5");
        }
        String position = config.get("position");
        if (position != null && !position.isBlank() && !POSITIONS.contains(position.trim())) {
            problems.put("config.position", "must be bottom-right or bottom-left");
        }
        String greeting = config.get("greeting");
        if (greeting != null && greeting.length() > MAX_GREETING) {
            problems.put("config.greeting", "must be at most " + MAX_GREETING + " characters");
        }
        for (String field : list(config.get("preChatFields"))) {
            if (!PRE_CHAT_FIELDS.contains(field.toLowerCase(Locale.ROOT))) {
                problems.putIfAbsent("config.preChatFields", "may only list name, email and phone");
            }
        }
        String secret = config.get("identitySecret");
        if (secret != null && !secret.isBlank() && secret.trim().length() < 16) {
            problems.put("config.identitySecret", "must be at least 16 characters");
        }
        return problems;
    }

    static boolean isOrigin(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Lower-case scheme and host, no trailing slash, default ports dropped: how browsers send {@code Origin}. */
    static String normalizeOrigin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) return origin.trim();
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return origin.trim();
        }
    }

    private static List<String> list(@Nullable String value) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
