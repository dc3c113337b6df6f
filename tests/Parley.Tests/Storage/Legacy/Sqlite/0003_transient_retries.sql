-- Outbound messages that failed only because retries ran out on transient errors are retried later by a job.
ALTER TABLE messages ADD COLUMN failed_transient INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN retry_rounds INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_messages_failed_transient ON messages (status_at) WHERE failed_transient = 1;
