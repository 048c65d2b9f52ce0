package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// errNoAccount is what an account-scoped read given no account returns: the caller's bug,
// not a missing row. Workers, which act for any account, read by id (SessionByID, ...).
var errNoAccount = errors.New("account-scoped read without an account")

// needAccount refuses an empty accountID for a read of what's id.
func needAccount(accountID, what, id string) error {
	if accountID == "" {
		return fmt.Errorf("read %s %s: %w", what, id, errNoAccount)
	}
	return nil
}

// readOne scans the row query selects with scan; notFound when there is none.
func readOne[T any](ctx context.Context, c Conn, scan func(interface{ Scan(...any) error }) (T, error),
	notFound error, what, query string, args ...any) (T, error) {
	v, err := scan(c.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		var zero T
		return zero, notFound
	}
	if err != nil {
		var zero T
		return zero, fmt.Errorf("read %s: %w", what, err)
	}
	return v, nil
}

// changeOne runs a statement that updates or deletes one row; notFound when it touched none.
func changeOne(ctx context.Context, c Conn, notFound error, what, query string, args ...any) error {
	res, err := c.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound
	}
	return nil
}
