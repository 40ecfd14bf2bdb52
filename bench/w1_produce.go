package main

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// benchStream and benchGroup are the stream key and group name the
// workloads use on the go-redis backends (and the group name on xstream).
const (
	benchStream = "s"
	benchGroup  = "g"
)

// addBatch is how many XADDs addPipelined sends per round trip.
const addBatch = 1000

// W1 sizes: the 1M adds; miniredis takes 9–15 s for 1M, so it
// adds 500k.
const (
	w1N     = 1_000_000
	w1MiniN = 500_000
)

func init() {
	register(Workload{Name: "W1", Run: runW1})
}

// runW1 times n adds with automatic IDs (XADD s * p <payload>) and verifies
// the stream's length.
func runW1(ctx context.Context, c *Conn, scale float64) ([]Metric, error) {
	n := sizeFor(c, w1N, w1MiniN, scale, 10)
	var d time.Duration
	var err error
	if c.Client == nil {
		d, err = w1Native(n)
	} else {
		d, err = w1Client(ctx, c.Client, n)
	}
	if err != nil {
		return nil, fmt.Errorf("W1: %w", err)
	}
	return []Metric{{Key: produceKey, Unit: "msgs/s", Value: rate(n, d), N: n, HigherIsBetter: true}}, nil
}

// w1Native times n adds to a native stream.
func w1Native(n int) (time.Duration, error) {
	s := newNativeStream()
	start := time.Now()
	if err := addNative(s, n); err != nil {
		return 0, err
	}
	d := time.Since(start)
	if got := s.Len(); got != int64(n) {
		return 0, fmt.Errorf("stream has %d entries, want %d", got, n)
	}
	return d, nil
}

// w1Client times n pipelined adds on a go-redis backend.
func w1Client(ctx context.Context, c redis.Cmdable, n int) (time.Duration, error) {
	start := time.Now()
	if err := addPipelined(ctx, c, n); err != nil {
		return 0, err
	}
	d := time.Since(start)
	got, err := c.XLen(ctx, benchStream).Result()
	if err != nil {
		return 0, err
	}
	if got != int64(n) {
		return 0, fmt.Errorf("XLEN is %d, want %d", got, n)
	}
	return d, nil
}

// sizeFor returns a workload's size on c's backend: n, or miniN on
// miniredis, times scale and at least least.
func sizeFor(c *Conn, n, miniN int, scale float64, least int) int {
	if c.Name == Miniredis {
		n = miniN
	}
	return scaled(n, scale, least)
}

// newNativeStream returns an empty stream of payloads on the system clock.
func newNativeStream() *xstream.Stream[Payload] {
	return xstream.New(xstream.Options[Payload]{})
}

// addNative adds n zero payloads with automatic IDs to s.
func addNative(s *xstream.Stream[Payload], n int) error {
	var p Payload
	for range n {
		if _, err := s.Add(p); err != nil {
			return err
		}
	}
	return nil
}

// addPipelined adds n entries (XADD s * p <payload>) to benchStream, addBatch
// per pipeline.
func addPipelined(ctx context.Context, c redis.Cmdable, n int) error {
	args := &redis.XAddArgs{Stream: benchStream, Values: []string{payloadField, payloadValue}}
	for done := 0; done < n; {
		k := min(addBatch, n-done)
		_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for range k {
				p.XAdd(ctx, args)
			}
			return nil
		})
		if err != nil {
			return err
		}
		done += k
	}
	return nil
}
