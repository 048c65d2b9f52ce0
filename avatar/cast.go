package avatar

import (
	"image/color"

	"github.com/openvideoagent/videoagent"
)

// skinTone is one skin colour with its own shadow tone, lip colour and closed-mouth line.
type skinTone struct {
	name                    string
	base, shadow, lip, line color.NRGBA
}

// skinTones go from very light to very dark. Each shadow has the hue of its base at a lower
// lightness (no grey overlays). Lips are rosier than the skin; on the light tones they are
// darker than it, on the darkest tones a muted rose a little lighter than the skin, so that
// on every tone they frame the dark mouth interior (colMouth) with a clear edge. The line of
// the closed mouth is a deep, warm shade of the skin, always darker than the skin and kept
// well away from the berry hue of the interior so that a closed mouth never reads as open.
var skinTones = []skinTone{
	{"porcelain", hex("f7dccb"), hex("e8bba2"), hex("d98a88"), hex("a36765")},
	{"light", hex("f2c9a9"), hex("dea585"), hex("cf7f73"), hex("9f5d58")},
	{"light-medium", hex("e2ae89"), hex("c98e69"), hex("b96f5e"), hex("95534b")},
	{"medium", hex("c98f63"), hex("ad7249"), hex("9c5a48"), hex("89463d")},
	{"tan", hex("a86c45"), hex("8c5534"), hex("7e4436"), hex("7a3933")},
	{"dark", hex("7d4b2f"), hex("653a22"), hex("9a504a"), hex("3c2216")},
	{"deep", hex("553222"), hex("432619"), hex("7c403c"), hex("2d1912")},
}

// lipFill is the colour the lips are filled with.
func (st skinTone) lipFill() color.NRGBA { return mix(st.lip, st.shadow, 0.2) }

// hairStyle names a hair shape (see hair.go).
type hairStyle int

const (
	hairBob hairStyle = iota
	hairLong
	hairShort
	hairQuiff
	hairCurly
	hairReceding
	hairBun
	hairFade
)

// garment names a clothing cut (see body.go).
type garment int

const (
	garmentBlazerTie   garment = iota // suit jacket, shirt and tie
	garmentBlazerShirt                // jacket over an open-collar shirt
	garmentBlazerTop                  // jacket over a round-neck top
	garmentCrew                       // crew-neck sweater or tee
	garmentHoodie                     // hoodie with drawstrings
	garmentShirt                      // button-up shirt with chest pockets
	garmentTurtleneck                 // turtleneck
	garmentCardigan                   // open cardigan over a tee
)

// person is one presenter (a look group): face, hair and build.
type person struct {
	id, name string
	female   bool
	skin     int
	hair     hairStyle
	hairCol  color.NRGBA
	eyeCol   color.NRGBA
	beard    bool
	glasses  bool
	older    bool
	earrings color.NRGBA // zero: none
}

// outfit is one look of a person.
type outfit struct {
	suffix, label string
	kind          garment
	main          color.NRGBA // jacket / sweater
	inner         color.NRGBA // shirt or top under it
	accent        color.NRGBA // tie, trim, drawstrings, pocket square
	tags          []string
}

type lookDef struct {
	look videoagent.Look
	p    *person
	o    *outfit
}

var people = []struct {
	p  person
	os []outfit
}{
	{person{id: "ava", name: "Ava", female: true, skin: 1, hair: hairBob, hairCol: hex("6b4030"), eyeCol: hex("5b7a3c")}, []outfit{
		{"business", "Business", garmentBlazerTop, hex("23355c"), hex("f4f1ea"), hex("2bb3a3"), []string{"business", "professional"}},
		{"casual", "Casual", garmentCrew, hex("ef7a5f"), hex("ffffff"), hex("fbd3b0"), []string{"casual", "friendly"}},
	}},
	{person{id: "marcus", name: "Marcus", skin: 5, hair: hairFade, hairCol: hex("1d1716"), eyeCol: hex("3b2518"), beard: true}, []outfit{
		{"business", "Business", garmentBlazerTie, hex("33373f"), hex("dfe9f5"), hex("c0392b"), []string{"business", "formal"}},
		{"casual", "Casual", garmentHoodie, hex("5d7052"), hex("ffffff"), hex("f1e7d0"), []string{"casual", "relaxed"}},
	}},
	{person{id: "mei", name: "Mei", female: true, skin: 0, hair: hairLong, hairCol: hex("1f1a1c"), eyeCol: hex("3a2619"), earrings: hex("e3b341")}, []outfit{
		{"business", "Business", garmentBlazerTop, hex("c8a27a"), hex("2a2a2e"), hex("e3b341"), []string{"business", "professional"}},
		{"creative", "Creative", garmentTurtleneck, hex("e0a52e"), hex("e0a52e"), hex("6a4c93"), []string{"creative", "modern"}},
	}},
	{person{id: "diego", name: "Diego", skin: 3, hair: hairQuiff, hairCol: hex("3a2419"), eyeCol: hex("4a2e1c")}, []outfit{
		{"casual", "Casual", garmentShirt, hex("4f79a8"), hex("ffffff"), hex("f2f2f2"), []string{"casual", "friendly"}},
		{"business", "Business", garmentBlazerShirt, hex("5a6270"), hex("ffffff"), hex("e8a33d"), []string{"business", "smart-casual"}},
	}},
	{person{id: "amara", name: "Amara", female: true, skin: 6, hair: hairCurly, hairCol: hex("1b1412"), eyeCol: hex("2c1a12"), earrings: hex("f2b134")}, []outfit{
		{"creative", "Creative", garmentCrew, hex("7b4fd0"), hex("ffffff"), hex("f2b134"), []string{"creative", "vibrant"}},
		{"business", "Business", garmentBlazerTop, hex("f3efe7"), hex("d9534f"), hex("d9534f"), []string{"business", "professional"}},
	}},
	{person{id: "robert", name: "Robert", skin: 0, hair: hairReceding, hairCol: hex("b9b8b5"), eyeCol: hex("4a77a8"), glasses: true, older: true}, []outfit{
		{"business", "Business", garmentBlazerTie, hex("1f2c4d"), hex("ffffff"), hex("2f6db5"), []string{"business", "formal", "senior"}},
		{"casual", "Casual", garmentCardigan, hex("476b57"), hex("efe9dc"), hex("c9b58c"), []string{"casual", "senior"}},
	}},
	{person{id: "priya", name: "Priya", female: true, skin: 4, hair: hairBun, hairCol: hex("231916"), eyeCol: hex("3a2417"), earrings: hex("d4a537")}, []outfit{
		{"business", "Business", garmentBlazerTop, hex("7a2e3b"), hex("f7efe6"), hex("d4a537"), []string{"business", "professional"}},
		{"casual", "Casual", garmentCardigan, hex("2f8f8a"), hex("fbf3e4"), hex("f4b942"), []string{"casual", "friendly"}},
	}},
}

// lookDefs are the stock looks, every outfit of every person in order; lookIndex finds
// one by ID.
var lookDefs, lookIndex = castLooks()

func castLooks() ([]lookDef, map[string]int) {
	var defs []lookDef
	index := map[string]int{}
	for pi := range people {
		pp := &people[pi]
		for oi := range pp.os {
			o := &pp.os[oi]
			g, v := "male", "flite-rms"
			if pp.p.female {
				g, v = "female", "festival-slt-hts"
			}
			tags := append([]string{g, skinTones[pp.p.skin].name + "-skin"}, o.tags...)
			l := videoagent.Look{
				ID:             pp.p.id + "-" + o.suffix,
				Name:           pp.p.name + " (" + o.label + ")",
				GroupID:        pp.p.id,
				Gender:         g,
				DefaultVoiceID: v,
				Tags:           tags,
			}
			index[l.ID] = len(defs)
			defs = append(defs, lookDef{look: l, p: &pp.p, o: o})
		}
	}
	return defs, index
}

// DefaultLookID is the look used when a request names none.
func DefaultLookID() string { return "ava-business" }
