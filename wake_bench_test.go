package xstream

import (
	"context"
	"encoding/binary"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// The wake-up latency of a blocked reader when the producer does not wait
// for it but keeps its processor busy (it spins until the reader reports).
// The woken reader then runs on another processor, so the latency is the Go
// scheduler's: the bare-channel benchmark is the floor. Both report the
// median and 99th percentile of the add (send) to receive time as p50-ns and
// p99-ns; ns/op is the whole round, waits included.

// wakeBusy runs b.N rounds of: wait until the reader is parked, send with
// the time, spin until the reader has reported the latency.
func wakeBusy(b *testing.B, parked func() bool, send func(sentNs int64), latency *atomic.Int64) {
	lat := make([]time.Duration, 0, b.N)
	for range b.N {
		for !parked() {
		}
		send(time.Now().UnixNano())
		for latency.Load() == 0 {
		}
		lat = append(lat, time.Duration(latency.Swap(0)))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2]), "p50-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100]), "p99-ns")
}

// BenchmarkBlockWakeBusyProducer: ReadBlock woken by an Add whose goroutine
// keeps running.
func BenchmarkBlockWakeBusyProducer(b *testing.B) {
	s := New(Options[btPayload]{})
	g, _ := s.CreateGroup("g", MinID, GroupOptions{})
	c := g.Consumer("c")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var latency atomic.Int64
	go func() {
		defer close(done)
		for {
			msgs, err := c.ReadBlock(ctx, ReadGroupOptions{Count: 1, NoAck: true})
			if err != nil {
				return
			}
			latency.Store(max(time.Now().UnixNano()-int64(binary.LittleEndian.Uint64(msgs[0].Value[:])), 1))
		}
	}()
	wakeBusy(b, func() bool { return btWaiters(s) > 0 }, func(ns int64) {
		var p btPayload
		binary.LittleEndian.PutUint64(p[:], uint64(ns))
		s.Add(p)
	}, &latency)
	cancel()
	<-done
}

// BenchmarkChanWakeBusyProducer: the floor, a bare channel receive woken by
// a send whose goroutine keeps running.
func BenchmarkChanWakeBusyProducer(b *testing.B) {
	ch := make(chan int64)
	done := make(chan struct{})
	var latency atomic.Int64
	var parked atomic.Bool
	go func() {
		defer close(done)
		for {
			parked.Store(true) // about to block in the receive
			sent, ok := <-ch
			if !ok {
				return
			}
			latency.Store(max(time.Now().UnixNano()-sent, 1))
		}
	}()
	wakeBusy(b, func() bool {
		if !parked.Load() {
			return false
		}
		time.Sleep(0) // let it reach the receive
		parked.Store(false)
		return true
	}, func(ns int64) { ch <- ns }, &latency)
	close(ch)
	<-done
}
