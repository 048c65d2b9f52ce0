package render

import "testing"

// The pixel pool hands back what it was given, by length, and keeps a few of each.
func TestPixelPool(t *testing.T) {
	var p pixelPool
	a, b := make([]byte, 100), make([]byte, 200)
	p.put(a)
	p.put(b)
	if got := p.get(100); &got[0] != &a[0] {
		t.Error("get(100) did not return the 100-byte buffer given back")
	}
	if got := p.get(100); len(got) != 100 || &got[0] == &a[0] {
		t.Error("an empty pool must allocate")
	}
	for i := 0; i < 2*pixelPoolKeep; i++ {
		p.put(make([]byte, 300))
	}
	if n := len(p.free[300]); n != pixelPoolKeep {
		t.Errorf("the pool keeps %d idle buffers of one length, want %d", n, pixelPoolKeep)
	}
}
