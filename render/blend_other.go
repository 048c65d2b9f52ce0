//go:build !amd64

package render

// blendOverFast composites nothing here: blend's loop does it all.
func blendOverFast(d, s []byte) int { return 0 }
