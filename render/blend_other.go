//go:build !amd64 || purego

package render

// blendOverFast composites nothing here: blend's loop does it all.
func blendOverFast(k simd, d, s []byte) int { return 0 }
