package io.switchboard.knowledge.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * One organisation's chunks on local disk: BM25 over the text ({@link EnglishAnalyzer}: stop words
 * and Porter stemming) and an HNSW graph over the vectors (dot product on unit vectors = cosine).
 * Knowledge base and document ids are indexed terms, so filters run inside the query (the kNN
 * search only visits allowed chunks). One writer per index; readers are near-real-time through a
 * {@link SearcherManager}. Everything here can be rebuilt from PostgreSQL.
 */
final class LuceneIndex implements Closeable {

    static final String ID = "id";
    static final String KB = "kb";
    static final String DOC = "doc";
    static final String BODY = "body";
    static final String VECTOR = "vec";

    // conversation messages share the organisation's index; only they carry TYPE = message, and
    // they have no knowledge base term, so knowledge-base filters never reach them
    static final String TYPE = "type";
    static final String MESSAGE = "message";
    static final String CONVERSATION = "conv";
    static final String CHANNEL = "channel";
    static final String CONTACT = "contact";
    static final String INTERNAL = "internal";
    static final String CREATED_AT = "at";

    /** Anserini's BM25 parameters for BEIR-style passages (k1=0.9, b=0.4). */
    static final BM25Similarity SIMILARITY = new BM25Similarity(0.9f, 0.4f);

    private static final int MAX_QUERY_TERMS = 256;

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    LuceneIndex(Path path) throws IOException {
        this.path = path;
        Files.createDirectories(path);
        this.directory = FSDirectory.open(path);
        var config = new IndexWriterConfig(analyzer)
                .setSimilarity(SIMILARITY)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, @Nullable IndexReader previous) {
                var searcher = new IndexSearcher(reader);
                searcher.setSimilarity(SIMILARITY);
                return searcher;
            }
        });
    }

    Path path() {
        return path;
    }

    /** Whether a usable index is on disk: present, with a commit, and readable (not corrupt). */
    static boolean healthy(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Directory directory = FSDirectory.open(path)) {
            if (!DirectoryReader.indexExists(directory)) {
                return false;
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                return reader.numDocs() >= 0;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Atomically replaces every chunk of the document with these, then makes them visible. */
    void replaceDocument(String documentId, List<IndexedChunk> chunks) {
        try {
            writer.updateDocuments(
                    new Term(DOC, documentId),
                    chunks.stream().map(LuceneIndex::toDocument).toList());
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds without committing: for bulk rebuilds, which call {@link #commit()} once at the end. */
    void add(List<IndexedChunk> chunks) {
        try {
            writer.addDocuments(chunks.stream().map(LuceneIndex::toDocument).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteDocument(String documentId) {
        delete(new Term(DOC, documentId), true);
    }

    void deleteKnowledgeBase(String knowledgeBaseId, boolean commit) {
        delete(new Term(KB, knowledgeBaseId), commit);
    }

    private void delete(Term term, boolean commit) {
        try {
            writer.deleteDocuments(term);
            if (commit) commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void commit() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** BM25 top {@code n}; {@code knowledgeBaseIds} null = every knowledge base. */
    List<IndexHit> lexical(@Nullable Collection<String> knowledgeBaseIds, String query, int n) {
        return lexicalFiltered(knowledgeBaseIds == null ? null : kbFilter(knowledgeBaseIds), query, n);
    }

    /** Nearest {@code n} vectors (cosine), filtered inside the graph search. */
    List<IndexHit> vector(@Nullable Collection<String> knowledgeBaseIds, float[] queryVector, int n) {
        return vectorFiltered(knowledgeBaseIds == null ? null : kbFilter(knowledgeBaseIds), queryVector, n);
    }

    /** BM25 top {@code n} among the documents the filter allows (null = all). */
    List<IndexHit> lexicalFiltered(@Nullable Query filter, String query, int n) {
        Query q = lexicalQuery(filter, query);
        if (q == null) {
            return List.of();
        }
        return withSearcher(searcher -> hits(searcher, searcher.search(q, n), false, false));
    }

    /** Nearest {@code n} vectors among the documents the filter allows, filtered inside the graph search. */
    List<IndexHit> vectorFiltered(@Nullable Query filter, float[] queryVector, int n) {
        Query q = new KnnFloatVectorQuery(VECTOR, queryVector, n, filter);
        return withSearcher(searcher -> hits(searcher, searcher.search(q, n), true, true));
    }

    /** Adds or replaces these messages (by message id), then makes them visible. */
    void upsertMessages(List<IndexedMessage> messages) {
        try {
            for (IndexedMessage message : messages) {
                writer.updateDocument(new Term(ID, message.messageId()), toDocument(message));
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes messages: those with these ids ({@code field} = {@link #ID}), or of a conversation or contact. */
    void deleteMessages(String field, Collection<String> values) {
        if (values.isEmpty()) return;
        try {
            writer.deleteDocuments(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(TYPE, MESSAGE)), BooleanClause.Occur.FILTER)
                    .add(
                            new TermInSetQuery(
                                    field,
                                    Set.copyOf(values).stream()
                                            .map(BytesRef::new)
                                            .toList()),
                            BooleanClause.Occur.FILTER)
                    .build());
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain single-term query, the baseline the scale benchmark compares against. */
    List<IndexHit> term(String analyzedTerm, int n) {
        Query q = new TermQuery(new Term(BODY, analyzedTerm));
        return withSearcher(searcher -> hits(searcher, searcher.search(q, n), false, false));
    }

    List<String> analyze(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private @Nullable Query lexicalQuery(@Nullable Query filter, String query) {
        List<String> terms = analyze(query);
        if (terms.isEmpty()) {
            return null;
        }
        var builder = new BooleanQuery.Builder();
        for (String term : terms) {
            builder.add(new TermQuery(new Term(BODY, term)), BooleanClause.Occur.SHOULD);
        }
        if (filter != null) {
            builder.add(filter, BooleanClause.Occur.FILTER);
            // with a FILTER clause the SHOULD clauses turn optional: without this every allowed
            // document would match with score 0
            builder.setMinimumNumberShouldMatch(1);
        }
        return builder.build();
    }

    private static Query kbFilter(Collection<String> knowledgeBaseIds) {
        return new TermInSetQuery(
                KB, Set.copyOf(knowledgeBaseIds).stream().map(BytesRef::new).toList());
    }

    private List<IndexHit> hits(IndexSearcher searcher, TopDocs top, boolean vector, boolean cosine)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<IndexHit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc scoreDoc : top.scoreDocs) {
            Document document = stored.document(scoreDoc.doc, Set.of(ID, KB, DOC));
            // Lucene scores dot product as (1 + dot) / 2; report the cosine itself
            double score = cosine ? 2.0 * scoreDoc.score - 1.0 : scoreDoc.score;
            // message documents have no knowledge base or document
            hits.add(new IndexHit(
                    document.get(ID),
                    Objects.requireNonNullElse(document.get(KB), ""),
                    Objects.requireNonNullElse(document.get(DOC), ""),
                    score,
                    null,
                    null));
        }
        // equal scores: chunk id decides, so the answer never depends on segment layout
        hits.sort(ReciprocalRankFusion.BEST_FIRST);
        List<IndexHit> ranked = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            IndexHit hit = hits.get(i);
            ranked.add(new IndexHit(
                    hit.chunkId(),
                    hit.knowledgeBaseId(),
                    hit.documentId(),
                    hit.score(),
                    vector ? null : i + 1,
                    vector ? i + 1 : null));
        }
        return ranked;
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document toDocument(IndexedChunk chunk) {
        Document document = new Document();
        document.add(new StringField(ID, chunk.chunkId(), Field.Store.YES));
        document.add(new StringField(KB, chunk.knowledgeBaseId(), Field.Store.YES));
        document.add(new StringField(DOC, chunk.documentId(), Field.Store.YES));
        document.add(new TextField(BODY, chunk.lexicalText(), Field.Store.NO));
        document.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return document;
    }

    private static Document toDocument(IndexedMessage message) {
        Document document = new Document();
        document.add(new StringField(ID, message.messageId(), Field.Store.YES));
        document.add(new StringField(TYPE, MESSAGE, Field.Store.NO));
        document.add(new StringField(CONVERSATION, message.conversationId(), Field.Store.NO));
        document.add(new StringField(CHANNEL, message.channelId(), Field.Store.NO));
        document.add(new StringField(CONTACT, message.contactId(), Field.Store.NO));
        document.add(new StringField(INTERNAL, Boolean.toString(message.internal()), Field.Store.NO));
        document.add(new LongField(CREATED_AT, message.createdAtMillis(), Field.Store.NO));
        document.add(new TextField(BODY, message.text(), Field.Store.NO));
        document.add(new KnnFloatVectorField(VECTOR, message.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return document;
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close();
            } finally {
                directory.close();
            }
        }
    }

    /** Drops the writer without committing (the directory is gone or broken). */
    void abandon() {
        try {
            searchers.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to save
        }
        try {
            writer.rollback();
        } catch (IOException | RuntimeException ignored) {
            // nothing to save
        }
        try {
            directory.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to save
        }
    }
}
