package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// W2 sizes: 1M entries, consumed 100 at a time. miniredis takes over 30 s
// at 1M, so it consumes 300k.
const (
	w2N     = 1_000_000
	w2MiniN = 300_000
	w2Batch = 100
)

func init() {
	register(Workload{Name: "W2", Run: runW2})
}

// runW2 times consuming n entries through a group, reading 100 new entries
// and acking them, until the stream is consumed. It verifies that exactly n
// entries were read and acked and that the PEL is empty.
func runW2(ctx context.Context, c *Conn, scale float64) ([]Metric, error) {
	n := sizeFor(c, w2N, w2MiniN, scale, 2*w2Batch)
	var d time.Duration
	var err error
	if c.Client == nil {
		d, err = w2Native(n)
	} else {
		d, err = w2Client(ctx, c.Client, n)
	}
	if err != nil {
		return nil, fmt.Errorf("W2: %w", err)
	}
	return []Metric{{Key: consumeKey, Unit: "msgs/s", Value: rate(n, d), N: n, HigherIsBetter: true}}, nil
}

// w2Native times the read + ack loop on a native stream.
func w2Native(n int) (time.Duration, error) {
	g, err := nativeGroup(n)
	if err != nil {
		return 0, err
	}
	c := g.Consumer("c")
	ids := make([]xstream.ID, 0, w2Batch)
	read, acked := 0, 0
	start := time.Now()
	for {
		msgs, err := c.Read(xstream.ReadGroupOptions{Count: w2Batch})
		if err != nil {
			return 0, err
		}
		if len(msgs) == 0 {
			break
		}
		ids = ids[:0]
		for _, m := range msgs {
			ids = append(ids, m.ID)
		}
		k, err := g.Ack(ids...)
		if err != nil {
			return 0, err
		}
		read += len(msgs)
		acked += k
	}
	d := time.Since(start)
	sum, err := g.Pending()
	if err != nil {
		return 0, err
	}
	return d, checkConsumed(n, read, acked, int64(sum.Count))
}

// w2Client times the read + ack loop on a go-redis backend, sending the ack
// of one batch and the read of the next in one pipeline.
func w2Client(ctx context.Context, c redis.UniversalClient, n int) (time.Duration, error) {
	if err := clientGroup(ctx, c, n); err != nil {
		return 0, err
	}
	args := &redis.XReadGroupArgs{Group: benchGroup, Consumer: "c", Streams: []string{benchStream, ">"},
		Count: w2Batch, Block: -1}
	ids := make([]string, 0, w2Batch)
	pipe := c.Pipeline()
	read, acked := 0, 0
	start := time.Now()
	batch, err := groupMessages(c.XReadGroup(ctx, args))
	for err == nil && len(batch) > 0 {
		read += len(batch)
		ids = ids[:0]
		for _, m := range batch {
			ids = append(ids, m.ID)
		}
		ack := pipe.XAck(ctx, benchStream, benchGroup, ids...)
		next := pipe.XReadGroup(ctx, args)
		_, _ = pipe.Exec(ctx) // errors are checked per command
		k, aerr := ack.Result()
		if aerr != nil {
			return 0, aerr
		}
		acked += int(k)
		batch, err = groupMessages(next)
	}
	d := time.Since(start)
	if err != nil {
		return 0, err
	}
	sum, err := c.XPending(ctx, benchStream, benchGroup).Result()
	if err != nil {
		return 0, err
	}
	return d, checkConsumed(n, read, acked, sum.Count)
}

// checkConsumed verifies a consume loop: n entries read, each acked once
// (XACK counts only pending entries, so n acks are n distinct entries), and
// nothing left pending.
func checkConsumed(n, read, acked int, pending int64) error {
	if read != n || acked != n || pending != 0 {
		return fmt.Errorf("read %d, acked %d, %d left pending; want %d, %d, 0", read, acked, pending, n, n)
	}
	return nil
}

// nativeGroup returns the group benchGroup, created at 0-0, of a new
// native stream of n entries.
func nativeGroup(n int) (*xstream.Group[Payload], error) {
	s := newNativeStream()
	if err := addNative(s, n); err != nil {
		return nil, err
	}
	return s.CreateGroup(benchGroup, xstream.MinID, xstream.GroupOptions{})
}

// clientGroup fills benchStream with n entries and creates benchGroup at 0.
func clientGroup(ctx context.Context, c redis.Cmdable, n int) error {
	if err := addPipelined(ctx, c, n); err != nil {
		return err
	}
	return c.XGroupCreate(ctx, benchStream, benchGroup, "0").Err()
}

// groupMessages returns the messages of a one-stream XREADGROUP reply, none
// when the reply is nil.
func groupMessages(cmd *redis.XStreamSliceCmd) ([]redis.XMessage, error) {
	streams, err := cmd.Result()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil || len(streams) == 0 {
		return nil, err
	}
	return streams[0].Messages, nil
}
