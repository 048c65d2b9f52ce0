package videoagent_test

import (
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

func TestBrandKitApply(t *testing.T) {
	sb := &videoagent.Storyboard{Title: "T", AspectRatio: "16:9", Resolution: "720p", FPS: 25,
		Scenes: []videoagent.Scene{{ID: "s1", Layout: videoagent.LayoutSlide, Narration: "Hi."}},
		Brand:  &videoagent.Brand{LogoAssetID: "watermark", Colors: videoagent.BrandColors{Background: "#101010"}}}
	k := &videoagent.BrandKit{ID: "k1", Colors: videoagent.BrandColors{Primary: "#FF0000"}, Fonts: videoagent.BrandFonts{Heading: "Roboto"},
		IntroTitle: "Hello", OutroTitle: "Bye"}
	k.Apply(sb)
	if b := sb.Brand; b.LogoAssetID != "watermark" || b.Colors.Primary != "#FF0000" || b.Colors.Background != "#101010" || b.Fonts.Heading != "Roboto" || b.KitID != "k1" {
		t.Errorf("brand = %+v", b)
	}
	if len(sb.Scenes) != 3 || sb.Scenes[0].Visual.Title != "Hello" || sb.Scenes[2].Visual.Title != "Bye" || sb.Scenes[1].ID != "s1" {
		t.Fatalf("scenes = %+v", sb.Scenes)
	}
	if err := sb.Validate(); err != nil {
		t.Fatal(err)
	}
	// Applied again, with another kit: its cards replace the first kit's.
	k2 := &videoagent.BrandKit{ID: "k2", LogoAssetID: "logo", IntroTitle: "Welcome"}
	k2.Apply(sb)
	if len(sb.Scenes) != 2 || sb.Scenes[0].Visual.Title != "Welcome" || sb.Scenes[1].ID != "s1" || sb.Brand.LogoAssetID != "logo" || sb.Brand.Colors.Primary != "" {
		t.Fatalf("after a second kit: brand %+v scenes %+v", sb.Brand, sb.Scenes)
	}
	// A transparent WebM shows the presenter alone: no cards.
	webm := &videoagent.Storyboard{OutputFormat: videoagent.OutputWebM, Scenes: []videoagent.Scene{{ID: "s1"}}}
	k.Apply(webm)
	if len(webm.Scenes) != 1 || webm.Brand.Colors.Primary != "#FF0000" {
		t.Fatalf("webm: %+v", webm)
	}
}
