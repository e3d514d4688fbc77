-- The flapping spell an incident was last told as part of: since its first firing, and how many
-- firings it has counted. Null when the incident was last told as itself.
ALTER TABLE alert ADD COLUMN notified_spell_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert ADD COLUMN notified_spell_fires INT;
