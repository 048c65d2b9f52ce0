package render

import "sync"

// pixelPool keeps frame-sized pixel buffers between scene tasks. Each task used to
// allocate its own RGBA frame and copy of its layout's base (17 MB at 1080p, a render's
// worth 600 MB), which the kernel faulted in and zeroed and the collector then swept;
// tasks now take them from here and give them back when done. So do their I420 frames:
// the x264 in this process has copied a frame when Encode returns. Buffers handed to an
// ffmpeg's pipe by reference (a transparent video's yuva frames, see frameWriter) are
// not pooled: the pipe may still hold their pages.
type pixelPool struct {
	mu   sync.Mutex
	free map[int][][]byte // by length
}

// pixelPoolKeep is how many idle buffers of one length the pool keeps: two workers' frame
// and base.
const pixelPoolKeep = 4

// pixels is the process's pool: renderers share it, as they share the machine's memory.
var pixels pixelPool

// get returns a buffer of n bytes whose contents are unspecified.
func (p *pixelPool) get(n int) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	if bs := p.free[n]; len(bs) > 0 {
		b := bs[len(bs)-1]
		p.free[n] = bs[:len(bs)-1]
		return b
	}
	return make([]byte, n)
}

// put gives b back; nothing may use it afterwards.
func (p *pixelPool) put(b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.free == nil {
		p.free = map[int][][]byte{}
	}
	if len(p.free[len(b)]) < pixelPoolKeep {
		p.free[len(b)] = append(p.free[len(b)], b)
	}
}
