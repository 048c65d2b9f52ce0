package sqlstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// listPage runs a keyset-paginated list, newest first. query selects from a table with
// created_at (Unix ns) and id columns and ends in its WHERE conditions; listPage appends the
// cursor condition, the order and the limit. A page limit <= 0 lists everything.
func listPage[T any](ctx context.Context, db Conn, p videoagent.Page, query string, args []any,
	scan func(interface{ Scan(...any) error }) (T, error), key func(T) (time.Time, string)) ([]T, string, error) {
	cur, err := decodeCursor(p.Token)
	if err != nil {
		return nil, "", err
	}
	limit := p.Limit
	if limit <= 0 {
		limit = 1 << 30
	}
	// The CAST types the parameter for PostgreSQL, which would otherwise infer int4 from the 0.
	q := query + ` AND (CAST(? AS BIGINT) = 0 OR created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, cur.at, cur.at, cur.at, cur.id, limit+1)
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", fmt.Errorf("list: %w", err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, "", err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		at, id := key(out[len(out)-1])
		next = encodeCursor(at, id)
	}
	return out, next, nil
}

// cursor is a keyset position: rows strictly older than (at, id).
type cursor struct {
	at int64
	id string
}

func encodeCursor(t time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(t.UnixNano(), 10) + "|" + id))
}

func decodeCursor(tok string) (cursor, error) {
	if tok == "" {
		return cursor{}, nil
	}
	bad := videoagent.Invalid("token", "token is not a valid page token")
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return cursor{}, bad
	}
	at, id, ok := strings.Cut(string(raw), "|")
	if !ok {
		return cursor{}, bad
	}
	n, err := strconv.ParseInt(at, 10, 64)
	if err != nil || n <= 0 {
		return cursor{}, bad
	}
	return cursor{at: n, id: id}, nil
}
