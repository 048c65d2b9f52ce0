package avatar

import (
	"reflect"
	"testing"
)

func TestDescribe(t *testing.T) {
	for _, c := range []struct {
		text     string
		want     func(p LookParams) bool
		unplaced []string
	}{
		{"a woman in her fifties with short grey hair, glasses and a green blazer, friendly",
			func(p LookParams) bool {
				return p.Gender == "female" && p.Older && p.HairStyle == "short" && p.HairColor == hairColours["grey"] && p.Glasses &&
					p.Clothing == "blazer_top" && p.MainColor == colourNames["green"]
			}, nil},
		{"A bearded man with dark skin, a black curly afro and a navy hoodie",
			func(p LookParams) bool {
				return p.Gender == "male" && p.Beard && p.SkinTone == "dark" && p.HairStyle == "curly" && p.Clothing == "hoodie" && p.MainColor == colourNames["navy"]
			}, nil},
		{"man in a grey suit and red tie, long blond hair, riding a unicorn",
			func(p LookParams) bool {
				return p.Gender == "male" && p.Clothing == "blazer_tie" && p.MainColor == colourNames["grey"] && p.HairStyle == "long" && p.HairColor == hairColours["blond"]
			}, []string{"riding", "unicorn"}},
	} {
		rd := Describe(c.text)
		if err := rd.Params.Validate(); err != nil {
			t.Errorf("%q: invalid params %+v: %v", c.text, rd.Params, err)
		}
		if !c.want(rd.Params) {
			t.Errorf("%q: params %+v (placed %v)", c.text, rd.Params, rd.Placed)
		}
		if !reflect.DeepEqual(rd.Unplaced, c.unplaced) {
			t.Errorf("%q: unplaced %q, want %q", c.text, rd.Unplaced, c.unplaced)
		}
	}
}
