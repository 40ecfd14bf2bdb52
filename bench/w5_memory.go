package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// W5 sizes: 1M entries, then all of them pending in one group. miniredis
// runs 200k: its XPENDING summary, which checks the count, searches the
// stream for every pending entry, twice (about a second at 200k, past
// go-redis's 3 s read timeout at 1M), and its bytes per entry do not depend
// on the size.
const (
	w5N     = 1_000_000
	w5MiniN = 200_000
	// w5ReadCount is the COUNT of each read that delivers the entries.
	w5ReadCount = 10_000
)

func init() {
	register(Workload{Name: "W5", Run: runW5})
}

// w5Mem is the backend's memory use at W5's three measuring points.
type w5Mem struct{ empty, added, pending uint64 }

// runW5 measures the memory an entry and a pending entry take: the backend's
// memory before and after adding n entries, and after delivering all of them
// to one consumer of a group, so that all n are pending. Only the backend's
// retained memory counts: the workload drops every reply before measuring.
func runW5(ctx context.Context, c *Conn, scale float64) ([]Metric, error) {
	n := sizeFor(c, w5N, w5MiniN, scale, 100)
	var m w5Mem
	var err error
	if c.Client == nil {
		m, err = w5Native(ctx, c, n)
	} else {
		m, err = w5Client(ctx, c, n)
	}
	if err != nil {
		return nil, fmt.Errorf("W5: %w", err)
	}
	perEntry, err := w5PerItem(m.empty, m.added, n)
	if err != nil {
		return nil, fmt.Errorf("W5 entries: %w", err)
	}
	perPending, err := w5PerItem(m.added, m.pending, n)
	if err != nil {
		return nil, fmt.Errorf("W5 pending entries: %w", err)
	}
	payload := float64(len(Payload{}))
	return []Metric{
		{Key: "W5 bytes/entry", Unit: "B", Value: perEntry, N: n},
		{Key: "W5 bytes/entry beyond payload", Unit: "B", Value: perEntry - payload, N: n},
		{Key: "W5 bytes/pending entry", Unit: "B", Value: perPending, N: n},
	}, nil
}

// w5PerItem returns (after-before)/n, or an error if memory did not grow.
func w5PerItem(before, after uint64, n int) (float64, error) {
	if after <= before {
		return 0, fmt.Errorf("memory did not grow (%d B before, %d B after)", before, after)
	}
	return float64(after-before) / float64(n), nil
}

// w5Native measures a native stream of n entries, then with n pending.
func w5Native(ctx context.Context, c *Conn, n int) (w5Mem, error) {
	var m w5Mem
	var err error
	if m.empty, err = c.Memory(ctx); err != nil {
		return m, err
	}
	s := newNativeStream()
	if err := addNative(s, n); err != nil {
		return m, err
	}
	if m.added, err = c.Memory(ctx); err != nil {
		return m, err
	}
	if got := s.Len(); got != int64(n) {
		return m, fmt.Errorf("stream has %d entries, want %d", got, n)
	}
	g, err := s.CreateGroup(benchGroup, xstream.MinID, xstream.GroupOptions{})
	if err != nil {
		return m, err
	}
	if err := w5DeliverNative(g.Consumer("c"), n); err != nil {
		return m, err
	}
	if m.pending, err = c.Memory(ctx); err != nil {
		return m, err
	}
	sum, err := g.Pending()
	if err != nil {
		return m, err
	}
	if sum.Count != n {
		return m, fmt.Errorf("%d entries pending, want %d", sum.Count, n)
	}
	runtime.KeepAlive(s)
	return m, nil
}

// w5DeliverNative reads every entry for consumer c, w5ReadCount at a time,
// and drops the messages; it fails unless exactly n were delivered.
func w5DeliverNative(c *xstream.Consumer[Payload], n int) error {
	return w5Deliver(n, func() (int, error) {
		msgs, err := c.Read(xstream.ReadGroupOptions{Count: w5ReadCount})
		return len(msgs), err
	})
}

// w5Deliver calls read until it delivers nothing more, and fails unless it
// delivered exactly n entries in all.
func w5Deliver(n int, read func() (int, error)) error {
	got := 0
	for got < n {
		k, err := read()
		if err != nil {
			return err
		}
		if k == 0 {
			break
		}
		got += k
	}
	if got != n {
		return fmt.Errorf("delivered %d entries, want %d", got, n)
	}
	return nil
}

// w5Client measures a go-redis backend: pipelined XADDs of n entries, then
// XREADGROUPs that leave all n pending.
func w5Client(ctx context.Context, c *Conn, n int) (w5Mem, error) {
	var m w5Mem
	rc := c.Client
	// Open the connection first, so that its buffers are not counted.
	if err := rc.Ping(ctx).Err(); err != nil {
		return m, err
	}
	var err error
	if m.empty, err = c.Memory(ctx); err != nil {
		return m, err
	}
	if err := addPipelined(ctx, rc, n); err != nil {
		return m, err
	}
	if m.added, err = c.Memory(ctx); err != nil {
		return m, err
	}
	if got, err := rc.XLen(ctx, benchStream).Result(); err != nil || got != int64(n) {
		return m, fmt.Errorf("XLEN = %d, %v; want %d", got, err, n)
	}
	if err := rc.XGroupCreate(ctx, benchStream, benchGroup, "0").Err(); err != nil {
		return m, err
	}
	if err := w5DeliverClient(ctx, rc, n); err != nil {
		return m, err
	}
	if m.pending, err = c.Memory(ctx); err != nil {
		return m, err
	}
	sum, err := rc.XPending(ctx, benchStream, benchGroup).Result()
	if err != nil {
		return m, err
	}
	if sum.Count != int64(n) {
		return m, fmt.Errorf("XPENDING counts %d, want %d", sum.Count, n)
	}
	return m, nil
}

// w5DeliverClient reads every entry for consumer "c" with non-blocking
// XREADGROUPs of w5ReadCount and drops the replies; it fails unless exactly
// n were delivered.
func w5DeliverClient(ctx context.Context, rc redis.Cmdable, n int) error {
	args := &redis.XReadGroupArgs{Group: benchGroup, Consumer: "c",
		Streams: []string{benchStream, ">"}, Count: w5ReadCount, Block: -1}
	return w5Deliver(n, func() (int, error) {
		msgs, err := groupMessages(rc.XReadGroup(ctx, args))
		return len(msgs), err
	})
}
