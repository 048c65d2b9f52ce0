-- Per-account request-rate token buckets, shared by every API process.
CREATE TABLE rate_buckets (
	account_id TEXT PRIMARY KEY,
	tokens     DOUBLE PRECISION NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
