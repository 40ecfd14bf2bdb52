package xstream

import "math"

// NackMode says how [Group.Nack] adjusts delivery counts (XNACK, Redis 8.8).
type NackMode uint8

const (
	// NackSilent decrements the delivery count (not below 0): the failure
	// does not count as an attempt.
	NackSilent NackMode = iota + 1
	// NackFail leaves the delivery count as it is.
	NackFail
	// NackFatal sets the delivery count to math.MaxInt64, marking the entry as
	// permanently failed (for a dead-letter step of your own).
	NackFatal
)

// NackOptions are the options of [Group.Nack].
type NackOptions struct {
	// RetryCount, if not nil, sets the delivery count instead of the mode's
	// rule (RETRYCOUNT). Must be >= 0.
	RetryCount *int64
	// Force also releases IDs that are not pending, if their entries exist,
	// creating released pending entries for them (FORCE).
	Force bool
}

// Nack releases pending entries back to the group (XNACK): each ID leaves its
// owner, joins the end of the group's released ("NACK") zone with a
// delivery time of 0, and has its delivery count adjusted by mode. Released
// entries are never redelivered by plain reads of new entries; they come back
// first through [Consumer.Read] with ReadGroupOptions.Claim (where, as in
// Redis, their delivery time of 0 makes them idle since the Unix epoch, so
// any realistic MinIdle lets them through), and through
// [Consumer.Claim] and [Consumer.AutoClaim], which skip the idle check for
// them. IDs not pending are ignored unless opts.Force. It returns how many
// IDs were released (repeats count again). O(log p) per ID.
func (g *Group[V]) Nack(mode NackMode, ids []ID, opts NackOptions) (int, error) {
	if mode < NackSilent || mode > NackFatal {
		return 0, ErrInvalidNackMode
	}
	if opts.RetryCount != nil && *opts.RetryCount < 0 {
		return 0, ErrNegativeRetryCount
	}
	n := 0
	err := g.do(func(st *group) error {
		for _, id := range ids {
			if g.s.nackLocked(st, mode, id, opts) {
				n++
			}
		}
		if n > 0 {
			g.s.serveWaitersLocked()
		}
		return nil
	})
	return n, err
}

func (s *Stream[V]) nackLocked(g *group, mode NackMode, id ID, opts NackOptions) bool {
	p, ok := g.pel.get(id)
	if !ok {
		if !opts.Force || !s.log.has(id) {
			return false
		}
		p = g.addPendingLocked(id, nil, 0, 0)
	} else {
		g.byTime.unlink(p)
		if c := g.ownerOf(p); c != nil {
			c.pel.remove(id)
			p.owner = 0
		}
		p.deliveryTime = 0
		g.byTime.placeNacked(p)
	}
	switch {
	case opts.RetryCount != nil:
		p.count = *opts.RetryCount
	case mode == NackSilent:
		p.count = max(p.count-1, 0)
	case mode == NackFatal:
		p.count = math.MaxInt64
	}
	return true
}
