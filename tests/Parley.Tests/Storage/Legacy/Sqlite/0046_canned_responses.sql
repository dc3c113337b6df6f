-- Ready-made replies agents pick from while they hold a conversation. account_id '' means every account.
CREATE TABLE canned_responses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_by  TEXT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (account_id, title)
);
