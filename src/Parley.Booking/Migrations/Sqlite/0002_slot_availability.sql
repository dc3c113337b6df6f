-- Live availability for browsing (every activity's free seats in its open future slots) is read from this index alone:
-- ordered by activity for the GROUP BY, with the counters in it, so no row of the table is visited.
-- Measured with 100 activities x 1,000 slots: 19 ms -> 13.6 ms per read on SQLite (bench --scenario booking).
CREATE INDEX ix_booking_slots_availability ON booking_slots (activity_id, state, starts_at, capacity, held, confirmed);
