-- Message templates: local definitions (rendered by bots, filled from data sources) and the provider's
-- catalogue (synced from Meta, or Twilio Content SIDs), one table. account_id '' means every account.
CREATE TABLE templates (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id            TEXT NOT NULL DEFAULT '',
    name                  TEXT NOT NULL,
    language              TEXT NOT NULL,
    category              TEXT NULL,
    status                TEXT NOT NULL DEFAULT 'local',
    provider_template_id  TEXT NULL,
    body                  TEXT NULL,
    parameters            TEXT NOT NULL DEFAULT '[]',
    components            TEXT NULL,
    active                INTEGER NOT NULL DEFAULT 1,
    source                TEXT NOT NULL DEFAULT 'local',
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    UNIQUE (account_id, name, language)
);
