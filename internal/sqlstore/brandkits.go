package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

const brandKitCols = `id, account_id, name, logo_asset_id, colors, fonts, intro_title, outro_title, created_at, updated_at`

func brandKitNotFound(id string) error {
	return videoagent.Errorf(videoagent.EBRANDKITNOTFOUND, "Brand kit %s not found.", id)
}

func scanBrandKit(row interface{ Scan(...any) error }) (*videoagent.BrandKit, error) {
	var k videoagent.BrandKit
	var colors, fonts string
	var created, updated int64
	if err := row.Scan(&k.ID, &k.AccountID, &k.Name, &k.LogoAssetID, &colors, &fonts, &k.IntroTitle, &k.OutroTitle, &created, &updated); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(colors), &k.Colors); err != nil {
		return nil, fmt.Errorf("brand kit %s colors: %w", k.ID, err)
	}
	if err := json.Unmarshal([]byte(fonts), &k.Fonts); err != nil {
		return nil, fmt.Errorf("brand kit %s fonts: %w", k.ID, err)
	}
	k.CreatedAt, k.UpdatedAt = time.Unix(0, created), time.Unix(0, updated)
	return &k, nil
}

func brandKitJSON(k *videoagent.BrandKit) (colors, fonts string) {
	c, _ := json.Marshal(k.Colors)
	f, _ := json.Marshal(k.Fonts)
	return string(c), string(f)
}

// CreateBrandKit implements videoagent.BrandKitStore.
func (s *Store) CreateBrandKit(ctx context.Context, k *videoagent.BrandKit) error {
	s.newRow(&k.ID, &k.CreatedAt)
	k.UpdatedAt = k.CreatedAt
	colors, fonts := brandKitJSON(k)
	_, err := s.db.ExecContext(ctx, `INSERT INTO brand_kits (`+brandKitCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k.ID, k.AccountID, k.Name, k.LogoAssetID, colors, fonts, k.IntroTitle, k.OutroTitle, k.CreatedAt.UnixNano(), k.UpdatedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("create brand kit: %w", err)
	}
	return nil
}

// BrandKit implements videoagent.BrandKitStore.
func (s *Store) BrandKit(ctx context.Context, accountID, id string) (*videoagent.BrandKit, error) {
	return readOne(ctx, s.db, scanBrandKit, brandKitNotFound(id), "brand kit",
		`SELECT `+brandKitCols+` FROM brand_kits WHERE id = ? AND account_id = ?`, id, accountID)
}

// ListBrandKits implements videoagent.BrandKitStore.
func (s *Store) ListBrandKits(ctx context.Context, accountID string, p videoagent.Page) ([]*videoagent.BrandKit, string, error) {
	return listPage(ctx, s.db, p, `SELECT `+brandKitCols+` FROM brand_kits WHERE account_id = ?`, []any{accountID},
		scanBrandKit, func(k *videoagent.BrandKit) (time.Time, string) { return k.CreatedAt, k.ID })
}

// UpdateBrandKit implements videoagent.BrandKitStore.
func (s *Store) UpdateBrandKit(ctx context.Context, k *videoagent.BrandKit) error {
	k.UpdatedAt = s.now()
	colors, fonts := brandKitJSON(k)
	return changeOne(ctx, s.db, brandKitNotFound(k.ID), "update brand kit",
		`UPDATE brand_kits SET name = ?, logo_asset_id = ?, colors = ?, fonts = ?, intro_title = ?, outro_title = ?, updated_at = ? WHERE id = ? AND account_id = ?`,
		k.Name, k.LogoAssetID, colors, fonts, k.IntroTitle, k.OutroTitle, k.UpdatedAt.UnixNano(), k.ID, k.AccountID)
}

// DeleteBrandKit implements videoagent.BrandKitStore.
func (s *Store) DeleteBrandKit(ctx context.Context, accountID, id string) error {
	return changeOne(ctx, s.db, brandKitNotFound(id), "delete brand kit",
		`DELETE FROM brand_kits WHERE id = ? AND account_id = ?`, id, accountID)
}
