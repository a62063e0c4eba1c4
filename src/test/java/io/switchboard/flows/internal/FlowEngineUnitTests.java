package io.switchboard.flows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** One behaviour per node type, through the engine with a scripted world. */
class FlowEngineUnitTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    FakeWorld world;
    FlowState state;

    /** nodes: "id:type:{data json}" ; edges: "source.handle>target". */
    static FlowDocument doc(List<String> nodes, List<String> edges) {
        StringBuilder sb = new StringBuilder("{\"nodes\":[");
        for (int i = 0; i < nodes.size(); i++) {
            String[] p = nodes.get(i).split(":", 3);
            if (i > 0) sb.append(',');
            sb.append("{\"id\":\"")
                    .append(p[0])
                    .append("\",\"type\":\"")
                    .append(p[1])
                    .append("\",\"data\":")
                    .append(p.length > 2 ? p[2] : "{}")
                    .append('}');
        }
        sb.append("],\"edges\":[");
        for (int i = 0; i < edges.size(); i++) {
            String e = edges.get(i);
            String source = e.substring(0, e.indexOf('.'));
            String handle = e.substring(e.indexOf('.') + 1, e.indexOf('>'));
            String target = e.substring(e.indexOf('>') + 1);
            if (i > 0) sb.append(',');
            sb.append("{\"id\":\"e")
                    .append(i)
                    .append("\",\"source\":\"")
                    .append(source)
                    .append("\",\"sourceHandle\":\"")
                    .append(handle)
                    .append("\",\"target\":\"")
                    .append(target)
                    .append("\"}");
        }
        return FlowDocument.parse(JSON.readTree(sb.append("]}").toString()));
    }

    @BeforeEach
    void setUp() {
        world = new FakeWorld();
    }

    private FlowEngine.Result begin(FlowDocument d) {
        world.documents.put("f", d);
        state = FlowState.start("f", 1, d.start().orElseThrow().id());
        return FlowEngine.run(world, state, new FlowEngine.Input.Begin());
    }

    /** Every message goes through a JSON round trip of the state: a new engine on a restarted node. */
    private FlowEngine.Result say(String text) {
        state = JSON.readValue(JSON.writeValueAsString(state), FlowState.class);
        return FlowEngine.run(world, state, new FlowEngine.Input.Message(text, null));
    }

    private static List<String> texts(FlowEngine.Result r) {
        return r.replies().stream().map(FlowEngine.Reply::text).toList();
    }

    @Test
    void startMessageEnd() {
        var r = begin(doc(
                List.of(
                        "s:start:{\"triggers\":[]}",
                        "m:message:{\"text\":\"Hi {{contact.name}}\"}",
                        "e:end:{\"message\":\"Bye\"}"),
                List.of("s.next>m", "m.next>e")));
        assertThat(texts(r)).containsExactly("Hi ", "Bye");
        assertThat(state.status).isEqualTo("completed");
        assertThat(r.steps()).extracting(FlowEngine.Step::nodeId).containsExactly("s", "m", "e");
    }

    @Test
    void questionWaitsValidatesRepromptsAndTakesInvalidAfterRetries() {
        var d = doc(
                List.of(
                        "s:start:{}",
                        "q:question:{\"prompt\":\"Budget?\",\"kind\":\"number\",\"variable\":\"budget\",\"retries\":1}",
                        "ok:message:{\"text\":\"Budget {{budget}}\"}",
                        "bad:message:{\"text\":\"Never mind\"}"),
                List.of("s.next>q", "q.next>ok", "q.invalid>bad"));
        assertThat(texts(begin(d))).containsExactly("Budget?");
        assertThat(state.waitingFor).isEqualTo("question");
        assertThat(texts(say("lots"))).containsExactly("Sorry, I didn't get that. Budget?");
        assertThat(texts(say("still lots"))).containsExactly("Never mind");
        assertThat(state.status).isEqualTo("completed");

        begin(d);
        var r = say("1,500");
        assertThat(texts(r)).containsExactly("Budget 1500");
        assertThat(r.steps().get(0).variablesChanged()).containsKey("budget");
    }

    @Test
    void exhaustedRetriesWithoutAnInvalidOutputHandOff() {
        var d = doc(
                List.of(
                        "s:start:{}",
                        "q:question:{\"prompt\":\"Email?\",\"kind\":\"email\",\"variable\":\"email\",\"retries\":0}",
                        "e:end:{}"),
                List.of("s.next>q", "q.next>e"));
        begin(d);
        var r = say("nope");
        assertThat(r.handoffReason()).contains("Email?");
        assertThat(state.status).isEqualTo("handoff");
    }

    @Test
    void choicesMatchByIdTitleOrNumberAndFollowTheirOwnOutput() {
        var d = doc(
                List.of(
                        "s:start:{}",
                        "q:question:{\"prompt\":\"Pick\",\"kind\":\"choice\",\"variable\":\"pick\",\"choices\":[{\"id\":\"a\",\"title\":\"Apples\"},{\"id\":\"b\",\"title\":\"Bananas\"}]}",
                        "ma:message:{\"text\":\"A\"}",
                        "n:message:{\"text\":\"next {{pick}} {{pick_title}}\"}"),
                List.of("s.next>q", "q.a>ma", "q.next>n"));
        var first = begin(d);
        assertThat(first.replies().get(0).buttons()).hasSize(2);
        assertThat(texts(say("apples"))).containsExactly("A");
        begin(d);
        assertThat(texts(say("2"))).containsExactly("next b Bananas");
        begin(d);
        assertThat(FlowEngine.run(world, state, new FlowEngine.Input.Message("whatever", "a"))
                        .replies())
                .extracting(FlowEngine.Reply::text)
                .containsExactly("A");
    }

    @Test
    void typedQuestionsNormaliseAnswers() {
        for (String[] c : List.of(
                new String[] {"phone", "+1 (415) 555-0100", "+14155550100"},
                new String[] {"date", "tomorrow", "2026-11-24"},
                new String[] {"date", "24.12.2026", "2026-12-24"},
                new String[] {"email", "ana@example.com", "ana@example.com"},
                new String[] {"text", "  hello ", "hello"})) {
            begin(doc(
                    List.of(
                            "s:start:{}",
                            "q:question:{\"prompt\":\"?\",\"kind\":\"" + c[0] + "\",\"variable\":\"v\"}",
                            "e:end:{}"),
                    List.of("s.next>q", "q.next>e")));
            say(c[1]);
            assertThat(String.valueOf(state.vars.get("v"))).as(c[0]).isEqualTo(c[2]);
        }
    }

    @Test
    void unexpectedInputTriesAnIntentSwitchThenKnowledgeBeforeRetrying() {
        var d = doc(
                List.of(
                        "s:start:{}",
                        "q:question:{\"prompt\":\"Date?\",\"kind\":\"date\",\"variable\":\"d\"}",
                        "e:end:{}"),
                List.of("s.next>q", "q.next>e"));
        world.knowledge.put("parking", "Parking is behind the building.");
        begin(d);
        assertThat(texts(say("where is parking?"))).containsExactly("Parking is behind the building.", "Date?");
        assertThat(state.retries).isZero();

        world.documents.put(
                "other", doc(List.of("s2:start:{}", "m2:message:{\"text\":\"Other flow\"}"), List.of("s2.next>m2")));
        world.intentSwitchTo = "other";
        assertThat(texts(say("switch to something else"))).containsExactly("Other flow");
        assertThat(state.flowId).isEqualTo("other");
        assertThat(state.status).isEqualTo("completed");
    }

    @Test
    void setVariableConditionAndIntentRouter() {
        var d = doc(
                List.of(
                        "s:start:{}",
                        "v:set_variable:{\"variable\":\"total\",\"value\":\"price * 2\"}",
                        "t:set_variable:{\"variable\":\"label\",\"value\":\"{{total}} EUR\"}",
                        "c:condition:{\"rules\":[{\"id\":\"big\",\"expression\":\"total >= 100\"}]}",
                        "r:intent_router:{\"routes\":[{\"id\":\"book\",\"intent\":\"booking\"}]}",
                        "big:message:{\"text\":\"big {{label}}\"}",
                        "small:message:{\"text\":\"small\"}",
                        "fb:message:{\"text\":\"fallback\"}"),
                List.of("s.next>v", "v.next>t", "t.next>c", "c.big>r", "c.else>small", "r.book>big", "r.fallback>fb"));
        world.documents.put("f", d);
        state = FlowState.start("f", 1, "s");
        state.vars.put("price", 60);
        state.vars.put("last_message", "a booking please");
        assertThat(texts(FlowEngine.run(world, state, new FlowEngine.Input.Begin())))
                .containsExactly("big 120 EUR");
        state = FlowState.start("f", 1, "s");
        state.vars.put("price", 10);
        assertThat(texts(FlowEngine.run(world, state, new FlowEngine.Input.Begin())))
                .containsExactly("small");
        state = FlowState.start("f", 1, "s");
        state.vars.put("price", 60);
        state.vars.put("last_message", "hello");
        assertThat(texts(FlowEngine.run(world, state, new FlowEngine.Input.Begin())))
                .containsExactly("fallback");
    }

    @Test
    void knowledgeLlmAndHttpTakeTheirErrorOutputsWhenTheyCannotAnswer() {
        var d = doc(
                List.of(
                        "s:start:{}",
                        "k:knowledge_answer:{\"question\":\"{{last_message}}\"}",
                        "l:llm:{\"prompt\":\"Summarise {{last_message}}\",\"variable\":\"summary\"}",
                        "h:http:{\"method\":\"POST\",\"url\":\"https://api.example.com/leads?q={{last_message}}\",\"body\":\"{\\\"m\\\":\\\"{{last_message}}\\\"}\",\"mapping\":{\"leadId\":\"/id\"}}",
                        "nf:message:{\"text\":\"no kb\"}",
                        "le:message:{\"text\":\"llm error\"}",
                        "he:message:{\"text\":\"http error\"}",
                        "ok:message:{\"text\":\"lead {{leadId}} {{summary}}\"}"),
                List.of(
                        "s.next>k",
                        "k.answered>l",
                        "k.not_found>nf",
                        "nf.next>l",
                        "l.next>h",
                        "l.error>le",
                        "le.next>h",
                        "h.next>ok",
                        "h.error>he"));
        world.documents.put("f", d);
        state = FlowState.start("f", 1, "s");
        state.vars.put("last_message", "a \"b\"");
        assertThat(texts(FlowEngine.run(world, state, new FlowEngine.Input.Begin())))
                .containsExactly("no kb", "llm error", "http error");
        assertThat(world.httpCalls.get(0))
                .isEqualTo("POST https://api.example.com/leads?q=a%20%22b%22 {\"m\":\"a \\\"b\\\"\"}");

        world.knowledge.put("b", "answer");
        world.llm = new FlowEngine.LlmResult.Ok("short");
        world.http = new FlowEngine.HttpResult.Ok(201, JSON.readTree("{\"id\":42}"), "{\"id\":42}");
        state = FlowState.start("f", 1, "s");
        state.vars.put("last_message", "a \"b\"");
        assertThat(texts(FlowEngine.run(world, state, new FlowEngine.Input.Begin())))
                .containsExactly("answer", "lead 42 short");
    }

    @Test
    void updateContactWaitTimersSubflowHandoff() {
        world.documents.put(
                "sub",
                doc(
                        List.of("s:start:{}", "m:message:{\"text\":\"in sub\"}", "e:end:{}"),
                        List.of("s.next>m", "m.next>e")));
        var d = doc(
                List.of(
                        "s:start:{}",
                        "u:update_contact:{\"addTags\":[\"vip\"],\"attributes\":{\"city\":\"{{city}}\"}}",
                        "w:wait:{\"mode\":\"delay\",\"seconds\":60}",
                        "r:wait:{\"mode\":\"reply\",\"seconds\":30,\"variable\":\"answer\"}",
                        "sub:subflow:{\"flowId\":\"sub\"}",
                        "late:message:{\"text\":\"too late\"}",
                        "h:handoff:{\"message\":\"A person will help, {{answer}}\"}"),
                List.of("s.next>u", "u.next>w", "w.next>r", "r.next>sub", "r.timeout>late", "sub.next>h"));
        world.documents.put("f", d);
        state = FlowState.start("f", 1, "s");
        state.vars.put("city", "Porto");
        FlowEngine.run(world, state, new FlowEngine.Input.Begin());
        assertThat(world.contactUpdates).containsExactly("+[vip] -[] {city=Porto}");
        assertThat(state.waitingFor).isEqualTo("delay");
        assertThat(world.timers).containsExactly("delay:60:1");
        // a message during the delay does not move the flow, a stale timer neither
        say("hello?");
        assertThat(state.waitingFor).isEqualTo("delay");
        FlowEngine.run(world, state, new FlowEngine.Input.Timer("delay", 0));
        assertThat(state.waitingFor).isEqualTo("delay");
        FlowEngine.run(world, state, new FlowEngine.Input.Timer("delay", 1));
        assertThat(state.waitingFor).isEqualTo("reply");
        assertThat(world.timers).containsExactly("delay:60:1", "timeout:30:2");
        var r = say("yes");
        assertThat(texts(r)).containsExactly("in sub", "A person will help, yes");
        assertThat(r.handoffReason()).isEqualTo("A person will help, yes");
        assertThat(state.status).isEqualTo("handoff");
        // the reply overtook the timeout: firing it now changes nothing
        assertThat(FlowEngine.run(world, state, new FlowEngine.Input.Timer("timeout", 2))
                        .replies())
                .isEmpty();
    }

    @Test
    void stopAndRestartKeywordsAndTheStepBudget() {
        var d = doc(
                List.of(
                        "s:start:{}",
                        "q:question:{\"prompt\":\"Name?\",\"kind\":\"text\",\"variable\":\"n\"}",
                        "e:end:{}"),
                List.of("s.next>q", "q.next>e"));
        begin(d);
        assertThat(texts(say("restart"))).containsExactly("Name?");
        assertThat(texts(say("STOP")).get(0)).contains("stopped");
        assertThat(state.status).isEqualTo("stopped");

        var loop = doc(
                List.of(
                        "s:start:{}",
                        "a:set_variable:{\"variable\":\"n\",\"value\":\"n + 1\"}",
                        "b:message:{\"text\":\"x\"}"),
                List.of("s.next>a", "a.next>b", "b.next>a"));
        var r = begin(loop);
        assertThat(r.budgetExceeded()).isTrue();
        assertThat(state.status).isEqualTo("stopped");
        assertThat(r.steps()).hasSizeLessThanOrEqualTo(FlowEngine.STEP_BUDGET + 1);
    }
}
