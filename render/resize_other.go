//go:build !amd64 || purego

package render

// addWeightedFast adds nothing here: the plain loop does it all.
func addWeightedFast(k simd, d []uint16, s []byte, w uint16) int { return 0 }
