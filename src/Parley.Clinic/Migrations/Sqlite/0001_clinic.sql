-- The CARE clinic module (docs/clinic.md). Times are Unix milliseconds; dates (birth, records) are ISO yyyy-MM-dd.
-- Phones are E.164 ("+15550100001"). Every table is the clinic's own; nothing here is read by another module.
CREATE TABLE clinic_patients (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    record_number  TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    date_of_birth  TEXT NOT NULL,
    phone          TEXT NOT NULL UNIQUE,
    time_zone      TEXT NULL,
    language       TEXT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE clinic_staff (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    specialty   TEXT NULL,
    phone       TEXT NOT NULL UNIQUE,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL
);

CREATE TABLE clinic_records (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id   INTEGER NOT NULL REFERENCES clinic_patients (id) ON DELETE CASCADE,
    recorded_on  TEXT NOT NULL,
    conditions   TEXT NULL,
    allergies    TEXT NULL,
    notes        TEXT NULL
);
CREATE INDEX ix_clinic_records_patient ON clinic_records (patient_id, recorded_on);

CREATE TABLE clinic_medications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id      INTEGER NOT NULL REFERENCES clinic_patients (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    dose            TEXT NOT NULL,
    schedule_times  TEXT NOT NULL DEFAULT '',
    start_date      TEXT NOT NULL,
    end_date        TEXT NULL,
    prescriber      TEXT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    alerts          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_clinic_medications_patient ON clinic_medications (patient_id);

CREATE TABLE clinic_appointments (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id        INTEGER NOT NULL REFERENCES clinic_patients (id) ON DELETE CASCADE,
    doctor_id         INTEGER NOT NULL REFERENCES clinic_staff (id),
    specialty         TEXT NULL,
    starts_at         INTEGER NOT NULL,
    duration_minutes  INTEGER NOT NULL,
    room              TEXT NULL,
    building          TEXT NULL,
    state             TEXT NOT NULL DEFAULT 'scheduled',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX ix_clinic_appointments_patient ON clinic_appointments (patient_id, starts_at);
CREATE INDEX ix_clinic_appointments_doctor ON clinic_appointments (doctor_id, starts_at);
CREATE INDEX ix_clinic_appointments_starts ON clinic_appointments (starts_at);

CREATE TABLE clinic_procedures (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id    INTEGER NOT NULL REFERENCES clinic_patients (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    performed_on  TEXT NOT NULL,
    doctor_id     INTEGER NULL REFERENCES clinic_staff (id),
    notes         TEXT NULL
);
CREATE INDEX ix_clinic_procedures_patient ON clinic_procedures (patient_id, performed_on);

-- Reminders and alerts. dedupe_key makes planning idempotent (one row per appointment and offset, per medication
-- dose); generation counts resends (part of the outbound idempotency key); state moves scheduled -> sending (claimed by one instance until claimed_until) -> sent | failed, or cancelled.
CREATE TABLE clinic_notifications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    patient_id      INTEGER NOT NULL REFERENCES clinic_patients (id) ON DELETE CASCADE,
    appointment_id  INTEGER NULL REFERENCES clinic_appointments (id) ON DELETE CASCADE,
    medication_id   INTEGER NULL REFERENCES clinic_medications (id) ON DELETE CASCADE,
    dedupe_key      TEXT NOT NULL UNIQUE,
    due_at          INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'scheduled',
    attempts        INTEGER NOT NULL DEFAULT 0,
    generation      INTEGER NOT NULL DEFAULT 0,
    claimed_by      TEXT NULL,
    claimed_until   INTEGER NULL,
    sent_at         INTEGER NULL,
    message_id      INTEGER NULL,
    error           TEXT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_clinic_notifications_due ON clinic_notifications (state, due_at);

-- Who read (or tried to read) which patient's data, and what. Kept for the privacy officer: never holds the data itself.
CREATE TABLE clinic_access_audit (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               INTEGER NOT NULL,
    actor_kind       TEXT NOT NULL,
    actor_id         INTEGER NULL,
    actor_role       TEXT NULL,
    patient_id       INTEGER NULL,
    what             TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    conversation_id  INTEGER NULL,
    channel          TEXT NOT NULL DEFAULT 'chat'
);
CREATE INDEX ix_clinic_access_audit_patient ON clinic_access_audit (patient_id, at);
CREATE INDEX ix_clinic_access_audit_at ON clinic_access_audit (at);

-- Usage counters for the analytics page: sign-ins and commands by role (no content, no patient).
CREATE TABLE clinic_usage (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    name   TEXT NOT NULL,
    role   TEXT NULL
);
CREATE INDEX ix_clinic_usage_at ON clinic_usage (at);
