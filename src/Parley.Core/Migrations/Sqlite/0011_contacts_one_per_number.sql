-- One contact per person (issue 19). Providers wrote one number in different forms: ACS '+15550003333', Meta and the
-- sandbox '15550003333', Twilio's WaId '15550003333' or, for Mexico, Meta's and Twilio's '5215512345678' where the API
-- wrote '525512345678'. From now on every contact is keyed by ContactKey: the E.164 digits without '+'. This script
-- gives the contacts stored before it that key and merges the ones that now share it, per account, into the oldest:
-- its messages and conversation are kept (two conversations become one), and so are the flags that protect people
-- (opted out, blocked) and allow them (allowed): set on either, set on the merged contact. Each merge is recorded in
-- contact_merges so that other modules can move their own rows (ContactMergeFollowers).

CREATE TABLE contact_merges (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id            TEXT NOT NULL,
    from_contact_id       INTEGER NOT NULL,
    to_contact_id         INTEGER NOT NULL,
    from_conversation_id  INTEGER NULL,
    to_conversation_id    INTEGER NULL,
    from_wa_id            TEXT NOT NULL,
    to_wa_id              TEXT NOT NULL,
    merged_at             INTEGER NOT NULL
);

CREATE TABLE contact_merge_followers (
    module            TEXT PRIMARY KEY,
    applied_through   INTEGER NOT NULL
);

-- The key of every contact whose id is a number: '+' or 'whatsapp:+' dropped, Mexico's mobile 1 after 52 dropped.
CREATE TEMP TABLE merge_keys AS
SELECT id, account_id, wa_id,
       CASE WHEN length(w) = 13 AND w LIKE '521%' THEN '52' || substr(w, 4) ELSE w END AS canon
FROM (SELECT id, account_id, wa_id,
             CASE WHEN lower(wa_id) LIKE 'whatsapp:+%' THEN substr(wa_id, 11)
                  WHEN wa_id LIKE '+%' THEN substr(wa_id, 2)
                  ELSE wa_id END AS w
      FROM contacts) AS written
WHERE length(w) BETWEEN 8 AND 15 AND w NOT GLOB '*[^0-9]*' AND w NOT LIKE '0%';

-- Each contact to the contact it becomes: the oldest of those with its key (itself when alone).
CREATE TEMP TABLE merge_map AS
SELECT k.id AS from_id, g.keep_id AS to_id, k.account_id, k.wa_id, k.canon
FROM merge_keys k
JOIN (SELECT account_id, canon, MIN(id) AS keep_id FROM merge_keys GROUP BY account_id, canon) g
  ON g.account_id = k.account_id AND g.canon = k.canon;

-- Each conversation to the conversation it becomes: the oldest of the merged contacts' conversations.
CREATE TEMP TABLE conversation_map AS
SELECT v.id AS from_id, m.to_id AS contact_id,
       (SELECT MIN(v2.id) FROM conversations v2 JOIN merge_map m2 ON m2.from_id = v2.contact_id WHERE m2.to_id = m.to_id) AS to_id
FROM conversations v JOIN merge_map m ON m.from_id = v.contact_id;

INSERT INTO contact_merges (account_id, from_contact_id, to_contact_id, from_conversation_id, to_conversation_id, from_wa_id, to_wa_id, merged_at)
SELECT m.account_id, m.from_id, m.to_id, cm.from_id, cm.to_id, m.wa_id, m.canon,
       CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
FROM merge_map m
LEFT JOIN conversations v ON v.contact_id = m.from_id
LEFT JOIN conversation_map cm ON cm.from_id = v.id
WHERE m.from_id <> m.to_id OR m.wa_id <> m.canon
ORDER BY m.to_id, m.from_id;

-- The kept contact: flags of all, the newest name, the oldest creation.
UPDATE contacts SET
    opted_out    = (SELECT MAX(c.opted_out) FROM contacts c JOIN merge_map m ON m.from_id = c.id WHERE m.to_id = contacts.id),
    opted_out_at = (SELECT MAX(c.opted_out_at) FROM contacts c JOIN merge_map m ON m.from_id = c.id WHERE m.to_id = contacts.id AND c.opted_out <> 0),
    blocked      = (SELECT MAX(c.blocked) FROM contacts c JOIN merge_map m ON m.from_id = c.id WHERE m.to_id = contacts.id),
    allowed      = (SELECT MAX(c.allowed) FROM contacts c JOIN merge_map m ON m.from_id = c.id WHERE m.to_id = contacts.id),
    name         = COALESCE((SELECT c.name FROM contacts c JOIN merge_map m ON m.from_id = c.id
                             WHERE m.to_id = contacts.id AND c.name IS NOT NULL ORDER BY c.updated_at DESC, c.id DESC LIMIT 1), name),
    created_at   = (SELECT MIN(c.created_at) FROM contacts c JOIN merge_map m ON m.from_id = c.id WHERE m.to_id = contacts.id),
    updated_at   = (SELECT MAX(c.updated_at) FROM contacts c JOIN merge_map m ON m.from_id = c.id WHERE m.to_id = contacts.id)
WHERE id IN (SELECT to_id FROM merge_map WHERE from_id <> to_id);

-- The kept conversation: the newest session, 'human' if a person holds either, counters added, leases released.
UPDATE conversations SET
    state           = CASE WHEN EXISTS (SELECT 1 FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id
                                        WHERE cm.to_id = conversations.id AND v.state = 'human') THEN 'human' ELSE state END,
    session         = (SELECT v.session FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id
                       WHERE cm.to_id = conversations.id ORDER BY v.last_message_at DESC, v.id DESC LIMIT 1),
    last_inbound_at = (SELECT MAX(v.last_inbound_at) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    last_message_at = (SELECT MAX(v.last_message_at) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    unread          = (SELECT SUM(v.unread) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    created_at      = (SELECT MIN(v.created_at) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    in_pending      = (SELECT SUM(v.in_pending) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    out_pending     = (SELECT SUM(v.out_pending) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    in_ready_at     = (SELECT MIN(v.in_ready_at) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    out_ready_at    = (SELECT MIN(v.out_ready_at) FROM conversations v JOIN conversation_map cm ON cm.from_id = v.id WHERE cm.to_id = conversations.id),
    in_lease_owner  = NULL, in_lease_until = 0, out_lease_owner = NULL, out_lease_until = 0
WHERE id IN (SELECT to_id FROM conversation_map WHERE from_id <> to_id);

UPDATE messages SET conversation_id = (SELECT cm.to_id FROM conversation_map cm WHERE cm.from_id = messages.conversation_id)
WHERE conversation_id IN (SELECT from_id FROM conversation_map WHERE from_id <> to_id);

UPDATE messages SET contact_id = (SELECT m.to_id FROM merge_map m WHERE m.from_id = messages.contact_id)
WHERE contact_id IN (SELECT from_id FROM merge_map WHERE from_id <> to_id);

DELETE FROM conversations WHERE id IN (SELECT from_id FROM conversation_map WHERE from_id <> to_id);

UPDATE conversations SET contact_id = (SELECT cm.contact_id FROM conversation_map cm WHERE cm.from_id = conversations.id)
WHERE id IN (SELECT to_id FROM conversation_map) AND contact_id <> (SELECT cm.contact_id FROM conversation_map cm WHERE cm.from_id = conversations.id);

DELETE FROM contacts WHERE id IN (SELECT from_id FROM merge_map WHERE from_id <> to_id);

UPDATE contacts SET
    wa_id = (SELECT m.canon FROM merge_map m WHERE m.from_id = contacts.id),
    phone = '+' || (SELECT m.canon FROM merge_map m WHERE m.from_id = contacts.id)
WHERE id IN (SELECT from_id FROM merge_map WHERE from_id = to_id AND (wa_id <> canon OR phone IS NULL OR phone <> '+' || canon));

DROP TABLE conversation_map;
DROP TABLE merge_map;
DROP TABLE merge_keys;
