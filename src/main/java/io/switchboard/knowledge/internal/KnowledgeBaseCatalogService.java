package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.KnowledgeBases;

import io.switchboard.knowledge.KnowledgeBaseCatalog;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

@Service
class KnowledgeBaseCatalogService implements KnowledgeBaseCatalog {

    private final DSLContext db;

    KnowledgeBaseCatalogService(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<KnowledgeBaseRef> list(UUID orgId) {
        return db.select(KnowledgeBases.ID, KnowledgeBases.NAME)
                .from(KnowledgeBases.T)
                .where(KnowledgeBases.ORG_ID.eq(orgId))
                .orderBy(KnowledgeBases.NAME, KnowledgeBases.ID)
                .fetch(r -> new KnowledgeBaseRef(r.value1(), r.value2()));
    }
}
