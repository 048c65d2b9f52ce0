package chat

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/openvideoagent/videoagent"
)

// The test catalogue mirrors the built-in one (avatar, espeak voices, render styles), with
// "glasses" and "beard" tags the built-in looks do not have yet.
var testLooks = []videoagent.Look{
	{ID: "ava-business", Name: "Ava (Business)", GroupID: "ava", Gender: "female", Tags: []string{"female", "light-skin", "business", "professional"}},
	{ID: "ava-casual", Name: "Ava (Casual)", GroupID: "ava", Gender: "female", Tags: []string{"female", "light-skin", "casual", "friendly"}},
	{ID: "marcus-business", Name: "Marcus (Business)", GroupID: "marcus", Gender: "male", Tags: []string{"male", "dark-skin", "business", "formal", "beard"}},
	{ID: "marcus-casual", Name: "Marcus (Casual)", GroupID: "marcus", Gender: "male", Tags: []string{"male", "dark-skin", "casual", "relaxed", "beard"}},
	{ID: "mei-business", Name: "Mei (Business)", GroupID: "mei", Gender: "female", Tags: []string{"female", "porcelain-skin", "business", "professional"}},
	{ID: "mei-creative", Name: "Mei (Creative)", GroupID: "mei", Gender: "female", Tags: []string{"female", "porcelain-skin", "creative", "modern"}},
	{ID: "robert-business", Name: "Robert (Business)", GroupID: "robert", Gender: "male", Tags: []string{"male", "porcelain-skin", "business", "formal", "senior", "glasses"}},
	{ID: "robert-casual", Name: "Robert (Casual)", GroupID: "robert", Gender: "male", Tags: []string{"male", "porcelain-skin", "casual", "senior", "glasses"}},
}

var testVoices = []videoagent.Voice{
	{ID: "espeak-en-us-f", Name: "English (America), female", Language: "English", Locale: "en-US", Gender: "female", Engine: "espeak"},
	{ID: "espeak-en-us-m", Name: "English (America), male", Language: "English", Locale: "en-US", Gender: "male", Engine: "espeak"},
	{ID: "espeak-en-gb-f", Name: "English (Great Britain), female", Language: "English", Locale: "en-GB", Gender: "female", Engine: "espeak"},
	{ID: "espeak-en-gb-m", Name: "English (Great Britain), male", Language: "English", Locale: "en-GB", Gender: "male", Engine: "espeak"},
	{ID: "espeak-en-gb-scotland-m", Name: "English (Scotland), male", Language: "English", Locale: "en-GB-scotland", Gender: "male", Engine: "espeak"},
	{ID: "espeak-es-f", Name: "Spanish (Spain), female", Language: "Spanish", Locale: "es", Gender: "female", Engine: "espeak"},
	{ID: "espeak-es-m", Name: "Spanish (Spain), male", Language: "Spanish", Locale: "es", Gender: "male", Engine: "espeak"},
	{ID: "espeak-es-419-f", Name: "Spanish (Latin America), female", Language: "Spanish", Locale: "es-419", Gender: "female", Engine: "espeak"},
	{ID: "espeak-de-f", Name: "German, female", Language: "German", Locale: "de", Gender: "female", Engine: "espeak"},
	{ID: "espeak-de-m", Name: "German, male", Language: "German", Locale: "de", Gender: "male", Engine: "espeak"},
	{ID: "espeak-fr-f", Name: "French (France), female", Language: "French", Locale: "fr-FR", Gender: "female", Engine: "espeak"},
	{ID: "openai-nova", Name: "Nova", Language: "English", Locale: "en-US", Gender: "female", Engine: "openai"},
}

var testStyles = []Style{
	{ID: "default", Name: "Studio", Tags: []string{"business", "explainer", "warm", "clean"}},
	{ID: "midnight", Name: "Midnight", Tags: []string{"tech", "dark", "product", "saas"}},
	{ID: "minimal", Name: "Minimal", Tags: []string{"minimal", "clean", "monochrome", "business"}},
	{ID: "sunrise", Name: "Sunrise", Tags: []string{"warm", "friendly", "lifestyle", "marketing"}},
	{ID: "evergreen", Name: "Evergreen", Tags: []string{"nature", "sustainability", "calm", "nonprofit"}},
	{ID: "boardroom", Name: "Boardroom", Tags: []string{"corporate", "finance", "formal", "report"}},
	{ID: "editorial", Name: "Editorial", Tags: []string{"editorial", "storytelling", "elegant", "serif"}},
	{ID: "neon", Name: "Neon Pop", Tags: []string{"social", "bold", "youthful", "vertical"}},
	{ID: "pastel", Name: "Pastel Class", Tags: []string{"education", "playful", "soft", "training"}},
	{ID: "bold", Name: "Bold Type", Tags: []string{"bold", "marketing", "energetic", "social"}},
	{ID: "ocean", Name: "Ocean", Tags: []string{"health", "calm", "fresh", "wellness"}},
	{ID: "slate", Name: "Slate Pro", Tags: []string{"tech", "dark", "developer", "product"}},
}

const testPrompt = "A 60-second product walkthrough of TaskFlow, our project management app: boards, time tracking and reports. End with a call to action to visit taskflow.io/start"

// testStoryboard is a six-scene storyboard the offline planner wrote for testPrompt,
// kept in testdata/taskflow.json so that these tests do not change with the planner.
func testStoryboard(t testing.TB) *videoagent.Storyboard {
	t.Helper()
	raw, err := os.ReadFile("testdata/taskflow.json")
	if err != nil {
		t.Fatal(err)
	}
	var sb videoagent.Storyboard
	if err := json.Unmarshal(raw, &sb); err != nil {
		t.Fatal(err)
	}
	if err := sb.Validate(); err != nil {
		t.Fatal(err)
	}
	return &sb
}

func reviewCtx(t testing.TB) Context {
	return Context{State: StateReviewing, Storyboard: testStoryboard(t), Looks: testLooks, Voices: testVoices, Styles: testStyles}
}
