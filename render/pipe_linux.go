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

// yieldTo lowers a scene encoder's scheduling priority (nice +5), so that when the cores
// are busy the work that finishes a render (the soundtrack's encoder, the final join)
// runs first, and the API stays responsive during renders. Failure is harmless.
func yieldTo(pid int) {
	syscall.Setpriority(syscall.PRIO_PROCESS, pid, 5)
}
