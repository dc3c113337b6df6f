-- Sign-in over WhatsApp (docs/identity.md). Codes are stored only as a keyed hash (HMAC-SHA256 under the key in
-- identity_keys, itself encrypted with the host's data-protection key ring); session tokens only as a SHA-256 hash.
-- Times are Unix milliseconds.
CREATE TABLE identity_keys (
    name        TEXT PRIMARY KEY,
    protected   TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

-- One row per code requested. state: pending (being queued), live, used, replaced (a newer code was sent), dead (tries
-- spent), undelivered (the send was refused). code_sealed holds the code encrypted with the data-protection key ring
-- only until it is handed to the channel (the stored message shows it masked); it is cleared when the code stops being live.
CREATE TABLE identity_codes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    phone        TEXT NOT NULL,
    code_hash    TEXT NOT NULL,
    code_sealed  TEXT NULL,
    account_id   TEXT NULL,
    message_id   INTEGER NULL,
    client_ip    TEXT NULL,
    state        TEXT NOT NULL,
    tries        INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER NULL
);
CREATE INDEX ix_identity_codes_phone ON identity_codes (phone, id);
CREATE INDEX ix_identity_codes_ip ON identity_codes (client_ip, created_at);
CREATE INDEX ix_identity_codes_expires ON identity_codes (expires_at);

-- Web sessions: the token's SHA-256 (never the token), a sliding end, revocation.
CREATE TABLE identity_web_sessions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash    TEXT NOT NULL UNIQUE,
    phone         TEXT NOT NULL,
    client_ip     TEXT NULL,
    started_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    revoked_at    INTEGER NULL
);
CREATE INDEX ix_identity_web_sessions_expires ON identity_web_sessions (expires_at);

-- Chat sessions: a conversation signed in to a module's subject. An expired row stays until the conversation has
-- been told (expiry_told_at) or retention removes it.
CREATE TABLE identity_chat_sessions (
    conversation_id  INTEGER PRIMARY KEY,
    phone            TEXT NOT NULL,
    realm            TEXT NOT NULL,
    subject_id       TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    role             TEXT NULL,
    started_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    expiry_told_at   INTEGER NULL
);
CREATE INDEX ix_identity_chat_sessions_expires ON identity_chat_sessions (expires_at);

-- The chat sign-in flow's state per conversation: waiting for the number (step 'phone') or the code (step 'code').
CREATE TABLE identity_chat_flows (
    conversation_id  INTEGER PRIMARY KEY,
    realm            TEXT NOT NULL,
    step             TEXT NOT NULL,
    phone            TEXT NULL,
    lifetime_ms      INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL
);

-- The sign-in audit: successes and failures, the number masked, the client address for the web.
CREATE TABLE identity_audit (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               INTEGER NOT NULL,
    channel          TEXT NOT NULL,
    event            TEXT NOT NULL,
    phone_masked     TEXT NOT NULL,
    client_ip        TEXT NULL,
    conversation_id  INTEGER NULL,
    realm            TEXT NULL,
    detail           TEXT NULL
);
CREATE INDEX ix_identity_audit_at ON identity_audit (at);
