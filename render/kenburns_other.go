//go:build !amd64

package render

// kbVerticalFast does nothing here: kenBurns.render's loop does the whole vertical pass.
func kbVerticalFast(a, b []uint64, d []byte, wy uint64) int { return 0 }
