-- Knowledge base of the AI assistant (see docs/ai.md). A document belongs to an account ('' = every account)
-- and a bot ('' = every bot); adding the same source again to the same scope replaces it.
CREATE TABLE kb_documents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  TEXT NOT NULL DEFAULT '',
    bot         TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    chars       INTEGER NOT NULL,
    passages    INTEGER NOT NULL,
    origin      TEXT NOT NULL DEFAULT 'cli',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (account_id, bot, source)
);

-- Passages keep the heading path they sit under; terms are the analyzed tokens (accent-folded, stemmed)
-- the lexical (BM25) index is built from, so it needs no analysis at query time.
CREATE TABLE kb_passages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  INTEGER NOT NULL REFERENCES kb_documents(id) ON DELETE CASCADE,
    account_id   TEXT NOT NULL,
    bot          TEXT NOT NULL,
    ordinal      INTEGER NOT NULL,
    heading      TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    terms        TEXT NOT NULL,
    term_count   INTEGER NOT NULL
);
CREATE INDEX ix_kb_passages_scope ON kb_passages (account_id, bot);
CREATE INDEX ix_kb_passages_document ON kb_passages (document_id, ordinal);

-- Provider embeddings of passages, one per embedding model: little-endian float32 vectors, compared by cosine in C#.
CREATE TABLE kb_embeddings (
    passage_id  INTEGER NOT NULL REFERENCES kb_passages(id) ON DELETE CASCADE,
    model       TEXT NOT NULL,
    dimensions  INTEGER NOT NULL,
    vector      BLOB NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (passage_id, model)
);
