package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	videoagent "github.com/openvideoagent/videoagent"
)

var _ videoagent.RateStore = (*Store)(nil)

// TakeToken implements videoagent.RateStore: one statement refills the bucket for the time
// since it was last touched and spends a token only if one is there, so concurrent requests
// on any number of API processes never spend the same token twice.
func (s *Store) TakeToken(ctx context.Context, accountID string, perSecond float64, burst int) (bool, time.Duration, error) {
	var tokens float64
	err := s.pool.QueryRow(ctx, `
		INSERT INTO rate_buckets AS b (account_id, tokens, updated_at) VALUES ($1, $3::float8 - 1, clock_timestamp())
		ON CONFLICT (account_id) DO UPDATE SET
			tokens = LEAST($3::float8, b.tokens + extract(epoch FROM clock_timestamp() - b.updated_at)::float8 * $2::float8) - 1,
			updated_at = clock_timestamp()
		WHERE LEAST($3::float8, b.tokens + extract(epoch FROM clock_timestamp() - b.updated_at)::float8 * $2::float8) >= 1
		RETURNING tokens`, accountID, perSecond, burst).Scan(&tokens)
	if err == nil {
		return true, 0, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return false, 0, fmt.Errorf("rate limit: %w", err)
	}
	// No token: how long until the bucket holds one.
	var have float64
	err = s.pool.QueryRow(ctx, `SELECT LEAST($2::float8, tokens + extract(epoch FROM clock_timestamp() - updated_at)::float8 * $3::float8)
		FROM rate_buckets WHERE account_id = $1`, accountID, burst, perSecond).Scan(&have)
	if err != nil {
		return false, 0, fmt.Errorf("rate limit: %w", err)
	}
	if perSecond <= 0 {
		return false, time.Hour, nil
	}
	return false, time.Duration(max(0, 1-have) / perSecond * float64(time.Second)), nil
}
