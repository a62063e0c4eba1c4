-- knowledge module: knowledge bases, their documents and web sources, chunks with their vectors (the
-- source of truth: the per-organisation Lucene index is rebuilt from these rows) and the job table.
CREATE TABLE knowledge_bases (
  id               UUID PRIMARY KEY,
  org_id           UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  description      TEXT,
  reindex_status   TEXT NOT NULL DEFAULT 'idle' CHECK (reindex_status IN ('idle', 'queued', 'running', 'failed')),
  reindex_progress INT NOT NULL DEFAULT 0,
  reindex_error    TEXT,
  reindexed_at     TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_bases_org_idx ON knowledge_bases (org_id, created_at DESC, id);

-- A web page or a sitemap whose pages become documents; re-synced on request.
CREATE TABLE knowledge_sources (
  id                UUID PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  knowledge_base_id UUID NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
  url               TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('page', 'sitemap')),
  status            TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'syncing', 'synced', 'failed')),
  error             TEXT,
  pages_found       INT NOT NULL DEFAULT 0,
  pages_skipped     INT NOT NULL DEFAULT 0,
  last_synced_at    TIMESTAMPTZ,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_sources_kb_idx ON knowledge_sources (knowledge_base_id, created_at DESC, id);

-- An uploaded file or a fetched page. The raw bytes are kept so a document can be processed again.
CREATE TABLE knowledge_documents (
  id                UUID PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  knowledge_base_id UUID NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
  source_id         UUID REFERENCES knowledge_sources (id) ON DELETE CASCADE,
  title             TEXT NOT NULL,
  filename          TEXT,
  source_url        TEXT,
  format            TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'pdf', 'docx', 'csv')),
  size_bytes        BIGINT NOT NULL,
  content           BYTEA,
  content_sha256    TEXT,
  status            TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'processing', 'ready', 'failed')),
  progress          INT NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error             TEXT,
  chunk_count       INT NOT NULL DEFAULT 0,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_documents_kb_idx ON knowledge_documents (knowledge_base_id, created_at DESC, id);
CREATE UNIQUE INDEX knowledge_documents_source_url_key ON knowledge_documents (source_id, source_url) WHERE source_id IS NOT NULL;

-- Parent sections: what an answer gets as context around a matching child chunk.
CREATE TABLE knowledge_sections (
  id                UUID PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id       UUID NOT NULL REFERENCES knowledge_documents (id) ON DELETE CASCADE,
  ordinal           INT NOT NULL,
  heading           TEXT,
  text              TEXT NOT NULL
);
CREATE INDEX knowledge_sections_document_idx ON knowledge_sections (document_id, ordinal);

-- Child chunks: what is matched. The vector is 384 little-endian float32 values (unit length).
CREATE TABLE knowledge_chunks (
  id                UUID PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  knowledge_base_id UUID NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
  document_id       UUID NOT NULL REFERENCES knowledge_documents (id) ON DELETE CASCADE,
  section_id        UUID NOT NULL REFERENCES knowledge_sections (id) ON DELETE CASCADE,
  ordinal           INT NOT NULL,
  text              TEXT NOT NULL,
  token_count       INT NOT NULL,
  embedding         BYTEA NOT NULL
);
CREATE INDEX knowledge_chunks_document_idx ON knowledge_chunks (document_id, ordinal);
CREATE INDEX knowledge_chunks_kb_idx ON knowledge_chunks (knowledge_base_id, id);

-- Conversation messages made searchable (semantic search over the history); vectors kept so the
-- index can be rebuilt without embedding everything again.
CREATE TABLE knowledge_messages (
  message_id      UUID PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  conversation_id UUID NOT NULL,
  direction       TEXT NOT NULL,
  text            TEXT NOT NULL,
  embedding       BYTEA NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX knowledge_messages_org_idx ON knowledge_messages (org_id, created_at);

-- Background work (ingest a document, sync a source, rebuild an index), claimed with a lease so any
-- node can work it and a crashed worker's job is picked up again once the lease runs out.
CREATE TABLE knowledge_jobs (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('ingest', 'sync', 'reindex')),
  target_id       UUID NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
  attempts        INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_at      TIMESTAMPTZ,
  last_error      TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_jobs_due_idx ON knowledge_jobs (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX knowledge_jobs_processing_idx ON knowledge_jobs (claimed_at) WHERE status = 'processing';

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['knowledge_bases', 'knowledge_sources', 'knowledge_documents', 'knowledge_sections',
                           'knowledge_chunks', 'knowledge_messages', 'knowledge_jobs']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
