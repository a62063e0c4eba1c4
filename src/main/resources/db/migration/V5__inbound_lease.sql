-- Inbound events are claimed with a short lease and processed one transaction each, so several
-- loops (and nodes) can work the inbox without batch transactions deadlocking on shared contacts.
ALTER TABLE inbound_events DROP CONSTRAINT inbound_events_status_check;
ALTER TABLE inbound_events ADD CONSTRAINT inbound_events_status_check CHECK (status IN ('pending', 'processing', 'done', 'failed'));
ALTER TABLE inbound_events ADD COLUMN claimed_at TIMESTAMPTZ;
CREATE INDEX inbound_events_processing_idx ON inbound_events (claimed_at) WHERE status = 'processing';
