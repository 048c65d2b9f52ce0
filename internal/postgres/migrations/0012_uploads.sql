CREATE TABLE uploads (
	id              TEXT PRIMARY KEY,
	account_id      TEXT NOT NULL REFERENCES accounts(id),
	name            TEXT NOT NULL DEFAULT '',
	declared_type   TEXT NOT NULL DEFAULT '',
	declared_size   BIGINT NOT NULL DEFAULT 0,
	declared_sha256 TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	blob_key        TEXT NOT NULL DEFAULT '',
	size_bytes      BIGINT NOT NULL DEFAULT 0,
	sha256          TEXT NOT NULL DEFAULT '',
	error           TEXT NOT NULL DEFAULT '',
	created_at      BIGINT NOT NULL,
	expires_at      BIGINT NOT NULL
);
CREATE INDEX uploads_account ON uploads(account_id, created_at DESC, id DESC);
