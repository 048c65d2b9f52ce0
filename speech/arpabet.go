package speech

import "strings"

// arpabet maps the CMU phone set (lower case, as flite and Festival write it) to IPA.
var arpabet = map[string]string{
	"aa": "ɑ", "ae": "æ", "ah": "ʌ", "ao": "ɔ", "aw": "aʊ", "ax": "ə", "ay": "aɪ", "b": "b",
	"ch": "tʃ", "d": "d", "dh": "ð", "eh": "ɛ", "er": "ɝ", "ey": "eɪ", "f": "f", "g": "ɡ",
	"hh": "h", "ih": "ɪ", "iy": "i", "jh": "dʒ", "k": "k", "l": "l", "m": "m", "n": "n",
	"ng": "ŋ", "ow": "oʊ", "oy": "ɔɪ", "p": "p", "r": "ɹ", "s": "s", "sh": "ʃ", "t": "t",
	"th": "θ", "uh": "ʊ", "uw": "u", "v": "v", "w": "w", "y": "j", "z": "z", "zh": "ʒ",
	"pau": "_", "h#": "_", "brth": "_",
}

// ArpabetIPA converts a CMU phone name to IPA; unstressed "ah" is a schwa and unstressed "er"
// "ɚ". Unknown names are returned as they are.
func ArpabetIPA(phone string, stressed bool) string {
	p := strings.ToLower(phone)
	switch {
	case p == "ah" && !stressed:
		return "ə"
	case p == "er" && !stressed:
		return "ɚ"
	}
	if s, ok := arpabet[p]; ok {
		return s
	}
	if p == "" {
		return "_"
	}
	return p
}
