package render

import (
	"os"
	"syscall"
)

// growPipe asks for a 1 MiB pipe buffer (the default is 64 KiB); failure is harmless.
func growPipe(f *os.File) {
	const fSetPipeSz = 1031 // F_SETPIPE_SZ
	syscall.Syscall(syscall.SYS_FCNTL, f.Fd(), fSetPipeSz, 1<<20)
}
