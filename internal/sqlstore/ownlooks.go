package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

const ownLookCols = `id, account_id, name, kind, gender, description, params, unplaced, tags, photo_asset_id, default_voice_id, created_at, updated_at`

func ownLookNotFound(id string) error {
	return &videoagent.Error{Code: videoagent.EAVATARNOTFOUND, Message: fmt.Sprintf("Avatar look %s not found.", id)}
}

func scanOwnLook(row interface{ Scan(...any) error }) (*videoagent.OwnLook, error) {
	var l videoagent.OwnLook
	var params, unplaced, tags string
	var created, updated int64
	if err := row.Scan(&l.ID, &l.AccountID, &l.Name, &l.Kind, &l.Gender, &l.Description, &params, &unplaced, &tags, &l.PhotoAssetID, &l.DefaultVoiceID, &created, &updated); err != nil {
		return nil, err
	}
	l.Params = json.RawMessage(params)
	if err := json.Unmarshal([]byte(unplaced), &l.Unplaced); err != nil {
		return nil, fmt.Errorf("look %s: %w", l.ID, err)
	}
	if err := json.Unmarshal([]byte(tags), &l.Tags); err != nil {
		return nil, fmt.Errorf("look %s: %w", l.ID, err)
	}
	l.CreatedAt, l.UpdatedAt = time.Unix(0, created), time.Unix(0, updated)
	return &l, nil
}

func ownLookJSON(l *videoagent.OwnLook) (params, unplaced, tags string) {
	params = string(l.Params)
	if params == "" {
		params = "{}"
	}
	u, _ := json.Marshal(append([]string{}, l.Unplaced...))
	t, _ := json.Marshal(append([]string{}, l.Tags...))
	return params, string(u), string(t)
}

// CreateOwnLook implements videoagent.OwnLookStore.
func (s *Store) CreateOwnLook(ctx context.Context, l *videoagent.OwnLook) error {
	if l.ID == "" {
		l.ID = videoagent.OwnLookPrefix + videoagent.NewID()
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = s.now()
	}
	l.UpdatedAt = l.CreatedAt
	params, unplaced, tags := ownLookJSON(l)
	_, err := s.db.ExecContext(ctx, `INSERT INTO own_looks (`+ownLookCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.AccountID, l.Name, l.Kind, l.Gender, l.Description, params, unplaced, tags, l.PhotoAssetID, l.DefaultVoiceID,
		l.CreatedAt.UnixNano(), l.UpdatedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("create look: %w", err)
	}
	return nil
}

// OwnLook implements videoagent.OwnLookStore.
func (s *Store) OwnLook(ctx context.Context, accountID, id string) (*videoagent.OwnLook, error) {
	if err := needAccount(accountID, "look", id); err != nil {
		return nil, err
	}
	return readOne(ctx, s.db, scanOwnLook, ownLookNotFound(id), "look",
		`SELECT `+ownLookCols+` FROM own_looks WHERE id = ? AND account_id = ?`, id, accountID)
}

// OwnLookByID implements videoagent.OwnLookStore.
func (s *Store) OwnLookByID(ctx context.Context, id string) (*videoagent.OwnLook, error) {
	return readOne(ctx, s.db, scanOwnLook, ownLookNotFound(id), "look", `SELECT `+ownLookCols+` FROM own_looks WHERE id = ?`, id)
}

// ListOwnLooks implements videoagent.OwnLookStore.
func (s *Store) ListOwnLooks(ctx context.Context, accountID string) ([]*videoagent.OwnLook, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+ownLookCols+` FROM own_looks WHERE account_id = ? ORDER BY created_at DESC, id DESC`, accountID)
	if err != nil {
		return nil, fmt.Errorf("list looks: %w", err)
	}
	defer rows.Close()
	var out []*videoagent.OwnLook
	for rows.Next() {
		l, err := scanOwnLook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// UpdateOwnLook implements videoagent.OwnLookStore.
func (s *Store) UpdateOwnLook(ctx context.Context, l *videoagent.OwnLook) error {
	l.UpdatedAt = s.now()
	params, unplaced, tags := ownLookJSON(l)
	return changeOne(ctx, s.db, ownLookNotFound(l.ID), "update look",
		`UPDATE own_looks SET name = ?, kind = ?, gender = ?, description = ?, params = ?, unplaced = ?, tags = ?,
		photo_asset_id = ?, default_voice_id = ?, updated_at = ? WHERE id = ? AND account_id = ?`,
		l.Name, l.Kind, l.Gender, l.Description, params, unplaced, tags, l.PhotoAssetID, l.DefaultVoiceID, l.UpdatedAt.UnixNano(), l.ID, l.AccountID)
}

// DeleteOwnLook implements videoagent.OwnLookStore.
func (s *Store) DeleteOwnLook(ctx context.Context, accountID, id string) error {
	return changeOne(ctx, s.db, ownLookNotFound(id), "delete look",
		`DELETE FROM own_looks WHERE id = ? AND account_id = ?`, id, accountID)
}
