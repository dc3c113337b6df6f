-- Parley schema, version 1 (SQLite). Times are Unix milliseconds (UTC); JSON is stored as text.
CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    bot           TEXT NULL,
    display_name  TEXT NULL,
    settings      TEXT NOT NULL DEFAULT '{}',
    secrets       TEXT NULL,
    enabled       INTEGER NOT NULL DEFAULT 1,
    source        TEXT NOT NULL DEFAULT 'config',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    wa_id         TEXT NOT NULL,
    phone         TEXT NULL,
    name          TEXT NULL,
    opted_out     INTEGER NOT NULL DEFAULT 0,
    opted_out_at  INTEGER NULL,
    blocked       INTEGER NOT NULL DEFAULT 0,
    allowed       INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (account_id, wa_id)
);
CREATE INDEX ix_contacts_phone ON contacts (account_id, phone);

CREATE TABLE conversations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    contact_id       INTEGER NOT NULL REFERENCES contacts(id),
    state            TEXT NOT NULL DEFAULT 'bot',
    session          TEXT NULL,
    last_inbound_at  INTEGER NULL,
    last_message_at  INTEGER NOT NULL,
    unread           INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    in_pending       INTEGER NOT NULL DEFAULT 0,
    in_lease_owner   TEXT NULL,
    in_lease_until   INTEGER NOT NULL DEFAULT 0,
    in_ready_at      INTEGER NOT NULL DEFAULT 0,
    out_pending      INTEGER NOT NULL DEFAULT 0,
    out_lease_owner  TEXT NULL,
    out_lease_until  INTEGER NOT NULL DEFAULT 0,
    out_ready_at     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, contact_id)
);
CREATE INDEX ix_conversations_in_work ON conversations (in_ready_at) WHERE in_pending > 0;
CREATE INDEX ix_conversations_out_work ON conversations (out_ready_at) WHERE out_pending > 0;
CREATE INDEX ix_conversations_recent ON conversations (account_id, last_message_at);

CREATE TABLE webhook_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id     TEXT NOT NULL,
    provider       TEXT NOT NULL,
    received_at    INTEGER NOT NULL,
    content_type   TEXT NULL,
    body           TEXT NOT NULL,
    state          TEXT NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 1,
    last_error     TEXT NULL,
    message_count  INTEGER NOT NULL DEFAULT 0,
    status_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_webhook_events_state ON webhook_events (state, received_at);

CREATE TABLE messages (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id           TEXT NOT NULL,
    conversation_id      INTEGER NOT NULL REFERENCES conversations(id),
    contact_id           INTEGER NOT NULL REFERENCES contacts(id),
    direction            TEXT NOT NULL,
    type                 TEXT NOT NULL,
    content              TEXT NOT NULL,
    raw                  TEXT NULL,
    provider_message_id  TEXT NULL,
    idempotency_key      TEXT NULL,
    in_reply_to          INTEGER NULL,
    source               TEXT NULL,
    status               TEXT NOT NULL,
    status_at            INTEGER NOT NULL,
    error_code           TEXT NULL,
    error_reason         TEXT NULL,
    webhook_event_id     INTEGER NULL,
    process_state        INTEGER NOT NULL DEFAULT 0,
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT NULL,
    created_at           INTEGER NOT NULL,
    sent_at              INTEGER NULL
);
CREATE UNIQUE INDEX ux_messages_provider_id ON messages (account_id, provider_message_id);
CREATE UNIQUE INDEX ux_messages_idempotency ON messages (account_id, idempotency_key);
CREATE INDEX ix_messages_conversation ON messages (conversation_id, id);
CREATE INDEX ix_messages_pending ON messages (conversation_id, id) WHERE process_state = 1;
CREATE INDEX ix_messages_failed ON messages (process_state, created_at) WHERE process_state = 3;

CREATE TABLE message_statuses (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id    INTEGER NOT NULL REFERENCES messages(id),
    status        TEXT NOT NULL,
    at            INTEGER NOT NULL,
    error_code    TEXT NULL,
    error_reason  TEXT NULL,
    received_at   INTEGER NOT NULL,
    UNIQUE (message_id, status)
);

CREATE TABLE pending_statuses (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id           TEXT NOT NULL,
    provider_message_id  TEXT NOT NULL,
    status               TEXT NOT NULL,
    at                   INTEGER NOT NULL,
    error_code           TEXT NULL,
    error_reason         TEXT NULL,
    received_at          INTEGER NOT NULL
);
CREATE INDEX ix_pending_statuses ON pending_statuses (account_id, provider_message_id);

CREATE TABLE media (
    id            TEXT PRIMARY KEY,
    mime_type     TEXT NULL,
    size          INTEGER NOT NULL,
    file_name     TEXT NULL,
    created_at    INTEGER NOT NULL
);
