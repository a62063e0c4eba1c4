package io.switchboard.campaigns.internal;

import io.switchboard.shared.web.CsvDownload;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One row per recipient of a campaign, streamed from a database cursor. The contact's name and phone
 * are read from the contacts table in the same query (a read-only join, like the analytics read
 * model of ADR 0011): a lookup per recipient through the contacts API would not scale to 100,000.
 */
@Component
class CampaignResultsCsv {

    static final List<String> HEADER = List.of(
            "contact_id",
            "name",
            "phone",
            "status",
            "delivery_state",
            "error",
            "queued_at",
            "replied_at",
            "opted_out_at",
            "conversation_id",
            "message_id");

    private final DSLContext db;

    CampaignResultsCsv(DSLContext db) {
        this.db = db;
    }

    @Transactional(readOnly = true)
    void write(UUID orgId, UUID campaignId, CsvDownload.Rows rows) {
        CsvDownload.stream(db.resultQuery("""
                        select r.contact_id, k.name, k.phone, r.status, r.delivery_state, r.error, r.queued_at,
                               r.replied_at, r.opted_out_at, r.conversation_id, r.message_id
                          from campaign_recipients r left join contacts k on k.id = r.contact_id
                         where r.org_id = ?::uuid and r.campaign_id = ?::uuid
                         order by r.id
                        """, orgId, campaignId), rows);
    }
}
