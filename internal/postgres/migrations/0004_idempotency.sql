CREATE TABLE idempotency_keys (
	account_id   TEXT NOT NULL,
	scope        TEXT NOT NULL, -- method and path
	key          TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	done         INTEGER NOT NULL DEFAULT 0,
	status       INTEGER NOT NULL DEFAULT 0,
	content_type TEXT NOT NULL DEFAULT '',
	body         BYTEA,
	created_at   BIGINT NOT NULL,
	PRIMARY KEY (account_id, scope, key)
);
CREATE INDEX videos_account_status ON videos(account_id, status);
