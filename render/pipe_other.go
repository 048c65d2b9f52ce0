//go:build !linux

package render

import (
	"io"
	"os"
)

// growPipe does nothing where pipe buffers cannot be resized.
func growPipe(f *os.File) {}

// newFrameWriter is f itself where frames cannot be spliced into a pipe.
func newFrameWriter(f *os.File) io.Writer { return f }

// yieldThread does nothing where priorities are not set per thread.
func yieldThread() {}
