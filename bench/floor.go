package main

import (
	"context"
	"fmt"
	"time"

	"github.com/google/btree"
)

// The floor: what a message costs in a bare B-tree, the data structure an
// add + read + ack of one message is compared against. A
// github.com/google/btree BTreeG of degree 32 holds a steady window of
// floorWindow in-flight 16-byte keys; per message the next key is inserted
// and the minimum deleted.
const (
	floorN      = 10_000_000 // messages at scale 1
	floorWindow = 100        // keys in flight
	floorDegree = 32
)

func init() {
	register(Workload{Name: "F", Backends: []string{Native}, Run: runFloor})
}

// floorKey is a 16-byte ordered key shaped like a stream ID.
type floorKey struct{ ms, seq uint64 }

// floorLess orders floorKeys as stream IDs are ordered.
func floorLess(a, b floorKey) bool {
	return a.ms < b.ms || a.ms == b.ms && a.seq < b.seq
}

// floorKeyOf returns the i-th key: 16 keys per millisecond, as a fast
// producer's IDs would be, in the order of i.
func floorKeyOf(i int) floorKey {
	return floorKey{ms: 1_700_000_000_000 + uint64(i)/16, seq: uint64(i) % 16}
}

// runFloor times n insert + delete-minimum steps on a B-tree holding
// floorWindow keys and verifies the tree's final contents.
func runFloor(_ context.Context, _ *Conn, scale float64) ([]Metric, error) {
	n := scaled(floorN, scale, 1000)
	t := btree.NewG(floorDegree, floorLess)
	for i := range floorWindow {
		t.ReplaceOrInsert(floorKeyOf(i))
	}
	deleted := 0
	start := time.Now()
	for i := range n {
		t.ReplaceOrInsert(floorKeyOf(floorWindow + i))
		if _, ok := t.DeleteMin(); ok {
			deleted++
		}
	}
	d := time.Since(start)
	if deleted != n || t.Len() != floorWindow {
		return nil, fmt.Errorf("F: %d deletes and %d keys left, want %d and %d", deleted, t.Len(), n, floorWindow)
	}
	if m, _ := t.Min(); m != floorKeyOf(n) {
		return nil, fmt.Errorf("F: minimum key is %v, want %v", m, floorKeyOf(n))
	}
	return []Metric{{Key: floorMetricKey, Unit: "ns/msg", Value: float64(d.Nanoseconds()) / float64(n), N: n}}, nil
}
