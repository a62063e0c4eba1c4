-- An API key may be limited to a subset of MCP tools (null = every tool its scopes allow).
ALTER TABLE api_keys ADD COLUMN tools TEXT[];
