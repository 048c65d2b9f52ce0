//go:build !purego

package render

import "golang.org/x/sys/cpu"

// hostSIMD is the kernels this CPU runs.
var hostSIMD = simd{avx2: cpu.X86.HasAVX2, fma: cpu.X86.HasAVX2 && cpu.X86.HasFMA}

// convertRowPairAVX2 converts n groups of 8 pixels from two RGBA rows (p0, p1) into 8 luma
// samples of each row (y0, y1) and 4 samples of each chroma plane (u, v), with exactly the
// arithmetic of (*i420).convert. It weighs 16-bit channels with VPMADDWD: 0.4 ns a
// pixel (BenchmarkI420Convert1080p), against 0.7 with 32-bit multiplies.
//
//go:noescape
func convertRowPairAVX2(p0, p1, y0, y1, u, v *byte, n int)

// convertRowPairFast converts as many whole groups of 8 pixels of the row pair as it
// can with SIMD, and returns how many chroma samples it wrote (4 per group).
func convertRowPairFast(k simd, p0, p1, y0, y1, u, v []byte) int {
	g := len(u) / 4
	if !k.avx2 || g == 0 || len(p0) < 32*g || len(p1) < 32*g || len(y0) < 8*g || len(y1) < 8*g || len(v) < 4*g {
		return 0
	}
	convertRowPairAVX2(&p0[0], &p1[0], &y0[0], &y1[0], &u[0], &v[0], g)
	return 4 * g
}
