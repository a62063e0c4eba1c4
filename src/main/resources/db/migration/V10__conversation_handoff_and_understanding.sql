-- conversations module: the bot pauses after a handoff until a person resolves or hands back;
-- what the agent understood of an inbound message is kept beside it.
ALTER TABLE conversations ADD COLUMN bot_paused_at TIMESTAMPTZ;
ALTER TABLE conversations ADD COLUMN handoff_reason TEXT;
ALTER TABLE messages ADD COLUMN understanding JSONB;
