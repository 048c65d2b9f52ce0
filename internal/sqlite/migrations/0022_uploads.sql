CREATE TABLE uploads (
	id              TEXT PRIMARY KEY,
	account_id      TEXT NOT NULL REFERENCES accounts(id),
	name            TEXT NOT NULL DEFAULT '',
	declared_type   TEXT NOT NULL DEFAULT '',
	declared_size   INTEGER NOT NULL DEFAULT 0,
	declared_sha256 TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	blob_key        TEXT NOT NULL DEFAULT '',
	size_bytes      INTEGER NOT NULL DEFAULT 0,
	sha256          TEXT NOT NULL DEFAULT '',
	error           TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	expires_at      INTEGER NOT NULL
);
CREATE INDEX uploads_account ON uploads(account_id, created_at DESC, id DESC);
