package postgres

import "testing"

// TestRebind: the shared store's ? placeholders become PostgreSQL's numbered ones, in order.
func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT 1`: `SELECT 1`,
		`SELECT id FROM t WHERE a = ? AND (CAST(? AS BIGINT) = 0 OR b < ?)`: `SELECT id FROM t WHERE a = $1 AND (CAST($2 AS BIGINT) = 0 OR b < $3)`,
		`INSERT INTO t (a, b) VALUES (?, 'é')`:                              `INSERT INTO t (a, b) VALUES ($1, 'é')`,
	} {
		if got := rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}
