package render

import (
	videoagent "github.com/openvideoagent/videoagent"
)

// SampleStoryboard is the short storyboard a style's preview is rendered from: a title
// card, a presenter beside bullets and a closing call to action, in the style's preferred
// aspect ratio at 720p. lookID is the presenter ("" for none).
func SampleStoryboard(s Style, lookID string) *videoagent.Storyboard {
	aspect := "16:9"
	if len(s.Aspects) > 0 {
		aspect = s.Aspects[0]
	}
	return &videoagent.Storyboard{
		Version: 1, Title: s.Name, Language: "en", AspectRatio: aspect, Resolution: "720p", FPS: 30,
		StyleID: s.ID, AvatarID: lookID, Seed: 11, Captions: true,
		Scenes: []videoagent.Scene{
			{ID: "title", Layout: videoagent.LayoutTitle, Narration: "Meet the " + s.Name + " style.",
				Visual: videoagent.Visual{Kind: videoagent.VisualTitle, Title: s.Name, Subtitle: "A style for your next video"}},
			{ID: "points", Layout: videoagent.LayoutPresenterLeft, Narration: "Clear slides, friendly motion, and captions that follow every word.",
				Visual: videoagent.Visual{Kind: videoagent.VisualBullets, Title: "What you get", Bullets: []string{"Clear slides", "Friendly motion", "Captions that follow"}}},
			{ID: "cta", Layout: videoagent.LayoutSlideBubble, Narration: "Pick it for your next video.",
				Visual: videoagent.Visual{Kind: videoagent.VisualCTA, Title: "Make it yours", Text: "Pick this style in one click.", URL: "example.com/styles"}},
		},
	}
}
