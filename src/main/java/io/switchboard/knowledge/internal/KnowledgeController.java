package io.switchboard.knowledge.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.knowledge.KnowledgeHit;
import io.switchboard.knowledge.internal.KnowledgeService.DocumentView;
import io.switchboard.knowledge.internal.KnowledgeService.KnowledgeBaseView;
import io.switchboard.knowledge.internal.KnowledgeService.SourceView;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/knowledge-bases")
@Tag(name = "Knowledge")
class KnowledgeController {

    private final KnowledgeService knowledge;
    private final HybridSearch search;

    KnowledgeController(KnowledgeService knowledge, HybridSearch search) {
        this.knowledge = knowledge;
        this.search = search;
    }

    record KnowledgeBaseRequest(
            @Nullable @Size(min = 1, max = 100) String name,
            @Nullable @Size(max = 1000) String description) {}

    record CreateKnowledgeBaseRequest(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 1000) String description) {}

    record SourceRequest(
            @NotBlank @Size(max = 2000) @Schema(description = "http(s) URL of a page or of a sitemap.xml")
            String url,

            @NotBlank @Schema(allowableValues = {"page", "sitemap"})
            String kind) {}

    record SearchHitView(
            @Schema(description = "1-based position in this answer")
            int rank,

            UUID chunkId,
            UUID knowledgeBaseId,
            UUID documentId,
            String documentTitle,

            @Nullable @Schema(description = "heading path or page of the chunk")
            String section,

            @Nullable String sourceUrl,

            @Schema(description = "the matching child chunk")
            String text,

            @Schema(description = "the parent section around it")
            String context,

            @Schema(description = "RRF score (hybrid), BM25 score (bm25) or cosine similarity (dense)")
            double score,

            @Nullable Integer lexicalRank,
            @Nullable Integer vectorRank) {}

    record SearchResponse(
            String query,

            @Schema(allowableValues = {"hybrid", "bm25", "dense"})
            String mode,

            List<SearchHitView> hits) {}

    @GetMapping
    @Operation(summary = "Knowledge bases of the organisation, newest first, with document counts")
    PageResponse<KnowledgeBaseView> list(@ParameterObject @Valid PageQuery page) {
        return knowledge.list(page);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a knowledge base (admins)")
    KnowledgeBaseView create(@Valid @RequestBody CreateKnowledgeBaseRequest request) {
        return knowledge.create(request.name(), request.description());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One knowledge base, with document counts and the state of its last rebuild")
    KnowledgeBaseView get(@PathVariable UUID id) {
        return knowledge.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename or describe a knowledge base; absent fields stay as they are (admins)")
    KnowledgeBaseView update(@PathVariable UUID id, @Valid @RequestBody KnowledgeBaseRequest request) {
        if (request.name() != null && request.name().isBlank()) {
            throw ApiProblem.invalidField("name", "must not be blank");
        }
        return knowledge.update(id, request.name(), request.description());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a knowledge base with its documents, sources and index entries (admins)")
    void delete(@PathVariable UUID id) {
        knowledge.delete(id);
    }

    @PostMapping("/{id}/reindex")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary =
                    "Rebuild the knowledge base's search index from the stored chunks, in the background; follow `reindex` of the knowledge base (admins)")
    KnowledgeBaseView reindex(@PathVariable UUID id) {
        return knowledge.reindex(id);
    }

    @GetMapping("/{id}/documents")
    @Operation(summary = "Documents with their processing status, progress, error and chunk count, newest first")
    PageResponse<DocumentView> documents(
            @PathVariable UUID id,
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "queued, processing, ready or failed") @RequestParam(required = false) @Nullable
                    String status) {
        return knowledge.documents(id, page, status);
    }

    /** The multipart form of an upload, for the API document only. */
    record UploadForm(
            @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
            String file) {}

    @PostMapping(path = "/{id}/documents")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary =
                    "Upload a document (multipart part `file`: .txt, .md, .html, .pdf, .docx, or .csv with question and answer columns); it is processed in the background (admins)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = UploadForm.class))))
    DocumentView upload(
            @PathVariable UUID id, @RequestPart(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        knowledge.kb(CurrentPrincipal.get().orgId(), id); // 404 before anything about the body
        if (file == null) {
            throw ApiProblem.invalidField("file", "is required: send the document as multipart/form-data part 'file'");
        }
        return knowledge.upload(id, file.getOriginalFilename(), file.getContentType(), file.getBytes());
    }

    @GetMapping("/{id}/documents/{documentId}")
    @Operation(summary = "One document with its status and progress")
    DocumentView document(@PathVariable UUID id, @PathVariable UUID documentId) {
        return knowledge.document(id, documentId);
    }

    @DeleteMapping("/{id}/documents/{documentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a document and its chunks (admins)")
    void deleteDocument(@PathVariable UUID id, @PathVariable UUID documentId) {
        knowledge.deleteDocument(id, documentId);
    }

    @GetMapping("/{id}/sources")
    @Operation(summary = "Web sources (pages and sitemaps) of the knowledge base")
    PageResponse<SourceView> sources(@PathVariable UUID id, @ParameterObject @Valid PageQuery page) {
        return knowledge.sources(id, page);
    }

    @PostMapping("/{id}/sources")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary =
                    "Add a web page or a sitemap; fetched in the background (robots.txt honoured, private and loopback addresses refused) (admins)")
    SourceView addSource(@PathVariable UUID id, @Valid @RequestBody SourceRequest request) {
        return knowledge.addSource(id, request.url(), request.kind());
    }

    @PostMapping("/{id}/sources/{sourceId}/sync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Fetch the source again; changed pages are processed again, vanished ones removed (admins)")
    SourceView resync(@PathVariable UUID id, @PathVariable UUID sourceId) {
        return knowledge.resync(id, sourceId);
    }

    @DeleteMapping("/{id}/sources/{sourceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a web source and the documents it brought (admins)")
    void deleteSource(@PathVariable UUID id, @PathVariable UUID sourceId) {
        knowledge.deleteSource(id, sourceId);
    }

    @GetMapping("/{id}/search")
    @Operation(
            summary =
                    "Search the knowledge base: best chunks first with score, BM25 and vector ranks, and where each comes from (document, section, URL)")
    SearchResponse search(
            @PathVariable UUID id,
            @Parameter(description = "the question or keywords") @RequestParam(required = false) @Nullable String q,
            @Parameter(description = "how many chunks, 1..50 (default 5)") @RequestParam(required = false) @Nullable
                    Integer k,
            @Parameter(description = "hybrid (default), bm25 or dense") @RequestParam(required = false) @Nullable
                    String mode) {
        UUID orgId = CurrentPrincipal.get().orgId();
        knowledge.kb(orgId, id);
        if (q == null || q.isBlank()) {
            throw ApiProblem.invalidField("q", "is required");
        }
        if (q.length() > 1000) {
            throw ApiProblem.invalidField("q", "must be at most 1000 characters");
        }
        int limit = k == null ? 5 : k;
        if (limit < 1 || limit > 50) {
            throw ApiProblem.invalidField("k", "must be between 1 and 50");
        }
        SearchMode searchMode;
        try {
            searchMode = mode == null
                    ? SearchMode.HYBRID
                    : SearchMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("mode", "must be one of hybrid, bm25, dense");
        }
        List<KnowledgeHit> hits = search.search(orgId, List.of(id), q, limit, searchMode);
        List<SearchHitView> views = new ArrayList<>(hits.size());
        for (KnowledgeHit hit : hits) {
            views.add(new SearchHitView(
                    views.size() + 1,
                    hit.chunkId(),
                    hit.knowledgeBaseId(),
                    hit.documentId(),
                    hit.documentTitle(),
                    hit.section(),
                    hit.sourceUrl(),
                    hit.text(),
                    hit.context(),
                    hit.score(),
                    hit.lexicalRank(),
                    hit.vectorRank()));
        }
        return new SearchResponse(q, searchMode.json(), views);
    }
}
