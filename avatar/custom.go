package avatar

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// LookParams are every parameter of a drawn look: the person (face, hair, skin) and the
// outfit. Looks designed by users (POST /v3/avatars with type "prompt") are stored as these.
type LookParams struct {
	Gender      string `json:"gender"`       // "female" | "male"
	SkinTone    string `json:"skin_tone"`    // one of SkinTones
	HairStyle   string `json:"hair_style"`   // one of HairStyles
	HairColor   string `json:"hair_color"`   // #RRGGBB
	EyeColor    string `json:"eye_color"`    // #RRGGBB
	Beard       bool   `json:"beard"`        // a short beard
	Glasses     bool   `json:"glasses"`      // glasses
	Older       bool   `json:"older"`        // lines of age
	Earrings    string `json:"earrings"`     // #RRGGBB of earrings, "" for none
	Clothing    string `json:"clothing"`     // one of Clothing
	MainColor   string `json:"main_color"`   // #RRGGBB: jacket, sweater, hoodie, shirt
	InnerColor  string `json:"inner_color"`  // #RRGGBB: shirt or top under it
	AccentColor string `json:"accent_color"` // #RRGGBB: tie, trim, drawstrings
}

var (
	hairStyleNames = []string{"bob", "long", "short", "quiff", "curly", "receding", "bun", "fade"}
	clothingNames  = []string{"blazer_tie", "blazer_shirt", "blazer_top", "crew", "hoodie", "shirt", "turtleneck", "cardigan"}
)

// SkinTones lists the skin tones a look may have, light to dark.
func SkinTones() []string {
	out := make([]string, len(skinTones))
	for i, t := range skinTones {
		out[i] = t.name
	}
	return out
}

// HairStyles lists the hair styles a look may have.
func HairStyles() []string { return append([]string(nil), hairStyleNames...) }

// Clothing lists the clothing cuts a look may wear.
func Clothing() []string { return append([]string(nil), clothingNames...) }

func index(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// Validate checks every parameter; the error names the field.
func (p LookParams) Validate() error {
	if p.Gender != "female" && p.Gender != "male" {
		return videoagent.Invalid("gender", "gender must be female or male.")
	}
	if index(SkinTones(), p.SkinTone) < 0 {
		return videoagent.Invalid("skin_tone", "skin_tone must be one of %s.", strings.Join(SkinTones(), ", "))
	}
	if index(hairStyleNames, p.HairStyle) < 0 {
		return videoagent.Invalid("hair_style", "hair_style must be one of %s.", strings.Join(hairStyleNames, ", "))
	}
	if index(clothingNames, p.Clothing) < 0 {
		return videoagent.Invalid("clothing", "clothing must be one of %s.", strings.Join(clothingNames, ", "))
	}
	for _, c := range []struct{ name, v string }{{"hair_color", p.HairColor}, {"eye_color", p.EyeColor}, {"main_color", p.MainColor},
		{"inner_color", p.InnerColor}, {"accent_color", p.AccentColor}, {"earrings", p.Earrings}} {
		if c.v == "" && c.name == "earrings" {
			continue
		}
		if _, ok := videoagent.ParseHexColor(c.v); !ok {
			return videoagent.Invalid(c.name, "%s must be a #RRGGBB colour (got %q).", c.name, c.v)
		}
	}
	return nil
}

func nrgba(hexColor string) color.NRGBA {
	c, _ := videoagent.ParseHexColor(hexColor)
	return color.NRGBA{c[0], c[1], c[2], 255}
}

// def turns valid params into a drawable look.
func (p LookParams) def(l videoagent.Look) *lookDef {
	pe := &person{id: l.GroupID, name: l.Name, female: p.Gender == "female", skin: index(SkinTones(), p.SkinTone),
		hair: hairStyle(index(hairStyleNames, p.HairStyle)), hairCol: nrgba(p.HairColor), eyeCol: nrgba(p.EyeColor),
		beard: p.Beard, glasses: p.Glasses, older: p.Older}
	if p.Earrings != "" {
		pe.earrings = nrgba(p.Earrings)
	}
	o := &outfit{suffix: "custom", label: "Custom", kind: garment(index(clothingNames, p.Clothing)),
		main: nrgba(p.MainColor), inner: nrgba(p.InnerColor), accent: nrgba(p.AccentColor), tags: l.Tags}
	return &lookDef{look: l, p: pe, o: o}
}

// LookSource finds a look designed by a user by id (ok false when there is none). The
// cast asks it for ids not in its catalogue.
type LookSource func(ctx context.Context, id string) (look videoagent.Look, p LookParams, ok bool, err error)

// SetSource sets where the cast finds looks designed by users.
func (c *Cast) SetSource(src LookSource) {
	c.mu.Lock()
	c.source = src
	c.mu.Unlock()
}

// Forget drops the sprites of a user's look (after it changed or was deleted), so that the
// next track draws it from its source again.
func (c *Cast) Forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, el := range c.sets {
		if k.look == id {
			c.lru.Remove(el)
			delete(c.sets, k)
		}
	}
}

// FindLook returns a look of the catalogue or, through the source, one designed by a
// user; an unknown id is an *videoagent.Error with EAVATARNOTFOUND.
func (c *Cast) FindLook(ctx context.Context, id string) (videoagent.Look, error) {
	d, err := c.findDef(ctx, id)
	if err != nil {
		return videoagent.Look{}, err
	}
	return d.look, nil
}

// findDef returns the catalogue's look id, or a user's from the source.
func (c *Cast) findDef(ctx context.Context, id string) (*lookDef, error) {
	if i, ok := lookIndex[id]; ok {
		return &lookDefs[i], nil
	}
	c.mu.Lock()
	src := c.source
	c.mu.Unlock()
	if src == nil {
		return nil, notFound(id)
	}
	l, p, ok, err := src(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("look %s: %w", id, err)
	}
	if !ok {
		return nil, notFound(id)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("look %s: %w", id, err)
	}
	return p.def(l), nil
}
