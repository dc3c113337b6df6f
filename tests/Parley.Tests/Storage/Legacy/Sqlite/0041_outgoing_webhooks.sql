-- Outgoing webhooks: URLs an operator registers for Parley's events, and a durable queue of deliveries.
-- secret is encrypted with Data Protection (it is needed in clear to sign); events is a JSON array ('["*"]' = all).
CREATE TABLE webhook_subscriptions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    url           TEXT NOT NULL,
    events        TEXT NOT NULL,
    secret        TEXT NOT NULL,
    description   TEXT NULL,
    enabled       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id  INTEGER NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    payload          TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'pending',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    lease_owner      TEXT NULL,
    lease_until      INTEGER NOT NULL DEFAULT 0,
    last_status      INTEGER NULL,
    last_error       TEXT NULL,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER NULL
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
