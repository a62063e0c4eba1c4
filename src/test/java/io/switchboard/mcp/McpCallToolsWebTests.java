package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The call tools end to end through the SDK client, on the simulator (no Bland key in tests). */
class McpCallToolsWebTests extends McpTestSupport {

    @Test
    void anAssistantEstimatesConfirmsPlacesAndReadsASimulatedCall() {
        String owner = organisation("Calling Org");
        grantCredits(owner, 1000);
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            var estimate = structured(call(client, "estimate_call_cost", Map.of("max_duration_minutes", 3)));
            assertThat(estimate.get("provider")).isEqualTo("simulator");
            assertThat(estimate.get("affordable")).isEqualTo(true);
            long expected = ((Number) estimate.get("estimated_cost_minor")).longValue();

            var unconfirmed = call(
                    client,
                    "place_call",
                    Map.of(
                            "confirm",
                            false,
                            "phone_number",
                            "+14155550199",
                            "task",
                            "Tell them about our spring sale"));
            assertThat(errorCode(unconfirmed)).isEqualTo("confirmation-required");
            assertThat(text(unconfirmed)).contains("confirm: true");

            var placed = structured(call(
                    client,
                    "place_call",
                    Map.of(
                            "confirm", true,
                            "phone_number", "+14155550199",
                            "task", "Tell them about our spring sale and ask if they want a brochure",
                            "first_sentence", "Hi, this is Maya from Acme.",
                            "max_duration_minutes", 3)));
            String callId = (String) placed.get("call_id");
            assertThat(callId).isNotBlank();
            assertThat(((Number) placed.get("hold_minor")).longValue()).isEqualTo(expected);
            assertThat(((Number) placed.get("estimated_cost_minor")).longValue())
                    .isEqualTo(expected);
            assertThat(placed.get("provider")).isEqualTo("simulator");

            var finished = Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> structured(call(client, "get_call", Map.of("call_id", callId))),
                            c -> List.of("completed", "no-answer", "busy", "failed")
                                    .contains(c.get("status")));
            assertThat(finished.get("phone_number")).isEqualTo("+14155550199");

            var transcript = structured(call(client, "get_transcript", Map.of("call_id", callId)));
            assertThat(transcript.get("complete")).isEqualTo(true);
            if ("completed".equals(finished.get("status"))) {
                assertThat((List<?>) transcript.get("turns")).isNotEmpty();
                assertThat((String) transcript.get("text")).contains("agent:");
            }

            var listed = structured(call(client, "list_calls", Map.of("status", finished.get("status"))));
            assertThat(((Number) listed.get("total_items")).intValue()).isEqualTo(1);

            var analysis = structured(call(client, "analyze_call", Map.of("call_id", callId)));
            assertThat(analysis.get("outcome")).isNotNull();

            var stopped = structured(call(client, "stop_call", Map.of("call_id", callId)));
            assertThat(stopped.get("status")).isEqualTo(finished.get("status")); // finished calls stay as they are

            // another organisation cannot see or stop it
            String other = organisation("Other Calling Org");
            try (var stranger = client(apiKey(other, List.of("write"), null))) {
                assertThat(errorCode(call(stranger, "get_call", Map.of("call_id", callId))))
                        .isEqualTo("not-found");
                assertThat(errorCode(call(stranger, "get_transcript", Map.of("call_id", callId))))
                        .isEqualTo("not-found");
                assertThat(errorCode(call(stranger, "stop_call", Map.of("call_id", callId))))
                        .isEqualTo("not-found");
                var none = structured(call(stranger, "list_calls", Map.of()));
                assertThat((List<?>) none.get("items")).isEmpty();
            }
        }
    }

    @Test
    void insufficientCreditsModerationAndBadNumbersAreToolErrors() {
        String owner = organisation("Refusals Org");
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            long available = ((Number) structured(call(client, "get_credit_balance", Map.of()))
                            .get("available_minor"))
                    .longValue();
            if (available == 0) {
                var broke = call(
                        client,
                        "place_call",
                        Map.of("confirm", true, "phone_number", "+14155550199", "task", "Say hello"));
                assertThat(errorCode(broke)).isEqualTo("insufficient-credits");
                assertThat(text(broke)).containsIgnoringCase("credit");
            }
            grantCredits(owner, 1000);

            var moderation = api.put(
                    "/api/v1/moderation/settings",
                    Map.of(
                            "blockedTerms",
                            List.of("guaranteed returns"),
                            "maskPii",
                            false,
                            "blockPromptInjection",
                            true,
                            "useOpenAiModeration",
                            false),
                    owner);
            assertThat(moderation.status()).isEqualTo(200);
            var blocked = call(
                    client,
                    "place_call",
                    Map.of(
                            "confirm",
                            true,
                            "phone_number",
                            "+14155550199",
                            "task",
                            "Promise them guaranteed returns on the fund"));
            assertThat(errorCode(blocked)).isEqualTo("call-blocked-by-moderation");
            assertThat(text(blocked)).containsIgnoringCase("moderation");

            var badNumber =
                    call(client, "place_call", Map.of("confirm", true, "phone_number", "12", "task", "Say hello"));
            assertThat(errorCode(badNumber)).isEqualTo("validation");
            assertThat(text(badNumber)).contains("phone");

            // nothing was dialled or held
            var list = structured(call(client, "list_calls", Map.of()));
            assertThat(((Number) list.get("total_items")).intValue()).isZero();
            var balance = structured(call(client, "get_credit_balance", Map.of()));
            assertThat(((Number) balance.get("held_minor")).longValue()).isZero();
        }
    }

    @Test
    void insufficientCreditsAreRefusedAsAToolErrorWhenTheBalanceIsEmpty() {
        String owner = organisation("Empty Org");
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            long available = ((Number) structured(call(client, "get_credit_balance", Map.of()))
                            .get("available_minor"))
                    .longValue();
            org.junit.jupiter.api.Assumptions.assumeTrue(available == 0, "new organisations start without credits");
            var broke =
                    call(client, "place_call", Map.of("confirm", true, "phone_number", "+14155550199", "task", "Hi"));
            assertThat(errorCode(broke)).isEqualTo("insufficient-credits");
        }
    }
}
