package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// testBrandKits checks brand kits: every field round-trips, pages come newest first,
// updates replace fields, and another account's kit is brand_kit_not_found everywhere.
func testBrandKits(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, _ := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	var ids []string
	for i := 0; i < 3; i++ {
		k := &videoagent.BrandKit{AccountID: a.ID, Name: fmt.Sprintf("kit %d", i), LogoAssetID: "logo",
			Colors:     videoagent.BrandColors{Primary: "#112233", Secondary: "#445566", Background: "#F0F0F0"},
			Fonts:      videoagent.BrandFonts{Heading: "Roboto", Body: "Noto Serif"},
			IntroTitle: "Hello", OutroTitle: "Bye"}
		if err := s.CreateBrandKit(ctx, k); err != nil {
			t.Fatal(err)
		}
		if k.ID == "" || k.CreatedAt.IsZero() || k.UpdatedAt.IsZero() {
			t.Fatalf("CreateBrandKit did not fill id and times: %+v", k)
		}
		ids = append(ids, k.ID)
		time.Sleep(time.Millisecond) // distinct creation times for the page order
	}
	got, err := s.BrandKit(ctx, a.ID, ids[1])
	if err != nil || got.Name != "kit 1" || got.LogoAssetID != "logo" || got.Colors.Secondary != "#445566" ||
		got.Fonts.Body != "Noto Serif" || got.IntroTitle != "Hello" || got.OutroTitle != "Bye" {
		t.Fatalf("BrandKit = %+v, %v", got, err)
	}
	if _, err := s.BrandKit(ctx, b.ID, ids[1]); videoagent.ErrorCode(err) != videoagent.EBRANDKITNOTFOUND {
		t.Fatalf("other account reads brand kit: %v", err)
	}
	l, next, err := s.ListBrandKits(ctx, a.ID, videoagent.Page{Limit: 2})
	if err != nil || len(l) != 2 || next == "" || l[0].ID != ids[2] {
		t.Fatalf("ListBrandKits page 1 = %d items, next %q, %v", len(l), next, err)
	}
	l, next, _ = s.ListBrandKits(ctx, a.ID, videoagent.Page{Limit: 2, Token: next})
	if len(l) != 1 || next != "" || l[0].ID != ids[0] {
		t.Fatalf("ListBrandKits page 2 = %d items, next %q", len(l), next)
	}
	if l, _, _ := s.ListBrandKits(ctx, b.ID, videoagent.Page{Limit: 10}); len(l) != 0 {
		t.Fatalf("other account lists %d brand kits", len(l))
	}
	got.Name, got.Colors.Primary, got.Fonts, got.OutroTitle = "renamed", "#AA0000", videoagent.BrandFonts{}, ""
	if err := s.UpdateBrandKit(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.BrandKit(ctx, a.ID, got.ID)
	if again.Name != "renamed" || again.Colors.Primary != "#AA0000" || again.Fonts.Heading != "" || again.OutroTitle != "" ||
		again.IntroTitle != "Hello" || !again.CreatedAt.Equal(got.CreatedAt) || again.UpdatedAt.Before(again.CreatedAt) {
		t.Fatalf("updated brand kit = %+v", again)
	}
	other := *again
	other.AccountID = b.ID
	if err := s.UpdateBrandKit(ctx, &other); videoagent.ErrorCode(err) != videoagent.EBRANDKITNOTFOUND {
		t.Fatalf("other account updates brand kit: %v", err)
	}
	if err := s.DeleteBrandKit(ctx, b.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.EBRANDKITNOTFOUND {
		t.Fatalf("other account deletes brand kit: %v", err)
	}
	if err := s.DeleteBrandKit(ctx, a.ID, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BrandKit(ctx, a.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.EBRANDKITNOTFOUND {
		t.Fatalf("deleted brand kit: %v", err)
	}
	if err := s.DeleteBrandKit(ctx, a.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.EBRANDKITNOTFOUND {
		t.Fatalf("deleting twice: %v", err)
	}
}
