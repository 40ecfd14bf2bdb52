package main

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// W4 sizes: a PEL of 100k entries (half on c1, half on c2), each query timed
// over w4Reps repetitions, sent w4Pipe per round trip on the go-redis
// backends. miniredis scans its whole PEL several times for every XPENDING
// summary (about 4 µs per entry, so 400 ms per summary of 100k), so it runs
// fewer repetitions on a PEL of 2k.
const (
	w4N         = 100_000
	w4MiniN     = 2_000
	w4Reps      = 100_000
	w4MiniReps  = 500
	w4Pipe      = 100
	w4RangeSize = 10
)

// A w4Query is one timed W4 query: how to run and check it once natively,
// and how to queue it on a pipeline and check its reply.
type w4Query struct {
	key    string
	native func(g *xstream.Group[Payload], n int) error
	queue  func(ctx context.Context, p redis.Pipeliner)
	check  func(cmd redis.Cmder, n int) error
}

// w4Queries are W4's three queries, in table order.
var w4Queries = []w4Query{
	{
		key: "W4 pending summary",
		native: func(g *xstream.Group[Payload], n int) error {
			sum, err := g.Pending()
			if err != nil {
				return err
			}
			if len(sum.Consumers) != 2 {
				return fmt.Errorf("%d consumers, want 2", len(sum.Consumers))
			}
			return w4CheckSummary(sum.Count, pendingOf(sum, "c1"), pendingOf(sum, "c2"), n)
		},
		queue: func(ctx context.Context, p redis.Pipeliner) { p.XPending(ctx, benchStream, benchGroup) },
		check: func(cmd redis.Cmder, n int) error {
			sum, err := cmd.(*redis.XPendingCmd).Result()
			if err != nil {
				return err
			}
			return w4CheckSummary(int(sum.Count), int(sum.Consumers["c1"]), int(sum.Consumers["c2"]), n)
		},
	},
	{
		key: "W4 pending range - + 10",
		native: func(g *xstream.Group[Payload], n int) error {
			return w4NativeRange(g, "", "c1")
		},
		queue: func(ctx context.Context, p redis.Pipeliner) { w4QueueRange(ctx, p, "") },
		check: func(cmd redis.Cmder, n int) error { return w4CheckRange(cmd, "c1") },
	},
	{
		key: "W4 pending range by consumer",
		native: func(g *xstream.Group[Payload], n int) error {
			return w4NativeRange(g, "c1", "c1")
		},
		queue: func(ctx context.Context, p redis.Pipeliner) { w4QueueRange(ctx, p, "c1") },
		check: func(cmd redis.Cmder, n int) error { return w4CheckRange(cmd, "c1") },
	},
}

func init() {
	register(Workload{Name: "W4", Run: runW4})
}

// runW4 makes n entries pending, the first half on c1 and the rest on c2,
// and times each of w4Queries, checking every reply.
func runW4(ctx context.Context, c *Conn, scale float64) ([]Metric, error) {
	n := sizeFor(c, w4N, w4MiniN, scale, 2*w4RangeSize)
	reps := sizeFor(c, w4Reps, w4MiniReps, scale, w4Pipe)
	var times []time.Duration
	var err error
	if c.Client == nil {
		times, err = w4Native(n, reps)
	} else {
		times, err = w4Client(ctx, c.Client, n, reps)
	}
	if err != nil {
		return nil, fmt.Errorf("W4: %w", err)
	}
	ms := make([]Metric, len(w4Queries))
	for i, q := range w4Queries {
		ms[i] = Metric{Key: q.key, Unit: "ops/s", Value: rate(reps, times[i]), N: n, HigherIsBetter: true}
	}
	return ms, nil
}

// w4Native times reps of each query on a native stream.
func w4Native(n, reps int) ([]time.Duration, error) {
	g, err := nativeGroup(n)
	if err != nil {
		return nil, err
	}
	if _, err := nativeReadIDs(g, "c1", n/2); err != nil {
		return nil, err
	}
	if _, err := nativeReadIDs(g, "c2", n-n/2); err != nil {
		return nil, err
	}
	times := make([]time.Duration, len(w4Queries))
	for i, q := range w4Queries {
		start := time.Now()
		for range reps {
			if err := q.native(g, n); err != nil {
				return nil, fmt.Errorf("%s: %w", q.key, err)
			}
		}
		times[i] = time.Since(start)
	}
	return times, nil
}

// w4Client times reps of each query on a go-redis backend, w4Pipe per
// pipeline.
func w4Client(ctx context.Context, c redis.UniversalClient, n, reps int) ([]time.Duration, error) {
	if err := clientGroup(ctx, c, n); err != nil {
		return nil, err
	}
	if _, err := clientReadIDs(ctx, c, "c1", n/2); err != nil {
		return nil, err
	}
	if _, err := clientReadIDs(ctx, c, "c2", n-n/2); err != nil {
		return nil, err
	}
	pipe := c.Pipeline()
	times := make([]time.Duration, len(w4Queries))
	for i, q := range w4Queries {
		start := time.Now()
		for done := 0; done < reps; done += w4Pipe {
			for range min(w4Pipe, reps-done) {
				q.queue(ctx, pipe)
			}
			cmds, _ := pipe.Exec(ctx) // errors are checked per command
			for _, cmd := range cmds {
				if err := q.check(cmd, n); err != nil {
					return nil, fmt.Errorf("%s: %w", q.key, err)
				}
			}
		}
		times[i] = time.Since(start)
	}
	return times, nil
}

// w4CheckSummary verifies a pending summary: n pending, n/2 on c1 and the
// rest on c2.
func w4CheckSummary(count, c1, c2, n int) error {
	if count != n || c1 != n/2 || c2 != n-n/2 {
		return fmt.Errorf("summary %d pending, c1 %d, c2 %d; want %d, %d, %d", count, c1, c2, n, n/2, n-n/2)
	}
	return nil
}

// w4NativeRange runs PendingRange(-, +, 10) for consumer ("" for all) and
// checks that it returns 10 entries owned by owner.
func w4NativeRange(g *xstream.Group[Payload], consumer, owner string) error {
	es, err := g.PendingRange(xstream.MinID, xstream.MaxID, w4RangeSize, xstream.PendingFilter{Consumer: consumer})
	if err != nil {
		return err
	}
	return w4CheckOwners(es, owner, func(e xstream.PendingEntry) string { return e.Consumer })
}

// w4CheckOwners checks that a range reply has 10 entries, all owned by
// owner. It allocates nothing unless the check fails: it runs in the timed
// loop.
func w4CheckOwners[E any](es []E, owner string, consumer func(E) string) error {
	if len(es) != w4RangeSize {
		return fmt.Errorf("%d entries, want %d", len(es), w4RangeSize)
	}
	for _, e := range es {
		if c := consumer(e); c != owner {
			return fmt.Errorf("entry %+v owned by %q, want %q", e, c, owner)
		}
	}
	return nil
}

// w4QueueRange queues XPENDING s g - + 10 [consumer] on p.
func w4QueueRange(ctx context.Context, p redis.Pipeliner, consumer string) {
	p.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: benchStream, Group: benchGroup, Start: "-", End: "+",
		Count: w4RangeSize, Consumer: consumer})
}

// w4CheckRange checks an XPENDING range reply: 10 entries owned by owner.
func w4CheckRange(cmd redis.Cmder, owner string) error {
	es, err := cmd.(*redis.XPendingExtCmd).Result()
	if err != nil {
		return err
	}
	return w4CheckOwners(es, owner, func(e redis.XPendingExt) string { return e.Consumer })
}
