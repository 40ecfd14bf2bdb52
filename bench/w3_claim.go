package main

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// W3 sizes: 100k pending entries claimed 100 at a time; the go-redis
// backends send w3Depth XCLAIMs per round trip. miniredis keeps up at full
// size (about 5 s a run).
const (
	w3N     = 100_000
	w3MiniN = 100_000
	w3Batch = 100
	w3Depth = 10
)

// W3 metric keys.
const (
	w3ClaimKey     = "W3 claim (batches of 100)"
	w3AutoClaimKey = "W3 autoclaim sweep (count 100)"
)

func init() {
	register(Workload{Name: "W3", Run: runW3})
}

// runW3 makes n entries pending on consumer c1, then times claiming them all
// to c2 in batches of 100 (XCLAIM, min-idle 0), then times an XAUTOCLAIM
// sweep to c3 (COUNT 100) from 0-0 until the cursor returns to 0-0. It
// verifies that c2, then c3, owns all n.
func runW3(ctx context.Context, c *Conn, scale float64) ([]Metric, error) {
	n := sizeFor(c, w3N, w3MiniN, scale, 2*w3Batch)
	var claim, sweep time.Duration
	var err error
	if c.Client == nil {
		claim, sweep, err = w3Native(n)
	} else {
		claim, sweep, err = w3Client(ctx, c.Client, n)
	}
	if err != nil {
		return nil, fmt.Errorf("W3: %w", err)
	}
	return []Metric{
		{Key: w3ClaimKey, Unit: "msgs/s", Value: rate(n, claim), N: n, HigherIsBetter: true},
		{Key: w3AutoClaimKey, Unit: "msgs/s", Value: rate(n, sweep), N: n, HigherIsBetter: true},
	}, nil
}

// w3Native runs W3 on a native stream and returns the two timings.
func w3Native(n int) (claim, sweep time.Duration, err error) {
	g, err := nativeGroup(n)
	if err != nil {
		return 0, 0, err
	}
	ids, err := nativeReadIDs(g, "c1", n)
	if err != nil {
		return 0, 0, err
	}
	c2 := g.Consumer("c2")
	claimed := 0
	start := time.Now()
	for i := 0; i < n; i += w3Batch {
		es, err := c2.Claim(0, ids[i:min(i+w3Batch, n)], xstream.ClaimOptions{})
		if err != nil {
			return 0, 0, err
		}
		claimed += len(es)
	}
	claim = time.Since(start)
	if err := nativeCheckOwner(g, "c2", claimed, n); err != nil {
		return 0, 0, err
	}

	c3 := g.Consumer("c3")
	claimed = 0
	start = time.Now()
	for cursor := xstream.MinID; ; {
		res, err := c3.AutoClaim(0, cursor, xstream.AutoClaimOptions{Count: w3Batch})
		if err != nil {
			return 0, 0, err
		}
		claimed += len(res.Claimed)
		if cursor = res.Next; cursor.IsZero() {
			break
		}
	}
	sweep = time.Since(start)
	return claim, sweep, nativeCheckOwner(g, "c3", claimed, n)
}

// w3Client runs W3 on a go-redis backend and returns the two timings.
func w3Client(ctx context.Context, c redis.UniversalClient, n int) (claim, sweep time.Duration, err error) {
	if err := clientGroup(ctx, c, n); err != nil {
		return 0, 0, err
	}
	ids, err := clientReadIDs(ctx, c, "c1", n)
	if err != nil {
		return 0, 0, err
	}
	claims := make([]*redis.XMessageSliceCmd, 0, w3Depth)
	pipe := c.Pipeline()
	claimed := 0
	start := time.Now()
	for i := 0; i < n; i += w3Batch * w3Depth {
		claims = claims[:0]
		for j := i; j < min(i+w3Batch*w3Depth, n); j += w3Batch {
			claims = append(claims, pipe.XClaim(ctx, &redis.XClaimArgs{Stream: benchStream, Group: benchGroup,
				Consumer: "c2", Messages: ids[j:min(j+w3Batch, n)]}))
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return 0, 0, err
		}
		for _, cmd := range claims {
			claimed += len(cmd.Val())
		}
	}
	claim = time.Since(start)
	if err := clientCheckOwner(ctx, c, "c2", claimed, n); err != nil {
		return 0, 0, err
	}

	args := &redis.XAutoClaimArgs{Stream: benchStream, Group: benchGroup, Consumer: "c3", Start: "0-0", Count: w3Batch}
	claimed = 0
	start = time.Now()
	for {
		msgs, next, err := c.XAutoClaim(ctx, args).Result()
		if err != nil {
			return 0, 0, err
		}
		claimed += len(msgs)
		if args.Start = next; next == "0-0" {
			break
		}
	}
	sweep = time.Since(start)
	return claim, sweep, clientCheckOwner(ctx, c, "c3", claimed, n)
}

// nativeReadIDs reads count new entries for consumer and returns their IDs.
func nativeReadIDs(g *xstream.Group[Payload], consumer string, count int) ([]xstream.ID, error) {
	msgs, err := g.Consumer(consumer).Read(xstream.ReadGroupOptions{Count: count})
	if err != nil {
		return nil, err
	}
	if len(msgs) != count {
		return nil, fmt.Errorf("%s read %d entries, want %d", consumer, len(msgs), count)
	}
	ids := make([]xstream.ID, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return ids, nil
}

// clientReadIDs reads count new entries of benchStream for consumer in
// benchGroup and returns their IDs.
func clientReadIDs(ctx context.Context, c redis.Cmdable, consumer string, count int) ([]string, error) {
	msgs, err := groupMessages(c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: benchGroup, Consumer: consumer,
		Streams: []string{benchStream, ">"}, Count: int64(count), Block: -1}))
	if err != nil {
		return nil, err
	}
	if len(msgs) != count {
		return nil, fmt.Errorf("%s read %d entries, want %d", consumer, len(msgs), count)
	}
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return ids, nil
}

// nativeCheckOwner verifies that claimed is n and that consumer owns all n
// pending entries of g.
func nativeCheckOwner(g *xstream.Group[Payload], consumer string, claimed, n int) error {
	sum, err := g.Pending()
	if err != nil {
		return err
	}
	return checkOwner(consumer, claimed, pendingOf(sum, consumer), sum.Count, n)
}

// pendingOf returns how many entries consumer owns in a pending summary.
func pendingOf(sum xstream.PendingSummary, consumer string) int {
	for _, cp := range sum.Consumers {
		if cp.Name == consumer {
			return cp.Count
		}
	}
	return 0
}

// clientCheckOwner is nativeCheckOwner on a go-redis backend.
func clientCheckOwner(ctx context.Context, c redis.Cmdable, consumer string, claimed, n int) error {
	sum, err := c.XPending(ctx, benchStream, benchGroup).Result()
	if err != nil {
		return err
	}
	return checkOwner(consumer, claimed, int(sum.Consumers[consumer]), int(sum.Count), n)
}

// checkOwner verifies that claimed is n and that consumer owns all n of
// the total pending entries.
func checkOwner(consumer string, claimed, owned, total, n int) error {
	if claimed != n || owned != n || total != n {
		return fmt.Errorf("claimed %d, %s owns %d of %d pending; want %d, all", claimed, consumer, owned, total, n)
	}
	return nil
}
