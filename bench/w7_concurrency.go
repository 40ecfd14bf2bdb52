package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// W7 measures concurrency: the throughput of P producers and C consumers of
// one group on one stream, and the latency of waking a blocked reader.
//
// On the go-redis backends producers pipeline their XADDs, w7AddBatch per
// round trip; consumers read with XREADGROUP COUNT w7ReadCount BLOCK
// w7ClientBlock and ack each read with one XACK. The blocking reads of a
// go-redis client do not end with their context, so consumers block for
// w7ClientBlock at a time and check it between reads; the wake-latency
// reader (BLOCK 0) is ended by a stop entry.
const (
	w7M           = 200_000 // messages per throughput run at scale 1
	w7MiniM       = 100_000 // on miniredis
	w7ReadCount   = 100
	w7AddBatch    = 100
	w7ClientBlock = 100 * time.Millisecond
	w7Samples     = 20_000 // wake-latency samples at scale 1
	w7Warmup      = 1_000  // unrecorded wake-ups before them
	// w7Gap is the pause before each wake-latency add, so that the reader
	// is blocked again when the entry arrives. It is spun, not slept:
	// time.Sleep rounds short sleeps up to a millisecond here.
	w7Gap = 50 * time.Microsecond
	// w7Stop marks the entry that ends a go-redis wake-latency reader.
	w7Stop = math.MaxUint64
)

// w7Shapes are the throughput runs: producers + consumers.
var w7Shapes = []struct {
	label     string
	producers int
	consumers int
}{{"1+1", 1, 1}, {"64+64", 64, 64}}

func init() {
	register(Workload{Name: "W7", Run: runW7})
}

// runW7 runs both throughput shapes and the wake-latency measurement.
func runW7(ctx context.Context, c *Conn, scale float64) ([]Metric, error) {
	m := sizeFor(c, w7M, w7MiniM, scale, 1000)
	var ms []Metric
	var rates []float64
	for _, shape := range w7Shapes {
		var d time.Duration
		var err error
		if c.Client == nil {
			d, err = w7ThroughputNative(ctx, m, shape.producers, shape.consumers)
		} else {
			d, err = w7ThroughputClient(ctx, c.Client, m, shape.producers, shape.consumers)
		}
		if err != nil {
			return nil, fmt.Errorf("W7 throughput %s: %w", shape.label, err)
		}
		r := rate(m, d)
		rates = append(rates, r)
		ms = append(ms, Metric{Key: "W7 throughput " + shape.label, Unit: "msgs/s", Value: r, N: m, HigherIsBetter: true})
	}
	ms = append(ms, Metric{Key: "W7 64+64 ÷ 1+1", Unit: "×", Value: rates[1] / rates[0], N: m, HigherIsBetter: true})

	samples, warm := scaled(w7Samples, scale, 100), scaled(w7Warmup, scale, 10)
	var w w7Waker
	if c.Client == nil {
		w = newW7WakerNative()
	} else {
		w = &w7WakerClient{rc: c.Client}
	}
	lats, err := w7Wake(ctx, w, warm, samples)
	if err != nil {
		return nil, fmt.Errorf("W7 wake latency: %w", err)
	}
	slices.Sort(lats)
	pct := func(p int) float64 { return float64(lats[(len(lats)-1)*p/100]) / 1e3 }
	return append(ms,
		Metric{Key: "W7 wake latency p50", Unit: "µs", Value: pct(50), N: samples},
		Metric{Key: "W7 wake latency p99", Unit: "µs", Value: pct(99), N: samples}), nil
}

// w7Payload returns a payload carrying a and b.
func w7Payload(a, b uint64) Payload {
	var p Payload
	binary.LittleEndian.PutUint64(p[:8], a)
	binary.LittleEndian.PutUint64(p[8:], b)
	return p
}

// w7Unpack returns the two numbers a payload carries.
func w7Unpack(p Payload) (a, b uint64) {
	return binary.LittleEndian.Uint64(p[:8]), binary.LittleEndian.Uint64(p[8:])
}

// w7Value returns a go-redis message's payload.
func w7Value(m redis.XMessage) (Payload, error) {
	var p Payload
	v, ok := m.Values[payloadField].(string)
	if !ok || len(v) != len(p) {
		return p, fmt.Errorf("entry %s has no %d-byte field %q: %v", m.ID, len(p), payloadField, m.Values)
	}
	copy(p[:], v)
	return p, nil
}

// w7Tally counts the acks of each of m messages (numbered 0..m-1 in their
// payloads) and signals done when m acks have been counted.
type w7Tally struct {
	m      int
	counts []atomic.Int32
	acked  atomic.Int64
	done   chan struct{}
}

// newW7Tally returns a tally of m messages.
func newW7Tally(m int) *w7Tally {
	return &w7Tally{m: m, counts: make([]atomic.Int32, m), done: make(chan struct{})}
}

// record counts one ack of message i.
func (t *w7Tally) record(i uint64) error {
	if i >= uint64(t.m) {
		return fmt.Errorf("acked message %d, only %d were sent", i, t.m)
	}
	t.counts[i].Add(1)
	return nil
}

// add counts n more acks and closes done when they reach m.
func (t *w7Tally) add(n int) {
	if now := t.acked.Add(int64(n)); now >= int64(t.m) && now-int64(n) < int64(t.m) {
		close(t.done)
	}
}

// check verifies that every message was acked exactly once.
func (t *w7Tally) check() error {
	for i := range t.counts {
		if n := t.counts[i].Load(); n != 1 {
			return fmt.Errorf("message %d acked %d times, want 1", i, n)
		}
	}
	return nil
}

// w7Throughput runs producers and consumers until all m messages are acked
// and returns the time that took. produce(ctx, from) adds messages from,
// from+producers, ... below m; consume(ctx, i) is consumer i's loop, which
// records its acks in t and returns nil when ctx ends. Every goroutine has
// ended when w7Throughput returns.
func w7Throughput(ctx context.Context, t *w7Tally, producers, consumers int,
	produce func(ctx context.Context, from int) error, consume func(ctx context.Context, i int) error) (time.Duration, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var once sync.Once
	var firstErr error
	run := func(f func() error) {
		wg.Go(func() {
			if err := f(); err != nil {
				once.Do(func() { firstErr = err; cancel() })
			}
		})
	}
	start := time.Now()
	for i := range consumers {
		run(func() error { return consume(ctx, i) })
	}
	for i := range producers {
		run(func() error { return produce(ctx, i) })
	}
	select {
	case <-t.done:
	case <-ctx.Done():
	}
	d := time.Since(start)
	cancel()
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	if err := ctx.Err(); t.acked.Load() < int64(t.m) {
		return 0, fmt.Errorf("%d of %d messages acked: %w", t.acked.Load(), t.m, err)
	}
	return d, t.check()
}

// w7ThroughputNative runs one throughput shape on a native stream and
// verifies that the group has nothing pending at the end.
func w7ThroughputNative(ctx context.Context, m, producers, consumers int) (time.Duration, error) {
	s := newNativeStream()
	g, err := s.CreateGroup(benchGroup, xstream.MinID, xstream.GroupOptions{})
	if err != nil {
		return 0, err
	}
	t := newW7Tally(m)
	produce := func(_ context.Context, from int) error {
		for i := from; i < m; i += producers {
			if _, err := s.Add(w7Payload(uint64(i), 0)); err != nil {
				return err
			}
		}
		return nil
	}
	consume := func(ctx context.Context, i int) error {
		c := g.Consumer(fmt.Sprintf("c%d", i))
		ids := make([]xstream.ID, 0, w7ReadCount)
		for {
			msgs, err := c.ReadBlock(ctx, xstream.ReadGroupOptions{Count: w7ReadCount})
			if ctx.Err() != nil {
				return nil
			}
			if err != nil {
				return err
			}
			ids = ids[:0]
			for _, msg := range msgs {
				ids = append(ids, msg.ID)
			}
			n, err := g.Ack(ids...)
			if err == nil && n != len(ids) {
				err = fmt.Errorf("acked %d of %d read entries", n, len(ids))
			}
			if err != nil {
				return err
			}
			for _, msg := range msgs {
				i, _ := w7Unpack(msg.Value)
				if err := t.record(i); err != nil {
					return err
				}
			}
			t.add(n)
		}
	}
	d, err := w7Throughput(ctx, t, producers, consumers, produce, consume)
	if err != nil {
		return 0, err
	}
	return d, w7NativeCheck(s, g, m)
}

// w7NativeCheck verifies that the stream holds n entries, none pending.
func w7NativeCheck(s *xstream.Stream[Payload], g *xstream.Group[Payload], n int) error {
	sum, err := g.Pending()
	if err == nil && (sum.Count != 0 || s.Len() != int64(n)) {
		err = fmt.Errorf("%d entries, %d pending; want %d, 0", s.Len(), sum.Count, n)
	}
	return err
}

// w7ThroughputClient runs one throughput shape on a go-redis backend and
// verifies that the group has nothing pending at the end.
func w7ThroughputClient(ctx context.Context, rc redis.UniversalClient, m, producers, consumers int) (time.Duration, error) {
	if err := w7ClientSetup(ctx, rc); err != nil {
		return 0, err
	}
	t := newW7Tally(m)
	produce := func(ctx context.Context, from int) error {
		for i := from; i < m && ctx.Err() == nil; {
			_, err := rc.Pipelined(ctx, func(p redis.Pipeliner) error {
				for k := 0; k < w7AddBatch && i < m; k, i = k+1, i+producers {
					v := w7Payload(uint64(i), 0)
					p.XAdd(ctx, &redis.XAddArgs{Stream: benchStream, Values: []string{payloadField, string(v[:])}})
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	consume := func(ctx context.Context, i int) error {
		args := &redis.XReadGroupArgs{Group: benchGroup, Consumer: fmt.Sprintf("c%d", i),
			Streams: []string{benchStream, ">"}, Count: w7ReadCount, Block: w7ClientBlock}
		ids := make([]string, 0, w7ReadCount)
		for ctx.Err() == nil {
			msgs, err := groupMessages(rc.XReadGroup(ctx, args))
			if ctx.Err() != nil {
				return nil
			}
			if err != nil {
				return err
			}
			if len(msgs) == 0 {
				continue
			}
			ids = ids[:0]
			for _, msg := range msgs {
				ids = append(ids, msg.ID)
			}
			n, err := rc.XAck(ctx, benchStream, benchGroup, ids...).Result()
			if err == nil && n != int64(len(ids)) {
				err = fmt.Errorf("acked %d of %d read entries", n, len(ids))
			}
			if err != nil {
				return err
			}
			for _, msg := range msgs {
				v, err := w7Value(msg)
				if err != nil {
					return err
				}
				i, _ := w7Unpack(v)
				if err := t.record(i); err != nil {
					return err
				}
			}
			t.add(int(n))
		}
		return nil
	}
	d, err := w7Throughput(ctx, t, producers, consumers, produce, consume)
	if err != nil {
		return 0, err
	}
	return d, w7ClientCheck(ctx, rc, m)
}

// w7ClientCheck verifies that benchStream has m entries and benchGroup
// nothing pending.
func w7ClientCheck(ctx context.Context, rc redis.Cmdable, m int) error {
	n, err := rc.XLen(ctx, benchStream).Result()
	if err != nil {
		return err
	}
	sum, err := rc.XPending(ctx, benchStream, benchGroup).Result()
	if err != nil {
		return err
	}
	if n != int64(m) || sum.Count != 0 {
		return fmt.Errorf("%d entries, %d pending; want %d, 0", n, sum.Count, m)
	}
	return nil
}

// A w7Waker is one backend's side of the wake-latency measurement: a stream
// with a group, one consumer of which reads one entry at a time.
type w7Waker interface {
	// setup creates the stream and group.
	setup(ctx context.Context) error
	// add adds an entry with payload p.
	add(ctx context.Context, p Payload) error
	// read blocks until the consumer is delivered one entry and returns its
	// payload and the time of delivery (Unix ns), after acking it.
	read(ctx context.Context) (p Payload, at int64, err error)
	// stop ends a read that ignores the end of its context.
	stop()
	// check verifies that n entries were added and none is pending.
	check(ctx context.Context, n int) error
}

// w7Wake measures warm+samples wake-ups and returns the latencies of the
// last samples, after a GC: each add carries its send time and the reader
// records the time of delivery. The next add waits for the receipt, and
// then for w7Gap. The reader goroutine has ended when w7Wake returns.
func w7Wake(ctx context.Context, w w7Waker, warm, samples int) ([]time.Duration, error) {
	if err := w.setup(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	type receipt struct {
		lat time.Duration
		seq uint64
		err error
	}
	got := make(chan receipt)
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			p, at, err := w.read(ctx)
			sent, seq := w7Unpack(p)
			if err == nil && seq == w7Stop {
				return
			}
			select {
			case got <- receipt{time.Duration(at - int64(sent)), seq, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	})
	defer func() {
		cancel()
		w.stop()
		wg.Wait()
	}()
	lats := make([]time.Duration, 0, samples)
	for i := range warm + samples {
		if i == warm {
			runtime.GC()
		}
		for t0 := time.Now(); time.Since(t0) < w7Gap; {
			runtime.Gosched()
		}
		if err := w.add(ctx, w7Payload(uint64(time.Now().UnixNano()), uint64(i))); err != nil {
			return nil, err
		}
		var r receipt
		select {
		case r = <-got:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if r.err == nil && r.seq != uint64(i) {
			r.err = fmt.Errorf("received entry %d, want %d", r.seq, i)
		}
		if r.err != nil {
			return nil, r.err
		}
		if i >= warm {
			lats = append(lats, r.lat)
		}
	}
	return lats, w.check(ctx, warm+samples)
}

// w7WakerNative is a w7Waker on the native API.
type w7WakerNative struct {
	s *xstream.Stream[Payload]
	g *xstream.Group[Payload]
	c *xstream.Consumer[Payload]
}

// newW7WakerNative returns a native w7Waker.
func newW7WakerNative() *w7WakerNative { return &w7WakerNative{s: newNativeStream()} }

// setup implements w7Waker.
func (w *w7WakerNative) setup(context.Context) error {
	var err error
	if w.g, err = w.s.CreateGroup(benchGroup, xstream.MinID, xstream.GroupOptions{}); err == nil {
		w.c = w.g.Consumer("c")
	}
	return err
}

// add implements w7Waker.
func (w *w7WakerNative) add(_ context.Context, p Payload) error {
	_, err := w.s.Add(p)
	return err
}

// read implements w7Waker with ReadBlock Count 1.
func (w *w7WakerNative) read(ctx context.Context) (Payload, int64, error) {
	msgs, err := w.c.ReadBlock(ctx, xstream.ReadGroupOptions{Count: 1})
	at := time.Now().UnixNano()
	if err == nil && len(msgs) != 1 {
		err = fmt.Errorf("ReadBlock returned %d entries, want 1", len(msgs))
	}
	if err != nil {
		return Payload{}, 0, err
	}
	if n, err := w.g.Ack(msgs[0].ID); n != 1 || err != nil {
		return Payload{}, 0, fmt.Errorf("ack = %d, %v; want 1", n, err)
	}
	return msgs[0].Value, at, nil
}

// stop implements w7Waker: ReadBlock ends with its context.
func (w *w7WakerNative) stop() {}

// check implements w7Waker.
func (w *w7WakerNative) check(_ context.Context, n int) error { return w7NativeCheck(w.s, w.g, n) }

// w7WakerClient is a w7Waker on a go-redis backend. Its reader's
// XREADGROUP BLOCK 0 holds a pooled connection of its own while it waits.
type w7WakerClient struct {
	rc redis.UniversalClient
}

// setup implements w7Waker.
func (w *w7WakerClient) setup(ctx context.Context) error { return w7ClientSetup(ctx, w.rc) }

// w7ClientSetup makes benchStream an empty stream with group benchGroup at 0.
func w7ClientSetup(ctx context.Context, rc redis.UniversalClient) error {
	if err := rc.Del(ctx, benchStream).Err(); err != nil {
		return err
	}
	return rc.XGroupCreateMkStream(ctx, benchStream, benchGroup, "0").Err()
}

// add implements w7Waker.
func (w *w7WakerClient) add(ctx context.Context, p Payload) error {
	return w.rc.XAdd(ctx, &redis.XAddArgs{Stream: benchStream, Values: []string{payloadField, string(p[:])}}).Err()
}

// read implements w7Waker with XREADGROUP GROUP g c COUNT 1 BLOCK 0.
func (w *w7WakerClient) read(ctx context.Context) (Payload, int64, error) {
	msgs, err := groupMessages(w.rc.XReadGroup(ctx, &redis.XReadGroupArgs{Group: benchGroup, Consumer: "c",
		Streams: []string{benchStream, ">"}, Count: 1, Block: 0}))
	at := time.Now().UnixNano()
	if err == nil && len(msgs) != 1 {
		err = fmt.Errorf("XREADGROUP returned %d entries, want 1", len(msgs))
	}
	if err != nil {
		return Payload{}, 0, err
	}
	p, err := w7Value(msgs[0])
	if err != nil {
		return p, 0, err
	}
	if n, err := w.rc.XAck(ctx, benchStream, benchGroup, msgs[0].ID).Result(); n != 1 || err != nil {
		return p, 0, fmt.Errorf("XACK = %d, %v; want 1", n, err)
	}
	return p, at, nil
}

// stop implements w7Waker: it adds the stop entry that ends a reader
// blocked in BLOCK 0.
func (w *w7WakerClient) stop() {
	w.add(context.Background(), w7Payload(0, w7Stop))
}

// check implements w7Waker.
func (w *w7WakerClient) check(ctx context.Context, n int) error {
	return w7ClientCheck(ctx, w.rc, n)
}
