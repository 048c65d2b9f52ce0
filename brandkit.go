package videoagent

import (
	"context"
	"strings"
	"time"
)

// EBRANDKITNOTFOUND is the code of a brand_kit_id that names no kit of the account.
const EBRANDKITNOTFOUND = "brand_kit_not_found"

// BrandKit is an account's brand: a logo, colours, fonts and an intro or outro title.
// A session or direct video given its id (brand_kit_id) is rendered with it.
type BrandKit struct {
	ID        string `json:"id"`
	AccountID string `json:"account_id"`
	Name      string `json:"name"`
	// LogoAssetID is a PNG or JPEG asset of the account, drawn in a corner of every scene.
	LogoAssetID string      `json:"logo_asset_id,omitempty"`
	Colors      BrandColors `json:"colors"`
	Fonts       BrandFonts  `json:"fonts"`
	// IntroTitle, when set, opens the video with a title card; OutroTitle closes it.
	IntroTitle string    `json:"intro_title,omitempty"`
	OutroTitle string    `json:"outro_title,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// BrandFonts name installed font families (e.g. "Inter", "Noto Serif"); empty keeps the
// style's.
type BrandFonts struct {
	Heading string `json:"heading,omitempty"` // titles, stat values
	Body    string `json:"body,omitempty"`    // body text, bullets, captions
}

// Brand returns the kit as a storyboard brand: logo, colours and fonts.
func (k *BrandKit) Brand() *Brand {
	return &Brand{LogoAssetID: k.LogoAssetID, Colors: k.Colors, Fonts: k.Fonts, KitID: k.ID}
}

// Apply renders sb with the kit: it replaces the storyboard's brand (the kit is the one way
// to give a logo, colours and fonts; a direct video's watermark stays when the kit has no
// logo) and opens and closes the video with the kit's intro and outro title cards. Applying
// a kit again (the same or another) replaces the cards a kit added before.
func (k *BrandKit) Apply(sb *Storyboard) {
	b := k.Brand()
	if b.LogoAssetID == "" && sb.Brand != nil {
		b.LogoAssetID = sb.Brand.LogoAssetID
	}
	if b.Colors.Background == "" && sb.Brand != nil {
		b.Colors.Background = sb.Brand.Colors.Background
	}
	sb.Brand = b
	if sb.OutputFormat == OutputWebM {
		return // a transparent WebM shows the presenter alone: no title cards
	}
	sb.Scenes = setCard(sb.Scenes, true, strings.TrimSpace(k.IntroTitle))
	sb.Scenes = setCard(sb.Scenes, false, strings.TrimSpace(k.OutroTitle))
}

// Scene IDs of a brand kit's title cards.
const (
	BrandIntroSceneID = "brand-intro"
	BrandOutroSceneID = "brand-outro"
)

// setCard puts a kit's intro (first) or outro (last) title card with title into scenes,
// replacing the one a kit put there before; an empty title removes it.
func setCard(scenes []Scene, intro bool, title string) []Scene {
	id, at := BrandOutroSceneID, len(scenes)-1
	if intro {
		id, at = BrandIntroSceneID, 0
	}
	if len(scenes) > 0 && scenes[at].ID == id {
		if intro {
			scenes = scenes[1:]
		} else {
			scenes = scenes[:at]
		}
	}
	if title == "" {
		return scenes
	}
	card := Scene{ID: id, Layout: LayoutTitle, Visual: Visual{Kind: VisualTitle, Title: title}, Transition: TransitionCrossfade}
	if intro {
		return append([]Scene{card}, scenes...)
	}
	return append(scenes, card)
}

// BrandKitStore keeps brand kits. Another account's kit is EBRANDKITNOTFOUND.
type BrandKitStore interface {
	CreateBrandKit(ctx context.Context, k *BrandKit) error
	BrandKit(ctx context.Context, accountID, id string) (*BrandKit, error)
	// ListBrandKits returns a page of the account's kits, newest first.
	ListBrandKits(ctx context.Context, accountID string, p Page) ([]*BrandKit, string, error)
	// UpdateBrandKit replaces every field of the stored kit k.ID (of k.AccountID) but
	// CreatedAt, and sets UpdatedAt.
	UpdateBrandKit(ctx context.Context, k *BrandKit) error
	DeleteBrandKit(ctx context.Context, accountID, id string) error
}
