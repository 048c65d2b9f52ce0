//go:build !linux

package render

import "os"

// growPipe does nothing where pipe buffers cannot be resized.
func growPipe(f *os.File) {}
