-- Issue 17 (document bombs): each attempt to read a message's document is recorded BEFORE the work starts and
-- closed when it ends. A row still open on the next attempt means the last one never finished (the process died,
-- for example killed for memory), so the document is refused instead of read again in a loop after a restart.
-- Owned by Parley.Ai (DocumentReadLedger).
CREATE TABLE document_reads (
    message_id   INTEGER PRIMARY KEY,
    attempts     INTEGER NOT NULL DEFAULT 1,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER NULL,
    outcome      TEXT NULL
);
