package io.switchboard.campaigns.internal;

import static io.switchboard.campaigns.internal.CampaignTables.Campaigns;
import static io.switchboard.campaigns.internal.CampaignTables.Recipients;

import io.switchboard.contacts.ContactAudiences;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageAppended;
import io.switchboard.conversations.MessageContent;
import io.switchboard.conversations.MessageStatusChanged;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What comes back from a campaign's recipients, applied in the transaction that stores it: delivery
 * states, replies (linked to the last campaign that reached the contact, with a note in the inbox) and
 * opt-out keywords (recorded on the contact, so the rest of every campaign skips them).
 */
@Component
class CampaignReplies {

    /** How long after a campaign message a reply still counts as a reply to it. */
    static final Duration REPLY_WINDOW = Duration.ofDays(7);

    private final DSLContext db;
    private final ContactAudiences audiences;
    private final Conversations conversations;
    private final Set<String> optOutKeywords;

    CampaignReplies(
            DSLContext db,
            ContactAudiences audiences,
            Conversations conversations,
            @Value("${switchboard.campaigns.opt-out-keywords:STOP,STOPALL,UNSUBSCRIBE,CANCEL,END,QUIT,OPTOUT,OPT-OUT,"
                            + "ARRET,ARRÊT,DESABONNER,DÉSABONNER,ALTO,BAJA,PARAR,CANCELAR,SAIR,STOPP,ABMELDEN,ANNULLA,"
                            + "FERMA,DISISCRIVITI,AFMELDEN,रुको,बंद,توقف,إلغاء,停止,退订}")
                    List<String> keywords) {
        this.db = db;
        this.audiences = audiences;
        this.conversations = conversations;
        this.optOutKeywords = keywords(keywords);
    }

    /** Upper case, accents and surrounding punctuation dropped: "Stop." and "arrêt" match. */
    static String normalize(String text) {
        String stripped = Normalizer.normalize(text.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "").toUpperCase(Locale.ROOT);
    }

    static Set<String> keywords(List<String> configured) {
        return configured.stream().map(CampaignReplies::normalize).collect(Collectors.toSet());
    }

    boolean isOptOut(String text) {
        return isOptOut(optOutKeywords, text);
    }

    /** The whole message is a keyword, or a short one starts with one ("STOP please"). */
    static boolean isOptOut(Set<String> optOutKeywords, String text) {
        String normalized = normalize(text);
        if (optOutKeywords.contains(normalized)) return true;
        // "STOP please", "stop sending": the first word decides for short messages
        String[] words = normalized.split("\\s+");
        return words.length <= 3
                && optOutKeywords.contains(words[0])
                && Arrays.stream(words).noneMatch(w -> w.equals("DON'T"));
    }

    @EventListener
    void on(MessageStatusChanged change) {
        var update = db.update(Recipients.T)
                .set(Recipients.DELIVERY_STATE, change.state().json());
        if (change.state() == DeliveryState.FAILED) {
            update = update.set(Recipients.ERROR, change.error() == null ? "failed at the provider" : change.error());
        }
        update.where(Recipients.MESSAGE_ID.eq(change.messageId()), Recipients.ORG_ID.eq(change.orgId()))
                .execute();
    }

    @EventListener
    void on(MessageAppended message) {
        if (!message.direction().equals("inbound")) return;
        var last = db.select(Recipients.ID, Recipients.REPLIED_AT, Campaigns.NAME)
                .from(Recipients.T)
                .join(Campaigns.T)
                .on(Campaigns.ID.eq(Recipients.CAMPAIGN_ID))
                .where(
                        Recipients.ORG_ID.eq(message.orgId()),
                        Recipients.CONTACT_ID.eq(message.contactId()),
                        Recipients.STATUS.eq("queued"),
                        Recipients.QUEUED_AT.gt(Instant.now().minus(REPLY_WINDOW)))
                .orderBy(Recipients.QUEUED_AT.desc())
                .limit(1)
                .fetchOptional();
        boolean optOut = message.content() instanceof MessageContent.Text text && isOptOut(text.body());
        if (optOut) {
            audiences.recordOptOut(message.orgId(), message.contactId(), "keyword");
        }
        if (last.isEmpty()) return;
        var update = db.update(Recipients.T)
                .set(
                        Recipients.REPLIED_AT,
                        org.jooq.impl.DSL.coalesce(Recipients.REPLIED_AT, org.jooq.impl.DSL.val(Instant.now())))
                .set(
                        Recipients.REPLY_MESSAGE_ID,
                        org.jooq.impl.DSL.coalesce(
                                Recipients.REPLY_MESSAGE_ID, org.jooq.impl.DSL.val(message.messageId())));
        if (optOut) update = update.set(Recipients.OPTED_OUT_AT, Instant.now());
        update.where(Recipients.ID.eq(last.get().value1())).execute();
        if (last.get().value2() == null) {
            conversations.addSystemNote(
                    message.orgId(),
                    message.conversationId(),
                    (optOut ? "Opted out in reply to campaign \"" : "Reply to campaign \"")
                            + last.get().value3() + "\"");
        }
    }
}
