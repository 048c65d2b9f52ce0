package videoagent

import (
	"crypto/rand"
	"encoding/hex"
)

// NewID returns a random 32-character hex id, the shape of HeyGen's ids.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on Linux
	}
	return hex.EncodeToString(b[:])
}
