package io.switchboard.campaigns;

import java.util.UUID;

/** A campaign handed its last message to the channel (or was cancelled). Published in the finishing transaction. */
public record CampaignCompleted(UUID orgId, UUID campaignId, String status, long queued, long failed, long skipped) {}
