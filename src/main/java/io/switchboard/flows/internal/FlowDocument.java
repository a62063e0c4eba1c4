package io.switchboard.flows.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A parsed flow document: nodes by id and edges by (source, output). */
record FlowDocument(List<FlowNode> nodes, List<Edge> edges) {

    record Edge(String id, String source, String sourceHandle, String target) {}

    static FlowDocument parse(JsonNode doc) {
        List<FlowNode> nodes = new ArrayList<>();
        for (JsonNode n : doc.path("nodes")) {
            if (n.isObject()) nodes.add(FlowNode.parse(n));
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonNode e : doc.path("edges")) {
            if (!e.isObject()) continue;
            edges.add(new Edge(
                    e.path("id").asString(""),
                    e.path("source").asString(""),
                    e.path("sourceHandle").isString() ? e.path("sourceHandle").asString() : "next",
                    e.path("target").asString("")));
        }
        return new FlowDocument(List.copyOf(nodes), List.copyOf(edges));
    }

    Map<String, FlowNode> byId() {
        Map<String, FlowNode> map = new LinkedHashMap<>();
        for (FlowNode n : nodes) map.putIfAbsent(n.id(), n);
        return map;
    }

    Optional<FlowNode> node(String id) {
        for (FlowNode n : nodes) if (n.id().equals(id)) return Optional.of(n);
        return Optional.empty();
    }

    Optional<FlowNode.Start> start() {
        for (FlowNode n : nodes) if (n instanceof FlowNode.Start s) return Optional.of(s);
        return Optional.empty();
    }

    /** The node an output leads to, or null when the output is not connected. */
    @Nullable
    String target(String nodeId, String output) {
        for (Edge e : edges) {
            if (e.source().equals(nodeId) && e.sourceHandle().equals(output)) return e.target();
        }
        return null;
    }
}
