/**
 * Knowledge bases: sources, chunking, embeddings, the per-organisation Lucene index and hybrid
 * search with citations. Other modules search through {@link io.switchboard.knowledge.KnowledgeSearch}
 * and embed text through {@link io.switchboard.knowledge.TextEmbeddings}.
 */
@ApplicationModule(displayName = "Knowledge")
@NullMarked
package io.switchboard.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
