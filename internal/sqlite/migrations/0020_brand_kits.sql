CREATE TABLE brand_kits (
	id            TEXT PRIMARY KEY,
	account_id    TEXT NOT NULL REFERENCES accounts(id),
	name          TEXT NOT NULL,
	logo_asset_id TEXT NOT NULL DEFAULT '',
	colors        TEXT NOT NULL DEFAULT '{}', -- JSON videoagent.BrandColors
	fonts         TEXT NOT NULL DEFAULT '{}', -- JSON videoagent.BrandFonts
	intro_title   TEXT NOT NULL DEFAULT '',
	outro_title   TEXT NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);
CREATE INDEX brand_kits_account ON brand_kits(account_id, created_at DESC, id DESC);
