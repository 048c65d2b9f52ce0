package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	videoagent "github.com/openvideoagent/videoagent"
)

// PostMessage implements videoagent.ChatStore.
func (s *Store) PostMessage(ctx context.Context, m *videoagent.Message, enqueue func(tx videoagent.Tx) error) error {
	if m.ID == "" {
		m.ID = videoagent.NewID()
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = s.now()
	}
	ids := m.ResourceIDs
	if ids == nil {
		ids = []string{}
	}
	rj, _ := json.Marshal(ids)
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO messages (id, session_id, role, type, content, resource_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.SessionID, m.Role, m.Type, m.Content, string(rj), m.CreatedAt.UnixNano()); err != nil {
		return fmt.Errorf("post message: %w", err)
	}
	if enqueue != nil {
		if err := enqueue(tx.Native()); err != nil {
			return fmt.Errorf("enqueue: %w", err)
		}
	}
	return tx.Commit()
}

// CreateVideo implements videoagent.ChatStore.
func (s *Store) CreateVideo(ctx context.Context, v *videoagent.Video, enqueue func(tx videoagent.Tx) error) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	if err := insertVideo(ctx, tx, v, now); err != nil {
		return err
	}
	if v.SessionID != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET video_id = ?, updated_at = ? WHERE id = ?`, v.ID, now.UnixNano(), v.SessionID); err != nil {
			return fmt.Errorf("point session at video: %w", err)
		}
	}
	if enqueue != nil {
		if err := enqueue(tx.Native()); err != nil {
			return fmt.Errorf("enqueue: %w", err)
		}
	}
	return tx.Commit()
}

// ChatState implements videoagent.ChatStore.
func (s *Store) ChatState(ctx context.Context, sessionID string) (videoagent.ChatState, error) {
	var raw string
	var st videoagent.ChatState
	err := s.db.QueryRowContext(ctx, `SELECT chat FROM sessions WHERE id = ?`, sessionID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return st, sessionNotFound(sessionID)
	}
	if err != nil {
		return st, fmt.Errorf("read chat state: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		return st, fmt.Errorf("session %s chat state: %w", sessionID, err)
	}
	return st, nil
}

// SetChatState implements videoagent.ChatStore.
func (s *Store) SetChatState(ctx context.Context, sessionID string, st videoagent.ChatState) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return changeOne(ctx, s.db, sessionNotFound(sessionID), "set chat state",
		`UPDATE sessions SET chat = ?, updated_at = ? WHERE id = ?`, string(raw), s.now().UnixNano(), sessionID)
}
