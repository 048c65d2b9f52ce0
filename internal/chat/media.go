package chat

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

var reMedia = rxs(
	`(?:\b(?:change|update|set|make)\s+)?{S}\s+(?:to|should|must|needs\s+to)\s+(?:use|show|display|have)\s+(?:this|the\s+attached|the\s+uploaded|my|attached)\s+(image|picture|photo|video|clip|screenshot|one|file)`,
	`\b(?:use|put|place|insert|show|add|display|set|pon|usa|muestra|verwende|nimm|zeige|utilise|mets|montre)\s+(?:this|the\s+attached|the\s+uploaded|the\s+new|my|that|attached|uploaded|esta|este|la|el|dieses|das|cette|ce|l')\s*(?:attached\s+|uploaded\s+|new\s+)?(image|picture|photo|pic|screenshot|graphic|video|clip|footage|file|one|imagen|foto|vídeo|bild|vidéo)(?:\s+(?:i\s+(?:attached|sent|uploaded)|adjunt[ao]|angehängte))?(?:\s+(?:in|on|for|into|as\s+the\s+(?:image|picture|visual)\s+(?:in|of|for)|en|para|auf|dans|sur)\s+(?:the\s+)?(?:background\s+of\s+)?{S})?`,
	`\breplace\s+(?:the\s+)?(image|picture|photo|video|clip|visual|screenshot)\s+(?:in|on|of)\s+{S}\s+with\s+(?:this|the\s+attached|the\s+uploaded|mine|my\s+\w+|the\s+new|the\s+one\s+i\s+(?:attached|sent|uploaded))(?:\s+(?:one|image|picture|photo|file|video))?`,
	`\breplace\s+(?:the\s+)?(image|picture|photo|video|clip|visual|screenshot)\s+with\s+(?:this|the\s+attached|the\s+uploaded|mine|my\s+\w+|the\s+new|the\s+one\s+i\s+(?:attached|sent|uploaded))(?:\s+(?:one|image|picture|photo|file|video))?(?:\s+(?:in|on)\s+{S})?`,
	`\b(?:in|on|for)\s+{S}\s*,?\s+(?:use|show|put)\s+(?:this|the\s+attached|the\s+uploaded|my|attached)\s+(image|picture|photo|video|clip|screenshot)`,
	`\b(?:change|update|swap)\s+(?:the\s+)?(image|picture|photo|visual)\s+(?:in|on|of)\s+{S}\s+(?:to|for)\s+(?:this|the\s+attached|the\s+uploaded)(?:\s+(?:one|image|picture|photo|file))?`,
)

var reAsLogo = regexp.MustCompile(`^\s*(?:as|for)\s+(?:the\s+|our\s+|my\s+|a\s+)?(?:logo|background\s+music|music|soundtrack)`)

func mediaKind(noun string) string {
	switch strings.ToLower(noun) {
	case "video", "clip", "footage", "vídeo", "vidéo":
		return videoagent.MaterialVideo
	case "file", "one", "visual":
		return ""
	}
	return videoagent.MaterialImage
}

// attachment returns the first attachment of kind ("" means an image or a video).
func (in *interp) attachment(kind string) (Attachment, bool) {
	for _, a := range in.ctx.Attachments {
		if a.Kind == kind || (kind == "" && (a.Kind == videoagent.MaterialImage || a.Kind == videoagent.MaterialVideo)) {
			return a, true
		}
	}
	return Attachment{}, false
}

func (in *interp) parseMedia() {
	in.eachMatch(reMedia, func(loc []int) (int, bool) {
		w := in.m.w
		var noun, x string
		for g := 1; g < len(loc)/2; g++ {
			s := group(w, loc, g)
			if strings.HasPrefix(s, "⟦s") {
				x = s
			} else if s != "" {
				noun = s
			}
		}
		// "use this one as the logo", "use this image as background": not a scene visual.
		if rest := strings.ToLower(w[loc[1]:]); reAsLogo.MatchString(rest) {
			return 0, false
		}
		kind := mediaKind(noun)
		a, ok := in.attachment(kind)
		if !ok {
			what := "an image or a video"
			if kind != "" {
				what = "an " + kind
				if kind == videoagent.MaterialVideo {
					what = "a video"
				}
			}
			in.note("I don't see %s attached to your message — attach it and tell me which scene it goes in.", what)
			return loc[1], true
		}
		id, pos, found := "", 0, false
		if x != "" {
			if id, pos, found = in.sceneTok(x); !found {
				return loc[1], true
			}
		} else if in.sb != nil {
			var cands []int
			for i, sc := range in.sb.Scenes {
				if sc.Visual.Kind == videoagent.VisualImage || sc.Visual.Kind == videoagent.VisualVideo {
					cands = append(cands, i)
				}
			}
			if len(cands) == 1 {
				id, pos, found = in.sb.Scenes[cands[0]].ID, cands[0]+1, true
			}
		}
		if in.sb == nil {
			in.note("The storyboard isn't ready yet; I'll use your %s when I write it.", a.Kind)
			return loc[1], true
		}
		if !found {
			in.note("Which scene should show the attached %s? For example: “use this %s in scene 2”.", a.Kind, a.Kind)
			return loc[1], true
		}
		in.add(Op{Kind: OpSetMedia, SceneID: id, AssetID: a.AssetID, AssetKind: a.Kind}, fmt.Sprintf("show the attached %s in scene %d", a.Kind, pos))
		return loc[1], true
	})
}

var (
	reLogo     = rx(`\b(?:use|add|set|put|include|make)\b[^.⟦]{0,40}?\blogo\b`)
	reMusicOn  = rx(`\b(?:use|add|set|put|play|include)\b[^.⟦]{0,40}?\b(?:music|song|track|soundtrack|audio|tune)\b`)
	reMusicOff = rx(`\b(?:remove|drop|no|without|turn\s+off|get\s+rid\s+of|mute|kill|lose|stop)\s+(?:the\s+)?(?:background\s+)?(?:music|soundtrack|song)\b|\bsin\s+música\b|\bohne\s+musik\b|\bsans\s+musique\b|\b(?:quita|elimina)\s+la\s+música\b|\bmusik\s+(?:entfernen|aus)\b|\b(?:enlève|supprime)\s+la\s+musique\b`)
)

func (in *interp) parseLogoMusic() {
	if loc := reMusicOff.FindStringIndex(in.m.w); loc != nil {
		in.m.consume(loc[0], loc[1])
		if in.sb != nil && in.sb.MusicAssetID == "" {
			in.note("There's no background music to remove.")
		} else {
			in.add(Op{Kind: OpSetMusic}, "remove the background music")
		}
	}
	if loc := reLogo.FindStringIndex(in.m.w); loc != nil {
		if a, ok := in.attachment(videoagent.MaterialImage); ok {
			in.m.consume(loc[0], loc[1])
			in.add(Op{Kind: OpSetLogo, AssetID: a.AssetID}, "use the attached image as the logo")
		} else if strings.Contains(strings.ToLower(in.m.w[loc[0]:loc[1]]), "this") || len(in.ctx.Attachments) > 0 {
			in.m.consume(loc[0], loc[1])
			in.note("I don't see an image attached to your message — attach your logo as a PNG or JPEG.")
		}
	}
	if loc := reMusicOn.FindStringIndex(in.m.w); loc != nil {
		if a, ok := in.attachment(videoagent.MaterialAudio); ok {
			in.m.consume(loc[0], loc[1])
			in.add(Op{Kind: OpSetMusic, AssetID: a.AssetID}, "use the attached audio as background music")
		} else if len(in.ctx.Attachments) > 0 || strings.Contains(strings.ToLower(in.m.w[loc[0]:loc[1]]), "this") {
			in.m.consume(loc[0], loc[1])
			in.note("I don't see an audio file attached to your message — attach an mp3 or wav for the music.")
		}
	}
}
