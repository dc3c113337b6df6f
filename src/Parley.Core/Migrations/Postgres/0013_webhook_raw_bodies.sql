-- Issue 17 (a verified delivery is never lost): the exact bytes of a provider webhook, kept when the stored text
-- (body: UTF-8 made well-formed, invalid sequences and NULs replaced with U+FFFD) does not hold them exactly.
-- NULL when body is the delivery byte for byte (nearly always).
ALTER TABLE webhook_events ADD COLUMN raw_body BYTEA NULL;
