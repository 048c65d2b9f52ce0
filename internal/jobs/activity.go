package jobs

import "sync"

// Activity counts the videos (and shares of videos) this process is rendering, and tells
// background work, such as the catalogues' previews, when there are none and when one
// starts, so that it waits for the users' videos and never slows them.
type Activity struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed while n == 0
	busy chan struct{} // closed while n > 0
}

func newActivity() *Activity {
	a := &Activity{idle: make(chan struct{}), busy: make(chan struct{})}
	close(a.idle)
	return a
}

// start records a render starting; the returned func records its end.
func (a *Activity) start() (done func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n++; a.n == 1 {
		close(a.busy)
		a.idle = make(chan struct{})
	}
	var once sync.Once
	return func() { once.Do(a.end) }
}

func (a *Activity) end() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n--; a.n == 0 {
		close(a.idle)
		a.busy = make(chan struct{})
	}
}

// Idle returns a channel that is closed once no render is running (at once if none is).
func (a *Activity) Idle() <-chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.idle
}

// Busy returns a channel that is closed once a render is running (at once if one is).
func (a *Activity) Busy() <-chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.busy
}

// Activity tells when this process renders videos.
func (q *Queue) Activity() *Activity { return q.activity }
