//go:build !amd64

package render

// useAVX2 is false where there is no AVX2 kernel.
var useAVX2 = false

// convertRowPairFast converts nothing here: (*i420).convert does all of the row pair.
func convertRowPairFast(p0, p1, y0, y1, u, v []byte) int { return 0 }
