package http

import (
	"encoding/base64"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech"
)

// voiceRoutes registers the voice endpoints: GET /v3/voices, GET /v3/voices/{voice_id},
// POST /v3/voices/speech.
func (s *Server) voiceRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v3/voices", s.listVoices)
	mux.HandleFunc("GET /v3/voices/{voice_id}", s.getVoice)
	mux.HandleFunc("POST /v3/voices/speech", s.createSpeech)
}

// Limits of the voice endpoints.
const (
	voicesDefaultLimit = 20
	voicesMaxLimit     = 100
	maxSpeechChars     = 5000
)

// voiceItem is a voice on the wire: HeyGen's fields, plus locale and engine.
type voiceItem struct {
	VoiceID         string  `json:"voice_id"`
	Name            string  `json:"name"`
	Language        string  `json:"language"`
	Locale          string  `json:"locale"`
	Gender          string  `json:"gender"`
	Engine          string  `json:"engine"`
	PreviewAudioURL *string `json:"preview_audio_url"`
	SupportLocale   bool    `json:"support_locale"`
	SupportPause    bool    `json:"support_pause"`
	Type            string  `json:"type"`
	Status          string  `json:"status,omitempty"`
	// CreatedAt is when the voice joined the catalogue: the built-in voices ship with the
	// server, so it is the catalogue's date (as for avatars).
	CreatedAt int64 `json:"created_at"`
}

func (s *Server) voiceItem(v videoagent.Voice, previewKey string) voiceItem {
	return voiceItem{
		VoiceID: v.ID, Name: v.Name, Language: v.Language, Locale: v.Locale, Gender: v.Gender,
		Engine: v.Engine, PreviewAudioURL: s.fileURL(previewKey), CreatedAt: avatarsCreatedAt,
		// Neural voices of OpenAI-compatible servers speak many languages.
		SupportLocale: v.Engine == "openai",
		SupportPause:  true, // <break> in SSML, and pauses at punctuation
		Type:          "public",
	}
}

func (s *Server) listVoices(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := pageParams(r, voicesDefaultLimit, voicesMaxLimit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f := speech.Filter{Language: strings.TrimSpace(q.Get("language")), Engine: strings.TrimSpace(q.Get("engine"))}
	switch g := strings.ToLower(strings.TrimSpace(q.Get("gender"))); g {
	case "", "female", "male":
		f.Gender = g
	default:
		s.writeError(w, r, videoagent.Invalid("gender", "gender must be female or male."))
		return
	}
	typ := strings.ToLower(strings.TrimSpace(q.Get("type")))
	switch typ {
	case "", "public", "private":
	default:
		s.writeError(w, r, videoagent.Invalid("type", "type must be public or private."))
		return
	}
	if len(f.Language) > 64 || len(f.Engine) > 64 {
		s.writeError(w, r, videoagent.Invalid("language", "language and engine must be at most 64 characters."))
		return
	}
	offset := 0
	if p.Token != "" {
		if offset, err = decodeOffset(p.Token); err != nil {
			s.writeError(w, r, videoagent.Invalid("token", "token is not a valid page token"))
			return
		}
	}
	var matched []videoagent.Voice
	if typ != "private" { // every voice here is public; there are no cloned voices yet
		for _, v := range s.Voices.Voices() {
			if f.Matches(v) {
				matched = append(matched, v)
			}
		}
	}
	page := matched[min(offset, len(matched)):min(offset+p.Limit, len(matched))]
	keys := s.Previews.VoiceSamples(r.Context(), page)
	items := make([]voiceItem, len(page))
	for i, v := range page {
		items[i] = s.voiceItem(v, keys[i])
	}
	next := ""
	if offset+p.Limit < len(matched) {
		next = encodeOffset(offset + p.Limit)
	}
	writeJSON(w, http.StatusOK, list(items, next))
}

// Page tokens of the voice list are opaque to clients: an offset, encoded.
func encodeOffset(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("voices:" + strconv.Itoa(n)))
}

func decodeOffset(tok string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), "voices:"))
	if err != nil || !strings.HasPrefix(string(b), "voices:") || n < 0 || n > 1<<30 {
		return 0, errors.New("bad token")
	}
	return n, nil
}

func (s *Server) getVoice(w http.ResponseWriter, r *http.Request) {
	v, err := s.Voices.Voice(r.PathValue("voice_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	item := s.voiceItem(v, s.Previews.VoiceSamples(r.Context(), []videoagent.Voice{v})[0])
	item.Status = "complete"
	writeJSON(w, http.StatusOK, data(item))
}

// speechRequest is the body of POST /v3/voices/speech. Pointers tell absent from empty.
type speechRequest struct {
	Text      *string  `json:"text"`
	VoiceID   *string  `json:"voice_id"`
	InputType *string  `json:"input_type"`
	Speed     *float64 `json:"speed"`
	Language  *string  `json:"language"`
	Locale    *string  `json:"locale"`
}

type wordTimestamp struct {
	Word  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

func (s *Server) createSpeech(w http.ResponseWriter, r *http.Request) {
	var req speechRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	text := videoagent.Deref(req.Text)
	switch {
	case req.Text == nil:
		s.writeError(w, r, videoagent.Invalid("text", "text is required."))
		return
	case strings.TrimSpace(text) == "":
		s.writeError(w, r, videoagent.Invalid("text", "text must not be empty."))
		return
	case utf8.RuneCountInString(text) > maxSpeechChars:
		s.writeError(w, r, videoagent.Invalid("text", "text must be at most %d characters.", maxSpeechChars))
		return
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		s.writeError(w, r, videoagent.Invalid("text", "text must be valid UTF-8 without NUL characters."))
		return
	}
	if req.VoiceID == nil || strings.TrimSpace(*req.VoiceID) == "" {
		s.writeError(w, r, videoagent.Invalid("voice_id", "voice_id is required."))
		return
	}
	speed := 1.0
	if req.Speed != nil {
		speed = *req.Speed
		if math.IsNaN(speed) || speed < 0.5 || speed > 2 {
			s.writeError(w, r, videoagent.Invalid("speed", "speed must be between 0.5 and 2.0."))
			return
		}
	}
	inputType := strings.ToLower(strings.TrimSpace(videoagent.Deref(req.InputType)))
	switch inputType {
	case "", "text", "ssml":
	default:
		s.writeError(w, r, videoagent.Invalid("input_type", "input_type must be text or ssml."))
		return
	}
	for param, v := range map[string]*string{"language": req.Language, "locale": req.Locale} {
		if v != nil && len(*v) > 64 {
			s.writeError(w, r, videoagent.Invalid(param, "%s must be at most 64 characters.", param))
			return
		}
	}
	voice, err := s.Voices.Voice(*req.VoiceID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	opt := videoagent.SpeechOptions{Speed: speed}
	lang := voice.Locale
	if lang == "" {
		lang = voice.Language
	}
	var parts []speech.Part
	if inputType == "ssml" {
		var perr error
		if parts, perr = speech.ParseSSML(text); perr != nil {
			s.writeError(w, r, perr)
			return
		}
		err = checkSpeechEstimate(speech.EstimatePartsWords(parts, lang), speech.BreakTotal(parts), speed)
	} else {
		err = checkSpeechEstimate(float64(speech.EstimateWords(text, lang)), 0, speed)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// Speech counts against the account's active work, like a video.
	release, active, ok, err := s.reserveWork(r.Context(), account(r).ID, s.activeLimit(), true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !ok {
		s.writeError(w, r, errTooMuchWork(active))
		return
	}
	defer release()
	sp, err := speech.NewSpool(s.SpoolDir, MaxSpeechAudio)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer sp.Close()
	if inputType == "ssml" {
		err = speech.SpeakPartsTo(r.Context(), sp, s.Synth, parts, voice, opt)
	} else {
		err = speech.SpeakTo(r.Context(), sp, s.Synth, text, voice, opt)
	}
	if err != nil {
		if r.Context().Err() != nil {
			return // the client went away
		}
		err = speechTooLong(err)
		switch videoagent.ErrorCode(err) {
		case videoagent.EINVALID, videoagent.EVOICENOTFOUND:
			s.writeError(w, r, err)
		default:
			s.writeError(w, r, videoagent.Errorf(videoagent.EINTERNAL, "Speech synthesis failed: %v", err))
		}
		return
	}
	requestID := videoagent.NewID()
	key := "speech/" + account(r).ID + "/" + requestID + ".wav"
	wav, _, err := sp.WAV()
	if err == nil {
		err = s.Blobs.Put(r.Context(), key, wav)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	n := &videoagent.Narration{Words: sp.Words()}
	dur := sp.Duration()
	words := make([]wordTimestamp, len(n.Words))
	for i, wt := range n.Words {
		words[i] = wordTimestamp{Word: wt.Word, Start: seconds(wt.Start), End: seconds(wt.End)}
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"audio_url":       s.fileURL(key),
		"duration":        seconds(dur),
		"request_id":      requestID,
		"word_timestamps": words,
	}))
}

// seconds rounds a duration to milliseconds, in seconds.
func seconds(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }
