-- People who sign in to the admin UI (/admin). email is stored lower-cased; password_hash is ASP.NET Core's
-- PasswordHasher format (PBKDF2, versioned). After repeated failures the account is locked until locked_until.
CREATE TABLE operators (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    email            TEXT NOT NULL UNIQUE,
    name             TEXT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL DEFAULT 'agent',
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     INTEGER NULL,
    created_at       INTEGER NOT NULL,
    last_login_at    INTEGER NULL
);
