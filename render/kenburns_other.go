//go:build !amd64 || purego

package render

// kbVerticalFast does nothing here: kbVertical's loop does the whole vertical pass.
func kbVerticalFast(k simd, a, b []uint64, d []byte, wy uint64) int { return 0 }

// kbHorizontalFast does nothing here: kenBurns.paint's loop does the whole horizontal pass.
func kbHorizontalFast(k simd, src []byte, x0, x1 []int32, reach int32, w, out []uint64) int {
	return 0
}

// kbPlaneHorizontalFast does nothing here: kbPlaneSampling.paint's loop does the whole pass.
func kbPlaneHorizontalFast(k simd, src []byte, base []int32, taps []byte, w, out []uint16) int {
	return 0
}

// kbPlaneVerticalFast does nothing here: kbPlaneVertical's loop does the whole pass.
func kbPlaneVerticalFast(k simd, a, b []uint16, d []byte, wy uint32) int { return 0 }
