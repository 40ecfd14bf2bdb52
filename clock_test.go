package xstream

import (
	"testing"
	"time"
)

// TestWallMs checks the system clock's fast path against time.Now.
func TestWallMs(t *testing.T) {
	for range 100 {
		before := time.Now().UnixMilli()
		got := wallMs()
		after := time.Now().UnixMilli()
		if got < before || got > after {
			t.Fatalf("wallMs() = %d, outside [%d, %d]", got, before, after)
		}
	}
	s := New(Options[int]{})
	before := time.Now().UnixMilli()
	id, err := s.Add(1)
	if err != nil || id.Ms < uint64(before) || id.Ms > uint64(time.Now().UnixMilli()) {
		t.Fatalf("Add on the system clock = %v, %v; want an ID at the current ms", id, err)
	}
}
