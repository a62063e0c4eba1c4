package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.ChannelNames;
import static io.switchboard.knowledge.internal.KnowledgeTables.ContactNames;
import static io.switchboard.knowledge.internal.KnowledgeTables.Messages;

import io.switchboard.knowledge.TextEmbeddings;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Search over an organisation's conversation history with the knowledge module's machinery: BM25
 * and kNN over the messages in the organisation's own index, filters inside both queries, fused by
 * reciprocal rank, then completed from PostgreSQL (a message whose row is gone is dropped).
 */
@Service
class ConversationSearch {

    static final int SNIPPET_LENGTH = 200;

    record Filter(
            @Nullable UUID channelId,
            @Nullable UUID contactId,
            @Nullable Instant from,
            @Nullable Instant to,
            boolean includeNotes) {}

    record MessageHit(
            UUID conversationId,
            UUID messageId,
            UUID contactId,
            @Nullable String contactName,
            UUID channelId,
            @Nullable String channelName,
            @Nullable String channelType,
            String direction,
            String senderType,
            String snippet,
            Instant createdAt,
            double score,
            @Nullable Integer lexicalRank,
            @Nullable Integer vectorRank) {}

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final OrgIndexes indexes;
    private final TextEmbeddings embeddings;

    ConversationSearch(DSLContext db, ScopedTransactions tx, OrgIndexes indexes, TextEmbeddings embeddings) {
        this.db = db;
        this.tx = tx;
        this.indexes = indexes;
        this.embeddings = embeddings;
    }

    List<MessageHit> search(UUID orgId, String query, int k, SearchMode mode, Filter filter) {
        if (query.isBlank()) return List.of();
        LuceneIndex index = indexes.get(orgId);
        Query allowed = filterQuery(filter);
        int candidates = Math.max(k, HybridSearch.MIN_CANDIDATES);
        List<IndexHit> hits = switch (mode) {
            case BM25 -> top(index.lexicalFiltered(allowed, query, k), k);
            case DENSE -> top(index.vectorFiltered(allowed, embeddings.embed(query), k), k);
            case HYBRID ->
                ReciprocalRankFusion.fuse(
                        index.lexicalFiltered(allowed, query, candidates),
                        index.vectorFiltered(allowed, embeddings.embed(query), candidates),
                        k);
        };
        return hydrate(orgId, hits, query);
    }

    /** Only messages (never knowledge chunks), narrowed by the caller's filters; notes left out unless asked. */
    static Query filterQuery(Filter filter) {
        var builder = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(LuceneIndex.TYPE, LuceneIndex.MESSAGE)), BooleanClause.Occur.FILTER);
        if (filter.channelId() != null) {
            builder.add(
                    new TermQuery(
                            new Term(LuceneIndex.CHANNEL, filter.channelId().toString())),
                    BooleanClause.Occur.FILTER);
        }
        if (filter.contactId() != null) {
            builder.add(
                    new TermQuery(
                            new Term(LuceneIndex.CONTACT, filter.contactId().toString())),
                    BooleanClause.Occur.FILTER);
        }
        if (filter.from() != null || filter.to() != null) {
            long from = filter.from() == null ? Long.MIN_VALUE : filter.from().toEpochMilli();
            // "to" is exclusive
            long to = filter.to() == null ? Long.MAX_VALUE : filter.to().toEpochMilli() - 1;
            builder.add(LongField.newRangeQuery(LuceneIndex.CREATED_AT, from, to), BooleanClause.Occur.FILTER);
        }
        if (!filter.includeNotes()) {
            builder.add(new TermQuery(new Term(LuceneIndex.INTERNAL, "true")), BooleanClause.Occur.MUST_NOT);
        }
        return builder.build();
    }

    private static List<IndexHit> top(List<IndexHit> hits, int k) {
        return hits.size() > k ? hits.subList(0, k) : hits;
    }

    private List<MessageHit> hydrate(UUID orgId, List<IndexHit> hits, String query) {
        if (hits.isEmpty()) return List.of();
        List<UUID> ids = hits.stream().map(h -> UUID.fromString(h.chunkId())).toList();
        Map<UUID, Record> rows = tx
                .inOrg(
                        orgId,
                        () -> db.select(Messages.ALL)
                                .select(ContactNames.NAME, ContactNames.PHONE, ChannelNames.NAME, ChannelNames.TYPE)
                                .from(Messages.T)
                                .leftJoin(ContactNames.T)
                                .on(ContactNames.ID.eq(Messages.CONTACT_ID))
                                .leftJoin(ChannelNames.T)
                                .on(ChannelNames.ID.eq(Messages.CHANNEL_ID))
                                .where(Messages.ORG_ID.eq(orgId), Messages.MESSAGE_ID.in(ids))
                                .fetch())
                .stream()
                .collect(Collectors.toMap(r -> r.get(Messages.MESSAGE_ID), Function.identity()));
        List<MessageHit> result = new ArrayList<>(hits.size());
        for (IndexHit hit : hits) {
            Record r = rows.get(UUID.fromString(hit.chunkId()));
            if (r == null) continue; // forgotten a moment ago
            String contactName = r.get(ContactNames.NAME);
            result.add(new MessageHit(
                    r.get(Messages.CONVERSATION_ID),
                    r.get(Messages.MESSAGE_ID),
                    r.get(Messages.CONTACT_ID),
                    contactName != null ? contactName : r.get(ContactNames.PHONE),
                    r.get(Messages.CHANNEL_ID),
                    r.get(ChannelNames.NAME),
                    r.get(ChannelNames.TYPE),
                    r.get(Messages.DIRECTION),
                    r.get(Messages.SENDER_TYPE),
                    snippet(r.get(Messages.TEXT), query),
                    r.get(Messages.CREATED_AT),
                    hit.score(),
                    hit.lexicalRank(),
                    hit.vectorRank()));
        }
        return result;
    }

    /** The message, or a window of it around the first query word it contains. */
    static String snippet(String text, String query) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= SNIPPET_LENGTH) return flat;
        String lower = flat.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String word : query.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (word.length() < 3) continue;
            int i = lower.indexOf(word);
            if (i >= 0 && (at < 0 || i < at)) at = i;
        }
        int start = at < 0 ? 0 : Math.max(0, at - SNIPPET_LENGTH / 3);
        int end = Math.min(flat.length(), start + SNIPPET_LENGTH);
        start = Math.max(0, end - SNIPPET_LENGTH);
        return (start > 0 ? "…" : "") + flat.substring(start, end).strip() + (end < flat.length() ? "…" : "");
    }
}
