package speech

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/openvideoagent/videoagent"
)

// The SSML subset that ParseSSML accepts. Anything else is an invalid_parameter error.
//
//	<speak>                        the root (optional)
//	<p>, <s>                       paragraph and sentence: a pause after each (600 and 300 ms)
//	<break time="500ms"/>          a pause: time in ms or s (at most 10 s), or
//	<break strength="medium"/>     none 0, x-weak 100, weak 200, medium 400, strong 700, x-strong 1000 ms
//	<emphasis level="strong">      spoken more slowly: strong 0.8x, moderate (default) 0.9x, reduced 1.1x
//	<say-as interpret-as="...">    characters | spell-out | digits | cardinal | number | ordinal |
//	                               telephone | date | time (see normalize.SayAs); captions keep the text
//	<prosody rate="...">           x-slow 0.6, slow 0.8, medium 1, fast 1.25, x-fast 1.5, "80%", or "1.2"
//	<sub alias="World Wide Web">   speaks the alias; captions show the element's text
//
// Each element with its own delivery is synthesized separately and the pieces are joined,
// so a pause of the engine's own may be heard around it.
const SSMLSubset = "<speak>, <p>, <s>, <break time|strength>, <emphasis level>, <say-as interpret-as>, <prosody rate>, <sub alias>"

// MaxBreak is the longest <break> accepted.
const MaxBreak = 10 * time.Second

// Part is one piece of a parsed SSML document: a pause, then text spoken with one delivery.
type Part struct {
	Break time.Duration // silence before Text
	Text  string        // the written text ("" for a pause alone)
	Rate  float64       // relative speaking rate, 1 is normal
	SayAs string        // interpret-as of an enclosing <say-as>, or ""
	Alias string        // what to say instead of Text (<sub alias>), or ""
}

// ParseSSML parses a document in the SSML subset (see SSMLSubset) into parts. Errors are
// *videoagent.Error with code EINVALID and param "text".
func ParseSSML(doc string) ([]Part, error) {
	doc = strings.TrimSpace(doc)
	if !strings.HasPrefix(doc, "<speak") {
		doc = "<speak>" + doc + "</speak>"
	}
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	type frame struct {
		name  string
		rate  float64
		sayAs string
		alias string
		text  strings.Builder
	}
	stack := []*frame{{name: "", rate: 1}}
	var parts []Part
	var pending time.Duration
	bad := func(format string, a ...any) error {
		return videoagent.Invalid("text", "Invalid SSML: "+format+" Supported: "+SSMLSubset+".", a...)
	}
	emit := func(p Part) {
		if len(parts) > 0 && p.Break == 0 && p.SayAs == "" && p.Alias == "" {
			last := &parts[len(parts)-1]
			if last.Rate == p.Rate && last.SayAs == "" && last.Alias == "" {
				last.Text += p.Text
				return
			}
		}
		parts = append(parts, p)
	}
	seenRoot := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, bad("%s (line %d).", se.Msg, se.Line)
			}
			return nil, bad("%s.", err.Error())
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if top.alias != "" || top.sayAs != "" && t.Name.Local != "break" {
				return nil, bad("<%s> cannot be inside <say-as> or <sub>.", t.Name.Local)
			}
			f := &frame{name: t.Name.Local, rate: top.rate, sayAs: top.sayAs}
			attr := func(name string) string {
				for _, a := range t.Attr {
					if a.Name.Local == name {
						return strings.TrimSpace(a.Value)
					}
				}
				return ""
			}
			switch t.Name.Local {
			case "speak":
				if seenRoot || len(stack) > 1 {
					return nil, bad("<speak> must be the root element.")
				}
				seenRoot = true
			case "p", "s":
			case "break":
				d, err := breakTime(attr("time"), attr("strength"))
				if err != nil {
					return nil, bad("%s", err.Error())
				}
				pending += d
			case "emphasis":
				switch attr("level") {
				case "strong":
					f.rate *= 0.8
				case "", "moderate":
					f.rate *= 0.9
				case "reduced":
					f.rate *= 1.1
				case "none":
				default:
					return nil, bad("emphasis level %q (use strong, moderate, reduced or none).", attr("level"))
				}
			case "prosody":
				r, err := prosodyRate(attr("rate"))
				if err != nil {
					return nil, bad("%s", err.Error())
				}
				f.rate *= r
			case "say-as":
				k := strings.ToLower(attr("interpret-as"))
				switch k {
				case "characters", "spell-out", "verbatim", "letters", "digits", "telephone", "cardinal",
					"number", "ordinal", "date", "time", "currency", "unit":
				default:
					return nil, bad("say-as interpret-as %q is not supported.", k)
				}
				f.sayAs = k
			case "sub":
				f.alias = attr("alias")
				if f.alias == "" {
					return nil, bad("<sub> needs an alias.")
				}
			default:
				return nil, bad("element <%s> is not supported.", t.Name.Local)
			}
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) <= 1 {
				return nil, bad("unexpected </%s>.", t.Name.Local)
			}
			stack = stack[:len(stack)-1]
			switch t.Name.Local {
			case "say-as", "sub":
				text := strings.TrimSpace(top.text.String())
				if text != "" {
					emit(Part{Break: pending, Text: text, Rate: top.rate, SayAs: top.sayAs, Alias: top.alias})
					pending = 0
				}
			case "p":
				pending += 600 * time.Millisecond
			case "s":
				pending += 300 * time.Millisecond
			}
		case xml.CharData:
			if top.sayAs != "" || top.alias != "" {
				top.text.Write(t)
				continue
			}
			s := string(t)
			if strings.TrimSpace(s) == "" {
				if len(parts) > 0 && pending == 0 {
					parts[len(parts)-1].Text += " "
				}
				continue
			}
			emit(Part{Break: pending, Text: s, Rate: top.rate})
			pending = 0
		}
	}
	if pending > 0 {
		parts = append(parts, Part{Break: pending, Rate: 1})
	}
	for i := range parts {
		parts[i].Text = strings.Join(strings.Fields(parts[i].Text), " ")
	}
	return parts, nil
}

func breakTime(t, strength string) (time.Duration, error) {
	if t != "" {
		var d time.Duration
		var err error
		switch {
		case strings.HasSuffix(t, "ms"):
			var f float64
			f, err = strconv.ParseFloat(strings.TrimSuffix(t, "ms"), 64)
			d = time.Duration(f * float64(time.Millisecond))
		case strings.HasSuffix(t, "s"):
			var f float64
			f, err = strconv.ParseFloat(strings.TrimSuffix(t, "s"), 64)
			d = time.Duration(f * float64(time.Second))
		default:
			err = errors.New("no unit")
		}
		if err != nil || d < 0 || d > MaxBreak {
			return 0, errors.New("break time " + strconv.Quote(t) + " must be like \"500ms\" or \"1.5s\", at most 10s.")
		}
		return d, nil
	}
	switch strength {
	case "none":
		return 0, nil
	case "x-weak":
		return 100 * time.Millisecond, nil
	case "weak":
		return 200 * time.Millisecond, nil
	case "", "medium":
		return 400 * time.Millisecond, nil
	case "strong":
		return 700 * time.Millisecond, nil
	case "x-strong":
		return time.Second, nil
	}
	return 0, errors.New("break strength " + strconv.Quote(strength) + " is not one of none, x-weak, weak, medium, strong, x-strong.")
}

func prosodyRate(s string) (float64, error) {
	switch s {
	case "", "medium", "default":
		return 1, nil
	case "x-slow":
		return 0.6, nil
	case "slow":
		return 0.8, nil
	case "fast":
		return 1.25, nil
	case "x-fast":
		return 1.5, nil
	}
	pct := strings.HasSuffix(s, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if pct {
		f /= 100
	}
	if err != nil || f < 0.25 || f > 4 {
		return 0, errors.New("prosody rate " + strconv.Quote(s) + " must be x-slow, slow, medium, fast, x-fast, a percentage such as \"80%\", or a factor from 0.25 to 4.")
	}
	return f, nil
}

// SpeakParts synthesizes parsed SSML with s (normally a Normalizing synthesizer) and joins
// the pieces: breaks become silence, each part is spoken at opt.Speed times its rate
// (clamped to 0.5-2.0), say-as and sub parts are read as told and captioned as written.
func SpeakParts(ctx context.Context, s videoagent.Synthesizer, parts []Part, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	var b narrationBuffer
	err := speakParts(ctx, &b, s, parts, voice, opt, func(text string, o videoagent.SpeechOptions) error {
		n, err := s.Synthesize(ctx, text, voice, o)
		if err != nil {
			return err
		}
		return b.Append(n)
	})
	if err != nil {
		return nil, err
	}
	return b.n, nil
}
