CREATE TABLE webhook_endpoints (
	id         TEXT PRIMARY KEY,
	account_id TEXT NOT NULL REFERENCES accounts(id),
	url        TEXT NOT NULL,
	events     TEXT, -- JSON array, NULL for all events
	status     TEXT NOT NULL,
	secret     TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_account ON webhook_endpoints(account_id, created_at DESC, id DESC);

CREATE TABLE webhook_events (
	id         TEXT PRIMARY KEY,
	account_id TEXT NOT NULL REFERENCES accounts(id),
	type       TEXT NOT NULL,
	entity_id  TEXT NOT NULL DEFAULT '',
	data       TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX webhook_events_account ON webhook_events(account_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
	seq         BIGSERIAL PRIMARY KEY,
	event_id    TEXT NOT NULL,
	target      TEXT NOT NULL,
	url         TEXT NOT NULL,
	attempt     INTEGER NOT NULL,
	status_code INTEGER NOT NULL DEFAULT 0,
	error       TEXT NOT NULL DEFAULT '',
	at          BIGINT NOT NULL
);
CREATE INDEX webhook_attempts_event ON webhook_attempts(event_id, seq);
