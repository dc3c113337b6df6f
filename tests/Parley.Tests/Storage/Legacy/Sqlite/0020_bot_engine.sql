-- The bot engine: declarative intents, data sources (templates live in the templates table of 0002)
-- and the interaction log. account_id '' means every account.

-- An intent of one bot: its phrases per language ({"es": [...], "en": [...]}) and how it is answered
-- ({"template", "dataSource", "match", "args", "values", "text"}), both JSON.
CREATE TABLE bot_intents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    bot         TEXT NOT NULL,
    account_id  TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    priority    INTEGER NOT NULL DEFAULT 0,
    threshold   REAL NULL,
    examples    TEXT NOT NULL DEFAULT '{}',
    answer      TEXT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    source      TEXT NOT NULL DEFAULT 'api',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (bot, account_id, name)
);

-- A named, parameterized, read-only query. connection NULL: Parley's own database; otherwise the name
-- of a connection string in configuration (ConnectionStrings:NAME), so credentials stay out of this table.
CREATE TABLE data_sources (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id     TEXT NOT NULL DEFAULT '',
    name           TEXT NOT NULL,
    description    TEXT NULL,
    connection     TEXT NULL,
    provider       TEXT NULL,
    query          TEXT NOT NULL,
    parameters     TEXT NOT NULL DEFAULT '[]',
    timeout_ms     INTEGER NULL,
    max_rows       INTEGER NULL,
    cache_seconds  INTEGER NULL,
    active         INTEGER NOT NULL DEFAULT 1,
    source         TEXT NOT NULL DEFAULT 'api',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (account_id, name)
);

-- One row per inbound message a bot engine handled (a retry of the same message overwrites its row).
-- contact holds the whole wa_id; logs only ever show it masked.
CREATE TABLE bot_interactions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       TEXT NOT NULL,
    bot              TEXT NOT NULL,
    conversation_id  INTEGER NOT NULL,
    contact_id       INTEGER NOT NULL,
    contact          TEXT NOT NULL,
    message_id       INTEGER NOT NULL,
    text             TEXT NULL,
    language         TEXT NULL,
    route            TEXT NOT NULL,
    intent           TEXT NULL,
    confidence       REAL NULL,
    template         TEXT NULL,
    data_source      TEXT NULL,
    response         TEXT NULL,
    processing_ms    INTEGER NOT NULL,
    success          INTEGER NOT NULL,
    error            TEXT NULL,
    context          TEXT NULL,
    created_at       INTEGER NOT NULL,
    UNIQUE (message_id)
);
CREATE INDEX ix_bot_interactions_account ON bot_interactions (account_id, id);
CREATE INDEX ix_bot_interactions_intent ON bot_interactions (account_id, intent, id);
CREATE INDEX ix_bot_interactions_created ON bot_interactions (created_at);
