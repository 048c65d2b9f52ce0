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
	s.newRow(&m.ID, &m.CreatedAt)
	return s.inTx(ctx, enqueue, func(tx Tx) error {
		if err := insertMessage(ctx, tx, m); err != nil {
			return fmt.Errorf("post message: %w", err)
		}
		return nil
	})
}

// CreateVideo implements videoagent.ChatStore.
func (s *Store) CreateVideo(ctx context.Context, v *videoagent.Video, enqueue func(tx videoagent.Tx) error) error {
	return s.inTx(ctx, enqueue, func(tx Tx) error {
		now := s.now()
		if err := insertVideo(ctx, tx, v, now); err != nil {
			return err
		}
		if v.SessionID != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE sessions SET video_id = ?, updated_at = ? WHERE id = ?`, v.ID, now.UnixNano(), v.SessionID); err != nil {
				return fmt.Errorf("point session at video: %w", err)
			}
		}
		return nil
	})
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
