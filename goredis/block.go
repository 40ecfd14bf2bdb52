package goredis

import (
	"context"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"
)

// blockState holds the readers blocked in XREAD / XREADGROUP, Redis's model:
// a FIFO of waiters per key, served by serveBlockedLocked after a command
// that signalled the key. Everything in it is guarded by server.mu.
//
// A reader is served as Redis 7.2 and later serve it (redis-semantics.md
// §8.6): its whole command is re-executed, so a reply may hold several keys,
// a deleted key or destroyed group gives XREADGROUP's usual NOGROUP error,
// and a blocked XREAD whose key was deleted keeps waiting. (Redis 7.0 served
// the signalled key alone and replied UNBLOCKED / a NOGROUP variant.)
//
// CLAIM readers also become servable when a pending entry has been idle long
// enough: each has a deadline on the keyspace's clock (the oldest live
// pending entry's delivery time plus min-idle, or now plus min-idle), checked
// by a real-time timer set for the earliest one and whenever
// serveBlockedLocked runs. With a ManualClock a test that advances the
// clock is noticed at the next serveBlockedLocked, that is at the next
// command that signals a key (or at the timer, which counts real time).
type blockState struct {
	byKey  map[string][]*waiter // per key, in arrival order
	claims []*waiter            // CLAIM readers, in arrival order
	timer  *time.Timer          // wakes the CLAIM readers; nil when none
}

// waiter is one blocked read.
type waiter struct {
	args    *readArgs
	targets []readTarget
	keys    []string  // distinct keys, in argument order
	claimAt time.Time // CLAIM: when a pending entry may become claimable

	done   chan struct{} // closed once reply is set
	served bool
	reply  reply
}

// pending reports whether any reader waits for a claim deadline: the server
// should then call serveBlockedLocked after every command, so that a
// ManualClock advanced by a test is noticed at once.
func (b *blockState) pending() bool { return len(b.claims) > 0 }

// blockRead registers c's read as blocked on its keys and makes c wait for
// a reply outside the lock: one delivered by serveBlockedLocked, nil when
// BLOCK's timeout passes (BLOCK 0: never), or ctx's error when it ends.
func (s *server) blockRead(c *call, a *readArgs, targets []readTarget) {
	b := &s.blocked
	w := &waiter{args: a, targets: targets, done: make(chan struct{})}
	for _, t := range targets {
		if !slices.Contains(w.keys, t.key) {
			w.keys = append(w.keys, t.key)
		}
	}
	if b.byKey == nil {
		b.byKey = map[string][]*waiter{}
	}
	for _, k := range w.keys {
		b.byKey[k] = append(b.byKey[k], w)
	}
	if a.claim {
		w.claimAt = s.claimDeadline(w)
		b.claims = append(b.claims, w)
		s.armClaimTimerLocked()
	}
	timeout := msDuration(a.block)
	c.wait = func(ctx context.Context) reply { return s.await(ctx, w, timeout) }
}

// await waits outside the lock for w's reply, its timeout (0: none), the
// end of ctx or the client's Close (redis.ErrClosed, unless ctx has ended
// too, as a closed go-redis client reports). A reader that gives up is unregistered under the lock; if a
// reply was delivered meanwhile it is returned instead, so that entries it
// moved into a pending list always reach the caller.
func (s *server) await(ctx context.Context, w *waiter, timeout time.Duration) reply {
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	var r reply
	select {
	case <-w.done:
		return w.reply
	case <-expired:
		r = nilReply
	case <-ctx.Done():
		r = localError(ctx.Err())
	case <-s.closed:
		r = localError(redis.ErrClosed)
		if err := ctx.Err(); err != nil {
			r = localError(err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if w.served {
		return w.reply
	}
	s.dropLocked(w)
	return r
}

// serveBlockedLocked serves the readers blocked on the keys signalled by the
// command that just ran (s.ready), as Redis does after each command: key by
// key in the order first signalled, each key's readers in the order they
// blocked. Then it retries the CLAIM readers whose deadline has passed.
func (s *server) serveBlockedLocked() {
	b := &s.blocked
	if len(b.byKey) > 0 {
		seen := make(map[string]bool, len(s.ready))
		for _, key := range s.ready {
			if seen[key] {
				continue
			}
			seen[key] = true
			for _, w := range slices.Clone(b.byKey[key]) {
				if w.served {
					continue
				}
				if r, ok := s.serveWaiterLocked(w); ok {
					s.finishLocked(w, r)
				}
			}
		}
	}
	s.serveDueClaimsLocked()
}

// serveWaiterLocked tries to serve w because one of its keys was
// signalled or its claim deadline has come: as Redis 7.2 and later do, it
// re-executes the whole read (with "$" as resolved when it blocked). Data in
// any of its streams serves it, as does an error (the key deleted or the
// group destroyed under an XREADGROUP: NOGROUP); nothing to serve leaves it
// blocked, a CLAIM reader with a new deadline.
func (s *server) serveWaiterLocked(w *waiter) (reply, bool) {
	r := s.serveRead(w.args, w.targets)
	if r.k == kNil {
		if w.args.claim {
			w.claimAt = s.claimDeadline(w)
		}
		return r, false
	}
	return r, true
}

// finishLocked delivers r to w and unregisters it.
func (s *server) finishLocked(w *waiter, r reply) {
	w.reply, w.served = r, true
	s.dropLocked(w)
	close(w.done)
}

// dropLocked unregisters w from its keys and from the CLAIM readers.
func (s *server) dropLocked(w *waiter) {
	b := &s.blocked
	for _, k := range w.keys {
		ws := slices.DeleteFunc(b.byKey[k], func(x *waiter) bool { return x == w })
		if len(ws) == 0 {
			delete(b.byKey, k)
		} else {
			b.byKey[k] = ws
		}
	}
	if w.args.claim {
		b.claims = slices.DeleteFunc(b.claims, func(x *waiter) bool { return x == w })
		s.armClaimTimerLocked()
	}
}

// serveDueClaimsLocked re-executes, in arrival order, the CLAIM readers
// whose deadline has passed on the clock; those still without anything to
// serve get a new deadline.
func (s *server) serveDueClaimsLocked() {
	b := &s.blocked
	if len(b.claims) == 0 {
		return
	}
	now := s.opts.Clock.Now()
	for _, w := range slices.Clone(b.claims) {
		if w.served || now.Before(w.claimAt) {
			continue
		}
		if r, ok := s.serveWaiterLocked(w); ok {
			s.finishLocked(w, r)
		}
	}
	s.armClaimTimerLocked()
}

// claimDeadline is when a pending entry of w's streams may become idle
// enough to claim, as Redis computes it when blocking: the oldest delivery
// time among pending entries still in their streams (the epoch for released
// ones) plus min-idle, or now plus min-idle when there is none. O(k) for k
// streams (the core finds each group's oldest live pending entry at once).
func (s *server) claimDeadline(w *waiter) time.Time {
	now := s.opts.Clock.Now()
	minIdle := msDuration(w.args.minIdle)
	wait := minIdle
	for _, t := range w.targets {
		if g := s.group(t.key, w.args.group); g != nil {
			if d, ok := g.UntilClaimable(minIdle); ok && d < wait {
				wait = d
			}
		}
	}
	return now.Add(wait)
}

// armClaimTimerLocked sets the real-time timer for the earliest CLAIM
// deadline, or stops it when no CLAIM reader is left.
func (s *server) armClaimTimerLocked() {
	b := &s.blocked
	if len(b.claims) == 0 {
		if b.timer != nil {
			b.timer.Stop()
			b.timer = nil
		}
		return
	}
	earliest := b.claims[0].claimAt
	for _, w := range b.claims[1:] {
		if w.claimAt.Before(earliest) {
			earliest = w.claimAt
		}
	}
	d := max(earliest.Sub(s.opts.Clock.Now()), time.Millisecond)
	if b.timer == nil {
		b.timer = time.AfterFunc(d, s.claimTimerFired)
		return
	}
	b.timer.Reset(d)
}

// claimTimerFired retries the CLAIM readers whose deadline has come.
func (s *server) claimTimerFired() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serveDueClaimsLocked()
}
