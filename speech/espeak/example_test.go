package espeak_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

// Synthesize a sentence with the default English voice: PCM samples with every written
// word timed in them (as written: "$5", not "five dollars"), as the renderer's captions
// and lip sync use them.
func ExampleEngine_Synthesize() {
	eng, err := espeak.New()
	if err != nil {
		log.Fatal(err) // espeak-ng is not installed
	}
	voice, _ := espeak.DefaultVoice("en")
	n, err := eng.Synthesize(context.Background(), "Ship faster with Flow, from $5 a month.", voice, videoagent.SpeechOptions{})
	if err != nil {
		log.Fatal(err)
	}
	var words []string
	for _, w := range n.Words {
		words = append(words, w.Word)
	}
	d := n.Duration()
	fmt.Println(strings.Join(words, " "))
	fmt.Printf("in order: %v, speech: %v\n", ordered(n.Words, d), d > time.Second && d < 6*time.Second)
	// Output:
	// Ship faster with Flow from $5 a month
	// in order: true, speech: true
}

// ordered says whether the words follow one another inside the audio.
func ordered(ws []videoagent.WordTiming, d time.Duration) bool {
	prev := time.Duration(0)
	for _, w := range ws {
		if w.Start < prev || w.End <= w.Start || w.End > d {
			return false
		}
		prev = w.End
	}
	return true
}
