-- Replays of stored provider webhook events: when one was last asked for, and how often.
ALTER TABLE webhook_events ADD COLUMN replay_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webhook_events ADD COLUMN replayed_at INTEGER NULL;
-- Retention deletes processed events by age; failed ones are listed newest first.
CREATE INDEX ix_webhook_events_received ON webhook_events (received_at);
