package xstream

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// Benchmarks of the hot operations. Payloads are 16 bytes. The operations
// whose cost depends on the size of the pending-entries list run at PEL sizes
// 1e3, 1e5 and 1e6 (sub-benchmarks "pel=1e3" ...). Each builds its PEL once,
// outside the timing, and every iteration performs the named operation on a
// PEL of that size without draining it: claims move entries back and forth
// between two consumers, acks are undone (untimed) by forced claims.

type btPayload = [16]byte

// btPELSizes are the PEL sizes of the PEL-dependent benchmarks.
var btPELSizes = []struct {
	name string
	n    int
}{{"pel=1e3", 1e3}, {"pel=1e5", 1e5}, {"pel=1e6", 1e6}}

// btWindow is the batch size of the Claim, AutoClaim and PendingRange
// benchmarks.
const btWindow = 100

// btFixture is a stream whose group "g" has every entry pending, delivered
// in whole tenths (of at least btWindow entries) alternately to consumers c0
// and c1: the first tenth to c0, the second to c1, and so on (see owner).
type btFixture struct {
	clock *ManualClock
	s     *Stream[btPayload]
	g     *Group[btPayload]
	cs    [2]*Consumer[btPayload]
	ids   []ID
	owner []int // owner[w]: index in cs of the consumer owning window w

	next   int // the next window to work on
	cursor ID  // AutoClaim's cursor
	sweep  int // AutoClaim sweeps completed
}

// btNewFixture builds a stream of n entries, all delivered to group "g":
// in tenths alternately to consumers c0 and c1.
func btNewFixture(tb testing.TB, n int) *btFixture {
	f := &btFixture{clock: NewManualClock(time.UnixMilli(1_000_000))}
	f.s = New(Options[btPayload]{Clock: f.clock})
	f.ids = make([]ID, n)
	for i := range n {
		id, err := f.s.Add(btPayload{byte(i)})
		if err != nil {
			tb.Fatal(err)
		}
		f.ids[i] = id
	}
	var err error
	if f.g, err = f.s.CreateGroup("g", MinID, GroupOptions{}); err != nil {
		tb.Fatal(err)
	}
	f.cs = [2]*Consumer[btPayload]{f.g.Consumer("c0"), f.g.Consumer("c1")}
	tenth := max(n/10, btWindow)
	for i := 0; i < n; i += tenth {
		if _, err := f.cs[i/tenth%2].Read(ReadGroupOptions{Count: tenth}); err != nil {
			tb.Fatal(err)
		}
	}
	f.owner = make([]int, n/btWindow)
	for w := range f.owner {
		f.owner[w] = w * btWindow / tenth % 2
	}
	if sum, _ := f.g.Pending(); sum.Count != n {
		tb.Fatalf("fixture: %d pending, want %d", sum.Count, n)
	}
	f.clock.Advance(time.Hour) // everything is idle
	runtime.GC()               // keep the build's garbage out of the timing
	return f
}

// btFixtures caches one fixture per size for the sub-benchmarks of one
// benchmark (b.Run calls its function several times, with growing b.N).
type btFixtures map[int]*btFixture

func (fs btFixtures) get(b *testing.B, n int) *btFixture {
	if fs[n] == nil {
		b.StopTimer()
		fs[n] = btNewFixture(b, n)
		b.StartTimer()
	}
	return fs[n]
}

// btEachSize runs bench as a sub-benchmark for each PEL size.
func btEachSize(b *testing.B, bench func(b *testing.B, f *btFixture)) {
	fs := btFixtures{}
	for _, size := range btPELSizes {
		b.Run(size.name, func(b *testing.B) {
			f := fs.get(b, size.n)
			b.ReportAllocs()
			b.ResetTimer()
			bench(b, f)
		})
		delete(fs, size.n) // free a size before building the next
	}
}

// BenchmarkAdd: one automatic-ID add of a 16-byte payload (XADD s * ...),
// on the system clock, to a growing stream without groups.
func BenchmarkAdd(b *testing.B) {
	s := New(Options[btPayload]{})
	v := btPayload{1, 2, 3}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Add(v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAck100: one cycle of a worker: read 100 new entries, then ack
// the 100 in one call. The stream holds 100k entries; at its end the group
// is moved back to the start (XGROUP SETID 0) and the reads continue.
func BenchmarkReadAck100(b *testing.B) {
	s := New(Options[btPayload]{Clock: NewManualClock(time.UnixMilli(1_000_000))})
	for i := range 100_000 {
		s.Add(btPayload{byte(i)})
	}
	g, _ := s.CreateGroup("g", MinID, GroupOptions{})
	c := g.Consumer("c")
	ids := make([]ID, 0, 100)
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := c.Read(ReadGroupOptions{Count: 100})
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs) == 0 {
			g.SetID(MinID, GroupOptions{})
			continue
		}
		ids = ids[:0]
		for _, m := range msgs {
			ids = append(ids, m.ID)
		}
		if n, _ := g.Ack(ids...); n != len(msgs) {
			b.Fatalf("Ack = %d, want %d", n, len(msgs))
		}
	}
}

// BenchmarkClaim: one XCLAIM of 100 pending IDs (consecutive in ID order)
// from the consumer that owns them to the other one; each entry idle for at
// least MinIdle. The PEL size does not change.
func BenchmarkClaim(b *testing.B) {
	btEachSize(b, func(b *testing.B, f *btFixture) {
		for range b.N {
			f.clock.Advance(time.Second)
			w := f.next
			f.next = (f.next + 1) % len(f.owner)
			to := 1 - f.owner[w]
			f.owner[w] = to
			got, err := f.cs[to].Claim(time.Millisecond, f.ids[w*btWindow:(w+1)*btWindow], ClaimOptions{})
			if err != nil || len(got) != btWindow {
				b.Fatalf("Claim = %d entries, %v; want %d", len(got), err, btWindow)
			}
		}
	})
}

// BenchmarkAutoClaim: one XAUTOCLAIM with Count 100 continuing a sweep of the
// whole PEL; each sweep claims everything for the other consumer (a first,
// untimed sweep gives all entries to c0). Every call examines and claims 100
// entries.
func BenchmarkAutoClaim(b *testing.B) {
	btEachSize(b, func(b *testing.B, f *btFixture) {
		if f.sweep == 0 {
			b.StopTimer()
			for {
				res, _ := f.cs[0].AutoClaim(0, f.cursor, AutoClaimOptions{Count: 1000})
				if f.cursor = res.Next; f.cursor.IsZero() {
					break
				}
			}
			f.sweep = 1
			b.StartTimer()
		}
		for range b.N {
			f.clock.Advance(time.Second)
			res, err := f.cs[f.sweep%2].AutoClaim(time.Millisecond, f.cursor, AutoClaimOptions{Count: btWindow})
			if err != nil || len(res.Claimed) != btWindow {
				b.Fatalf("AutoClaim = %d entries, %v; want %d", len(res.Claimed), err, btWindow)
			}
			if f.cursor = res.Next; f.cursor.IsZero() {
				f.sweep++
			}
		}
	})
}

// BenchmarkPending: the XPENDING summary (count, bounds, two consumers).
func BenchmarkPending(b *testing.B) {
	btEachSize(b, func(b *testing.B, f *btFixture) {
		for range b.N {
			sum, err := f.g.Pending()
			if err != nil || sum.Count != len(f.ids) || len(sum.Consumers) != 2 {
				b.Fatalf("Pending = %+v, %v", sum, err)
			}
		}
	})
}

// BenchmarkPendingRange: XPENDING's extended form, 100 entries from a start
// that moves through the PEL.
func BenchmarkPendingRange(b *testing.B) {
	btEachSize(b, func(b *testing.B, f *btFixture) {
		for range b.N {
			w := f.next
			f.next = (f.next + 1) % len(f.owner)
			ps, err := f.g.PendingRange(f.ids[w*btWindow], MaxID, btWindow, PendingFilter{})
			if err != nil || len(ps) != btWindow {
				b.Fatalf("PendingRange = %d entries, %v; want %d", len(ps), err, btWindow)
			}
		}
	})
}

// BenchmarkAck: one XACK of one pending ID. Acks go through the PEL in runs of
// up to 1000 consecutive IDs (a tenth of the PEL at 1e3); after each run the
// acked IDs are made pending again by a forced claim, outside the timing.
func BenchmarkAck(b *testing.B) {
	btEachSize(b, func(b *testing.B, f *btFixture) {
		n := len(f.ids)
		run := min(1000, n/10)
		for i := 0; i < b.N; {
			k := min(run, b.N-i)
			start := f.next * run
			batch := f.ids[start : start+k]
			for _, id := range batch {
				if got, _ := f.g.Ack(id); got != 1 {
					b.Fatalf("Ack(%v) = %d, want 1", id, got)
				}
			}
			i += k
			b.StopTimer()
			if got, _ := f.cs[0].Claim(0, batch, ClaimOptions{Force: true}); len(got) != k {
				b.Fatalf("re-pending: Claim(Force) = %d entries, want %d", len(got), k)
			}
			f.next = (f.next + 1) % (n / run)
			b.StartTimer()
		}
	})
}

// BenchmarkBlockWake: the latency of a blocked reader's wake-up: from the Add
// of an entry, while one group reader is blocked in ReadBlock, until the
// reader has returned it and signalled back on a channel. The wait until the
// reader is blocked again is not timed.
func BenchmarkBlockWake(b *testing.B) {
	s := New(Options[btPayload]{})
	g, _ := s.CreateGroup("g", MinID, GroupOptions{})
	c := g.Consumer("c")
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error)
	go func() {
		for {
			msgs, err := c.ReadBlock(ctx, ReadGroupOptions{Count: 1, NoAck: true})
			if err == nil && len(msgs) != 1 {
				err = fmt.Errorf("ReadBlock returned %d entries, want 1", len(msgs))
			}
			got <- err
			if err != nil {
				return
			}
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		for btWaiters(s) == 0 {
			runtime.Gosched()
		}
		b.StartTimer()
		s.Add(btPayload{})
		if err := <-got; err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cancel()
	<-got
}

// Operations designed to allocate nothing. Those not listed allocate: replies
// are fresh slices (pending records come from the group's slab, one 3 KiB
// block per 64 records).
func TestAllocFree(t *testing.T) {
	clock := NewManualClock(time.UnixMilli(1_000_000))
	s := New(Options[btPayload]{Clock: clock})
	for range 2000 {
		s.Add(btPayload{})
	}
	g, _ := s.CreateGroup("g", MinID, GroupOptions{})
	g.Consumer("c").Read(ReadGroupOptions{Count: 10})
	id := ID{1_000_000, 5}
	var pendingIDs []ID
	msgs, _ := g.Consumer("a").Read(ReadGroupOptions{})
	for _, m := range msgs {
		pendingIDs = append(pendingIDs, m.ID)
	}
	var v btPayload
	for _, tc := range []struct {
		name string
		fn   func()
	}{
		{"Stream.Len", func() { s.Len() }},
		{"Stream.LastID", func() { s.LastID() }},
		{"Stream.First", func() { s.First() }},
		{"Stream.Last", func() { s.Last() }},
		{"Stream.Get", func() { s.Get(id) }},
		{"Stream.Add (amortized: one node per 100 entries)", func() { s.Add(v) }},
		{"Group.Consumer", func() { g.Consumer("c") }},
		{"Group.Info", func() { g.Info() }},
		{"Group.Ack (of an ID not pending)", func() { g.Ack(ID{1, 1}) }},
		{"Group.Ack (of a pending ID)", func() { g.Ack(pendingIDs[0]); pendingIDs = pendingIDs[1:] }},
		{"ID.Compare", func() { id.Compare(MaxID) }},
		{"ParseID", func() { ParseID("1526919030474-55") }},
	} {
		if n := testing.AllocsPerRun(1000, tc.fn); n != 0 {
			t.Errorf("%s: AllocsPerRun = %v, want 0", tc.name, n)
		}
	}
}
