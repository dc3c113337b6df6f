-- A security stamp per operator: a random value the sign-in cookie carries. Changing the password or the role, and
-- "sign out everywhere", replace it (deleting the operator removes it), so every cookie issued before stops working.
-- Operators that exist now get one here; cookies issued before this migration carry none and are refused.
ALTER TABLE operators ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE operators SET security_stamp = md5(random()::text || clock_timestamp()::text || id::text);
