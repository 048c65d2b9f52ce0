CREATE TABLE batches (
	id           TEXT PRIMARY KEY,
	account_id   TEXT NOT NULL REFERENCES accounts(id),
	title        TEXT NOT NULL DEFAULT '',
	callback_url TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL
);

CREATE TABLE batch_items (
	batch_id      TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
	item_index    INTEGER NOT NULL,
	video_id      TEXT NOT NULL DEFAULT '',
	error_code    TEXT NOT NULL DEFAULT '',
	error_message TEXT NOT NULL DEFAULT '',
	error_param   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (batch_id, item_index)
);
CREATE INDEX batch_items_video ON batch_items(video_id);
