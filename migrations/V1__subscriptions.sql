-- Channels that asked for alerts, and what they want.
CREATE TABLE subscription (
    channel_id    VARCHAR(20)              NOT NULL PRIMARY KEY,
    guild_id      VARCHAR(20)              NOT NULL,
    min_severity  VARCHAR(8)               NOT NULL,
    -- Comma-separated service names; empty means every watched service.
    services      VARCHAR(2000)            NOT NULL,
    created_by    VARCHAR(100)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Set when the bot found it could no longer post here; reported once, not retried.
    broken_since  TIMESTAMP WITH TIME ZONE,
    broken_reason VARCHAR(200)
);

CREATE INDEX subscription_guild ON subscription (guild_id);
