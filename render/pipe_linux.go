package render

import (
	"io"
	"os"
	"runtime"
	"syscall"
	"unsafe"
)

const (
	fSetPipeSz = 1031 // F_SETPIPE_SZ
	fGetPipeSz = 1032 // F_GETPIPE_SZ
)

// growPipe asks for a 1 MiB pipe buffer (the default is 64 KiB); failure is harmless.
func growPipe(f *os.File) {
	syscall.Syscall(syscall.SYS_FCNTL, f.Fd(), fSetPipeSz, 1<<20)
}

// frameWriter writes frames into a pipe mostly without copying them. All of a frame but
// its last pipe-capacity bytes is handed to the pipe by reference (vmsplice), and that
// tail is written (copied) as usual. The tail needs every slot of the pipe, so the write
// of it returns only once the reader has read the spliced part: Write returns, as any
// Write does, when p may be changed again. At 1080p this halves the CPU both processes
// spend moving frames (see BenchmarkFrameWriter).
type frameWriter struct {
	f        *os.File
	conn     syscall.RawConn
	capacity int // the pipe's capacity in bytes, a whole number of pages
}

// newFrameWriter is the writer for frames into the pipe f. Where splicing is not possible
// it is f itself.
func newFrameWriter(f *os.File) io.Writer {
	conn, err := f.SyscallConn()
	if err != nil {
		return f
	}
	capacity := 0
	conn.Control(func(fd uintptr) {
		n, _, errno := syscall.Syscall(syscall.SYS_FCNTL, fd, fGetPipeSz, 0)
		if errno == 0 {
			capacity = int(n)
		}
	})
	if capacity <= 0 || capacity%os.Getpagesize() != 0 {
		return f
	}
	return &frameWriter{f: f, conn: conn, capacity: capacity}
}

// Write writes p. Writes shorter than twice the pipe's capacity are plain copies: for
// them splicing would save little.
func (w *frameWriter) Write(p []byte) (int, error) {
	if len(p) < 2*w.capacity {
		return w.f.Write(p)
	}
	head := len(p) - w.capacity
	n, err := w.splice(p[:head])
	if err != nil {
		return n, err
	}
	m, err := w.f.Write(p[head:])
	return n + m, err
}

// splice hands p to the pipe by reference, waiting (in the runtime's poller, as a Write
// does) while the pipe is full.
func (w *frameWriter) splice(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		var errno syscall.Errno
		err := w.conn.Write(func(fd uintptr) bool {
			iov := syscall.Iovec{Base: &p[done]}
			iov.SetLen(len(p) - done)
			n, _, e := syscall.Syscall6(syscall.SYS_VMSPLICE, fd, uintptr(unsafe.Pointer(&iov)), 1, 0, 0, 0)
			if e == syscall.EAGAIN {
				return false // full: wait until the reader makes room
			}
			errno = e
			if e == 0 {
				done += int(n)
			}
			return true
		})
		if err != nil {
			return done, err
		}
		if errno == syscall.EINVAL && done == 0 {
			// No vmsplice for this pipe: copy instead.
			return w.f.Write(p)
		}
		if errno != 0 {
			return done, &os.PathError{Op: "vmsplice", Path: w.f.Name(), Err: errno}
		}
	}
	return done, nil
}

// yieldThread lowers the scheduling priority (nice +5) of the thread of the calling
// goroutine, a scene encoder's, so that when the cores are busy the work that finishes a
// render (the soundtrack's encoder, the final join) runs first, and the API stays
// responsive during renders. The goroutine stays locked to the thread, which ends with it:
// no other goroutine ever runs at the lowered priority (and raising it back would need a
// privilege). Threads x264 starts inherit it. Failure is harmless.
func yieldThread() {
	runtime.LockOSThread()
	syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 5)
}
