package render

import (
	"encoding/binary"
	"io"
	"math"
)

// OutputSampleRate is the audio rate of rendered videos.
const OutputSampleRate = 48000

// resampler converts mono int16 audio between rates with a windowed-sinc filter whose
// coefficients are computed once per phase.
type resampler struct {
	in, out int       // rates
	phases  int       // filter phases
	taps    int       // coefficients per phase
	stride  int       // taps rounded up to 8, the rest zeros: whole SIMD groups
	coef    []float32 // phases*stride
	half    int       // taps/2
	// inG, outG are the rates over their greatest common divisor: output sample j falls
	// past input sample j*inG/outG by (j*inG mod outG)/outG of a sample. next is the
	// output sample after the last one read, at input sample nextK plus nextRem/outG: read
	// in order, samples need no division (three 64-bit divisions a sample took more time
	// than the filter). So a resampler is not safe for concurrent use.
	inG, outG, next, nextK, nextRem int64
	simd                            simd // the filter's kernel
}

const resampleZeroCrossings = 12

func newResampler(in, out int) *resampler {
	g := gcd(in, out)
	phases := out / g
	if phases > 4096 {
		phases = 4096 // nearest-phase approximation for odd rates
	}
	cut := math.Min(1, float64(out)/float64(in)) * 0.94
	half := int(math.Ceil(resampleZeroCrossings / cut))
	taps := 2 * half
	stride := (taps + 7) &^ 7
	r := &resampler{simd: hostSIMD, in: in, out: out, phases: phases, taps: taps, stride: stride, half: half, coef: make([]float32, phases*stride),
		inG: int64(in / g), outG: int64(out / g), next: -1}
	for p := 0; p < phases; p++ {
		frac := float64(p) / float64(phases) // position of the output sample past input sample k0
		sum := 0.0
		row := r.coef[p*stride : p*stride+taps]
		for t := 0; t < taps; t++ {
			x := float64(t-half+1) - frac // distance in input samples
			v := cut * sinc(cut*x) * blackman(x/float64(half))
			row[t] = float32(v)
			sum += v
		}
		for t := range row { // unity gain at DC
			row[t] = float32(float64(row[t]) / sum)
		}
	}
	return r
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// blackman is a Blackman window on [-1, 1].
func blackman(x float64) float64 {
	if x <= -1 || x >= 1 {
		return 0
	}
	t := (x + 1) / 2
	return 0.42 - 0.5*math.Cos(2*math.Pi*t) + 0.08*math.Cos(4*math.Pi*t)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// filter returns the output sample that falls rem/outG of a sample past input sample k0:
// the filter's sum over the taps around it (samples outside src count as silence).
func (r *resampler) filter(src []int16, k0, rem int64) int16 {
	p := int(rem) // one phase per remainder, unless that made too many
	if int64(r.phases) != r.outG {
		p = int(rem * int64(r.phases) / r.outG)
	}
	padded := r.coef[p*r.stride : (p+1)*r.stride]
	row := padded[:r.taps]
	acc := float32(0)
	start := k0 - int64(r.half) + 1
	if start >= 0 && start+int64(r.stride) <= int64(len(src)) {
		if v, ok := dotFast(r.simd, padded, src[start:start+int64(r.stride)]); ok {
			return clip16(v)
		}
	}
	if start >= 0 && start+int64(r.taps) <= int64(len(src)) {
		// Inside the source: no bounds to test per tap.
		win := src[start : start+int64(r.taps)]
		for t, c := range row {
			acc += c * float32(win[t])
		}
		return clip16(acc)
	}
	for t, c := range row {
		k := start + int64(t)
		if k >= 0 && k < int64(len(src)) {
			acc += c * float32(src[k])
		}
	}
	return clip16(acc)
}

// samples sets out[i] to output sample j+i, a run at a time: the outputs whose windows
// lie wholly inside src go to the SIMD kernel together (resampleFast, eight at a time,
// each summed as filter sums it), the few at src's ends (and all of them without the
// kernel) through filter one by one; a call per sample cost more than the filter's sum.
// It keeps its running position (next, nextK, nextRem), so that a run which follows on
// from the last needs no division.
func (r *resampler) samples(src []int16, j int64, out []float64) {
	k0, rem := r.nextK, r.nextRem
	if j != r.next {
		num := j * r.inG
		k0, rem = num/r.outG, num%r.outG
	}
	// The kernel steps its remainder through the coefficient rows: one row per remainder.
	run := r.simd.fma && int64(r.phases) == r.outG
	for i := 0; i < len(out); {
		if run {
			if n := r.inside(len(src), k0, rem, len(out)-i); n >= 8 {
				start := k0 - int64(r.half) + 1
				if d := resampleFast(r.simd, r.coef, r.stride, src[start:], rem, r.inG, r.outG, out[i:i+n]); d > 0 {
					i += d
					adv := rem + int64(d)*r.inG
					k0, rem = k0+adv/r.outG, adv%r.outG
					continue
				}
			}
		}
		out[i] = float64(r.filter(src, k0, rem))
		rem += r.inG
		for rem >= r.outG {
			rem -= r.outG
			k0++
		}
		i++
	}
	r.next, r.nextK, r.nextRem = j+int64(len(out)), k0, rem
}

// inside returns how many outputs, of at most max from the one rem/outG of a sample past
// input sample k0, have their whole window (stride samples) inside a source of n
// samples: 0 when that one's does not. Windows only move on, so these outputs run on
// from it until the first whose window ends past the source.
func (r *resampler) inside(n int, k0, rem int64, max int) int {
	if k0-int64(r.half)+1 < 0 {
		return 0
	}
	// Output q on has its window inside while k0 + (rem + q*inG)/outG <= kmax.
	kmax := int64(n) - int64(r.stride) + int64(r.half) - 1
	d := (kmax+1-k0)*r.outG - rem
	if d <= 0 {
		return 0
	}
	return int(min(int64(max), (d+r.inG-1)/r.inG))
}

// clip16 rounds v to the nearest int16 (halves away from zero, as math.Round), clipping.
// Adding a signed half in float64 and truncating gives math.Round's result for every
// float32 (TestClip16), more cheaply.
func clip16(v float32) int16 {
	f := float64(v)
	if f > 32767 {
		return 32767
	}
	if f < -32768 {
		return -32768
	}
	return int16(int32(f + math.Copysign(0.5, f)))
}

// pcmWriter writes mono s16le samples at OutputSampleRate in blocks.
type pcmWriter struct {
	w   io.Writer
	buf []byte
	n   int64 // samples written
}

func (p *pcmWriter) silence(n int64) error {
	for n > 0 {
		k := min(n, int64(len(p.buf)/2))
		clear(p.buf[:2*k])
		if _, err := p.w.Write(p.buf[:2*k]); err != nil {
			return err
		}
		p.n += k
		n -= k
	}
	return nil
}

// audio writes n samples of src (at rate) resampled to OutputSampleRate, padding with
// silence when src is shorter.
func (p *pcmWriter) audio(src []int16, rate int, n int64) error {
	if rate <= 0 || len(src) == 0 {
		return p.silence(n)
	}
	var rs *resampler
	if rate != OutputSampleRate {
		rs = newResampler(rate, OutputSampleRate)
	}
	avail := int64(len(src))
	if rs != nil {
		avail = int64(len(src)) * OutputSampleRate / int64(rate)
	}
	m := min(n, avail)
	var run []float64 // a run of resampled samples
	if rs != nil {
		run = make([]float64, len(p.buf)/2)
	}
	for j := int64(0); j < m; {
		k := min(m-j, int64(len(p.buf)/2))
		if rs != nil {
			rs.samples(src, j, run[:k])
		}
		for i := int64(0); i < k; i++ {
			var s int16
			if rs != nil {
				s = int16(run[i])
			} else {
				s = src[j+i]
			}
			binary.LittleEndian.PutUint16(p.buf[2*i:], uint16(s))
		}
		if _, err := p.w.Write(p.buf[:2*k]); err != nil {
			return err
		}
		p.n += k
		j += k
	}
	return p.silence(n - m)
}
