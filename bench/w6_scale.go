package main

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// W6 measures how XACK, XCLAIM and the XPENDING summary scale with the size
// of the pending-entries list. For each size a fresh stream of n entries is
// built, outside the timing, with every entry pending: delivered in whole
// tenths alternately to consumers c0 and c1. Every measured operation then
// runs on a PEL of that size without draining it: each timed ack of a batch
// is undone, untimed, by a forced claim to the batch's owner; claims move
// batches between c0 and c1; the summary changes nothing. The batches visit
// windows spread evenly across the PEL.
//
// On the go-redis backends claims and summaries are pipelined, as in W3 and
// W4: w3Depth XCLAIMs of w6Batch IDs (distinct windows) and w4Pipe XPENDING
// summaries per round trip. An XACK of w6Batch IDs is one round trip, as
// its undoing claim must follow it before the next ack, or the PEL would
// shrink (at 1e3 it has only ten windows). The build is pipelined too (XADD
// batches of addBatch). Native steps are the equivalent calls, one by one.
const (
	w6Batch     = 100     // IDs per timed ack and claim
	w6IDs       = 100_000 // IDs acked and IDs claimed per size at scale 1
	w6Summaries = 10_000  // summaries taken per size at scale 1
	// w6Budget caps the timed work of one measurement: a slow backend (miniredis,
	// whose PEL is a sorted slice) stops early, after at least one step.
	w6Budget = 500 * time.Millisecond
	// w6MiniMax is the largest PEL miniredis runs at: it builds 1e5 in
	// seconds, while its XACK and XCLAIM FORCE move the whole PEL per ID.
	w6MiniMax = 100_000
	// w6ReadChunk is the COUNT of the build's reads.
	w6ReadChunk = 10_000
)

// w6Sizes are the PEL sizes at scale 1, with the labels of their keys.
var w6Sizes = []struct {
	label string
	n     int
}{{"1e3", 1_000}, {"1e5", 100_000}, {"1e6", 1_000_000}}

func init() {
	register(Workload{Name: "W6", Run: runW6})
}

// w6PEL is one built PEL of one backend: every entry pending, in windows of
// w6Batch consecutive IDs, window w owned by consumer owner[w] (0 or 1).
type w6PEL interface {
	// windows returns how many windows the PEL has.
	windows() int
	// ack acknowledges window w's IDs.
	ack(w int) error
	// restore makes window w's IDs pending again for consumer owner (forced
	// claim).
	restore(w, owner int) error
	// claim claims each move's window for its consumer, with min-idle 0.
	claim(moves []w6Move) error
	// summary takes the PEL summary k times and checks that each shows all
	// n entries, held by the given number of consumers.
	summary(k, consumers int) error
	// drop deletes the stream.
	drop() error
}

// w6Move is a claim of window w for consumer to.
type w6Move struct{ w, to int }

// w6Result is one size's measurement: ns per acked ID, ns per claimed ID,
// ns per summary.
type w6Result struct{ ack, claim, summary float64 }

// runW6 measures each PEL size of w6Sizes (scaled, and at most w6MiniMax on
// miniredis) and emits per-size costs and the largest÷smallest ratios.
func runW6(ctx context.Context, c *Conn, scale float64) ([]Metric, error) {
	results := map[int]w6Result{} // by the size actually used
	var ms []Metric
	var first, last w6Result
	var lastN int
	for i, size := range w6Sizes {
		n := scaled(size.n, scale, w6Batch) / w6Batch * w6Batch
		if c.Name == Miniredis {
			n = min(n, w6MiniMax)
		}
		r, ok := results[n]
		if !ok {
			var err error
			if r, err = w6Measure(ctx, c, n, scaled(w6IDs, scale, w6Batch), scaled(w6Summaries, scale, 10)); err != nil {
				return nil, fmt.Errorf("W6 @%s (PEL %d): %w", size.label, n, err)
			}
			results[n] = r
		}
		ms = append(ms,
			Metric{Key: "W6 ack @" + size.label, Unit: "ns/op", Value: r.ack, N: n},
			Metric{Key: "W6 claim @" + size.label, Unit: "ns/op", Value: r.claim, N: n},
			Metric{Key: "W6 pending summary @" + size.label, Unit: "ns/op", Value: r.summary, N: n})
		if i == 0 {
			first = r
		}
		last, lastN = r, n
	}
	return append(ms,
		Metric{Key: "W6 ack 1e6÷1e3", Unit: "×", Value: last.ack / first.ack, N: lastN},
		Metric{Key: "W6 claim 1e6÷1e3", Unit: "×", Value: last.claim / first.claim, N: lastN},
		Metric{Key: "W6 pending summary 1e6÷1e3", Unit: "×", Value: last.summary / first.summary, N: lastN}), nil
}

// w6Measure builds a PEL of n entries on c and measures on it acks and
// claims of ids IDs, and summaries summaries.
func w6Measure(ctx context.Context, c *Conn, n, ids, summaries int) (w6Result, error) {
	var p w6PEL
	var err error
	if c.Client == nil {
		p, err = w6BuildNative(n)
	} else {
		p, err = w6BuildClient(ctx, c.Client, n)
	}
	if err != nil {
		return w6Result{}, fmt.Errorf("build: %w", err)
	}
	runtime.GC() // keep the build's garbage out of the timing
	tenth := w6Tenth(n)
	owner := make([]int, p.windows())
	for w := range owner {
		owner[w] = w * w6Batch / tenth % 2
	}
	var r w6Result
	steps := max(1, ids/w6Batch)
	if r.ack, err = w6Steps(p.windows(), steps, 1, func(ws []int) (time.Duration, error) {
		start := time.Now()
		if err := p.ack(ws[0]); err != nil {
			return 0, fmt.Errorf("ack: %w", err)
		}
		d := time.Since(start)
		if err := p.restore(ws[0], owner[ws[0]]); err != nil {
			return 0, fmt.Errorf("restore: %w", err)
		}
		return d, nil
	}); err != nil {
		return r, err
	}
	depth := min(w3Depth, p.windows())
	moves := make([]w6Move, 0, depth)
	if r.claim, err = w6Steps(p.windows(), steps, depth, func(ws []int) (time.Duration, error) {
		moves = moves[:0]
		for _, w := range ws {
			moves = append(moves, w6Move{w, 1 - owner[w]})
		}
		start := time.Now()
		if err := p.claim(moves); err != nil {
			return 0, fmt.Errorf("claim: %w", err)
		}
		d := time.Since(start)
		for _, m := range moves {
			owner[m.w] = m.to
		}
		return d, nil
	}); err != nil {
		return r, err
	}
	owners := 1
	if slices.Contains(owner, 0) && slices.Contains(owner, 1) {
		owners = 2
	}
	if r.summary, err = w6Summary(p, summaries, owners); err != nil {
		return r, err
	}
	r.ack /= w6Batch
	r.claim /= w6Batch
	return r, p.drop()
}

// w6Tenth is the number of consecutive entries delivered to one consumer
// while building a PEL of n: a tenth, rounded down to whole windows.
func w6Tenth(n int) int {
	return max(n/10/w6Batch*w6Batch, w6Batch)
}

// w6Steps runs step on windows spread evenly over the PEL, depth distinct
// windows per call (depth <= windows), steps windows in all or until
// w6Budget of timed work, and returns the mean timed ns per window.
func w6Steps(windows, steps, depth int, step func(ws []int) (time.Duration, error)) (float64, error) {
	stride := max(1, windows/steps)
	ws := make([]int, 0, depth)
	var timed time.Duration
	k := 0
	for k < steps && (k == 0 || timed < w6Budget) {
		ws = ws[:0]
		for range depth {
			ws = append(ws, k*stride%windows)
			k++
		}
		d, err := step(ws)
		if err != nil {
			return 0, err
		}
		timed += d
	}
	return float64(timed.Nanoseconds()) / float64(k), nil
}

// w6Summary times up to calls PEL summaries, stopping after w6Budget, and
// returns the mean ns per summary. The PEL's windows have owners owners.
// Summaries go in batches (one pipeline each on go-redis) doubling from 1
// up to w4Pipe, so that a backend whose summary takes a second (miniredis
// at 1e5) stops after one.
func w6Summary(p w6PEL, calls, owners int) (float64, error) {
	k := 0
	start := time.Now()
	for k < calls && (k == 0 || time.Since(start) < w6Budget) {
		batch := min(w4Pipe, calls-k, max(1, k))
		if err := p.summary(batch, owners); err != nil {
			return 0, fmt.Errorf("summary: %w", err)
		}
		k += batch
	}
	return float64(time.Since(start).Nanoseconds()) / float64(k), nil
}

// w6Native is a w6PEL on the native API.
type w6Native struct {
	g   *xstream.Group[Payload]
	cs  [2]*xstream.Consumer[Payload]
	ids []xstream.ID
}

// w6BuildNative builds a native stream of n entries, all pending.
func w6BuildNative(n int) (*w6Native, error) {
	g, err := nativeGroup(n)
	if err != nil {
		return nil, err
	}
	p := &w6Native{g: g, cs: [2]*xstream.Consumer[Payload]{g.Consumer("c0"), g.Consumer("c1")}}
	err = w6Deliver(n, func(owner, k int) error {
		ids, err := nativeReadIDs(g, p.cs[owner].Name(), k)
		p.ids = append(p.ids, ids...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, p.summary(1, min(2, n/w6Tenth(n)))
}

// w6Deliver makes n entries pending by calling read(owner, k) to deliver
// the next k of them to consumer owner (0 or 1), alternating owners every
// tenth of n, at most w6ReadChunk per call.
func w6Deliver(n int, read func(owner, k int) error) error {
	tenth := w6Tenth(n)
	for start := 0; start < n; {
		k := min(w6ReadChunk, tenth-start%tenth, n-start)
		if err := read(start/tenth%2, k); err != nil {
			return err
		}
		start += k
	}
	return nil
}

// windows implements w6PEL.
func (p *w6Native) windows() int { return len(p.ids) / w6Batch }

// window returns window w's IDs.
func (p *w6Native) window(w int) []xstream.ID { return p.ids[w*w6Batch : (w+1)*w6Batch] }

// ack implements w6PEL.
func (p *w6Native) ack(w int) error {
	n, err := p.g.Ack(p.window(w)...)
	return w6Check("acked", n, err)
}

// restore implements w6PEL.
func (p *w6Native) restore(w, owner int) error {
	got, err := p.cs[owner].Claim(0, p.window(w), xstream.ClaimOptions{Force: true, JustID: true})
	return w6Check("claimed", len(got), err)
}

// claim implements w6PEL.
func (p *w6Native) claim(moves []w6Move) error {
	for _, m := range moves {
		got, err := p.cs[m.to].Claim(0, p.window(m.w), xstream.ClaimOptions{})
		if err := w6Check("claimed", len(got), err); err != nil {
			return err
		}
	}
	return nil
}

// summary implements w6PEL.
func (p *w6Native) summary(k, consumers int) error {
	for range k {
		sum, err := p.g.Pending()
		if err != nil {
			return err
		}
		if err := w6CheckSummary(sum.Count, len(sum.Consumers), len(p.ids), consumers); err != nil {
			return err
		}
	}
	return nil
}

// drop implements w6PEL: nothing to do, the stream becomes garbage.
func (p *w6Native) drop() error { return nil }

// w6Client is a w6PEL on a go-redis backend.
type w6Client struct {
	ctx context.Context
	rc  redis.UniversalClient
	ids []string
}

// w6Consumers are the consumer names of a w6Client's PEL.
var w6Consumers = [2]string{"c0", "c1"}

// w6BuildClient builds benchStream with n entries, all pending.
func w6BuildClient(ctx context.Context, rc redis.UniversalClient, n int) (*w6Client, error) {
	if err := clientGroup(ctx, rc, n); err != nil {
		return nil, err
	}
	p := &w6Client{ctx: ctx, rc: rc}
	err := w6Deliver(n, func(owner, k int) error {
		ids, err := clientReadIDs(ctx, rc, w6Consumers[owner], k)
		p.ids = append(p.ids, ids...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, p.summary(1, min(2, n/w6Tenth(n)))
}

// windows implements w6PEL.
func (p *w6Client) windows() int { return len(p.ids) / w6Batch }

// window returns window w's IDs.
func (p *w6Client) window(w int) []string { return p.ids[w*w6Batch : (w+1)*w6Batch] }

// ack implements w6PEL: XACK s g <100 IDs>.
func (p *w6Client) ack(w int) error {
	n, err := p.rc.XAck(p.ctx, benchStream, benchGroup, p.window(w)...).Result()
	return w6Check("acked", int(n), err)
}

// restore implements w6PEL: XCLAIM s g <owner> 0 <100 IDs> FORCE JUSTID.
func (p *w6Client) restore(w, owner int) error {
	args := make([]any, 0, 5+w6Batch+2)
	args = append(args, "XCLAIM", benchStream, benchGroup, w6Consumers[owner], 0)
	for _, id := range p.window(w) {
		args = append(args, id)
	}
	got, err := p.rc.Do(p.ctx, append(args, "FORCE", "JUSTID")...).Slice()
	return w6Check("claimed", len(got), err)
}

// claim implements w6PEL: one pipeline of XCLAIM s g <to> 0 <100 IDs>.
func (p *w6Client) claim(moves []w6Move) error {
	cmds, err := p.rc.Pipelined(p.ctx, func(pipe redis.Pipeliner) error {
		for _, m := range moves {
			pipe.XClaim(p.ctx, &redis.XClaimArgs{Stream: benchStream, Group: benchGroup,
				Consumer: w6Consumers[m.to], Messages: p.window(m.w)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, cmd := range cmds {
		got, err := cmd.(*redis.XMessageSliceCmd).Result()
		if err := w6Check("claimed", len(got), err); err != nil {
			return err
		}
	}
	return nil
}

// summary implements w6PEL: one pipeline of k XPENDING s g.
func (p *w6Client) summary(k, consumers int) error {
	cmds, err := p.rc.Pipelined(p.ctx, func(pipe redis.Pipeliner) error {
		for range k {
			pipe.XPending(p.ctx, benchStream, benchGroup)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, cmd := range cmds {
		sum, err := cmd.(*redis.XPendingCmd).Result()
		if err != nil {
			return err
		}
		if err := w6CheckSummary(int(sum.Count), len(sum.Consumers), len(p.ids), consumers); err != nil {
			return err
		}
	}
	return nil
}

// drop implements w6PEL: DEL s.
func (p *w6Client) drop() error {
	return p.rc.Del(p.ctx, benchStream).Err()
}

// w6Check returns err, or an error if an operation on a window did not
// ack or claim all w6Batch of its entries.
func w6Check(what string, got int, err error) error {
	if err == nil && got != w6Batch {
		err = fmt.Errorf("%s %d entries, want %d", what, got, w6Batch)
	}
	return err
}

// w6CheckSummary checks that a PEL summary shows all n entries, held by
// want consumers.
func w6CheckSummary(count, consumers, n, want int) error {
	if count != n || consumers != want {
		return fmt.Errorf("PEL summary: %d entries of %d consumers, want %d of %d", count, consumers, n, want)
	}
	return nil
}
