-- The resort activity booking module (SQLite): activities and their images, time slots with their seat counters,
-- bookings with their history, and what each guest likes. Times are Unix milliseconds, money in cents.

CREATE TABLE booking_activities (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    name_es           TEXT NULL,
    description       TEXT NOT NULL,
    description_es    TEXT NULL,
    category          TEXT NOT NULL,
    tags              TEXT NOT NULL DEFAULT '',
    price_cents       INTEGER NOT NULL,
    currency          TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL,
    meeting_point     TEXT NOT NULL,
    min_age           INTEGER NOT NULL DEFAULT 0,
    default_capacity  INTEGER NOT NULL,
    active            INTEGER NOT NULL DEFAULT 1,
    source            TEXT NOT NULL DEFAULT 'admin',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE booking_activity_images (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES booking_activities(id) ON DELETE CASCADE,
    media_id     TEXT NOT NULL,
    mime_type    TEXT NOT NULL,
    alt_text     TEXT NOT NULL,
    sort_order   INTEGER NOT NULL DEFAULT 0,
    is_primary   INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL
);
CREATE INDEX ix_booking_activity_images_activity ON booking_activity_images (activity_id, sort_order);

-- held + confirmed <= capacity is checked by the database too: the conditional updates keep it, the CHECK proves it.
CREATE TABLE booking_slots (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES booking_activities(id) ON DELETE CASCADE,
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    capacity     INTEGER NOT NULL,
    held         INTEGER NOT NULL DEFAULT 0,
    confirmed    INTEGER NOT NULL DEFAULT 0,
    state        TEXT NOT NULL DEFAULT 'open',
    created_at   INTEGER NOT NULL,
    UNIQUE (activity_id, starts_at),
    CHECK (capacity >= 0 AND held >= 0 AND confirmed >= 0 AND held + confirmed <= capacity)
);
CREATE INDEX ix_booking_slots_starts ON booking_slots (starts_at);

CREATE TABLE booking_bookings (
    id               INTEGER PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,
    phone            TEXT NOT NULL,
    guest_name       TEXT NULL,
    account_id       TEXT NULL,
    language         TEXT NOT NULL DEFAULT 'en',
    slot_id          INTEGER NOT NULL REFERENCES booking_slots(id),
    activity_id      INTEGER NOT NULL REFERENCES booking_activities(id),
    party_size       INTEGER NOT NULL CHECK (party_size > 0),
    unit_price_cents INTEGER NOT NULL,
    total_cents      INTEGER NOT NULL,
    currency         TEXT NOT NULL,
    state            TEXT NOT NULL,
    hold_expires_at  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    confirmed_at     INTEGER NULL,
    cancelled_at     INTEGER NULL,
    expired_at       INTEGER NULL,
    completed_at     INTEGER NULL,
    reminded_at      INTEGER NULL,
    changed_by       TEXT NOT NULL,
    change_reason    TEXT NULL
);
CREATE INDEX ix_booking_bookings_phone ON booking_bookings (phone, created_at);
CREATE INDEX ix_booking_bookings_pending ON booking_bookings (state, hold_expires_at);
CREATE INDEX ix_booking_bookings_slot ON booking_bookings (slot_id);

-- Every change of a booking's state: who (guest, operator, system), when and why.
CREATE TABLE booking_history (
    id          INTEGER PRIMARY KEY,
    booking_id  INTEGER NOT NULL REFERENCES booking_bookings(id) ON DELETE CASCADE,
    from_state  TEXT NULL,
    to_state    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX ix_booking_history_booking ON booking_history (booking_id);

CREATE TABLE booking_guests (
    phone             TEXT PRIMARY KEY,
    name              TEXT NULL,
    language          TEXT NULL,
    usual_party_size  INTEGER NULL,
    updated_at        INTEGER NOT NULL
);

-- kind: 'category' or 'interest'; weight grows with bookings (2), explicit likes (3) and questions (0.5).
CREATE TABLE booking_preferences (
    phone       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    weight      REAL NOT NULL,
    explicit    INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (phone, kind, value)
);
