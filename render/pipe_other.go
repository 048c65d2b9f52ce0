//go:build !linux

package render

import (
	"io"
	"os"
)

// growPipe does nothing where pipe buffers cannot be resized.
func growPipe(f *os.File) {}

// newFrameWriter is f itself where frames cannot be spliced into a pipe.
func newFrameWriter(f *os.File, alternating bool) io.Writer { return f }

// yieldTo does nothing where priorities are not set per process.
func yieldTo(pid int) {}
