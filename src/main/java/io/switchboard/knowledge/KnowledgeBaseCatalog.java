package io.switchboard.knowledge;

import java.util.List;
import java.util.UUID;

/** The knowledge bases of an organisation, for callers that search all of them (the MCP server). */
public interface KnowledgeBaseCatalog {

    List<KnowledgeBaseRef> list(UUID orgId);

    record KnowledgeBaseRef(UUID id, String name) {}
}
