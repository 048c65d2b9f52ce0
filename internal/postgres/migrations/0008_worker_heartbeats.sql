-- Worker processes beat here; running jobs of a process that stopped beating are resumed
-- by the others (see jobs/liveness.go).
CREATE TABLE worker_heartbeats (
	id      TEXT PRIMARY KEY,
	seen_at TIMESTAMPTZ NOT NULL
);
