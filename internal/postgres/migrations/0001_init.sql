CREATE TABLE accounts (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	created_at BIGINT NOT NULL
);

CREATE TABLE api_keys (
	key_hash   TEXT PRIMARY KEY,
	account_id TEXT NOT NULL REFERENCES accounts(id),
	name       TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
	id           TEXT PRIMARY KEY,
	account_id   TEXT NOT NULL REFERENCES accounts(id),
	mode         TEXT NOT NULL,
	status       TEXT NOT NULL,
	progress     INTEGER NOT NULL DEFAULT 0,
	title        TEXT NOT NULL DEFAULT '',
	video_id     TEXT NOT NULL DEFAULT '',
	brief        TEXT NOT NULL,
	storyboard   TEXT,
	callback_url TEXT NOT NULL DEFAULT '',
	callback_id  TEXT NOT NULL DEFAULT '',
	created_at   BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL
);
CREATE INDEX sessions_account_created ON sessions(account_id, created_at DESC, id DESC);

CREATE TABLE messages (
	seq          BIGSERIAL PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	role         TEXT NOT NULL,
	type         TEXT NOT NULL,
	content      TEXT NOT NULL,
	resource_ids TEXT NOT NULL DEFAULT '[]',
	created_at   BIGINT NOT NULL
);
CREATE INDEX messages_session ON messages(session_id, seq DESC);

CREATE TABLE resources (
	id            TEXT PRIMARY KEY,
	session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	resource_type TEXT NOT NULL,
	source_type   TEXT NOT NULL DEFAULT '',
	blob_key      TEXT NOT NULL DEFAULT '',
	metadata      TEXT,
	created_at    BIGINT NOT NULL
);

CREATE TABLE videos (
	id              TEXT PRIMARY KEY,
	account_id      TEXT NOT NULL REFERENCES accounts(id),
	session_id      TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	title           TEXT NOT NULL DEFAULT '',
	duration        DOUBLE PRECISION NOT NULL DEFAULT 0,
	video_key       TEXT NOT NULL DEFAULT '',
	thumbnail_key   TEXT NOT NULL DEFAULT '',
	subtitle_key    TEXT NOT NULL DEFAULT '',
	failure_code    TEXT NOT NULL DEFAULT '',
	failure_message TEXT NOT NULL DEFAULT '',
	created_at      BIGINT NOT NULL,
	completed_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX videos_account_created ON videos(account_id, created_at DESC, id DESC);
CREATE INDEX videos_session_created ON videos(session_id, created_at DESC, id DESC);
