package xstream

import (
	"sync"
	"time"
)

// Clock is the source of "now" for a stream: automatic IDs, delivery times,
// idle times and consumer seen/active times all come from it. The zero
// Options use the system clock.
type Clock interface {
	Now() time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// ManualClock is a [Clock] that moves only when told to, for tests of
// idle-time logic without sleeping. It is safe for concurrent use. The zero
// value reads as the Unix epoch.
type ManualClock struct {
	mu  sync.Mutex // guards t
	t   time.Time
	set bool
}

// NewManualClock returns a ManualClock reading t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{t: t, set: true} }

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.set {
		return time.UnixMilli(0)
	}
	return c.t
}

// Advance moves the clock forward by d (backward if d is negative).
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.set {
		c.t, c.set = time.UnixMilli(0), true
	}
	c.t = c.t.Add(d)
}

// Set makes the clock read t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t, c.set = t, true
}
