package render

import (
	"image"
	"math"
	"math/rand"
	"testing"
)

// FuzzKernels checks every SIMD kernel against the plain Go loop it replaces, over random
// lengths, offsets into their slices (so that rows start anywhere, not only on aligned
// addresses) and contents: the crossfade's mix, blend's compositing, the I420 conversion,
// the pan-and-zoom's two passes (whole and in strips, in RGBA and in I420) and the
// resampler's filter. The
// kernels must write the very bytes of the plain loops; the filter, whose lanes add in
// another order, may differ by one step. `make test` runs it briefly; where this build or
// CPU has no kernels both sides are the plain loops and it checks nothing new.
func FuzzKernels(f *testing.F) {
	for _, seed := range []int64{1, 2, 3, 40, 977} {
		f.Add(seed, uint16(37), uint8(3))
	}
	f.Add(int64(5), uint16(0), uint8(0))
	f.Add(int64(6), uint16(1), uint8(31))
	f.Add(int64(7), uint16(2000), uint8(255))
	f.Fuzz(func(t *testing.T, seed int64, n uint16, off uint8) {
		rnd := rand.New(rand.NewSource(seed))
		bytes := func(k int) []byte {
			b := make([]byte, k+int(off)%64)
			rnd.Read(b)
			return b[int(off)%64:]
		}
		size := int(n) % 4096

		// The crossfade's mix, at a random weight.
		a, b := bytes(size), bytes(size)
		m := uint32(rnd.Intn(257))
		want, got := make([]byte, size), make([]byte, size)
		mixBytes(plainSIMD, want, a, b, m)
		mixBytes(hostSIMD, got, a, b, m)
		if i := firstDiff(got, want); i >= 0 {
			t.Fatalf("mixBytes, %d bytes, weight %d: byte %d differs", size, m, i)
		}

		// Compositing premultiplied pixels: opaque, transparent and partly covered runs.
		w, h := 1+size%97, 1+int(off)%7
		src := premultipliedPattern(rnd, w+int(off)%5, h, 0)
		base := image.NewRGBA(image.Rect(0, 0, w+9, h+3))
		rnd.Read(base.Pix)
		r := image.Rect(int(off)%9, int(off)%3, int(off)%9+w, int(off)%3+h).Intersect(base.Rect)
		// Then scaled by an alpha, under a mask, or both.
		mask := alphaPattern(rnd, base.Rect.Dx(), base.Rect.Dy(), 0)
		for _, c := range []struct {
			alpha uint32
			mask  *image.Alpha
		}{{255, nil}, {min(m, 255), nil}, {255, mask}, {min(m, 255), mask}} {
			var out [2]*image.RGBA
			for k, kern := range []simd{plainSIMD, hostSIMD} {
				out[k] = image.NewRGBA(base.Rect)
				copy(out[k].Pix, base.Pix)
				blendWith(kern, out[k], r, src, r.Min, c.alpha, c.mask, image.Point{})
			}
			if i := firstDiff(out[1].Pix, out[0].Pix); i >= 0 {
				t.Fatalf("blend, %v, alpha %d, mask %v: byte %d differs", r, c.alpha, c.mask != nil, i)
			}
		}

		// The I420 conversion of a random region of an opaque frame.
		fw, fh := 2+2*(size%61), 2+2*(int(off)%23)
		img := newCanvas(fw, fh)
		rnd.Read(img.Pix)
		x, y := rnd.Intn(fw), rnd.Intn(fh)
		region := image.Rect(x, y, x+1+rnd.Intn(fw), y+1+rnd.Intn(fh))
		plain, fast := newI420(fw, fh), newI420(fw, fh)
		plain.convertWith(plainSIMD, img, region)
		fast.convertWith(hostSIMD, img, region)
		if i := firstDiff(fast.buf, plain.buf); i >= 0 {
			t.Fatalf("convert %dx%d, %v: byte %d differs", fw, fh, region, i)
		}

		// The pan-and-zoom: a random picture in a random panel, at a random time, whole
		// and in strips of a random width.
		pic := opaquePattern(8+rnd.Intn(300), 8+rnd.Intn(200))
		rnd.Read(pic.Pix)
		for i := 3; i < len(pic.Pix); i += 4 {
			pic.Pix[i] = 255
		}
		px, py := rnd.Intn(20), rnd.Intn(20)
		panel := image.Rect(px, py, px+1+rnd.Intn(260), py+1+rnd.Intn(150))
		kb := newKenBurns(pic, panel, nil)
		at := rnd.Float64()
		kb.simd = plainSIMD
		ref := panelPixels(kb, at)
		kb.simd = hostSIMD
		if i := firstDiff(panelPixels(kb, at).Pix, ref.Pix); i >= 0 {
			t.Fatalf("pan and zoom of %v in %v at %.3f: byte %d differs", pic.Rect, panel, at, i)
		}
		strips := image.NewRGBA(kb.rect)
		step := 1 + int(off)%45
		kb.at(at)
		for x := kb.rect.Min.X; x < kb.rect.Max.X; x += step {
			kb.paint(strips, image.Rect(x, kb.rect.Min.Y, min(x+step, kb.rect.Max.X), kb.rect.Max.Y))
		}
		if i := firstDiff(strips.Pix, ref.Pix); i >= 0 {
			t.Fatalf("pan and zoom of %v in %v at %.3f, strips of %d: byte %d differs", pic.Rect, panel, at, step, i)
		}

		// The same, straight into I420, with a rounded mask (so a solid band).
		kb = newKenBurns(pic, panel, roundRectMask(panel.Dx(), panel.Dy(), float64(rnd.Intn(20))))
		if err := checkPaintI420SIMD(kb, at, 2+2*(int(off)%40)); err != nil {
			t.Fatalf("pan and zoom of %v in %v into I420: %v", pic.Rect, panel, err)
		}

		// The resampler's filter, from a random rate, reading at random positions.
		rates := []int{8000, 16000, 22050, 24000, 44100, 44099}
		in := rates[rnd.Intn(len(rates))]
		samples := make([]int16, 1+size)
		for i := range samples {
			samples[i] = int16(rnd.Intn(65536) - 32768)
		}
		rp, rf := newResampler(in, OutputSampleRate), newResampler(in, OutputSampleRate)
		rp.simd, rf.simd = plainSIMD, hostSIMD
		for k := 0; k < 64; k++ {
			j := rnd.Int63n(int64(len(samples)) * OutputSampleRate / int64(in))
			n := 1 + rnd.Intn(40)
			p, q := make([]float64, n), make([]float64, n)
			rp.samples(samples, j, p)
			rf.samples(samples, j, q)
			for i := range p {
				if math.Abs(p[i]-q[i]) > 1 {
					t.Fatalf("resampler from %d Hz, sample %d: %.0f, the plain loop %.0f", in, j+int64(i), q[i], p[i])
				}
			}
		}
	})
}

// premultipliedPattern is a w x h premultiplied RGBA picture of runs of opaque,
// transparent and partly covered pixels: runs of run pixels, or of random lengths when run
// is 0.
func premultipliedPattern(rnd *rand.Rand, w, h, run int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		n := run
		if n <= 0 {
			n = 1 + rnd.Intn(16)
		}
		a := 255
		switch (i / n) % 4 {
		case 1:
			a = 0
		case 2:
			a = rnd.Intn(256)
		case 3:
			a = []int{0, 255, rnd.Intn(256)}[rnd.Intn(3)]
		}
		for c := 0; c < 3; c++ {
			img.Pix[4*i+c] = uint8(rnd.Intn(256) * a / 255)
		}
		img.Pix[4*i+3] = uint8(a)
	}
	return img
}

// alphaPattern is a mask of runs of 0, of 255 and of partial values, runs of run values
// (of random lengths up to 16 when run is 0).
func alphaPattern(rnd *rand.Rand, w, h, run int) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		n := run
		if n <= 0 {
			n = 1 + rnd.Intn(16)
		}
		switch (i / n) % 3 {
		case 0:
			m.Pix[i] = 255
		case 1:
			m.Pix[i] = 0
		default:
			m.Pix[i] = uint8(rnd.Intn(256))
		}
	}
	return m
}
