//go:build !amd64 || purego

package render

// hostSIMD is the plain loops: this build has no kernels.
var hostSIMD = plainSIMD

// convertRowPairFast converts nothing here: (*i420).convert does all of the row pair.
func convertRowPairFast(k simd, p0, p1, y0, y1, u, v []byte) int { return 0 }
