-- Every row that a Discord control acts on carries a random token, and the control carries it
-- too: a card left over from a lost row, another database or a reused id can never act on a row
-- it was not made for. Rows written before this migration have none, so their old cards answer
-- that they are no longer valid.
ALTER TABLE scale_proposal ADD COLUMN token VARCHAR(24);
ALTER TABLE load_drill ADD COLUMN token VARCHAR(24);

-- Each outbox row has its own random nonce (Discord allows 25 characters): a post repeated after
-- a crash is recognised by Discord as the same message, and a database that started again from
-- nothing (Cloud Run's disk is lost on restart) cannot reuse a recent nonce for another message.
ALTER TABLE outbox ADD COLUMN nonce VARCHAR(25);
-- The leader's fencing token that last claimed the row for sending: a newer leader may take it
-- over, an older one may not.
ALTER TABLE outbox ADD COLUMN claimed_fence BIGINT;

-- One row per elected role. The instance holding an unexpired lease leads: it holds the Discord
-- gateway session and runs the routines. Each new holder increments the fence, and every write of
-- a leader checks in its own transaction that the fence is still the current one, so an old leader
-- that was paused past its lease cannot act.
CREATE TABLE leader_lease (
    name       VARCHAR(32)              NOT NULL PRIMARY KEY,
    holder     VARCHAR(100),
    fence      BIGINT                   NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO leader_lease (name, holder, fence, expires_at)
VALUES ('lookout', NULL, 0, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
