-- Leases for jobs that must run once across instances (retention and other maintenance). A row per job: who holds
-- it and until when; a finished run keeps the lease until the next run is due, so the lease is also the schedule.
CREATE TABLE job_leases (
    name              TEXT PRIMARY KEY,
    owner             TEXT NULL,
    lease_until       INTEGER NOT NULL DEFAULT 0,
    last_started_at   INTEGER NULL,
    last_finished_at  INTEGER NULL,
    last_result       TEXT NULL
);
