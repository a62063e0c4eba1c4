-- Semantic search over conversations fills knowledge_messages (created unused in V6). A row is
-- written in the transaction that stores the message, with no vector yet (indexed = false); a
-- background worker embeds such rows in batches and adds them to the organisation's Lucene index.
-- A rebuild or a contact merge only sets indexed = false again: the stored vector is reused.
-- channel_id and contact_id are the search filters (copied so the index can be rebuilt from this
-- table alone); direction 'internal' marks notes, which only signed-in members get back.
ALTER TABLE knowledge_messages
  ALTER COLUMN embedding DROP NOT NULL,
  ADD COLUMN channel_id  UUID NOT NULL,
  ADD COLUMN contact_id  UUID NOT NULL,
  ADD COLUMN sender_type TEXT NOT NULL,
  ADD COLUMN indexed     BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX knowledge_messages_queue_idx ON knowledge_messages (created_at) WHERE NOT indexed;
CREATE INDEX knowledge_messages_conversation_idx ON knowledge_messages (org_id, conversation_id);
CREATE INDEX knowledge_messages_contact_idx ON knowledge_messages (org_id, contact_id);
