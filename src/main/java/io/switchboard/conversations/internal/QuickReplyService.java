package io.switchboard.conversations.internal;

import static io.switchboard.conversations.internal.ConversationTables.ContactNames;
import static io.switchboard.conversations.internal.ConversationTables.Conversations;
import static io.switchboard.conversations.internal.ConversationTables.QuickReplies;

import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Canned answers per organisation. A body may use {@code {{contact.name}}}-style variables, with an
 * optional fallback ({@code {{contact.first_name|there}}}) for contacts that lack the value.
 */
@Service
class QuickReplyService {

    static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z_.]+)\\s*(?:\\|([^}]*))?}}");
    static final List<String> VARIABLES =
            List.of("contact.name", "contact.first_name", "contact.phone", "contact.email");

    private final DSLContext db;

    QuickReplyService(DSLContext db) {
        this.db = db;
    }

    record QuickReplyView(UUID id, String shortcut, String title, String body, Instant createdAt, Instant updatedAt) {}

    PageResponse<QuickReplyView> list(PageQuery page, @Nullable String q) {
        UUID orgId = CurrentPrincipal.get().orgId();
        List<Condition> where = new ArrayList<>(List.of(QuickReplies.ORG_ID.eq(orgId)));
        if (q != null && !q.isBlank()) {
            String like =
                    "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add(QuickReplies.SHORTCUT.likeIgnoreCase(like).or(QuickReplies.TITLE.likeIgnoreCase(like)));
        }
        return Pages.fetch(
                db,
                page,
                db.select(QuickReplies.ALL)
                        .from(QuickReplies.T)
                        .where(where)
                        .orderBy(DSL.lower(QuickReplies.SHORTCUT), QuickReplies.ID),
                QuickReplyService::toView);
    }

    QuickReplyView get(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return db.select(QuickReplies.ALL)
                .from(QuickReplies.T)
                .where(QuickReplies.ORG_ID.eq(orgId), QuickReplies.ID.eq(id))
                .fetchOptional(QuickReplyService::toView)
                .orElseThrow(() -> ApiProblem.notFound("Quick reply " + id));
    }

    @Transactional
    QuickReplyView create(String shortcut, String title, String body) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        checkVariables(body);
        UUID id = UUID.randomUUID();
        try {
            db.insertInto(QuickReplies.T)
                    .set(QuickReplies.ID, id)
                    .set(QuickReplies.ORG_ID, principal.orgId())
                    .set(QuickReplies.SHORTCUT, normalised(shortcut))
                    .set(QuickReplies.TITLE, title.strip())
                    .set(QuickReplies.BODY, body)
                    .set(QuickReplies.CREATED_BY, principal.userId())
                    .execute();
        } catch (DuplicateKeyException e) {
            throw taken(shortcut);
        }
        return get(id);
    }

    @Transactional
    QuickReplyView update(UUID id, @Nullable String shortcut, @Nullable String title, @Nullable String body) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        get(id);
        var update = db.update(QuickReplies.T).set(QuickReplies.UPDATED_AT, Instant.now());
        if (shortcut != null) update = update.set(QuickReplies.SHORTCUT, normalised(shortcut));
        if (title != null) update = update.set(QuickReplies.TITLE, title.strip());
        if (body != null) {
            checkVariables(body);
            update = update.set(QuickReplies.BODY, body);
        }
        try {
            update.where(QuickReplies.ORG_ID.eq(principal.orgId()), QuickReplies.ID.eq(id))
                    .execute();
        } catch (DuplicateKeyException e) {
            throw taken(shortcut == null ? "" : shortcut);
        }
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        int deleted = db.deleteFrom(QuickReplies.T)
                .where(QuickReplies.ORG_ID.eq(principal.orgId()), QuickReplies.ID.eq(id))
                .execute();
        if (deleted == 0) throw ApiProblem.notFound("Quick reply " + id);
    }

    /** The body with the conversation's contact filled in. */
    String render(UUID id, UUID conversationId) {
        UUID orgId = CurrentPrincipal.get().orgId();
        QuickReplyView reply = get(id);
        var contact = db.select(ContactNames.NAME, ContactNames.PHONE, ContactNames.EMAIL)
                .from(Conversations.T)
                .join(ContactNames.T)
                .on(ContactNames.ID.eq(Conversations.CONTACT_ID))
                .where(Conversations.ORG_ID.eq(orgId), Conversations.ID.eq(conversationId))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Conversation " + conversationId));
        String name = contact.value1();
        String first = name == null || name.isBlank() ? null : name.strip().split("\\s+")[0];
        Map<String, @Nullable String> values = new java.util.HashMap<>();
        values.put("contact.name", blankToNull(name));
        values.put("contact.first_name", first);
        values.put("contact.phone", blankToNull(contact.value2()));
        values.put("contact.email", blankToNull(contact.value3()));
        return expand(reply.body(), values);
    }

    static String expand(String body, Map<String, @Nullable String> values) {
        Matcher m = VARIABLE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            String replacement =
                    value != null ? value : m.group(2) != null ? m.group(2).strip() : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static void checkVariables(String body) {
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            if (!VARIABLES.contains(m.group(1))) {
                throw ApiProblem.invalidField(
                        "body",
                        "uses the unknown variable {{" + m.group(1) + "}}; known: "
                                + String.join(
                                        ", ",
                                        VARIABLES.stream()
                                                .map(v -> "{{" + v + "}}")
                                                .toList()));
            }
        }
    }

    private static String normalised(String shortcut) {
        String s = shortcut.strip();
        return s.startsWith("/") ? s.substring(1) : s;
    }

    private static ApiProblem taken(String shortcut) {
        return ApiProblem.conflict(
                "shortcut-taken", "shortcut: /" + normalised(shortcut) + " is already used by another quick reply");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static QuickReplyView toView(Record r) {
        return new QuickReplyView(
                r.get(QuickReplies.ID),
                r.get(QuickReplies.SHORTCUT),
                r.get(QuickReplies.TITLE),
                r.get(QuickReplies.BODY),
                r.get(QuickReplies.CREATED_AT),
                r.get(QuickReplies.UPDATED_AT));
    }
}
