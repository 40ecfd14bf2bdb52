package xstream

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mtPatience bounds every wait of the concurrency tests: a hang detector,
// not a timing check.
const mtPatience = 5 * time.Second

// mtAwait polls cond until it holds; it fails the test if it never does.
func mtAwait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(mtPatience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// mtLedger records, per ID, how often an Ack acknowledged it.
type mtLedger struct {
	mu    sync.Mutex
	acked map[ID]int
	total atomic.Int64
}

func (l *mtLedger) ack(t *testing.T, g *Group[int], ids []ID) {
	for _, id := range ids {
		n, err := g.Ack(id)
		if !assert.NoError(t, err) || n == 0 {
			continue
		}
		l.mu.Lock()
		l.acked[id] += n
		l.mu.Unlock()
		l.total.Add(int64(n))
	}
}

// TestConcurrentGroupWork runs producers, blocking and non-blocking readers,
// claimers and ackers on one stream. Readers sometimes "crash" and leave
// entries pending; claimers with min-idle 0 steal them. At the end every
// added entry was acknowledged exactly once or is still pending, the PELs
// hold no duplicates, and no goroutine is left behind.
func TestConcurrentGroupWork(t *testing.T) {
	btNoLeak(t, mtPatience)
	const producers, perProducer = 4, 150
	const total = producers * perProducer
	s := New(Options[int]{NodeMaxEntries: 5})
	g, err := s.CreateGroup("g", MinID, GroupOptions{})
	require.NoError(t, err)
	ledger := &mtLedger{acked: map[ID]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var mu sync.Mutex
	added := map[ID]int{}
	var work, producing sync.WaitGroup
	for p := range producers {
		producing.Add(1)
		work.Add(1)
		go func() {
			defer work.Done()
			defer producing.Done()
			for i := range perProducer {
				id, err := s.Add(p*perProducer + i)
				if !assert.NoError(t, err) {
					return
				}
				mu.Lock()
				added[id] = p*perProducer + i
				mu.Unlock()
				if i%16 == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	// handle acks most deliveries; the rest stay pending, as after a crash.
	handle := func(k int, ids []ID) {
		if k%4 != 0 {
			ledger.ack(t, g, ids)
		}
	}
	for r := range 6 {
		work.Add(1)
		go func() {
			defer work.Done()
			c := g.Consumer(fmt.Sprintf("reader-%d", r))
			for k := 0; ctx.Err() == nil; k++ {
				opts := ReadGroupOptions{Count: 1 + k%7}
				var msgs []Message[int]
				var err error
				if r%2 == 0 {
					msgs, err = c.ReadBlock(ctx, opts)
				} else {
					msgs, err = c.Read(opts)
				}
				if errors.Is(err, context.Canceled) {
					return
				}
				if !assert.NoError(t, err) {
					return
				}
				ids := make([]ID, len(msgs))
				for i, m := range msgs {
					ids[i] = m.ID
				}
				handle(k+r, ids)
				if len(msgs) == 0 {
					runtime.Gosched()
				}
			}
		}()
	}
	for r := range 3 {
		work.Add(1)
		go func() {
			defer work.Done()
			c := g.Consumer(fmt.Sprintf("claimer-%d", r))
			cursor := MinID
			for k := 0; ctx.Err() == nil; k++ {
				var ids []ID
				if k%2 == 0 {
					res, err := c.AutoClaim(0, cursor, AutoClaimOptions{Count: 5})
					if !assert.NoError(t, err) {
						return
					}
					cursor = res.Next
					for _, e := range res.Claimed {
						ids = append(ids, e.ID)
					}
					assert.Empty(t, res.Deleted, "nothing is deleted from the stream")
				} else {
					pend, err := g.PendingRange(MinID, MaxID, 4, PendingFilter{})
					if !assert.NoError(t, err) {
						return
					}
					want := make([]ID, len(pend))
					for i, p := range pend {
						want[i] = p.ID
					}
					es, err := c.Claim(0, want, ClaimOptions{JustID: k%3 == 0})
					if !assert.NoError(t, err) {
						return
					}
					for _, e := range es {
						ids = append(ids, e.ID)
					}
				}
				handle(k+1, ids) // claimers too leave some pending
				runtime.Gosched()
			}
		}()
	}

	// Stop, mid-flight, once most entries are acknowledged (or after a
	// generous bound), so that some are still pending or even unread.
	producing.Wait()
	deadline := time.Now().Add(4 * time.Second)
	for ledger.total.Load() < total*3/4 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	work.Wait()

	require.NoError(t, s.check())
	require.Len(t, added, total, "every add got its own ID")
	pend, err := g.PendingRange(MinID, MaxID, 2*total, PendingFilter{})
	require.NoError(t, err)
	pending := map[ID]bool{}
	for _, p := range pend {
		assert.False(t, pending[p.ID], "%v pending twice", p.ID)
		pending[p.ID] = true
	}
	for id, n := range ledger.acked {
		assert.Equal(t, 1, n, "%v acknowledged %d times", id, n)
		assert.Contains(t, added, id, "acknowledged %v was never added", id)
	}
	gi, err := g.Info()
	require.NoError(t, err)
	for id := range added {
		delivered := !gi.LastDeliveredID.Less(id)
		assert.True(t, ledger.acked[id] == 1 != pending[id] || !delivered && !pending[id] && ledger.acked[id] == 0,
			"%v: acked %d times, pending %v, delivered %v", id, ledger.acked[id], pending[id], delivered)
	}
	entries, err := s.Range(MinID, MaxID, 0)
	require.NoError(t, err)
	for _, e := range entries {
		assert.Equal(t, added[e.ID], e.Value, "entry %v", e.ID)
	}
	if gi.LastDeliveredID == s.LastID() {
		assert.Equal(t, int64(total), gi.EntriesRead, "every entry was read once as new")
	}
	t.Logf("%d entries, %d acknowledged, %d still pending", total, ledger.total.Load(), len(pending))
}

// TestConcurrentBlockedReadersCancel blocks group readers and plain readers
// on an empty stream and checks they all return context.Canceled once their
// context ends, deregistered, leaving nothing pending.
func TestConcurrentBlockedReadersCancel(t *testing.T) {
	btNoLeak(t, mtPatience)
	s := New(Options[int]{})
	g, err := s.CreateGroup("g", MinID, GroupOptions{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	const readers = 8
	errs := make(chan error, 2*readers)
	for i := range readers {
		go func() {
			_, err := g.Consumer(fmt.Sprintf("c%d", i)).ReadBlock(ctx, ReadGroupOptions{Claim: i%2 == 0, MinIdle: time.Hour})
			errs <- err
		}()
		go func() {
			_, err := s.ReadEntriesBlock(ctx, MinID, 0)
			errs <- err
		}()
	}
	mtAwait(t, "readers to block", func() bool { return btWaiters(s) == 2*readers })
	cancel()
	for range 2 * readers {
		select {
		case err := <-errs:
			assert.ErrorIs(t, err, context.Canceled)
		case <-time.After(mtPatience): // a hang detector, not a timing check
			t.Fatal("a blocked reader did not return after its context was cancelled")
		}
	}
	assert.Zero(t, btWaiters(s), "waiters left registered")
	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Zero(t, sum.Count)
	require.NoError(t, s.check())
}

// TestConcurrentBlockedReadersServed blocks readers of one group, adds
// entries while some readers' contexts are being cancelled, and checks
// that every entry that went pending was returned to a reader, exactly once.
func TestConcurrentBlockedReadersServed(t *testing.T) {
	btNoLeak(t, mtPatience)
	s := New(Options[int]{})
	g, err := s.CreateGroup("g", MinID, GroupOptions{})
	require.NoError(t, err)
	const readers, adds = 12, 40
	var mu sync.Mutex
	got := map[ID]int{}
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	for i := range readers {
		rctx, rcancel := context.WithCancel(ctx)
		wg.Add(2)
		go func() {
			defer wg.Done()
			c := g.Consumer(fmt.Sprintf("c%d", i))
			for {
				msgs, err := c.ReadBlock(rctx, ReadGroupOptions{Count: 2})
				if err != nil {
					assert.ErrorIs(t, err, context.Canceled)
					return
				}
				mu.Lock()
				for _, m := range msgs {
					got[m.ID]++
				}
				mu.Unlock()
			}
		}()
		go func() { // half the readers give up part-way, racing the adds
			defer wg.Done()
			if i%2 == 0 {
				for range i {
					runtime.Gosched()
				}
				rcancel()
			}
		}()
		defer rcancel()
	}
	for i := range adds {
		_, err := s.Add(i)
		require.NoError(t, err)
		if i%4 == 0 {
			runtime.Gosched()
		}
	}
	// Wait until everything delivered has been handed over, then stop.
	mtAwait(t, "deliveries", func() bool {
		sum, _ := g.Pending()
		mu.Lock()
		defer mu.Unlock()
		return len(got) == sum.Count
	})
	cancel()
	wg.Wait()

	require.NoError(t, s.check())
	pend, err := g.PendingRange(MinID, MaxID, 2*adds, PendingFilter{})
	require.NoError(t, err)
	assert.Len(t, got, len(pend), "every pending entry was returned to a reader")
	for _, p := range pend {
		assert.Equal(t, 1, got[p.ID], "%v returned %d times", p.ID, got[p.ID])
	}
	assert.Zero(t, btWaiters(s))
}
