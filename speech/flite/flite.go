// Package flite is a videoagent.Synthesizer backed by CMU Flite 2.2 through cgo, with its
// four US English voices: slt (female), rms, awb and kal (male).
//
// Each synthesis runs flite_synth_text and reads exact timings from the utterance: the
// "Segment" relation gives every phone's end time; the "Token" relation gives the written
// tokens, each with the words flite said for it ("$5" -> "five dollars"), and through the
// "SylStructure" relation each word's segments. Words are reported in their written form,
// phones in IPA ("_" for pauses). Flite shares state between syntheses of a voice, so
// syntheses are serialized; the text is synthesized sentence by sentence, so cancellation
// takes effect within one sentence. Output is deterministic.
package flite

/*
#cgo LDFLAGS: -lflite_cmu_us_slt -lflite_cmu_us_rms -lflite_cmu_us_awb -lflite_cmu_us_kal16 -lflite_usenglish -lflite_cmulex -lflite -lm
#include <stdlib.h>
#include <flite/flite.h>

cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);

// Feature names: flite keeps the pointer, so they are static.
static const char *ova_f_stretch = "duration_stretch";
static const char *ova_f_f0 = "int_f0_target_mean";

static void ova_set(cst_voice *v, float stretch, float f0) {
	feat_set_float(v->features, ova_f_stretch, stretch);
	feat_set_float(v->features, ova_f_f0, f0);
}

static float ova_f0(cst_voice *v) {
	return get_param_float(v->features, ova_f_f0, 100.0);
}

static cst_voice *ova_voice(int i) {
	switch (i) {
	case 0: return register_cmu_us_slt(NULL);
	case 1: return register_cmu_us_rms(NULL);
	case 2: return register_cmu_us_awb(NULL);
	case 3: return register_cmu_us_kal16(NULL);
	}
	return NULL;
}
*/
import "C"

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"
	"unicode"
	"unsafe"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech"
)

// EngineName is the value of videoagent.Voice.Engine for flite voices.
const EngineName = "flite"

// voiceDefs are the voices, in the order ova_voice knows them.
var voiceDefs = []videoagent.Voice{
	{ID: "flite-slt", Name: "Flite slt, US English, female", Language: "English", Locale: "en-US", Gender: "female", Engine: EngineName, EngineVoice: "slt"},
	{ID: "flite-rms", Name: "Flite rms, US English, male", Language: "English", Locale: "en-US", Gender: "male", Engine: EngineName, EngineVoice: "rms"},
	{ID: "flite-awb", Name: "Flite awb, Scottish English, male", Language: "English", Locale: "en-GB-x-scotland", Gender: "male", Engine: EngineName, EngineVoice: "awb"},
	{ID: "flite-kal", Name: "Flite kal, US English, male", Language: "English", Locale: "en-US", Gender: "male", Engine: EngineName, EngineVoice: "kal"},
}

// SentencePause is the least pause between two sentences.
const SentencePause = 300 * time.Millisecond

// Voices returns flite's voices. Their ids are stable.
func Voices() []videoagent.Voice { return append([]videoagent.Voice(nil), voiceDefs...) }

var (
	mu       sync.Mutex // serializes every call into flite
	initOnce sync.Once
	voices   []*C.cst_voice
	f0Means  []float64
)

// Engine is the flite synthesizer. All Engines share the process's flite.
type Engine struct{}

// New initializes flite and its voices.
func New() (*Engine, error) {
	mu.Lock()
	defer mu.Unlock()
	initFlite()
	for i, v := range voices {
		if v == nil {
			return nil, errors.New("flite: voice " + voiceDefs[i].EngineVoice + " failed to load")
		}
	}
	return &Engine{}, nil
}

func initFlite() {
	initOnce.Do(func() {
		C.flite_init()
		for i := range voiceDefs {
			v := C.ova_voice(C.int(i))
			voices = append(voices, v)
			f0 := 100.0
			if v != nil {
				f0 = float64(C.ova_f0(v))
			}
			f0Means = append(f0Means, f0)
		}
	})
}

var _ videoagent.Synthesizer = (*Engine)(nil)

// Synthesize speaks text with a flite voice (EngineVoice slt, rms, awb or kal, or a
// catalogue id). Speed scales durations, Pitch the voice's mean pitch by Pitch percent,
// Volume the samples.
func (e *Engine) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	idx := -1
	for i, d := range voiceDefs {
		if (voice.EngineVoice != "" && voice.EngineVoice == d.EngineVoice) || (voice.EngineVoice == "" && voice.ID == d.ID) {
			idx = i
		}
	}
	if idx < 0 || (voice.Engine != "" && voice.Engine != EngineName) {
		return nil, voice.NotFound()
	}
	opt, err := opt.Resolved()
	if err != nil {
		return nil, err
	}
	speed, volume := opt.Speed, opt.Volume
	text = strings.ToValidUTF8(strings.ReplaceAll(text, "\x00", " "), " ")
	if strings.TrimSpace(text) == "" {
		return nil, videoagent.Invalid("text", "The text to speak is empty.")
	}
	out := &videoagent.Narration{}
	for _, chunk := range Sentences(text) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := synth(chunk, idx, speed, opt.Pitch)
		if err != nil {
			return nil, err
		}
		if out.SampleRate == 0 {
			out.SampleRate = n.SampleRate
		}
		// Between sentences, a pause of at least SentencePause.
		if k := len(out.Words); k > 0 && len(n.Words) > 0 {
			gap := out.Duration() - out.Words[k-1].End + n.Words[0].Start
			if pad := SentencePause - gap; pad > 0 {
				out.Samples = append(out.Samples, make([]int16, int(int64(pad)*int64(out.SampleRate)/int64(time.Second)))...)
			}
		}
		if err := speech.AppendNarration(out, n); err != nil {
			return nil, err
		}
	}
	out.Phonemes = joinPauses(out.Phonemes)
	if volume != 1 {
		for i, s := range out.Samples {
			out.Samples[i] = int16(float64(s) * volume)
		}
	}
	return out, nil
}

// joinPauses merges each run of pauses ("_") into one, such as the pause that ends a
// sentence and the one that begins the next.
func joinPauses(ps []videoagent.PhonemeTiming) []videoagent.PhonemeTiming {
	out := ps[:0]
	for _, p := range ps {
		if k := len(out); k > 0 && p.Phoneme == "_" && out[k-1].Phoneme == "_" {
			out[k-1].End = p.End
			continue
		}
		out = append(out, p)
	}
	return out
}

// Sentences splits text after sentence ends (". ", "! ", "? ") and line breaks.
func Sentences(text string) []string {
	return videoagent.SplitAfter(text, func(rs []rune, i int) bool {
		return rs[i] == '\n' || (strings.ContainsRune(".!?", rs[i]) && i+1 < len(rs) && unicode.IsSpace(rs[i+1]))
	})
}

// synth runs flite on one piece of text.
func synth(text string, idx int, speed float64, pitch int) (*videoagent.Narration, error) {
	ctext := C.CString(text)
	defer C.free(unsafe.Pointer(ctext))
	mu.Lock()
	defer mu.Unlock()
	initFlite()
	v := voices[idx]
	if v == nil {
		return nil, errors.New("flite: voice not loaded")
	}
	C.ova_set(v, C.float(1/speed), C.float(f0Means[idx]*(1+float64(pitch)/100)))
	// Clustergen voices excite with rand() noise: the same seed gives the same audio.
	C.srand(1)
	u := C.flite_synth_text(ctext, v)
	C.ova_set(v, 1, C.float(f0Means[idx]))
	if u == nil {
		return nil, errors.New("flite: synthesis failed")
	}
	defer C.delete_utterance(u)
	w := C.utt_wave(u)
	if w == nil || w.num_samples <= 0 {
		return nil, errors.New("flite: no audio")
	}
	n := &videoagent.Narration{SampleRate: int(w.sample_rate)}
	n.Samples = append([]int16(nil), unsafe.Slice((*int16)(unsafe.Pointer(w.samples)), int(w.num_samples))...)
	total := n.Duration()
	at := func(sec float64) time.Duration {
		return min(total, max(0, time.Duration(sec*float64(time.Second))))
	}

	// Phones, in order, with their start (the previous phone's end).
	type seg struct {
		start, end time.Duration
		ipa        string
	}
	segAt := map[*C.cst_item]seg{}
	var phones []seg
	prev := time.Duration(0)
	for s := C.relation_head(relation(u, "Segment")); s != nil; s = C.item_next(s) {
		end := at(featFloat(s, "end"))
		name := featString(s, "name")
		stressed := featString(s, "R:SylStructure.parent.stress") == "1"
		sg := seg{start: prev, end: max(prev, end), ipa: speech.ArpabetIPA(name, stressed)}
		segAt[s] = sg
		phones = append(phones, sg)
		prev = sg.end
	}
	for _, p := range phones {
		if p.end <= p.start {
			continue
		}
		if k := len(n.Phonemes); k > 0 && p.ipa == "_" && n.Phonemes[k-1].Phoneme == "_" {
			n.Phonemes[k-1].End = p.end
			continue
		}
		n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: p.ipa, Start: p.start, End: p.end})
	}
	if prev < total {
		if k := len(n.Phonemes); k > 0 && n.Phonemes[k-1].Phoneme == "_" {
			n.Phonemes[k-1].End = total
		} else {
			n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: "_", Start: prev, End: total})
		}
	}

	// Written tokens, each over the segments of its words.
	lastEnd := time.Duration(0)
	for tok := C.relation_head(relation(u, "Token")); tok != nil; tok = C.item_next(tok) {
		written := strings.TrimFunc(featString(tok, "name"), func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
		if written == "" {
			continue
		}
		start, end := time.Duration(-1), time.Duration(-1)
		for wd := C.item_daughter(tok); wd != nil; wd = C.item_next(wd) {
			ss := C.item_as(wd, cSylStructure)
			if ss == nil {
				continue
			}
			for syl := C.item_daughter(ss); syl != nil; syl = C.item_next(syl) {
				for s := C.item_daughter(syl); s != nil; s = C.item_next(s) {
					sg, ok := segAt[C.item_as(s, cSegment)]
					if !ok {
						continue
					}
					if start < 0 {
						start = sg.start
					}
					end = sg.end
				}
			}
		}
		if start < 0 {
			continue // a token flite did not say (punctuation)
		}
		start = max(start, lastEnd)
		end = max(end, start)
		n.Words = append(n.Words, videoagent.WordTiming{Word: written, Start: start, End: end})
		lastEnd = end
	}
	return n, nil
}

var (
	cSylStructure = C.CString("SylStructure")
	cSegment      = C.CString("Segment")
)

func relation(u *C.cst_utterance, name string) *C.cst_relation {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	return C.utt_relation(u, cn)
}

func featFloat(i *C.cst_item, name string) float64 {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	return float64(C.item_feat_float(i, cn))
}

// featString reads a feature, or a path feature such as "R:SylStructure.parent.stress".
func featString(i *C.cst_item, name string) string {
	cn := C.CString(name)
	defer C.free(unsafe.Pointer(cn))
	if strings.Contains(name, ".") {
		return C.GoString(C.ffeature_string(i, cn))
	}
	if C.item_feat_present(i, cn) == 0 {
		return ""
	}
	return C.GoString(C.item_feat_string(i, cn))
}
