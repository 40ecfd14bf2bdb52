package xstream

import (
	"testing"
	"time"
)

// BenchmarkReadGroupCaughtUp: one ">" read with COUNT 1000 by a group that is
// caught up on a 10k-entry stream, when one new entry has arrived. The add
// of that entry and its ack are outside the timing.
func BenchmarkReadGroupCaughtUp(b *testing.B) {
	s := New(Options[btPayload]{Clock: NewManualClock(time.UnixMilli(1_000_000))})
	for i := range 10_000 {
		s.Add(btPayload{byte(i)})
	}
	g, _ := s.CreateGroup("g", MinID, GroupOptions{AtEnd: true})
	c := g.Consumer("c")
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if _, err := s.Add(btPayload{1}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		msgs, err := c.Read(ReadGroupOptions{Count: 1000})
		if err != nil || len(msgs) != 1 {
			b.Fatalf("Read = %d messages, %v; want 1", len(msgs), err)
		}
		b.StopTimer()
		if n, _ := g.Ack(msgs[0].ID); n != 1 {
			b.Fatalf("Ack = %d, want 1", n)
		}
		b.StartTimer()
	}
}
