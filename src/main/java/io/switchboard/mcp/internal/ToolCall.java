package io.switchboard.mcp.internal;

import io.switchboard.identity.CurrentPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The arguments of one call with typed, validating accessors, and who is calling. */
record ToolCall(String tool, Map<String, Object> arguments, CurrentPrincipal principal) {

    UUID orgId() {
        return principal.orgId();
    }

    @Nullable
    String optString(String name) {
        Object v = arguments.get(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw ToolFailure.invalid(name, "must be a string");
        return s.isBlank() ? null : s.trim();
    }

    String string(String name) {
        String v = optString(name);
        if (v == null) throw ToolFailure.invalid(name, "is required");
        return v;
    }

    @Nullable
    UUID optUuid(String name) {
        String v = optString(name);
        if (v == null) return null;
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw ToolFailure.invalid(name, "must be an id (UUID), got '" + v + "'");
        }
    }

    UUID uuid(String name) {
        UUID v = optUuid(name);
        if (v == null) throw ToolFailure.invalid(name, "is required");
        return v;
    }

    @Nullable
    Integer optInt(String name, int min, int max) {
        Object v = arguments.get(name);
        if (v == null) return null;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw ToolFailure.invalid(name, "must be a whole number");
        }
        long value = n.longValue();
        if (value < min || value > max) throw ToolFailure.invalid(name, "must be between " + min + " and " + max);
        return (int) value;
    }

    boolean bool(String name) {
        Object v = arguments.get(name);
        if (v == null) return false;
        if (!(v instanceof Boolean b)) throw ToolFailure.invalid(name, "must be true or false");
        return b;
    }

    @Nullable
    List<String> optStrings(String name) {
        Object v = arguments.get(name);
        if (v == null) return null;
        if (!(v instanceof List<?> list)) throw ToolFailure.invalid(name, "must be a list of strings");
        var out = new ArrayList<String>();
        for (Object o : list) {
            if (!(o instanceof String s)) throw ToolFailure.invalid(name, "must be a list of strings");
            out.add(s);
        }
        return out;
    }

    @Nullable
    Map<String, String> optStringMap(String name) {
        Object v = arguments.get(name);
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> map)) throw ToolFailure.invalid(name, "must be an object of strings");
        var out = new LinkedHashMap<String, String>();
        for (var e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) throw ToolFailure.invalid(name, "values must be strings");
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    @Nullable
    Map<String, Object> optObject(String name) {
        Object v = arguments.get(name);
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> map)) throw ToolFailure.invalid(name, "must be an object");
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }
}
