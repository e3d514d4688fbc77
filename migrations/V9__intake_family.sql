-- The sender's identity of an alert across its incidents (a policy's condition on one resource,
-- an Alertmanager fingerprint): an alert that closes and opens again is the same alert firing
-- again, which is what flapping counts. Rows written before this have none and stand alone.
ALTER TABLE intake_alert ADD COLUMN family VARCHAR(500);
