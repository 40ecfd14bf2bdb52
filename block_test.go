package xstream

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Tests of blocking reads. They never assert how long something took, only
// what happened; waits for "reader is blocked" poll s.waiters, and every wait
// has a generous deadline so that a bug fails the test instead of hanging it.

const btPatience = 10 * time.Second

// btWaiters returns how many registrations are queued on s.
func btWaiters[V any](s *Stream[V]) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.waiters)
}

// btAwaitWaiters waits until n registrations are queued on s.
func btAwaitWaiters[V any](t *testing.T, s *Stream[V], n int) {
	t.Helper()
	deadline := time.Now().Add(btPatience)
	for btWaiters(s) != n {
		if time.Now().After(deadline) {
			t.Fatalf("len(s.waiters) = %d, want %d", btWaiters(s), n)
		}
		time.Sleep(50 * time.Microsecond)
	}
}

// btNoLeak fails the test if, once it and its cleanups before this one are
// over, more goroutines run than when it started, for longer than patience.
func btNoLeak(t *testing.T, patience time.Duration) {
	t.Helper()
	base := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(patience)
		for runtime.NumGoroutine() > base {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutines = %d, want <= %d\n%s", runtime.NumGoroutine(), base, buf)
				return
			}
			time.Sleep(time.Millisecond)
		}
	})
}

// btCtx returns a context that ends with the test, or after btPatience.
func btCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), btPatience)
	t.Cleanup(cancel)
	return ctx
}

type btGroupResult struct {
	msgs []Message[string]
	err  error
}

// btReadBlock runs c.ReadBlock in a goroutine; the result arrives on the
// returned channel.
func btReadBlock(ctx context.Context, c *Consumer[string], opts ReadGroupOptions) <-chan btGroupResult {
	ch := make(chan btGroupResult, 1)
	go func() {
		msgs, err := c.ReadBlock(ctx, opts)
		ch <- btGroupResult{msgs, err}
	}()
	return ch
}

// btRecv waits for a value on ch.
func btRecv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(btPatience):
		t.Fatal("blocked reader did not return")
		panic("unreachable")
	}
}

// btNotReady fails if ch already has a value: the reader should still be
// blocked.
func btNotReady[T any](t *testing.T, ch <-chan T) {
	t.Helper()
	select {
	case v := <-ch:
		t.Fatalf("reader returned %+v, want it still blocked", v)
	default:
	}
}

func btAdd(t *testing.T, s *Stream[string], v string) ID {
	t.Helper()
	id, err := s.Add(v)
	if err != nil {
		t.Fatalf("Add(%q) = %v", v, err)
	}
	return id
}

// btPendingOwners returns each pending ID of g with its owner ("" if NACKed).
func btPendingOwners(t *testing.T, g *Group[string]) map[ID]string {
	t.Helper()
	ps, err := g.PendingRange(MinID, MaxID, 1<<30, PendingFilter{})
	if err != nil {
		t.Fatalf("PendingRange = %v", err)
	}
	out := make(map[ID]string, len(ps))
	for _, p := range ps {
		out[p.ID] = p.Consumer
	}
	return out
}

func TestBlockFIFOGroupReaders(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx := btCtx(t)
	s := New(Options[string]{})
	g := stGroup(t, s, "g")
	const n = 5
	chs := make([]<-chan btGroupResult, n)
	for i := range n {
		chs[i] = btReadBlock(ctx, g.Consumer(fmt.Sprint("c", i)), ReadGroupOptions{})
		btAwaitWaiters(t, s, i+1) // c<i> blocked before c<i+1>
	}
	ids := make([]ID, n)
	for i := range n {
		ids[i] = btAdd(t, s, fmt.Sprint("v", i))
		if got, want := btWaiters(s), n-i-1; got != want {
			t.Fatalf("after add %d: len(s.waiters) = %d, want %d", i, got, want)
		}
	}
	for i, ch := range chs {
		r := btRecv(t, ch)
		if r.err != nil || len(r.msgs) != 1 || r.msgs[0].ID != ids[i] {
			t.Errorf("c%d: ReadBlock = %+v, %v; want [%v v%d]", i, r.msgs, r.err, ids[i], i)
		}
	}
	owners := btPendingOwners(t, g)
	for i, id := range ids {
		if got, want := owners[id], fmt.Sprint("c", i); got != want {
			t.Errorf("owner(%v) = %q, want %q", id, got, want)
		}
	}
}

// Many blocked readers of a group looping on ReadBlock while producers add:
// every entry goes to exactly one of them and is pending under that reader.
func TestBlockEachEntryToOneReader(t *testing.T) {
	btNoLeak(t, btPatience)
	s := New(Options[string]{})
	g := stGroup(t, s, "g")
	const readers, producers, perProducer = 8, 2, 150
	const total = producers * perProducer

	ctx, cancel := context.WithCancel(btCtx(t))
	type got struct {
		consumer string
		id       ID
	}
	gotCh := make(chan got, total)
	var wg sync.WaitGroup
	errs := make(chan error, readers)
	for r := range readers {
		c := g.Consumer(fmt.Sprint("c", r))
		wg.Go(func() {
			for {
				msgs, err := c.ReadBlock(ctx, ReadGroupOptions{Count: 1 + r%3})
				if err != nil {
					if !errors.Is(err, context.Canceled) {
						errs <- err
					}
					return
				}
				for _, m := range msgs {
					gotCh <- got{c.Name(), m.ID}
				}
			}
		})
	}
	btAwaitWaiters(t, s, readers)
	var pwg sync.WaitGroup
	for p := range producers {
		pwg.Go(func() {
			for i := range perProducer {
				s.Add(fmt.Sprint(p, "/", i))
			}
		})
	}
	pwg.Wait()

	received := map[ID]string{}
	for range total {
		m := btRecv(t, gotCh)
		if prev, dup := received[m.id]; dup {
			t.Fatalf("%v delivered to %s and %s", m.id, prev, m.consumer)
		}
		received[m.id] = m.consumer
	}
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("ReadBlock = %v", err)
	}
	if btWaiters(s) != 0 {
		t.Errorf("len(s.waiters) = %d after all readers returned, want 0", btWaiters(s))
	}
	owners := btPendingOwners(t, g)
	if len(owners) != total {
		t.Errorf("pending = %d, want %d", len(owners), total)
	}
	for id, c := range received {
		if owners[id] != c {
			t.Errorf("owner(%v) = %q, want the reader that got it, %q", id, owners[id], c)
		}
	}
}

// XREAD-style readers are not a group: every blocked one gets the new entry.
func TestBlockReadWakesOnAdd(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx := btCtx(t)
	s := New(Options[string]{})
	btAdd(t, s, "old")
	after := s.LastID()
	type res struct {
		es  []Entry[string]
		err error
	}
	const n = 3
	chs := make([]chan res, n+1)
	for i := range n {
		chs[i] = make(chan res, 1)
		go func() {
			es, err := s.ReadEntriesBlock(ctx, after, 0)
			chs[i] <- res{es, err}
		}()
	}
	chs[n] = make(chan res, 1)
	go func() {
		out, err := Read(ctx, []StreamRead[string]{{Stream: s, After: after}}, ReadOptions{Block: true})
		var es []Entry[string]
		if len(out) == 1 {
			es = out[0].Entries
		}
		chs[n] <- res{es, err}
	}()
	btAwaitWaiters(t, s, n+1)
	id := btAdd(t, s, "new")
	for i, ch := range chs {
		r := btRecv(t, ch)
		if r.err != nil || len(r.es) != 1 || r.es[0] != (Entry[string]{id, "new"}) {
			t.Errorf("reader %d: %+v, %v; want [{%v new}]", i, r.es, r.err, id)
		}
	}
	if btWaiters(s) != 0 {
		t.Errorf("len(s.waiters) = %d, want 0", btWaiters(s))
	}
}

func TestBlockReadMultiStream(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx := btCtx(t)
	a := New(Options[string]{Name: "a"})
	b := New(Options[string]{Name: "b"})
	ch := make(chan []StreamEntries[string], 1)
	go func() {
		out, err := Read(ctx, []StreamRead[string]{{Stream: a}, {Stream: b, AtEnd: true}}, ReadOptions{Block: true})
		if err != nil {
			t.Errorf("Read = %v", err)
		}
		ch <- out
	}()
	btAwaitWaiters(t, a, 1)
	btAwaitWaiters(t, b, 1)
	id := btAdd(t, b, "x")
	out := btRecv(t, ch)
	if len(out) != 1 || out[0].Stream != b || len(out[0].Entries) != 1 || out[0].Entries[0].ID != id {
		t.Errorf("Read = %+v, want b's entry %v only", out, id)
	}
	if btWaiters(a) != 0 || btWaiters(b) != 0 {
		t.Errorf("waiters = %d, %d after return; want 0, 0", btWaiters(a), btWaiters(b))
	}
}

func TestBlockReadGroupMultiStream(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx := btCtx(t)
	a := New(Options[string]{Name: "a"})
	b := New(Options[string]{Name: "b"})
	ga, gb := stGroup(t, a, "g"), stGroup(t, b, "g")
	ch := make(chan []StreamMessages[string], 1)
	go func() {
		out, err := ReadGroup(ctx, "g", "c", []GroupRead[string]{{Stream: a}, {Stream: b}}, ReadGroupOptions{Block: true})
		if err != nil {
			t.Errorf("ReadGroup = %v", err)
		}
		ch <- out
	}()
	btAwaitWaiters(t, a, 1)
	btAwaitWaiters(t, b, 1)
	id := btAdd(t, a, "x")
	out := btRecv(t, ch)
	if len(out) != 1 || out[0].Stream != a || len(out[0].Messages) != 1 || out[0].Messages[0].ID != id {
		t.Errorf("ReadGroup = %+v, want a's entry %v only", out, id)
	}
	if btWaiters(a) != 0 || btWaiters(b) != 0 {
		t.Errorf("waiters = %d, %d after return; want 0, 0", btWaiters(a), btWaiters(b))
	}
	if got := btPendingOwners(t, ga); len(got) != 1 || got[id] != "c" {
		t.Errorf("a's pending = %v, want {%v: c}", got, id)
	}
	// b gets an entry now: nobody is waiting for it, so it stays undelivered.
	btAdd(t, b, "y")
	if got := btPendingOwners(t, gb); len(got) != 0 {
		t.Errorf("b's pending = %v, want none", got)
	}
}

func TestBlockAtEnd(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx := btCtx(t)
	s := New(Options[string]{})
	btAdd(t, s, "old1")
	btAdd(t, s, "old2")

	// XREAD BLOCK $: only entries added after the call.
	ch := make(chan []StreamEntries[string], 1)
	go func() {
		out, _ := Read(ctx, []StreamRead[string]{{Stream: s, AtEnd: true}}, ReadOptions{Block: true})
		ch <- out
	}()
	btAwaitWaiters(t, s, 1)
	id := btAdd(t, s, "new")
	if out := btRecv(t, ch); len(out) != 1 || len(out[0].Entries) != 1 || out[0].Entries[0].ID != id {
		t.Errorf("Read(AtEnd) = %+v, want only %v", out, id)
	}

	// XGROUP CREATE ... $: the group's first read gets only later entries.
	g, err := s.CreateGroup("tail", ID{}, GroupOptions{AtEnd: true})
	if err != nil {
		t.Fatal(err)
	}
	rch := btReadBlock(ctx, g.Consumer("c"), ReadGroupOptions{})
	btAwaitWaiters(t, s, 1)
	id = btAdd(t, s, "newer")
	if r := btRecv(t, rch); r.err != nil || len(r.msgs) != 1 || r.msgs[0].ID != id {
		t.Errorf("ReadBlock after CreateGroup(AtEnd) = %+v, %v; want only %v", r.msgs, r.err, id)
	}
}

func TestBlockDestroyGroupWakes(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx, cancel := context.WithCancel(btCtx(t))
	defer cancel()
	s := New(Options[string]{})
	g := stGroup(t, s, "g")
	h := stGroup(t, s, "h")
	c1 := btReadBlock(ctx, g.Consumer("c1"), ReadGroupOptions{})
	c2 := btReadBlock(ctx, g.Consumer("c2"), ReadGroupOptions{Claim: true, MinIdle: time.Hour})
	other := btReadBlock(ctx, h.Consumer("c"), ReadGroupOptions{})
	btAwaitWaiters(t, s, 3)

	if !s.DestroyGroup("g") {
		t.Fatal("DestroyGroup = false")
	}
	for i, ch := range []<-chan btGroupResult{c1, c2} {
		if r := btRecv(t, ch); !errors.Is(r.err, ErrNoGroup) || r.msgs != nil {
			t.Errorf("reader %d of destroyed group: %+v, %v; want ErrNoGroup", i+1, r.msgs, r.err)
		}
	}
	btAwaitWaiters(t, s, 1) // the reader of h is still blocked
	btNotReady(t, other)
	cancel()
	if r := btRecv(t, other); !errors.Is(r.err, context.Canceled) {
		t.Errorf("reader of h: %v, want context.Canceled", r.err)
	}
}

func TestBlockNackWakesClaimReader(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx, cancel := context.WithCancel(btCtx(t))
	defer cancel()
	clock := NewManualClock(time.UnixMilli(1_700_000_000_000)) // released entries are idle since the epoch
	s := New(Options[string]{Clock: clock})
	g := stGroup(t, s, "g")
	id := btAdd(t, s, "job")
	if msgs, err := g.Consumer("alice").Read(ReadGroupOptions{}); err != nil || len(msgs) != 1 {
		t.Fatalf("alice Read = %v, %v", msgs, err)
	}
	// carol blocks first, but a plain read does not take released entries.
	carol := btReadBlock(ctx, g.Consumer("carol"), ReadGroupOptions{})
	btAwaitWaiters(t, s, 1)
	bob := btReadBlock(ctx, g.Consumer("bob"), ReadGroupOptions{Claim: true, MinIdle: time.Hour})
	btAwaitWaiters(t, s, 2)

	if n, err := g.Nack(NackFail, []ID{id}, NackOptions{}); n != 1 || err != nil {
		t.Fatalf("Nack = %d, %v", n, err)
	}
	r := btRecv(t, bob)
	if r.err != nil || len(r.msgs) != 1 || r.msgs[0].ID != id || r.msgs[0].Deliveries != 1 {
		t.Errorf("bob's claiming ReadBlock = %+v, %v; want %v with Deliveries 1", r.msgs, r.err, id)
	}
	if got := btPendingOwners(t, g); got[id] != "bob" {
		t.Errorf("owner(%v) = %q, want bob", id, got[id])
	}
	if got, want := gtPEL(t, g, ""), []gtPE{{id.String(), "bob", 0, 2}}; !slices.Equal(got, want) {
		t.Errorf("PEL = %+v, want %+v", got, want)
	}
	if err := s.check(); err != nil {
		t.Error(err)
	}
	btAwaitWaiters(t, s, 1)
	btNotReady(t, carol)
	cancel()
	btRecv(t, carol)
}

// A claiming read blocks until an entry pending for someone else has been
// idle for MinIdle (on the real clock), then claims it.
func TestBlockClaimWakesWhenIdle(t *testing.T) {
	btNoLeak(t, btPatience)
	ctx := btCtx(t)
	s := New(Options[string]{})
	g := stGroup(t, s, "g")
	id := btAdd(t, s, "job")
	if msgs, _ := g.Consumer("dead").Read(ReadGroupOptions{}); len(msgs) != 1 {
		t.Fatalf("Read = %v", msgs)
	}
	const minIdle = 20 * time.Millisecond
	r := btRecv(t, btReadBlock(ctx, g.Consumer("reaper"), ReadGroupOptions{Claim: true, MinIdle: minIdle}))
	if r.err != nil || len(r.msgs) != 1 || r.msgs[0].ID != id {
		t.Fatalf("claiming ReadBlock = %+v, %v; want %v", r.msgs, r.err, id)
	}
	if m := r.msgs[0]; m.Idle < minIdle || m.Deliveries != 1 {
		t.Errorf("claimed Idle, Deliveries = %v, %d; want >= %v, 1", m.Idle, m.Deliveries, minIdle)
	}
	if got := btPendingOwners(t, g); got[id] != "reaper" {
		t.Errorf("owner(%v) = %q, want reaper", id, got[id])
	}
}

func TestBlockCancel(t *testing.T) {
	btNoLeak(t, btPatience)
	a := New(Options[string]{Name: "a"})
	b := New(Options[string]{Name: "b"})
	stGroup(t, a, "g")
	stGroup(t, b, "g")
	reads := map[string]func(ctx context.Context) error{
		"ReadBlock": func(ctx context.Context) error {
			g, _ := a.Group("g")
			_, err := g.Consumer("c").ReadBlock(ctx, ReadGroupOptions{})
			return err
		},
		"ReadBlock/Claim": func(ctx context.Context) error {
			g, _ := a.Group("g")
			_, err := g.Consumer("c").ReadBlock(ctx, ReadGroupOptions{Claim: true, MinIdle: time.Hour})
			return err
		},
		"ReadGroup/2streams": func(ctx context.Context) error {
			_, err := ReadGroup(ctx, "g", "c", []GroupRead[string]{{Stream: a}, {Stream: b}}, ReadGroupOptions{Block: true})
			return err
		},
		"Read/2streams": func(ctx context.Context) error {
			_, err := Read(ctx, []StreamRead[string]{{Stream: a}, {Stream: b}}, ReadOptions{Block: true})
			return err
		},
		"ReadEntriesBlock": func(ctx context.Context) error {
			_, err := a.ReadEntriesBlock(ctx, MaxID, 0)
			return err
		},
	}
	for name, read := range reads {
		t.Run(name, func(t *testing.T) {
			// Cancelled while blocked.
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- read(ctx) }()
			btAwaitWaiters(t, a, 1)
			cancel()
			if err := btRecv(t, done); err != context.Canceled {
				t.Errorf("after cancel: err = %v, want context.Canceled", err)
			}
			if btWaiters(a) != 0 || btWaiters(b) != 0 {
				t.Errorf("waiters = %d, %d after cancel; want 0, 0", btWaiters(a), btWaiters(b))
			}
			// Deadline while blocked, and an already-ended context.
			ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
			defer cancel()
			if err := read(ctx); err != context.DeadlineExceeded {
				t.Errorf("with deadline: err = %v, want context.DeadlineExceeded", err)
			}
			if err := read(ctx); err != context.DeadlineExceeded {
				t.Errorf("with ended context: err = %v, want context.DeadlineExceeded", err)
			}
			if btWaiters(a) != 0 || btWaiters(b) != 0 {
				t.Errorf("waiters = %d, %d after deadline; want 0, 0", btWaiters(a), btWaiters(b))
			}
		})
	}
}

// A reader whose context ends just as an entry arrives either returns the
// entry or ctx.Err(), and in the second case the entry is not pending for it:
// after many rounds, the pending list is exactly what readers returned.
func TestBlockCancelRace(t *testing.T) {
	btNoLeak(t, btPatience)
	s := New(Options[string]{})
	g := stGroup(t, s, "g")
	c, drain := g.Consumer("c"), g.Consumer("drain")
	const rounds = 400
	received := map[ID]string{} // who got each entry
	served := 0
	for i := range rounds {
		var ctx context.Context
		var cancel context.CancelFunc
		if i%2 == 0 {
			ctx, cancel = context.WithTimeout(context.Background(), time.Duration(i%7)*20*time.Microsecond)
		} else {
			ctx, cancel = context.WithCancel(context.Background())
		}
		ch := btReadBlock(ctx, c, ReadGroupOptions{Count: 1})
		idc := make(chan ID, 1)
		go func() {
			// Vary who comes first: the add, or the end of the context.
			time.Sleep(time.Duration(i%5) * 25 * time.Microsecond)
			id, _ := s.Add("v")
			idc <- id
		}()
		if i%2 == 1 {
			time.Sleep(time.Duration(i%3) * 25 * time.Microsecond)
			cancel()
		}
		r := btRecv(t, ch)
		cancel()
		id := btRecv(t, idc)
		switch {
		case r.err == nil:
			served++
			if len(r.msgs) != 1 || r.msgs[0].ID != id {
				t.Fatalf("round %d: ReadBlock = %+v, want [%v]", i, r.msgs, id)
			}
			received[id] = "c"
		case !errors.Is(r.err, context.Canceled) && !errors.Is(r.err, context.DeadlineExceeded):
			t.Fatalf("round %d: ReadBlock = %v", i, r.err)
		default:
			// The entry must still be undelivered: take it, so that the next
			// round starts with nothing to read.
			msgs, _ := drain.Read(ReadGroupOptions{})
			if len(msgs) != 1 || msgs[0].ID != id {
				t.Fatalf("round %d: after %v, undelivered = %+v, want [%v]", i, r.err, msgs, id)
			}
			received[id] = "drain"
		}
	}
	owners := btPendingOwners(t, g)
	if len(owners) != rounds {
		t.Errorf("pending = %d, want %d", len(owners), rounds)
	}
	for id, who := range received {
		if owners[id] != who {
			t.Errorf("%v: returned to %q, pending for %q", id, who, owners[id])
		}
	}
	if btWaiters(s) != 0 {
		t.Errorf("len(s.waiters) = %d, want 0", btWaiters(s))
	}
	t.Logf("%d of %d rounds returned the entry, the others the context's error", served, rounds)
}

// Several readers with short timeouts, each reading two streams, race against
// producers: every pending entry of either stream was returned to exactly the
// reader that owns it.
func TestBlockCancelRaceManyReaders(t *testing.T) {
	btNoLeak(t, btPatience)
	a := New(Options[string]{Name: "a"})
	b := New(Options[string]{Name: "b"})
	ga, gb := stGroup(t, a, "g"), stGroup(t, b, "g")
	const readers, perStream = 4, 300
	var stop atomic.Bool
	type got struct {
		stream   *Stream[string]
		consumer string
		id       ID
	}
	var mu sync.Mutex
	var all []got
	var wg sync.WaitGroup
	for r := range readers {
		name := fmt.Sprint("c", r)
		wg.Go(func() {
			for i := 0; !stop.Load(); i++ {
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i%4)*30*time.Microsecond)
				out, err := ReadGroup(ctx, "g", name, []GroupRead[string]{{Stream: a}, {Stream: b}}, ReadGroupOptions{Count: 2, Block: true})
				cancel()
				if err != nil && !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("ReadGroup = %v", err)
					return
				}
				mu.Lock()
				for _, part := range out {
					for _, m := range part.Messages {
						all = append(all, got{part.Stream, name, m.ID})
					}
				}
				mu.Unlock()
			}
		})
	}
	var pwg sync.WaitGroup
	for _, s := range []*Stream[string]{a, b} {
		pwg.Go(func() {
			for i := range perStream {
				s.Add("v")
				if i%16 == 0 {
					time.Sleep(50 * time.Microsecond)
				}
			}
		})
	}
	pwg.Wait()
	stop.Store(true)
	wg.Wait()

	want := map[*Stream[string]]map[ID]string{a: btPendingOwners(t, ga), b: btPendingOwners(t, gb)}
	seen := map[*Stream[string]]map[ID]bool{a: {}, b: {}}
	for _, m := range all {
		if seen[m.stream][m.id] {
			t.Errorf("%s %v returned twice", m.stream.Name(), m.id)
		}
		seen[m.stream][m.id] = true
		if owner := want[m.stream][m.id]; owner != m.consumer {
			t.Errorf("%s %v returned to %s but pending for %q", m.stream.Name(), m.id, m.consumer, owner)
		}
	}
	for s, owners := range want {
		if len(owners) != len(seen[s]) {
			t.Errorf("%s: %d pending, %d returned", s.Name(), len(owners), len(seen[s]))
		}
	}
	if btWaiters(a) != 0 || btWaiters(b) != 0 {
		t.Errorf("waiters = %d, %d; want 0, 0", btWaiters(a), btWaiters(b))
	}
	t.Logf("%d entries returned to readers", len(all))
}

// btCountingClock is a ManualClock that counts its readings.
type btCountingClock struct {
	ManualClock
	n atomic.Int64
}

func (c *btCountingClock) Now() time.Time { c.n.Add(1); return c.ManualClock.Now() }

// A blocked claiming read whose oldest pending entry was deleted from the
// stream must not poll: it waits for the live entries to become idle, not a
// millisecond at a time.
func TestBlockClaimNoBusyWait(t *testing.T) {
	btNoLeak(t, btPatience)
	clock := &btCountingClock{}
	clock.Set(time.UnixMilli(1_000_000))
	s := New(Options[string]{Clock: clock})
	g := stGroup(t, s, "g")
	alice := g.Consumer("alice")
	id := btAdd(t, s, "gone")
	if msgs, _ := alice.Read(ReadGroupOptions{}); len(msgs) != 1 {
		t.Fatalf("Read = %v", msgs)
	}
	clock.Advance(2 * time.Hour)
	btAdd(t, s, "fresh")
	if msgs, _ := alice.Read(ReadGroupOptions{}); len(msgs) != 1 {
		t.Fatalf("Read = %v", msgs)
	}
	// The deleted entry stays pending, idle for long, at the head of the time
	// list; the live one is not idle enough to claim.
	s.Delete(id)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	before := clock.n.Load()
	_, err := g.Consumer("bob").ReadBlock(ctx, ReadGroupOptions{Claim: true, MinIdle: time.Hour})
	if err != context.DeadlineExceeded {
		t.Fatalf("ReadBlock = %v, want context.DeadlineExceeded", err)
	}
	if calls := clock.n.Load() - before; calls > 20 {
		t.Errorf("clock read %d times during a 100ms block, want a handful (busy wait)", calls)
	}
}
