package xstream

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Blocking reads. A blocked reader is a waiter registered on every stream it
// reads. Whatever makes a stream servable (an add, a Nack, a group's
// destruction) serves that stream's waiters in the order they blocked, under
// the stream's lock: it runs each waiter's read for that stream and, if the
// read produced something, completes the waiter with it. So each new entry of
// a group goes to exactly one waiter, first come first served, as in Redis,
// and a result is produced only for a waiter that will receive it: a waiter
// that gives up (its context ends) first marks itself done under its own
// lock, after which no stream serves it; if a stream served it first, it
// returns that result instead of the context's error.
//
// Lock order: a stream's mu, then a waiter's mu. A waiter never takes a
// stream's lock while holding its own.

type waiter struct {
	mu   sync.Mutex // guards done
	done bool
	ch   chan struct{} // closed when a stream served the waiter
}

// registration is a waiter's entry in one stream's queue: try runs the
// waiter's read of that stream, with the stream's lock and the waiter's lock
// held, and reports whether it produced a result.
type registration struct {
	w   *waiter
	try func() bool
}

// serve runs r's read unless the waiter is done; it reports whether the
// waiter is done afterwards (served now, earlier, or given up).
func (r *registration) serve() bool {
	r.w.mu.Lock()
	defer r.w.mu.Unlock()
	if r.w.done {
		return true
	}
	if r.try() {
		r.w.done = true
		close(r.w.ch)
		return true
	}
	return false
}

// giveUp marks the waiter done without a result; false if it was served.
func (w *waiter) giveUp() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return false
	}
	w.done = true
	return true
}

type waitable interface {
	registerOrServe(r *registration) bool
	deregister(w *waiter)
}

// serveWaitersLocked offers the stream to its blocked readers, oldest first,
// and drops the ones that are done. O(w) for w waiters, plus their reads.
func (s *Stream[V]) serveWaitersLocked() {
	if len(s.waiters) == 0 {
		return
	}
	s.waiters = slices.DeleteFunc(s.waiters, (*registration).serve)
}

// registerOrServe tries r at once and queues it if that produced nothing;
// it reports whether the waiter is done.
func (s *Stream[V]) registerOrServe(r *registration) bool {
	s.lock()
	defer s.unlock()
	if r.serve() {
		return true
	}
	s.waiters = append(s.waiters, r)
	return false
}

func (s *Stream[V]) deregister(w *waiter) {
	s.lock()
	defer s.unlock()
	s.waiters = slices.DeleteFunc(s.waiters, func(r *registration) bool { return r.w == w })
}

// block registers a waiter with one try per stream and waits until a stream
// serves it (true), ctx ends (ctx.Err()), or wake fires (false, nil). Tries
// run with the stream's lock held.
func block(ctx context.Context, ws []waitable, tries []func() bool, wake <-chan time.Time) (bool, error) {
	w := &waiter{ch: make(chan struct{})}
	defer func() {
		for _, s := range ws {
			s.deregister(w)
		}
	}()
	for i, s := range ws {
		if s.registerOrServe(&registration{w, tries[i]}) {
			break
		}
	}
	select {
	case <-w.ch:
		return true, nil
	case <-ctx.Done():
		if w.giveUp() {
			return false, ctx.Err()
		}
	case <-wake:
		if w.giveUp() {
			return false, nil
		}
	}
	<-w.ch // served while giving up: the result is ours to return
	return true, nil
}
