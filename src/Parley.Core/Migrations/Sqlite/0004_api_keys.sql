-- API keys for /api/v1: the key itself is never stored, only its prefix (to find the row) and its SHA-256.
CREATE TABLE api_keys (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    prefix        TEXT NOT NULL UNIQUE,
    hash          TEXT NOT NULL,
    scopes        TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    created_by    TEXT NULL,
    last_used_at  INTEGER NULL,
    revoked_at    INTEGER NULL
);
