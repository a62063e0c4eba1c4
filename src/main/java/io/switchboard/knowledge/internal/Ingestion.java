package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Chunks;
import static io.switchboard.knowledge.internal.KnowledgeTables.Documents;
import static io.switchboard.knowledge.internal.KnowledgeTables.Sections;

import io.switchboard.knowledge.internal.Chunker.Child;
import io.switchboard.knowledge.internal.Chunker.Parent;
import io.switchboard.knowledge.internal.DocumentParser.UnreadableDocumentException;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Processes one document: parse, chunk, embed (in batches, reporting progress), store sections and
 * chunks with their vectors in PostgreSQL, then replace the document's chunks in the index. The
 * document turns {@code ready} only after both. A file that cannot be read fails at once with a
 * message for the user; anything else is retried by the job queue.
 */
@Component
class Ingestion implements KnowledgeJobs.Handler {

    private static final int EMBED_BATCH = 32;

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final MiniLmEmbeddings embeddings;
    private final OrgIndexes indexes;
    private final Chunker chunker;

    Ingestion(
            DSLContext db,
            ScopedTransactions tx,
            MiniLmEmbeddings embeddings,
            OrgIndexes indexes,
            KnowledgeProperties properties) {
        this.db = db;
        this.tx = tx;
        this.embeddings = embeddings;
        this.indexes = indexes;
        this.chunker = new Chunker(embeddings, properties.childChunkTokens(), properties.parentChunkTokens());
    }

    private record Loaded(UUID knowledgeBaseId, String title, DocumentFormat format, byte[] content) {}

    @Override
    public void run(KnowledgeJobs.Job job, Runnable heartbeat) {
        UUID orgId = job.orgId();
        UUID documentId = job.targetId();
        Loaded document = tx.inOrg(orgId, () -> {
            Record r = db.select(Documents.KB_ID, Documents.TITLE, Documents.FORMAT, Documents.CONTENT)
                    .from(Documents.T)
                    .where(Documents.ORG_ID.eq(orgId), Documents.ID.eq(documentId))
                    .fetchOne();
            if (r == null || r.get(Documents.CONTENT) == null) {
                return null;
            }
            progress(orgId, documentId, "processing", 5, null);
            return new Loaded(
                    r.get(Documents.KB_ID),
                    r.get(Documents.TITLE),
                    DocumentFormat.fromJson(r.get(Documents.FORMAT)),
                    r.get(Documents.CONTENT));
        });
        if (document == null) {
            return; // deleted meanwhile
        }
        List<Parent> parents;
        try {
            ParsedDocument parsed = DocumentParser.parse(document.format(), document.content());
            if (parsed.isEmpty()) {
                throw new UnreadableDocumentException("The document contains no text"
                        + (document.format() == DocumentFormat.PDF ? " (a scanned PDF needs OCR first)" : ""));
            }
            parents = chunker.chunk(parsed);
        } catch (UnreadableDocumentException e) {
            fail(orgId, documentId, e.getMessage());
            return;
        }
        List<Child> children =
                parents.stream().flatMap(p -> p.children().stream()).toList();
        List<float[]> vectors = new ArrayList<>(children.size());
        for (int from = 0; from < children.size(); from += EMBED_BATCH) {
            var batch = children.subList(from, Math.min(children.size(), from + EMBED_BATCH));
            vectors.addAll(
                    embeddings.embedAll(batch.stream().map(Child::embeddingText).toList()));
            int percent = 10 + (int) (80L * vectors.size() / children.size());
            heartbeat.run();
            boolean exists = tx.inOrg(orgId, () -> progress(orgId, documentId, "processing", percent, null));
            if (!exists) return;
        }
        List<IndexedChunk> indexed = store(orgId, documentId, document, parents, vectors);
        if (indexed == null) {
            return;
        }
        LuceneIndex index = indexes.get(orgId);
        index.replaceDocument(documentId.toString(), indexed);
        boolean stillThere = tx.inOrg(
                orgId,
                () -> db.update(Documents.T)
                                .set(Documents.STATUS, "ready")
                                .set(Documents.PROGRESS, 100)
                                .set(Documents.ERROR, (String) null)
                                .set(Documents.CHUNK_COUNT, indexed.size())
                                .set(Documents.UPDATED_AT, Instant.now())
                                .where(Documents.ORG_ID.eq(orgId), Documents.ID.eq(documentId))
                                .execute()
                        > 0);
        if (!stillThere) {
            index.deleteDocument(documentId.toString()); // deleted while we indexed it
        }
    }

    /** Replaces the document's sections and chunks; null when the document was deleted meanwhile. */
    private @Nullable List<IndexedChunk> store(
            UUID orgId, UUID documentId, Loaded document, List<Parent> parents, List<float[]> vectors) {
        return tx.inOrg(orgId, () -> {
            boolean exists = db.select(Documents.ID)
                    .from(Documents.T)
                    .where(Documents.ORG_ID.eq(orgId), Documents.ID.eq(documentId))
                    .forUpdate()
                    .fetchOptional()
                    .isPresent();
            if (!exists) {
                return null;
            }
            db.deleteFrom(Sections.T).where(Sections.DOCUMENT_ID.eq(documentId)).execute();
            List<Query> inserts = new ArrayList<>();
            List<IndexedChunk> indexed = new ArrayList<>();
            int v = 0;
            for (Parent parent : parents) {
                UUID sectionId = UUID.randomUUID();
                inserts.add(db.insertInto(Sections.T)
                        .set(Sections.ID, sectionId)
                        .set(Sections.ORG_ID, orgId)
                        .set(Sections.DOCUMENT_ID, documentId)
                        .set(Sections.ORDINAL, parent.ordinal())
                        .set(Sections.HEADING, parent.heading())
                        .set(Sections.TEXT, parent.text()));
                for (Child child : parent.children()) {
                    UUID chunkId = UUID.randomUUID();
                    float[] vector = vectors.get(v++);
                    inserts.add(db.insertInto(Chunks.T)
                            .set(Chunks.ID, chunkId)
                            .set(Chunks.ORG_ID, orgId)
                            .set(Chunks.KB_ID, document.knowledgeBaseId())
                            .set(Chunks.DOCUMENT_ID, documentId)
                            .set(Chunks.SECTION_ID, sectionId)
                            .set(Chunks.ORDINAL, child.ordinal())
                            .set(Chunks.TEXT, child.text())
                            .set(Chunks.TOKEN_COUNT, child.tokenCount())
                            .set(Chunks.EMBEDDING, Vectors.toBytes(vector)));
                    indexed.add(new IndexedChunk(
                            chunkId.toString(),
                            document.knowledgeBaseId().toString(),
                            documentId.toString(),
                            lexicalText(document.title(), parent.heading(), child.text()),
                            vector));
                }
            }
            for (int from = 0; from < inserts.size(); from += 500) {
                db.batch(inserts.subList(from, Math.min(inserts.size(), from + 500)))
                        .execute();
            }
            progress(orgId, documentId, "processing", 95, null);
            return indexed;
        });
    }

    /** What BM25 matches: the title and heading count as words of every chunk under them. */
    static String lexicalText(String title, @Nullable String heading, String text) {
        return title + "\n" + (heading == null ? "" : heading + "\n") + text;
    }

    private boolean progress(UUID orgId, UUID documentId, String status, int percent, @Nullable String error) {
        return db.update(Documents.T)
                        .set(Documents.STATUS, status)
                        .set(Documents.PROGRESS, percent)
                        .set(Documents.ERROR, error)
                        .set(Documents.UPDATED_AT, Instant.now())
                        .where(Documents.ORG_ID.eq(orgId), Documents.ID.eq(documentId))
                        .execute()
                > 0;
    }

    private void fail(UUID orgId, UUID documentId, String error) {
        tx.inOrg(orgId, () -> {
            db.deleteFrom(Sections.T).where(Sections.DOCUMENT_ID.eq(documentId)).execute();
            db.update(Documents.T)
                    .set(Documents.STATUS, "failed")
                    .set(Documents.PROGRESS, 100)
                    .set(Documents.ERROR, error)
                    .set(Documents.CHUNK_COUNT, 0)
                    .set(Documents.UPDATED_AT, Instant.now())
                    .where(Documents.ORG_ID.eq(orgId), Documents.ID.eq(documentId))
                    .execute();
            return null;
        });
        indexes.get(orgId).deleteDocument(documentId.toString());
    }

    @Override
    public void gaveUp(KnowledgeJobs.Job job, String error) {
        fail(job.orgId(), job.targetId(), "Processing failed: " + error);
    }
}
