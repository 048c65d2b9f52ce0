//go:build !amd64 || purego

package render

// blendOverFast composites nothing here: blend's loop does it all.
func blendOverFast(k simd, d, s []byte) int { return 0 }

// blendScaledFast composites nothing here: blend's loop does it all.
func blendScaledFast(k simd, d, s, m []byte, alpha uint32) int { return 0 }
