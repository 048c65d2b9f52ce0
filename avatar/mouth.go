package avatar

// Viseme is a mouth shape from the classic animation set.
type Viseme int

// The visemes, from closed to open.
const (
	VisemeRest Viseme = iota // relaxed, closed, a slight smile
	VisemeMBP                // lips pressed (m, b, p)
	VisemeFV                 // lower lip under the upper teeth (f, v)
	VisemeTH                 // tongue tip between the teeth (θ, ð)
	VisemeL                  // tongue up behind the teeth (l, t, d, n)
	VisemeAI                 // wide open (a, aɪ)
	VisemeE                  // wide, teeth showing (i, e, s)
	VisemeO                  // round (o, ɔ)
	VisemeU                  // small round (u, w)
	numVisemes
)

var visemeNames = [...]string{"rest", "MBP", "FV", "TH", "L", "AI", "E", "O", "U"}

// String names the viseme.
func (v Viseme) String() string {
	if v < 0 || v >= numVisemes {
		return "?"
	}
	return visemeNames[v]
}

// numLevels is the number of sizes of the open visemes (AI, E, O, U): small, medium, full.
const numLevels = 3

// numShapes is the number of mouth sprites: every viseme at every level (visemes without
// levels share one sprite).
const numShapes = int(numVisemes) * numLevels

// openness is how open a mouth shape is (0 closed, 1 wide open), roughly its opening area,
// per viseme and level.
var openness = [numVisemes][numLevels]float64{
	VisemeRest: {0, 0, 0},
	VisemeMBP:  {0, 0, 0},
	VisemeFV:   {0.12, 0.12, 0.12},
	VisemeTH:   {0.3, 0.3, 0.3},
	VisemeL:    {0.4, 0.4, 0.4},
	VisemeAI:   {0.42, 0.72, 1},
	VisemeE:    {0.32, 0.46, 0.6},
	VisemeO:    {0.5, 0.66, 0.82},
	VisemeU:    {0.2, 0.32, 0.42},
}

// hasLevels tells which visemes come in several sizes.
func (v Viseme) hasLevels() bool {
	return v == VisemeAI || v == VisemeE || v == VisemeO || v == VisemeU
}

// lerp interpolates between a (level 0) and b (top level).
func lerp(a, b float64, level int) float64 { return a + (b-a)*float64(level)/(numLevels-1) }

// mouthShape describes an opening: top edge at top (corners at cy), bottom at bot, half
// width hw, and whether it is rounded (an ellipse) rather than a D shape.
func dShape(hw, cornerY, top, bot float64) *path {
	return newPath().M(-hw, cornerY).
		C(-hw*0.6, top, hw*0.6, top, hw, cornerY).
		C(hw*0.9, bot+(bot-cornerY)*0.25, -hw*0.9, bot+(bot-cornerY)*0.25, -hw, cornerY).Z()
}

// mouth draws a viseme at a level (0 small, 1 full).
func (p *person) mouth(v Viseme, level int) *drawing {
	d := &drawing{}
	st := p.tone()
	lip := st.lipFill()
	line := st.line
	y := mouthY
	// open shapes share this: lips rim, interior, teeth, tongue
	open := func(shape *path, teethTop, teethBot, tongueY, tongueR float64) {
		b := shape.bounds()
		cx, cy := (b.x0+b.x1)/2, (b.y0+b.y1)/2
		sx := 1 + 2.2/((b.x1-b.x0)/2)
		sy := 1 + 2.6/((b.y1-b.y0)/2)
		d.fill(shape.scaleAt(cx, cy, sx, sy).move(0, 0.8), lip)
		d.fill(shape, colMouth)
		if tongueR > 0 {
			d.fill(ellipse(0, tongueY, tongueR*1.6, tongueR), colTongue, shape)
		}
		if teethTop > 0 {
			d.fill(newPath().M(-40, b.y0-5).L(40, b.y0-5).L(40, b.y0+teethTop).L(-40, b.y0+teethTop).Z(), colTeeth, shape)
		}
		if teethBot > 0 {
			d.fill(newPath().M(-40, b.y1-teethBot).L(40, b.y1-teethBot).L(40, b.y1+5).L(-40, b.y1+5).Z(), colTeeth, shape)
		}
	}
	switch v {
	case VisemeRest:
		c := quadCurve(pt{-12, y - 1}, pt{0, y + 4}, pt{12, y - 1})
		d.fill(stroke(c, taper(1.2, 1.2, 1.5)), line)
		d.fill(stroke(quadCurve(pt{-6, y + 6}, pt{0, y + 8}, pt{6, y + 6}), taper(0.4, 0.4, 1.6)), alpha(st.shadow, 0.8))
	case VisemeMBP:
		d.fill(roundRect(-11, y-2.8, 11, y+3.6, 3.2, false), lip)
		d.fill(stroke([]pt{{-11.5, y + 0.4}, {0, y + 1.1}, {11.5, y + 0.4}}, taper(1.2, 1.2, 1.4)), line)
		d.fill(stroke(quadCurve(pt{-6, y + 7}, pt{0, y + 8.5}, pt{6, y + 7}), taper(0.4, 0.4, 1.4)), alpha(st.shadow, 0.8))
	case VisemeFV:
		s := dShape(11, y-1, y-2.8, y+3)
		open(s, 3.6, 0, 0, 0)
		// lower lip pushed up under the teeth
		d.fill(newPath().M(-10.5, y+1.6).C(-6, y-0.2, 6, y-0.2, 10.5, y+1.6).C(7, y+6.4, -7, y+6.4, -10.5, y+1.6).Z(), lip)
	case VisemeTH:
		s := dShape(11.5, y-0.5, y-3.4, y+5.2)
		open(s, 3.2, 0, y+3.6, 3.6)
		d.fill(ellipse(0, y+0.6, 5.2, 2.6), mix(colTongue, colWhite, 0.12), s)
	case VisemeL:
		s := dShape(12, y-0.5, y-4.2, y+7)
		open(s, 3.2, 0, y+7, 5)
		d.fill(ellipse(0, y-0.2, 4.4, 3.2), mix(colTongue, colWhite, 0.1), s)
	case VisemeAI:
		l := func(a, b float64) float64 { return lerp(a, b, level) }
		s := dShape(l(11.5, 14), y-l(0.8, 1.5), y-l(4, 6), y+l(6.5, 14))
		open(s, l(3.6, 4.6), 0, y+l(6.8, 13.5), l(4.6, 7))
	case VisemeE:
		l := func(a, b float64) float64 { return lerp(a, b, level) }
		s := dShape(l(14, 16), y-l(1.5, 2.2), y-l(3.8, 5.4), y+l(3.4, 6.6))
		open(s, l(3.2, 3.8), l(1.5, 2.4), 0, 0)
	case VisemeO:
		l := func(a, b float64) float64 { return lerp(a, b, level) }
		s := ellipse(0, y+l(2, 3), l(7, 8.6), l(6.4, 9))
		open(s, l(2.3, 2.8), 0, y+l(7.8, 11), l(4, 5))
	case VisemeU:
		if level > 0 {
			// "oo": a small, taller round opening
			l := func(a, b float64) float64 { return a + (b-a)*float64(level-1) } // levels 1 and 2
			d.fill(ellipse(0, y+2, l(7, 7.6), l(7, 8)), lip)
			s := ellipse(0, y+2, l(4, 4.8), l(4.6, 5.6))
			d.fill(s, colMouth)
			d.fill(ellipse(0, y+7, 5, 3), colTongue, s)
			d.fill(ellipse(-2.6, y-3.6, 2, 1), alpha(colWhite, 0.25))
			break
		}
		d.fill(ellipse(0, y+1.6, 7.2, 6.4), lip)
		d.fill(ellipse(0, y+1.4, 3.8, 3.4), colMouth)
		d.fill(stroke(quadCurve(pt{-3, y + 4}, pt{0, y + 5}, pt{3, y + 4}), constW(0.01)), colMouth)
		d.fill(ellipse(-2.2, y-2.4, 2, 1), alpha(colWhite, 0.25))
	}
	return d.scale(0, mouthY, 1.2)
}
