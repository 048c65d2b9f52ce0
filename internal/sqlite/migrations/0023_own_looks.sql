CREATE TABLE own_looks (
	id               TEXT PRIMARY KEY,
	account_id       TEXT NOT NULL REFERENCES accounts(id),
	name             TEXT NOT NULL,
	kind             TEXT NOT NULL,
	gender           TEXT NOT NULL DEFAULT '',
	description      TEXT NOT NULL DEFAULT '',
	params           TEXT NOT NULL DEFAULT '{}', -- JSON avatar.LookParams
	unplaced         TEXT NOT NULL DEFAULT '[]', -- JSON array of words
	tags             TEXT NOT NULL DEFAULT '[]', -- JSON array
	photo_asset_id   TEXT NOT NULL DEFAULT '',
	default_voice_id TEXT NOT NULL DEFAULT '',
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL
);
CREATE INDEX own_looks_account ON own_looks(account_id, created_at DESC, id DESC);
