package io.switchboard.mcp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A few builders for the JSON Schemas of tool inputs and outputs (draft 2020-12 subset). */
final class Schema {

    private Schema() {}

    /** An object schema; {@code required} lists the property names that must be present. */
    static Map<String, Object> object(Map<String, Object> properties, String... required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) schema.put("required", List.of(required));
        return schema;
    }

    static Map<String, Object> props(Object... nameSchemaPairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < nameSchemaPairs.length; i += 2) {
            map.put((String) nameSchemaPairs[i], nameSchemaPairs[i + 1]);
        }
        return map;
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> string(String description, int maxLength) {
        return Map.of("type", "string", "description", description, "maxLength", maxLength);
    }

    static Map<String, Object> nullableString(String description) {
        return Map.of("type", List.of("string", "null"), "description", description);
    }

    static Map<String, Object> uuid(String description) {
        return Map.of("type", "string", "format", "uuid", "description", description);
    }

    static Map<String, Object> nullableUuid(String description) {
        return Map.of("type", List.of("string", "null"), "description", description);
    }

    static Map<String, Object> enumOf(String description, String... values) {
        return Map.of("type", "string", "enum", List.of(values), "description", description);
    }

    static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }

    static Map<String, Object> integer(String description, int min, int max) {
        return Map.of("type", "integer", "description", description, "minimum", min, "maximum", max);
    }

    static Map<String, Object> nullableInteger(String description) {
        return Map.of("type", List.of("integer", "null"), "description", description);
    }

    static Map<String, Object> number(String description) {
        return Map.of("type", "number", "description", description);
    }

    static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    static Map<String, Object> arrayOf(Map<String, Object> items, String description) {
        return Map.of("type", "array", "items", items, "description", description);
    }

    static Map<String, Object> stringMap(String description) {
        return Map.of("type", "object", "additionalProperties", Map.of("type", "string"), "description", description);
    }

    /** A page of items, as list tools answer. */
    static Map<String, Object> page(Map<String, Object> item) {
        return object(
                props(
                        "items", arrayOf(item, "this page's items"),
                        "page", integer("0-based page number"),
                        "size", integer("items per page"),
                        "total_items", integer("items in all pages"),
                        "total_pages", integer("number of pages")),
                "items",
                "page",
                "size",
                "total_items",
                "total_pages");
    }

    /** Page arguments shared by list tools. */
    static List<Object> pageProps() {
        return new ArrayList<>(List.of(
                "page", integer("0-based page number (default 0)", 0, 10_000),
                "size", integer("items per page, 1..100 (default 20)", 1, 100)));
    }
}
