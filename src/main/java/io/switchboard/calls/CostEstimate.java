package io.switchboard.calls;

/**
 * What a call would hold.
 *
 * @param ratePerMinuteMinor the organisation's rate for the active provider
 * @param estimatedCostMinor {@code maxDurationMinutes × rate}, the hold a call would take
 * @param coveredMinutes how many minutes the available balance covers
 * @param affordable the balance covers the whole duration
 */
public record CostEstimate(
        String provider,
        int maxDurationMinutes,
        long ratePerMinuteMinor,
        long estimatedCostMinor,
        long availableMinor,
        String currency,
        int coveredMinutes,
        boolean affordable) {}
