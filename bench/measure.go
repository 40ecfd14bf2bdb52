package main

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// A Metric is one number a workload reports for one backend in one run.
type Metric struct {
	// Key identifies the row of the table, e.g. "W1 produce"; the same key
	// from every backend lands in one row.
	Key string
	// Unit is what Value counts, e.g. "msgs/s", "ops/s", "ns/op", "B/entry".
	Unit string
	// Value is the measurement.
	Value float64
	// N is the size the workload ran at (entries, messages, PEL size), so
	// the report can say when a slow backend ran a smaller instance.
	N int
	// HigherIsBetter says how to orient the ratio: for rates the ratio is
	// xstream/other, for costs (ns, bytes) other/xstream, so a ratio above 1
	// always means xstream is better.
	HigherIsBetter bool
}

// A Workload runs one workload once against a fresh backend and returns its
// metrics. scale multiplies the workload's sizes (1 = the sizes);
// tests run with a tiny scale. A workload verifies that it did the work it
// claims (counts read, acked, claimed) and returns an error otherwise.
type Workload struct {
	Name string // "W1", ...
	// Backends this workload runs on (nil: all).
	Backends []string
	Run      func(ctx context.Context, c *Conn, scale float64) ([]Metric, error)
}

// registry holds every workload, filled by register from each workload
// file's init function.
var registry []Workload

// register adds w to the registry.
func register(w Workload) { registry = append(registry, w) }

// scaled returns n*scale, at least min.
func scaled(n int, scale float64, min int) int {
	return max(int(float64(n)*scale), min)
}

// rate returns ops per second.
func rate(ops int, d time.Duration) float64 {
	return float64(ops) / d.Seconds()
}

// heapInUse runs the GC twice and returns the live heap in bytes.
func heapInUse(context.Context) (uint64, error) {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, nil
}

// redisUsedMemory returns INFO memory's used_memory.
func redisUsedMemory(ctx context.Context, c redis.UniversalClient) (uint64, error) {
	info, err := c.Info(ctx, "memory").Result()
	if err != nil {
		return 0, err
	}
	if v, ok := infoField(info, "used_memory"); ok {
		return strconv.ParseUint(v, 10, 64)
	}
	return 0, fmt.Errorf("INFO memory has no used_memory")
}

// infoField returns the value of the field name in an INFO reply.
func infoField(info, name string) (string, bool) {
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), name+":"); ok {
			return v, true
		}
	}
	return "", false
}
