package io.switchboard.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversations.Conversations.SenderType;
import io.switchboard.conversations.Conversations.VisibleMessage;
import io.switchboard.conversations.MessageContent;
import io.switchboard.llm.ChatRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationMemoryUnitTests {

    private static VisibleMessage message(String direction, String text) {
        return new VisibleMessage(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                direction,
                "inbound".equals(direction) ? SenderType.CONTACT : SenderType.AGENT,
                new MessageContent.Text(text),
                Instant.now());
    }

    @Test
    void historyTurnsSpeakersAndLeavesOutTheMessageBeingAnswered() {
        var first = message("inbound", "Do you have rooms on Friday?");
        var answer = message("outbound", "Yes, two doubles.");
        var current = message("inbound", "Great, how much?");
        var history = ConversationMemory.history(List.of(first, answer, current), current.id());
        assertThat(history)
                .containsExactly(
                        new ChatRequest.ChatTurn(ChatRequest.Speaker.USER, "Do you have rooms on Friday?"),
                        new ChatRequest.ChatTurn(ChatRequest.Speaker.ASSISTANT, "Yes, two doubles."));
    }

    @Test
    void theExtractiveSummaryKeepsTheCustomersLongestMessagesInOrder() {
        var messages = List.of(
                message("inbound", "hi"),
                message("outbound", "Hello! How can I help?"),
                message("inbound", "I booked room 12 for Friday and need a late checkout"),
                message("inbound", "ok"),
                message("inbound", "Also my partner is allergic to feathers, can we get other pillows?"));
        String summary = ConversationMemory.extractive(messages);
        assertThat(summary).startsWith("The customer wrote:");
        assertThat(summary.indexOf("room 12")).isLessThan(summary.indexOf("feathers"));
        assertThat(summary).doesNotContain("How can I help");
    }
}
