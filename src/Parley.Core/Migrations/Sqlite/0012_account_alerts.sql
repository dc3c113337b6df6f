-- What providers say about a business number rather than a message (issue 19): Meta's account alerts, quality rating
-- and messaging-limit updates, shown in the admin and published as the outgoing webhook event account.alert.
CREATE TABLE account_alerts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    type             TEXT NULL,
    severity         TEXT NULL,
    description      TEXT NULL,
    quality_rating   TEXT NULL,
    messaging_limit  TEXT NULL,
    received_at      INTEGER NOT NULL
);
CREATE INDEX ix_account_alerts_account ON account_alerts (account_id, id);
