//go:build !linux

package render

import "os"

// growPipe does nothing where pipe buffers cannot be resized.
func growPipe(f *os.File) {}

// yieldTo does nothing where priorities are not set per process.
func yieldTo(pid int) {}
