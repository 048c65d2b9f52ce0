-- finished_at is set once, by the first caller that sees every item of the batch finished:
-- it is what makes the batch.finished event and the batch callback fire exactly once.
ALTER TABLE batches ADD COLUMN finished_at BIGINT;
