-- One row per call the assistant makes for an answer (kind answer, transcription, embedding or test): which
-- provider and model, tokens, latency, attempts, and the error when it failed. Offline answers are recorded too
-- (provider 'offline'), so answered and unanswered questions can be counted the same way.
-- Voice-note transcripts and text extracted from documents are not stored here: they go into the message's own
-- content (MediaInfo.Transcript), so history, the API and the admin show them beside the media.
CREATE TABLE ai_usage (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id       TEXT NOT NULL,
    conversation_id  INTEGER NULL,
    message_id       INTEGER NULL,
    bot              TEXT NULL,
    kind             TEXT NOT NULL,
    provider         TEXT NOT NULL,
    model            TEXT NULL,
    outcome          TEXT NOT NULL,
    input_tokens     INTEGER NULL,
    output_tokens    INTEGER NULL,
    total_tokens     INTEGER NULL,
    latency_ms       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 1,
    error            TEXT NULL,
    sources          TEXT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX ix_ai_usage_account ON ai_usage (account_id, created_at);
CREATE INDEX ix_ai_usage_message ON ai_usage (message_id);
