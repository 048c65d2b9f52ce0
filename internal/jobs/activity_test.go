package jobs

import (
	"sync"
	"testing"
)

func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// TestActivity: Idle is closed while nothing renders and Busy while something does, across
// overlapping renders from several goroutines; a render's end counted twice counts once.
func TestActivity(t *testing.T) {
	a := newActivity()
	if !closed(a.Idle()) || closed(a.Busy()) {
		t.Fatal("a new activity is not idle")
	}
	end1 := a.start()
	if closed(a.Idle()) || !closed(a.Busy()) {
		t.Fatal("one render: not busy")
	}
	idle := a.Idle() // taken while busy: closed when the renders end
	busy := a.Busy()
	end2 := a.start()
	end1()
	end1() // counted once
	if closed(a.Idle()) || !closed(busy) {
		t.Fatal("one of two renders ended: not busy any more")
	}
	end2()
	if !closed(a.Idle()) || closed(a.Busy()) {
		t.Fatal("both renders ended: not idle")
	}
	if !closed(idle) {
		t.Fatal("the Idle channel taken while busy is not closed when the renders end")
	}

	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				done := a.start()
				_ = a.Busy()
				done()
			}
		}()
	}
	wg.Wait()
	if !closed(a.Idle()) || closed(a.Busy()) {
		t.Fatal("after concurrent renders: not idle")
	}
}
