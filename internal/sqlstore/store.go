package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Store implements videoagent.Store and its companion stores on a DB, in SQL that SQLite
// and PostgreSQL both run.
type Store struct {
	db  DB
	now func() time.Time
}

var _ videoagent.Store = (*Store)(nil)

// New returns the store over db.
func New(db DB) *Store { return &Store{db: db, now: time.Now} }

// newRow gives a row about to be inserted an id and a creation time, where the caller
// chose none.
func (s *Store) newRow(id *string, created *time.Time) {
	if *id == "" {
		*id = videoagent.NewID()
	}
	if created.IsZero() {
		*created = s.now()
	}
}

func hashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// CreateAccount implements videoagent.Store.
func (s *Store) CreateAccount(ctx context.Context, name string) (*videoagent.Account, error) {
	a := &videoagent.Account{ID: videoagent.NewID(), Name: name, CreatedAt: s.now()}
	_, err := s.db.ExecContext(ctx, `INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)`, a.ID, a.Name, a.CreatedAt.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("create account: %w", err)
	}
	return a, nil
}

// EnsureAccount implements videoagent.Store.
func (s *Store) EnsureAccount(ctx context.Context, id, name string) (*videoagent.Account, error) {
	now := s.now()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING`, id, name, now.UnixNano()); err != nil {
		return nil, fmt.Errorf("ensure account: %w", err)
	}
	var a videoagent.Account
	var created int64
	if err := s.db.QueryRowContext(ctx, `SELECT id, name, created_at FROM accounts WHERE id = ?`, id).Scan(&a.ID, &a.Name, &created); err != nil {
		return nil, fmt.Errorf("read account: %w", err)
	}
	a.CreatedAt = time.Unix(0, created)
	return &a, nil
}

// CreateAPIKey implements videoagent.Store. Only the key's hash is stored.
func (s *Store) CreateAPIKey(ctx context.Context, accountID, name string) (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	key := "ova_" + base64.RawURLEncoding.EncodeToString(b[:])
	_, err := s.db.ExecContext(ctx, `INSERT INTO api_keys (key_hash, account_id, name, created_at) VALUES (?, ?, ?, ?)`,
		hashKey(key), accountID, name, s.now().UnixNano())
	if err != nil {
		return "", fmt.Errorf("create api key: %w", err)
	}
	return key, nil
}

// EnsureAPIKey implements videoagent.Store.
func (s *Store) EnsureAPIKey(ctx context.Context, accountID, key string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO api_keys (key_hash, account_id, name, created_at) VALUES (?, ?, 'bootstrap', ?)
		ON CONFLICT(key_hash) DO UPDATE SET account_id = excluded.account_id`, hashKey(key), accountID, s.now().UnixNano())
	if err != nil {
		return fmt.Errorf("ensure api key: %w", err)
	}
	return nil
}

// AccountByAPIKey implements videoagent.Store.
func (s *Store) AccountByAPIKey(ctx context.Context, key string) (*videoagent.Account, error) {
	var a videoagent.Account
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT a.id, a.name, a.created_at FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.key_hash = ?`,
		hashKey(key)).Scan(&a.ID, &a.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, videoagent.Errorf(videoagent.EUNAUTHORIZED, "Invalid API key.")
	}
	if err != nil {
		return nil, fmt.Errorf("look up api key: %w", err)
	}
	a.CreatedAt = time.Unix(0, created)
	return &a, nil
}

// CreateSession implements videoagent.Store.
func (s *Store) CreateSession(ctx context.Context, se *videoagent.Session, v *videoagent.Video, enqueue func(tx videoagent.Tx) error) error {
	brief, err := json.Marshal(se.Brief)
	if err != nil {
		return err
	}
	return s.inTx(ctx, enqueue, func(tx Tx) error {
		now := s.now()
		if se.CreatedAt.IsZero() {
			se.CreatedAt = now
		}
		se.UpdatedAt = now
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, account_id, mode, status, progress, title, video_id, brief, storyboard, callback_url, callback_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			se.ID, se.AccountID, se.Mode, se.Status, se.Progress, se.Title, se.VideoID, string(brief), nullJSON(se.Storyboard),
			se.CallbackURL, se.CallbackID, se.CreatedAt.UnixNano(), se.UpdatedAt.UnixNano())
		if err != nil {
			return fmt.Errorf("insert session: %w", err)
		}
		if v != nil {
			return insertVideo(ctx, tx, v, now)
		}
		return nil
	})
}

// inTx runs write in a transaction and then enqueue, when not nil, in the same one: the
// jobs enqueue inserts commit with the rows write stored, or neither does.
func (s *Store) inTx(ctx context.Context, enqueue func(tx videoagent.Tx) error, write func(tx Tx) error) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := write(tx); err != nil {
		return err
	}
	if enqueue != nil {
		if err := enqueue(tx.Native()); err != nil {
			return fmt.Errorf("enqueue: %w", err)
		}
	}
	return tx.Commit()
}

func insertVideo(ctx context.Context, tx Tx, v *videoagent.Video, now time.Time) error {
	if v.CreatedAt.IsZero() {
		v.CreatedAt = now
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO videos (id, account_id, session_id, status, title, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		v.ID, v.AccountID, v.SessionID, v.Status, v.Title, v.CreatedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("insert video: %w", err)
	}
	return nil
}

const sessionCols = `id, account_id, mode, status, progress, title, video_id, brief, storyboard, callback_url, callback_id, created_at, updated_at`

func scanSession(row interface{ Scan(...any) error }) (*videoagent.Session, error) {
	var se videoagent.Session
	var brief string
	var sb sql.NullString
	var created, updated int64
	if err := row.Scan(&se.ID, &se.AccountID, &se.Mode, &se.Status, &se.Progress, &se.Title, &se.VideoID, &brief, &sb,
		&se.CallbackURL, &se.CallbackID, &created, &updated); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(brief), &se.Brief); err != nil {
		return nil, fmt.Errorf("session %s brief: %w", se.ID, err)
	}
	if sb.Valid {
		se.Storyboard = json.RawMessage(sb.String)
	}
	se.CreatedAt, se.UpdatedAt = time.Unix(0, created), time.Unix(0, updated)
	return &se, nil
}

func sessionNotFound(id string) error {
	return videoagent.Errorf(videoagent.ENOTFOUND, "Session %s not found.", id)
}

// Session implements videoagent.Store. Direct videos' sessions (mode direct) are internal:
// only workers read them, with SessionByID.
func (s *Store) Session(ctx context.Context, accountID, id string) (*videoagent.Session, error) {
	if err := needAccount(accountID, "session", id); err != nil {
		return nil, err
	}
	return readOne(ctx, s.db, scanSession, sessionNotFound(id), "session",
		`SELECT `+sessionCols+` FROM sessions WHERE id = ? AND account_id = ? AND mode != ?`, id, accountID, videoagent.ModeDirect)
}

// SessionByID implements videoagent.Store.
func (s *Store) SessionByID(ctx context.Context, id string) (*videoagent.Session, error) {
	return readOne(ctx, s.db, scanSession, sessionNotFound(id), "session", `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, id)
}

// ListSessions implements videoagent.Store.
func (s *Store) ListSessions(ctx context.Context, accountID string, p videoagent.Page) ([]*videoagent.Session, string, error) {
	// Direct videos' sessions (mode direct) are internal and not listed.
	return listPage(ctx, s.db, p, `SELECT `+sessionCols+` FROM sessions WHERE account_id = ? AND mode != ?`, []any{accountID, videoagent.ModeDirect},
		scanSession, func(se *videoagent.Session) (time.Time, string) { return se.CreatedAt, se.ID })
}

// UpdateSession implements videoagent.Store.
func (s *Store) UpdateSession(ctx context.Context, id string, u videoagent.SessionUpdate) error {
	return s.updateSession(ctx, s.db, id, u)
}

func (s *Store) updateSession(ctx context.Context, c Conn, id string, u videoagent.SessionUpdate) error {
	sets, args := []string{"updated_at = ?"}, []any{s.now().UnixNano()}
	add := func(col string, v any) { sets = append(sets, col+" = ?"); args = append(args, v) }
	if u.Brief != nil {
		b, err := json.Marshal(u.Brief)
		if err != nil {
			return err
		}
		add("brief", string(b))
	}
	if u.Status != nil {
		add("status", *u.Status)
	}
	if u.Progress != nil {
		add("progress", *u.Progress)
	}
	if u.Title != nil {
		add("title", *u.Title)
	}
	if u.VideoID != nil {
		add("video_id", *u.VideoID)
	}
	if u.Storyboard != nil {
		add("storyboard", string(u.Storyboard))
	}
	args = append(args, id)
	return changeOne(ctx, c, sessionNotFound(id), "update session",
		`UPDATE sessions SET `+strings.Join(sets, ", ")+` WHERE id = ?`, args...)
}

// AddMessage implements videoagent.Store.
func (s *Store) AddMessage(ctx context.Context, m *videoagent.Message) error {
	s.newRow(&m.ID, &m.CreatedAt)
	if err := insertMessage(ctx, s.db, m); err != nil {
		return fmt.Errorf("add message: %w", err)
	}
	return nil
}

func insertMessage(ctx context.Context, c Conn, m *videoagent.Message) error {
	ids := m.ResourceIDs
	if ids == nil {
		ids = []string{}
	}
	rj, _ := json.Marshal(ids)
	_, err := c.ExecContext(ctx, `INSERT INTO messages (id, session_id, role, type, content, resource_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.SessionID, m.Role, m.Type, m.Content, string(rj), m.CreatedAt.UnixNano())
	return err
}

// Messages implements videoagent.Store.
func (s *Store) Messages(ctx context.Context, sessionID string, limit int) ([]*videoagent.Message, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+messageCols+` FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?`, sessionID, limit)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	var out []*videoagent.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Message implements videoagent.ChatStore.
func (s *Store) Message(ctx context.Context, sessionID, id string) (*videoagent.Message, error) {
	return readOne(ctx, s.db, scanMessage, videoagent.Errorf(videoagent.ENOTFOUND, "Message %s not found.",
		id), "message", `SELECT `+messageCols+` FROM messages WHERE session_id = ? AND id = ?`, sessionID, id)
}

const messageCols = `id, session_id, role, type, content, resource_ids, created_at`

func scanMessage(row interface{ Scan(...any) error }) (*videoagent.Message, error) {
	var m videoagent.Message
	var ids string
	var created int64
	if err := row.Scan(&m.ID, &m.SessionID, &m.Role, &m.Type, &m.Content, &ids, &created); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(ids), &m.ResourceIDs); err != nil {
		return nil, fmt.Errorf("message %s resource ids: %w", m.ID, err)
	}
	m.CreatedAt = time.Unix(0, created)
	return &m, nil
}

// CreateResource implements videoagent.Store.
func (s *Store) CreateResource(ctx context.Context, r *videoagent.Resource) error {
	s.newRow(&r.ID, &r.CreatedAt)
	_, err := s.db.ExecContext(ctx, `INSERT INTO resources (id, session_id, resource_type, source_type, blob_key, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.SessionID, r.ResourceType, r.SourceType, r.BlobKey, nullJSON(r.Metadata), r.CreatedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("create resource: %w", err)
	}
	return nil
}

// Resource implements videoagent.Store.
func (s *Store) Resource(ctx context.Context, sessionID, id string) (*videoagent.Resource, error) {
	var r videoagent.Resource
	var md sql.NullString
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT id, session_id, resource_type, source_type, blob_key, metadata, created_at FROM resources WHERE id = ? AND session_id = ?`,
		id, sessionID).Scan(&r.ID, &r.SessionID, &r.ResourceType, &r.SourceType, &r.BlobKey, &md, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, videoagent.Errorf(videoagent.ENOTFOUND, "Resource %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read resource: %w", err)
	}
	if md.Valid {
		r.Metadata = json.RawMessage(md.String)
	}
	r.CreatedAt = time.Unix(0, created)
	return &r, nil
}

const videoCols = `id, account_id, session_id, status, title, duration, video_key, thumbnail_key, subtitle_key, gif_key, captioned_key, failure_code, failure_message, created_at, completed_at`

func scanVideo(row interface{ Scan(...any) error }) (*videoagent.Video, error) {
	var v videoagent.Video
	var created, completed int64
	if err := row.Scan(&v.ID, &v.AccountID, &v.SessionID, &v.Status, &v.Title, &v.Duration, &v.VideoKey, &v.ThumbnailKey,
		&v.SubtitleKey, &v.GIFKey, &v.CaptionedKey, &v.FailureCode, &v.FailureMessage, &created, &completed); err != nil {
		return nil, err
	}
	v.CreatedAt = time.Unix(0, created)
	if completed != 0 {
		v.CompletedAt = time.Unix(0, completed)
	}
	return &v, nil
}

func videoNotFound(id string) error {
	return videoagent.Errorf(videoagent.EVIDEONOTFOUND, "Video %s not found.", id)
}

// Video implements videoagent.Store.
func (s *Store) Video(ctx context.Context, accountID, id string) (*videoagent.Video, error) {
	return readOne(ctx, s.db, scanVideo, videoNotFound(id), "video",
		`SELECT `+videoCols+` FROM videos WHERE id = ? AND account_id = ?`, id, accountID)
}

// VideoByID implements videoagent.Store.
func (s *Store) VideoByID(ctx context.Context, id string) (*videoagent.Video, error) {
	return readOne(ctx, s.db, scanVideo, videoNotFound(id), "video", `SELECT `+videoCols+` FROM videos WHERE id = ?`, id)
}

// ListVideos implements videoagent.Store. A non-empty sessionID lists that session's videos.
func (s *Store) ListVideos(ctx context.Context, accountID, sessionID string, p videoagent.Page) ([]*videoagent.Video, string, error) {
	return listPage(ctx, s.db, p, `SELECT `+videoCols+` FROM videos WHERE account_id = ? AND (? = '' OR session_id = ?)`,
		[]any{accountID, sessionID, sessionID},
		scanVideo, func(v *videoagent.Video) (time.Time, string) { return v.CreatedAt, v.ID })
}

// UpdateVideo implements videoagent.Store.
func (s *Store) UpdateVideo(ctx context.Context, id string, u videoagent.VideoUpdate) error {
	return updateVideo(ctx, s.db, id, u)
}

// FinishVideo implements videoagent.Store.
func (s *Store) FinishVideo(ctx context.Context, videoID string, vu videoagent.VideoUpdate, sessionID string, su videoagent.SessionUpdate, m *videoagent.Message) error {
	if m != nil {
		s.newRow(&m.ID, &m.CreatedAt)
	}
	return s.inTx(ctx, nil, func(tx Tx) error {
		if err := updateVideo(ctx, tx, videoID, vu); err != nil {
			return err
		}
		if sessionID == "" {
			return nil
		}
		if err := s.updateSession(ctx, tx, sessionID, su); err != nil {
			if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
				return nil // the session is gone: the video's ending still counts
			}
			return err
		}
		if m == nil {
			return nil
		}
		m.SessionID = sessionID
		if err := insertMessage(ctx, tx, m); err != nil {
			return fmt.Errorf("add message: %w", err)
		}
		return nil
	})
}

func updateVideo(ctx context.Context, c Conn, id string, u videoagent.VideoUpdate) error {
	var sets []string
	var args []any
	add := func(col string, v any) { sets = append(sets, col+" = ?"); args = append(args, v) }
	if u.Status != nil {
		add("status", *u.Status)
	}
	if u.Title != nil {
		add("title", *u.Title)
	}
	if u.Duration != nil {
		add("duration", *u.Duration)
	}
	if u.VideoKey != nil {
		add("video_key", *u.VideoKey)
	}
	if u.ThumbnailKey != nil {
		add("thumbnail_key", *u.ThumbnailKey)
	}
	if u.SubtitleKey != nil {
		add("subtitle_key", *u.SubtitleKey)
	}
	if u.GIFKey != nil {
		add("gif_key", *u.GIFKey)
	}
	if u.CaptionedKey != nil {
		add("captioned_key", *u.CaptionedKey)
	}
	if u.FailureCode != nil {
		add("failure_code", *u.FailureCode)
	}
	if u.FailureMessage != nil {
		add("failure_message", *u.FailureMessage)
	}
	if u.CompletedAt != nil {
		add("completed_at", u.CompletedAt.UnixNano())
	}
	if len(sets) == 0 {
		return nil
	}
	args = append(args, id)
	return changeOne(ctx, c, videoNotFound(id), "update video",
		`UPDATE videos SET `+strings.Join(sets, ", ")+` WHERE id = ?`, args...)
}

// DeleteVideo implements videoagent.Store. It returns the deleted row so the caller can
// remove its files.
func (s *Store) DeleteVideo(ctx context.Context, accountID, id string) (*videoagent.Video, error) {
	v, err := s.Video(ctx, accountID, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM videos WHERE id = ? AND account_id = ?`, id, accountID); err != nil {
		return nil, fmt.Errorf("delete video: %w", err)
	}
	return v, nil
}

func nullJSON(b json.RawMessage) any {
	if b == nil {
		return nil
	}
	return string(b)
}
