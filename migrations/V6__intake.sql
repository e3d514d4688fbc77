-- Alerts from other systems (Cloud Monitoring policies, Alertmanager). Every delivery is
-- remembered by a digest of its identity (an incident id and state, a fingerprint, start and
-- status), so a redelivery changes nothing: Alertmanager in HA sends duplicates by design.
CREATE TABLE intake_delivery (
    source      VARCHAR(40)              NOT NULL,
    dedup_key   VARCHAR(64)              NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, dedup_key)
);

-- The latest state of each external incident, which evaluation reads as a rule of its service.
CREATE TABLE intake_alert (
    source       VARCHAR(40)              NOT NULL,
    incident_key VARCHAR(64)              NOT NULL,
    natural_key  VARCHAR(500)             NOT NULL,
    service      VARCHAR(64)              NOT NULL,
    title        VARCHAR(200)             NOT NULL,
    severity     VARCHAR(8)               NOT NULL,
    is_open      BOOLEAN                  NOT NULL,
    detail       VARCHAR(1000)            NOT NULL,
    runbook      VARCHAR(2000)            NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, incident_key)
);

CREATE INDEX intake_alert_service ON intake_alert (service);
