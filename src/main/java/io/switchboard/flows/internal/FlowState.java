package io.switchboard.flows.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session's engine state, stored as JSON in {@code flow_sessions.state}: everything needed to
 * continue exactly where the flow stopped, on any node, after any restart.
 */
final class FlowState {

    /** A sub-flow call: where to continue in the caller when the sub-flow ends. */
    record Frame(String flowId, int version, String nodeId) {}

    public String flowId = "";
    public int version;
    public @Nullable String nodeId;
    /** question, reply, delay, or null while running / ended */
    public @Nullable String waitingFor;

    public int retries;
    /** bumped whenever the flow starts waiting; a timer carrying an older number is stale */
    public int waitSeq;

    public List<Frame> stack = new ArrayList<>();
    public Map<String, Object> vars = new LinkedHashMap<>();
    /** active, completed, handoff, stopped */
    public String status = "active";

    FlowState() {}

    static FlowState start(String flowId, int version, String startNodeId) {
        FlowState s = new FlowState();
        s.flowId = flowId;
        s.version = version;
        s.nodeId = startNodeId;
        return s;
    }

    boolean active() {
        return status.equals("active");
    }
}
