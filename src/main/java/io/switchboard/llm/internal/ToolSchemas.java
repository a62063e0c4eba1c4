package io.switchboard.llm.internal;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns a tool's JSON Schema text into LangChain4j's schema objects (the subset tools use). */
final class ToolSchemas {

    private ToolSchemas() {}

    static JsonObjectSchema toObjectSchema(JsonMapper json, String schema) {
        JsonNode node = schema == null || schema.isBlank() ? json.createObjectNode() : json.readTree(schema);
        if (element(node) instanceof JsonObjectSchema object) {
            return object;
        }
        throw new IllegalArgumentException("a tool's parameters must be a JSON Schema object");
    }

    private static JsonSchemaElement element(JsonNode node) {
        String description = node.has("description") ? node.get("description").asString() : null;
        if (node.has("enum")) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asString()));
            return JsonEnumSchema.builder()
                    .enumValues(values)
                    .description(description)
                    .build();
        }
        String type = node.has("type") ? node.get("type").asString() : (node.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                var builder = JsonObjectSchema.builder().description(description);
                if (node.has("properties")) {
                    for (var property : node.get("properties").properties()) {
                        builder.addProperty(property.getKey(), element(property.getValue()));
                    }
                }
                if (node.has("required")) {
                    List<String> required = new ArrayList<>();
                    node.get("required").forEach(r -> required.add(r.asString()));
                    builder.required(required);
                }
                yield builder.build();
            }
            case "array" ->
                JsonArraySchema.builder()
                        .description(description)
                        .items(
                                node.has("items")
                                        ? element(node.get("items"))
                                        : JsonStringSchema.builder().build())
                        .build();
            case "integer" ->
                JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" ->
                JsonBooleanSchema.builder().description(description).build();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }
}
