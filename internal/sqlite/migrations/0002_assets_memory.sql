CREATE TABLE assets (
	id         TEXT PRIMARY KEY,
	account_id TEXT NOT NULL REFERENCES accounts(id),
	name       TEXT NOT NULL DEFAULT '',
	mime_type  TEXT NOT NULL,
	size_bytes INTEGER NOT NULL,
	blob_key   TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX assets_account_created ON assets(account_id, created_at DESC, id DESC);

CREATE TABLE memory (
	account_id TEXT NOT NULL REFERENCES accounts(id),
	key        TEXT NOT NULL,
	value      TEXT NOT NULL,
	session_id TEXT NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (account_id, key)
);
