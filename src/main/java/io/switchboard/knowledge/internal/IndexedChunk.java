package io.switchboard.knowledge.internal;

/**
 * What the index holds for one chunk: ids for filters and deletes, the text for BM25 (title,
 * heading and chunk text) and the unit-length vector.
 */
record IndexedChunk(String chunkId, String knowledgeBaseId, String documentId, String lexicalText, float[] vector) {}
