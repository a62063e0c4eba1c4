package io.switchboard.flows.internal;

import static io.switchboard.flows.internal.FlowTables.Flows;
import static io.switchboard.flows.internal.FlowTables.Sessions;
import static io.switchboard.flows.internal.FlowTables.Versions;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.flows.internal.FlowValidator.ValidationError;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Flow definitions: autosaved drafts, immutable published versions, rollback, import and export. */
@Service
class FlowService {

    static final int SCHEMA_VERSION = 1;
    static final int MAX_DOCUMENT_CHARS = 1_000_000;

    private final DSLContext db;
    private final JsonMapper json;
    private final FlowValidator validator;
    private final AuditLog audit;
    private final FlowCatalog catalog;

    FlowService(DSLContext db, JsonMapper json, FlowValidator validator, AuditLog audit, FlowCatalog catalog) {
        this.catalog = catalog;
        this.db = db;
        this.json = json;
        this.validator = validator;
        this.audit = audit;
    }

    @Schema(name = "FlowSummary")
    record FlowSummary(
            UUID id,
            String name,
            @Nullable String description,

            @Schema(
                    description = "draft (never published) or published",
                    allowableValues = {"draft", "published"})
            String status,

            @Nullable Integer publishedVersion,
            Instant updatedAt,
            long entries,
            long completions) {}

    @Schema(name = "Flow")
    record FlowView(
            UUID id,
            String name,
            @Nullable String description,

            @Schema(description = "the flow document being edited (nodes and edges)")
            JsonNode draft,

            @Nullable Integer publishedVersion,
            Instant updatedAt,

            @Schema(description = "problems of the draft; an invalid draft is saved but cannot be published")
            List<ValidationError> errors) {}

    @Schema(name = "FlowVersionSummary")
    record VersionSummary(
            int version, Instant publishedAt, @Nullable UUID publishedBy, boolean active) {}

    @Schema(name = "FlowVersion")
    record VersionView(int version, JsonNode document, Instant publishedAt) {}

    @Schema(name = "FlowPublished")
    record Published(int version, Instant publishedAt) {}

    @Schema(name = "FlowExport")
    record Export(String name, @Nullable String description, JsonNode document, int schemaVersion) {}

    @Schema(name = "FlowValidation")
    record Validation(boolean valid, List<ValidationError> errors) {}

    @Schema(name = "FlowTemplate")
    record Template(String key, String name, String description, JsonNode document) {}

    // ---- queries

    PageResponse<FlowSummary> list(PageQuery page, @Nullable String q) {
        UUID orgId = CurrentPrincipal.get().orgId();
        Condition where = Flows.ORG_ID.eq(orgId);
        if (q != null && !q.isBlank()) where = where.and(Flows.NAME.containsIgnoreCase(q.trim()));
        var entries = DSL.selectCount()
                .from(Sessions.T)
                .where(Sessions.ORG_ID.eq(orgId), Sessions.FLOW_ID.eq(Flows.ID))
                .asField("entries");
        var completions = DSL.selectCount()
                .from(Sessions.T)
                .where(Sessions.ORG_ID.eq(orgId), Sessions.FLOW_ID.eq(Flows.ID), Sessions.STATUS.eq("completed"))
                .asField("completions");
        return Pages.fetch(
                db,
                page,
                db.select(
                                Flows.ID,
                                Flows.NAME,
                                Flows.DESCRIPTION,
                                Flows.ACTIVE_VERSION,
                                Flows.UPDATED_AT,
                                entries,
                                completions)
                        .from(Flows.T)
                        .where(where)
                        .orderBy(Flows.UPDATED_AT.desc(), Flows.ID),
                r -> new FlowSummary(
                        r.get(Flows.ID),
                        r.get(Flows.NAME),
                        r.get(Flows.DESCRIPTION),
                        r.get(Flows.ACTIVE_VERSION) == null ? "draft" : "published",
                        r.get(Flows.ACTIVE_VERSION),
                        r.get(Flows.UPDATED_AT),
                        ((Number) r.get("entries")).longValue(),
                        ((Number) r.get("completions")).longValue()));
    }

    FlowView get(UUID id) {
        return view(row(CurrentPrincipal.get().orgId(), id));
    }

    Validation validate(@Nullable JsonNode document) {
        if (document == null)
            return new Validation(false, List.of(new ValidationError("", null, "document is required")));
        var errors = validator.validate(document);
        return new Validation(errors.isEmpty(), errors);
    }

    List<VersionSummary> versions(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        Record flow = row(orgId, id);
        Integer active = flow.get(Flows.ACTIVE_VERSION);
        return db.select(Versions.VERSION, Versions.PUBLISHED_AT, Versions.PUBLISHED_BY)
                .from(Versions.T)
                .where(Versions.ORG_ID.eq(orgId), Versions.FLOW_ID.eq(id))
                .orderBy(Versions.VERSION.desc())
                .fetch(r -> new VersionSummary(
                        r.get(Versions.VERSION),
                        r.get(Versions.PUBLISHED_AT),
                        r.get(Versions.PUBLISHED_BY),
                        r.get(Versions.VERSION).equals(active)));
    }

    VersionView version(UUID id, String versionText) {
        UUID orgId = CurrentPrincipal.get().orgId();
        row(orgId, id);
        int version = parseVersion(versionText);
        return db.select(Versions.VERSION, Versions.DOCUMENT, Versions.PUBLISHED_AT)
                .from(Versions.T)
                .where(Versions.ORG_ID.eq(orgId), Versions.FLOW_ID.eq(id), Versions.VERSION.eq(version))
                .fetchOptional(r -> new VersionView(
                        r.get(Versions.VERSION), read(r.get(Versions.DOCUMENT)), r.get(Versions.PUBLISHED_AT)))
                .orElseThrow(() -> ApiProblem.notFound("Version " + version + " of flow " + id));
    }

    Export export(UUID id) {
        Record r = row(CurrentPrincipal.get().orgId(), id);
        return new Export(r.get(Flows.NAME), r.get(Flows.DESCRIPTION), read(r.get(Flows.DRAFT)), SCHEMA_VERSION);
    }

    // ---- changes

    @Transactional
    FlowView create(String name, @Nullable String description, @Nullable JsonNode document) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        JsonNode doc = document == null ? defaultDocument() : document;
        checkSize(doc);
        UUID id = UUID.randomUUID();
        db.insertInto(Flows.T)
                .set(Flows.ID, id)
                .set(Flows.ORG_ID, principal.orgId())
                .set(Flows.NAME, name.trim())
                .set(Flows.DESCRIPTION, blankToNull(description))
                .set(Flows.DRAFT, JSONB.valueOf(json.writeValueAsString(doc)))
                .execute();
        audit.record("flow.created", "flow", id.toString(), Map.of("name", name.trim()));
        return get(id);
    }

    /** Import: like create, but the document must be valid (422 with every problem otherwise). */
    @Transactional
    FlowView importFlow(String name, @Nullable String description, @Nullable JsonNode document) {
        if (document == null) throw ApiProblem.invalidField("document", "is required");
        requireValid(document);
        return create(name, description, document);
    }

    @Transactional
    FlowView update(UUID id, @Nullable String name, @Nullable String description, @Nullable JsonNode draft) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        row(principal.orgId(), id);
        var update = db.update(Flows.T).set(Flows.UPDATED_AT, Instant.now());
        if (name != null) {
            if (name.isBlank()) throw ApiProblem.invalidField("name", "must not be blank");
            update = update.set(Flows.NAME, name.trim());
        }
        if (description != null) update = update.set(Flows.DESCRIPTION, blankToNull(description));
        if (draft != null) {
            checkSize(draft);
            update = update.set(Flows.DRAFT, JSONB.valueOf(json.writeValueAsString(draft)));
        }
        update.where(Flows.ORG_ID.eq(principal.orgId()), Flows.ID.eq(id)).execute();
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        row(principal.orgId(), id);
        db.deleteFrom(Flows.T)
                .where(Flows.ORG_ID.eq(principal.orgId()), Flows.ID.eq(id))
                .execute();
        audit.record("flow.deleted", "flow", id.toString(), Map.of());
        catalog.invalidate(principal.orgId());
    }

    @Transactional
    Published publish(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        Record flow = lockedRow(principal.orgId(), id);
        JsonNode draft = read(flow.get(Flows.DRAFT));
        requireValid(draft);
        return newVersion(principal, id, draft, "published");
    }

    @Transactional
    Published rollback(UUID id, String versionText) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        lockedRow(principal.orgId(), id);
        int version = parseVersion(versionText);
        JsonNode document = db.select(Versions.DOCUMENT)
                .from(Versions.T)
                .where(Versions.ORG_ID.eq(principal.orgId()), Versions.FLOW_ID.eq(id), Versions.VERSION.eq(version))
                .fetchOptional(r -> read(r.get(Versions.DOCUMENT)))
                .orElseThrow(() -> ApiProblem.notFound("Version " + version + " of flow " + id));
        db.update(Flows.T)
                .set(Flows.DRAFT, JSONB.valueOf(json.writeValueAsString(document)))
                .where(Flows.ORG_ID.eq(principal.orgId()), Flows.ID.eq(id))
                .execute();
        return newVersion(principal, id, document, "rollback to v" + version);
    }

    private Published newVersion(CurrentPrincipal principal, UUID id, JsonNode document, String note) {
        Integer last = db.select(DSL.max(Versions.VERSION))
                .from(Versions.T)
                .where(Versions.ORG_ID.eq(principal.orgId()), Versions.FLOW_ID.eq(id))
                .fetchOne(0, Integer.class);
        int version = last == null ? 1 : last + 1;
        Instant now = Instant.now();
        db.insertInto(Versions.T)
                .set(Versions.ORG_ID, principal.orgId())
                .set(Versions.FLOW_ID, id)
                .set(Versions.VERSION, version)
                .set(Versions.DOCUMENT, JSONB.valueOf(json.writeValueAsString(document)))
                .set(Versions.PUBLISHED_AT, now)
                .set(Versions.PUBLISHED_BY, principal.userId())
                .set(Versions.NOTE, note)
                .execute();
        db.update(Flows.T)
                .set(Flows.ACTIVE_VERSION, version)
                .set(Flows.UPDATED_AT, now)
                .where(Flows.ORG_ID.eq(principal.orgId()), Flows.ID.eq(id))
                .execute();
        audit.record("flow.published", "flow", id.toString(), Map.of("version", version, "note", note));
        catalog.invalidate(principal.orgId());
        return new Published(version, now);
    }

    // ---- templates

    List<Template> templates() {
        List<Template> out = new ArrayList<>();
        for (String key : List.of("apartment-community", "lead-qualification"))
            out.add(template(key).orElseThrow());
        return out;
    }

    Optional<Template> template(String key) {
        try (InputStream in = FlowService.class.getResourceAsStream("/flows/templates/" + key + ".json")) {
            if (in == null) return Optional.empty();
            JsonNode t = json.readTree(in);
            return Optional.of(new Template(
                    t.get("key").asString(),
                    t.get("name").asString(),
                    t.get("description").asString(),
                    t.get("document")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers

    void requireValid(JsonNode document) {
        checkSize(document);
        var errors = validator.validate(document);
        if (!errors.isEmpty()) throw invalid(errors);
    }

    static ApiProblem invalid(List<ValidationError> errors) {
        String first = errors.get(0).pointer() + ": " + errors.get(0).message();
        return ApiProblem.of(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "flow-invalid",
                "Invalid flow",
                "The flow has " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + "; first: " + first,
                Map.of("errors", errors));
    }

    private void checkSize(JsonNode doc) {
        if (!doc.isObject())
            throw invalid(
                    List.of(new ValidationError("", null, "the document must be a JSON object with nodes and edges")));
        if (json.writeValueAsString(doc).length() > MAX_DOCUMENT_CHARS) {
            throw ApiProblem.tooLarge("document", "is larger than " + MAX_DOCUMENT_CHARS + " characters");
        }
    }

    private static int parseVersion(String text) {
        try {
            int v = Integer.parseInt(text);
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("Version " + text);
        }
    }

    private FlowView view(Record r) {
        JsonNode draft = read(r.get(Flows.DRAFT));
        return new FlowView(
                r.get(Flows.ID),
                r.get(Flows.NAME),
                r.get(Flows.DESCRIPTION),
                draft,
                r.get(Flows.ACTIVE_VERSION),
                r.get(Flows.UPDATED_AT),
                validator.validate(draft));
    }

    Record row(UUID orgId, UUID id) {
        return db.select(Flows.ALL)
                .from(Flows.T)
                .where(Flows.ORG_ID.eq(orgId), Flows.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Flow " + id));
    }

    private Record lockedRow(UUID orgId, UUID id) {
        return db.select(Flows.ALL)
                .from(Flows.T)
                .where(Flows.ORG_ID.eq(orgId), Flows.ID.eq(id))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Flow " + id));
    }

    JsonNode read(JSONB value) {
        return json.readTree(value.data());
    }

    private JsonNode defaultDocument() {
        return json.readTree("""
                {"nodes":[{"id":"start","type":"start","position":{"x":0,"y":0},"data":{"triggers":[{"type":"keyword","keywords":["hi"]}]}},
                {"id":"end","type":"end","position":{"x":300,"y":0},"data":{}}],
                "edges":[{"id":"e1","source":"start","sourceHandle":"next","target":"end"}]}""");
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
