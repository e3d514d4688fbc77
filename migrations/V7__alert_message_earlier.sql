-- An incident that escalates is announced twice in a channel: the warn, then the fatal. The
-- message that carried it before is kept here when a newer one takes over, so that its resolution
-- edits every message that announced the incident, not only the newest.
CREATE TABLE alert_message_earlier (
    channel_id VARCHAR(20)  NOT NULL,
    incident   VARCHAR(140) NOT NULL,
    message_id VARCHAR(20)  NOT NULL,
    outbox_id  BIGINT       NOT NULL,
    PRIMARY KEY (channel_id, message_id)
);

CREATE INDEX alert_message_earlier_incident ON alert_message_earlier (channel_id, incident);
