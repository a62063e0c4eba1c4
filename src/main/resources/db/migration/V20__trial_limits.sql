-- The trial is for trying everything: Pro-like room for channels, agents, seats and knowledge,
-- now that those level limits are enforced (the metered AI replies and call minutes stay small).
UPDATE billing_plans
   SET active_channels = 5, agents = 5, knowledge_base_bytes = 52428800, seats = 5, updated_at = now()
 WHERE id = 'trial' AND active_channels = 2 AND agents = 1 AND seats = 2;
