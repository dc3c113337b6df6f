-- Statistics, monitor and history read messages by time and by reply; these keep them off full scans.
CREATE INDEX ix_messages_created ON messages (created_at);
CREATE INDEX ix_messages_in_reply_to ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL;
