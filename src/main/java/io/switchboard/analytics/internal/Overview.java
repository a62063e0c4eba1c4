package io.switchboard.analytics.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the analytics page shows for one organisation, date range and (optional) channel. */
record Overview(
        LocalDate from,
        LocalDate to,
        String timeZone,
        @Nullable UUID channelId,
        Totals totals,
        List<Day> days,
        List<Count> handoffReasons,
        List<Count> topIntents,
        CampaignFunnel campaigns,
        CallFigures calls,
        List<AiUse> ai) {

    /**
     * Conversations started in the range and what happened in them.
     *
     * @param containedRate share of conversations the bot answered that no person answered and that
     *     were not handed off (null when the bot answered none)
     * @param medianFirstResponseSeconds from the contact's first message to the first answer (bot or
     *     person); null when nothing was answered
     */
    record Totals(
            long conversations,
            long resolved,
            long handedOff,
            long answeredByBot,
            long contained,
            @Nullable Double containedRate,
            @Nullable Double medianFirstResponseSeconds,
            @Nullable Double medianBotFirstResponseSeconds,
            @Nullable Double medianHumanFirstResponseSeconds,
            long inboundMessages,
            long botReplies,
            long humanReplies) {}

    /** One day in the organisation's time zone; days without activity are there with zeros. */
    record Day(LocalDate day, long conversations, long inbound, long botReplies, long humanReplies) {}

    record Count(String name, long count) {}

    /** Recipients of campaigns queued in the range, by how far they got. */
    record CampaignFunnel(
            long recipients, long sent, long delivered, long read, long replied, long failed, long optedOut) {}

    record CallFigures(long calls, long completed, long minutes, List<Count> outcomes) {}

    /** Calls to one AI provider's model in the range (failed ones included), tokens and cost. */
    record AiUse(
            String provider,
            String model,
            long calls,
            long failed,
            long inputTokens,
            long outputTokens,
            long costMicros) {}
}
