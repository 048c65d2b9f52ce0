package render

import (
	"image"
	"slices"
	"testing"
)

// The layout cache lets go first of the layouts no announced claim needs any more, oldest
// first, and only then of the least recently used: it holds the scenes being rendered.
func TestLayoutCacheLetsGoOfScenesDoneWith(t *testing.T) {
	var c layoutCache
	layout := func() *sceneLayout { // a quarter of what the cache holds, or a little more
		return &sceneLayout{base: image.NewRGBA(image.Rect(0, 0, 1024, layoutCacheBytes/4/4096+1))}
	}
	keys := func() []string {
		var k []string
		for _, e := range c.entries {
			k = append(k, e.key)
		}
		return k
	}
	c.expect("a", 1) // laid out for its only claim: done with once stored
	c.expect("b", 2) // one claim still to come
	c.expect("c", 1)
	for _, k := range []string{"a", "b", "c"} {
		c.put(k, layout())
	}
	c.put("d", layout()) // never announced; no room for four
	if got := keys(); !slices.Equal(got, []string{"b", "c", "d"}) {
		t.Fatalf("the cache holds %v, want a (done with) gone first", got)
	}
	c.put("e", layout())
	if got := keys(); !slices.Equal(got, []string{"b", "d", "e"}) {
		t.Fatalf("the cache holds %v, want c (done with) gone before b (least recently used, still needed)", got)
	}
	if sc := c.getLocked("b"); sc == nil {
		t.Fatal("b is not in the cache")
	}
	c.put("f", layout())
	if got := keys(); !slices.Equal(got, []string{"d", "e", "f"}) {
		t.Fatalf("the cache holds %v, want b gone once its last claim had it", got)
	}
	if len(c.uses) != 0 {
		t.Errorf("claims still counted: %v", c.uses)
	}
}
