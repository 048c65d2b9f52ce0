package render

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"
)

// framePattern fills b with bytes that differ per frame and per position.
func framePattern(b []byte, frame int) {
	for i := range b {
		b[i] = byte(i*7 + frame*13 + i>>12)
	}
}

// TestFrameWriterFramesReusable writes frames through a frameWriter to a slow reader and
// scribbles over each frame as soon as Write returns: the reader must still get every
// frame as it was. Splicing the whole frame (no copied tail) fails it.
func TestFrameWriterFramesReusable(t *testing.T) {
	// More than twice the capacity, and not a whole number of pages.
	size := func(capacity int) int { return 3*capacity + 4321 }
	var buf []byte
	bad := spliceFrames(t, 6, size, func(w io.Writer, f int, size int) {
		if buf == nil {
			buf = make([]byte, size+1)[1:] // not page aligned either
		}
		framePattern(buf, f)
		if n, err := w.Write(buf); err != nil || n != size {
			t.Fatalf("frame %d: wrote %d of %d: %v", f, n, size, err)
		}
		scribble(buf)
	})
	if bad >= 0 {
		t.Fatalf("frame %d reached the reader changed: the writer's later changes reached it", bad)
	}
}

// spliceFrames writes frames through a frameWriter into a pipe read
// slowly, so that it stays full: write writes frame f, of size bytes (size of the pipe's
// capacity), as framePattern makes it. It returns the first frame the reader got other
// than that, or -1.
func spliceFrames(t *testing.T, frames int, size func(capacity int) int, write func(w io.Writer, f, size int)) int {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	growPipe(pw)
	w, ok := newFrameWriter(pw).(*frameWriter)
	if !ok {
		t.Skip("this system cannot splice into pipes")
	}
	n := size(w.capacity)
	got := make(chan []byte, frames)
	go func() {
		defer close(got)
		chunk := make([]byte, 64<<10)
		for f := 0; f < frames; f++ {
			frame := make([]byte, 0, n)
			for len(frame) < n {
				time.Sleep(200 * time.Microsecond) // slow: the pipe stays full
				k, err := pr.Read(chunk[:min(len(chunk), n-len(frame))])
				if err != nil {
					return
				}
				frame = append(frame, chunk[:k]...)
			}
			got <- frame
		}
	}()
	for f := 0; f < frames; f++ {
		write(w, f, n)
	}
	pw.Close()
	want := make([]byte, n)
	for f := 0; f < frames; f++ {
		frame, ok := <-got
		if !ok {
			t.Fatalf("the reader stopped before frame %d", f)
		}
		framePattern(want, f)
		if firstDiff(frame, want) >= 0 {
			return f
		}
	}
	return -1
}

// scribble overwrites b, as a compositor drawing the next frame into it would.
func scribble(b []byte) {
	for i := range b {
		b[i] = 0xff
	}
}

func firstDiff(a, b []byte) int {
	if bytes.Equal(a, b) {
		return -1
	}
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// BenchmarkFrameWriter writes 1080p I420 frames into a 1 MiB pipe drained by another
// goroutine, copied and spliced.
func BenchmarkFrameWriter(b *testing.B) {
	for _, mode := range []string{"copy", "splice"} {
		b.Run(mode, func(b *testing.B) {
			pr, pw, err := os.Pipe()
			if err != nil {
				b.Fatal(err)
			}
			growPipe(pw)
			w := newFrameWriter(pw)
			if mode == "copy" {
				w = pw
			}
			done := make(chan struct{})
			go func() {
				io.Copy(io.Discard, pr)
				close(done)
			}()
			bufs := [2][]byte{make([]byte, 1920*1080*3/2), make([]byte, 1920*1080*3/2)}
			b.SetBytes(int64(len(bufs[0])))
			for i := 0; b.Loop(); i++ {
				buf := bufs[i%2]
				buf[0]++
				if _, err := w.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
			pw.Close()
			<-done
			pr.Close()
		})
	}
}
