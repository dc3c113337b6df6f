-- Live availability for browsing (every activity's free seats in its open slots of the coming days) needs no new index
-- on PostgreSQL: a bitmap scan of ix_booking_slots_starts over the horizon is faster than a covering index, whose
-- index-only scan loses its advantage to the heap fetches of slots whose seat counters were just updated (measured:
-- 9.6 ms against 16.9 ms for 33,600 of 100,000 slots). SQLite's 0002 adds the covering index it benefits from.
SELECT 1;
