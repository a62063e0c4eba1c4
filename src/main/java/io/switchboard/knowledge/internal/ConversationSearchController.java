package io.switchboard.knowledge.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.knowledge.internal.ConversationSearch.Filter;
import io.switchboard.knowledge.internal.ConversationSearch.MessageHit;
import io.switchboard.shared.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Semantic search over the organisation's conversation history. It lives in the knowledge module
 * (same index, embedder and fusion as knowledge search); the literal path {@code /search} wins over
 * the conversations module's {@code /conversations/{id}} in Spring MVC's matching.
 */
@RestController
@Tag(name = "Knowledge")
class ConversationSearchController {

    static final int MAX_K = 50;

    private final ConversationSearch search;

    ConversationSearchController(ConversationSearch search) {
        this.search = search;
    }

    record MessageHitView(
            @Schema(description = "1-based position in this answer")
            int rank,

            UUID conversationId,
            UUID messageId,
            UUID contactId,

            @Nullable @Schema(description = "the contact's name (or phone when it has no name)")
            String contactName,

            UUID channelId,
            @Nullable String channelName,

            @Nullable @Schema(description = "channel type: sandbox, webchat, whatsapp_cloud, twilio_sms, ...")
            String channelType,

            @Schema(description = "inbound, outbound or internal (a note)")
            String direction,

            @Schema(description = "contact, user, agent or system")
            String senderType,

            @Schema(description = "the message text, or up to 200 characters of it around the first query word")
            String snippet,

            Instant createdAt,

            @Schema(description = "RRF score (hybrid), BM25 score (bm25) or cosine similarity (dense)")
            double score,

            @Nullable Integer lexicalRank,
            @Nullable Integer vectorRank) {}

    record MessageSearchResponse(
            String query,

            @Schema(allowableValues = {"hybrid", "bm25", "dense"})
            String mode,

            @Schema(description = "whether internal notes were searched (signed-in members only, never API keys)")
            boolean notesIncluded,

            List<MessageHitView> hits) {}

    @GetMapping("/api/v1/conversations/search")
    @Operation(
            summary = "Search the organisation's messages by meaning and words",
            description = "Inbound and outbound messages (and internal notes, for signed-in members) ranked by"
                    + " BM25, by vector similarity (offline MiniLM embeddings) or both fused by reciprocal rank."
                    + " New messages become searchable within seconds (embedded in the background).")
    MessageSearchResponse search(
            @Parameter(description = "the question or words") @RequestParam(required = false) @Nullable String q,
            @Parameter(description = "how many messages, 1..50 (default 10)") @RequestParam(required = false) @Nullable
                    Integer k,
            @Parameter(description = "hybrid (default), bm25 or dense") @RequestParam(required = false) @Nullable
                    String mode,
            @Parameter(description = "only messages of this channel") @RequestParam(required = false) @Nullable
                    UUID channelId,
            @Parameter(description = "only messages with this contact") @RequestParam(required = false) @Nullable
                    UUID contactId,
            @Parameter(description = "only messages at or after this instant (ISO-8601)")
                    @RequestParam(required = false)
                    @Nullable
                    Instant from,
            @Parameter(description = "only messages before this instant (ISO-8601)")
                    @RequestParam(required = false)
                    @Nullable
                    Instant to,
            @Parameter(description = "also search internal notes (default true; ignored for API keys)")
                    @RequestParam(required = false)
                    @Nullable
                    Boolean notes) {
        CurrentPrincipal principal = CurrentPrincipal.get();
        if (q == null || q.isBlank()) {
            throw ApiProblem.invalidField("q", "is required");
        }
        if (q.length() > 1000) {
            throw ApiProblem.invalidField("q", "must be at most 1000 characters");
        }
        int limit = k == null ? 10 : k;
        if (limit < 1 || limit > MAX_K) {
            throw ApiProblem.invalidField("k", "must be between 1 and " + MAX_K);
        }
        SearchMode searchMode;
        try {
            searchMode = mode == null
                    ? SearchMode.HYBRID
                    : SearchMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("mode", "must be one of hybrid, bm25, dense");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.invalidField("to", "must be after from");
        }
        // notes are internal: members see them in the inbox, integrations (API keys) never do
        boolean includeNotes = principal.method() == CurrentPrincipal.AuthMethod.JWT && !Boolean.FALSE.equals(notes);
        List<MessageHit> hits = search.search(
                principal.orgId(), q, limit, searchMode, new Filter(channelId, contactId, from, to, includeNotes));
        List<MessageHitView> views = new ArrayList<>(hits.size());
        for (MessageHit hit : hits) {
            views.add(new MessageHitView(
                    views.size() + 1,
                    hit.conversationId(),
                    hit.messageId(),
                    hit.contactId(),
                    hit.contactName(),
                    hit.channelId(),
                    hit.channelName(),
                    hit.channelType(),
                    hit.direction(),
                    hit.senderType(),
                    hit.snippet(),
                    hit.createdAt(),
                    hit.score(),
                    hit.lexicalRank(),
                    hit.vectorRank()));
        }
        return new MessageSearchResponse(q, searchMode.json(), includeNotes, views);
    }
}
