package xstream

import "time"

// ClaimOptions are the options of [Consumer.Claim] (XCLAIM's options). The
// zero value claims with a delivery time of now and counts the delivery.
type ClaimOptions struct {
	// Idle, if not nil, sets the claimed entries' idle time instead of 0
	// (IDLE): their delivery time becomes now - Idle.
	Idle *time.Duration
	// Time, if not nil, sets the claimed entries' delivery time (TIME). A
	// time in the future, or before the Unix epoch, means now.
	Time *time.Time
	// RetryCount, if not nil, sets the delivery count (RETRYCOUNT) instead of
	// incrementing it. Must be >= 0.
	RetryCount *int64
	// Force claims IDs that are not pending, if their entries exist, creating
	// pending entries for them (FORCE).
	Force bool
	// JustID leaves the delivery count as it is and returns IDs only: the
	// Values of the returned entries are zero (JUSTID).
	JustID bool
	// LastID, if not nil and greater than the group's last-delivered ID,
	// becomes the last-delivered ID (LASTID).
	LastID *ID
}

// Claim transfers the given pending entries to the consumer if they have been
// idle at least minIdle, and returns the claimed entries in argument order
// (XCLAIM). IDs that are not pending are skipped (unless opts.Force); IDs
// pending but deleted from the stream are removed from the pending lists and
// not returned, as Redis 7 does. Entries released by Nack skip the idle
// check. The consumer is created if need be and its seen time set; a claim
// makes it active. On error nothing changes. O(log p) per ID.
func (c *Consumer[V]) Claim(minIdle time.Duration, ids []ID, opts ClaimOptions) ([]Entry[V], error) {
	if minIdle < 0 {
		return nil, ErrNegativeMinIdle
	}
	if opts.RetryCount != nil && *opts.RetryCount < 0 {
		return nil, ErrNegativeRetryCount
	}
	var out []Entry[V]
	s := c.g.s
	err := c.g.do(func(g *group) error {
		if opts.LastID != nil && g.lastID.Less(*opts.LastID) {
			g.lastID = *opts.LastID
		}
		now := s.nowMs()
		t := claimTime(opts, now)
		cs := s.consumerLocked(g, c.name, now)
		cs.seenTime = now
		out = []Entry[V]{}
		for _, id := range ids {
			if e, ok := s.claimOneLocked(g, cs, id, minIdle.Milliseconds(), now, t, opts); ok {
				out = append(out, e)
				cs.activeTime = now
			}
		}
		return nil
	})
	return out, err
}

// claimTime is the delivery time a claim sets, per XCLAIM's IDLE and TIME.
func claimTime(o ClaimOptions, now int64) int64 {
	t := now
	switch {
	case o.Time != nil:
		t = o.Time.UnixMilli()
	case o.Idle != nil:
		t = now - o.Idle.Milliseconds()
	}
	if t < 0 || t > now {
		return now
	}
	return t
}

func (s *Stream[V]) claimOneLocked(g *group, c *consumer, id ID, minIdle, now, t int64, o ClaimOptions) (Entry[V], bool) {
	v, exists := s.log.get(id)
	p, pendingOK := g.pel.get(id)
	switch {
	case !exists:
		if pendingOK {
			g.ackLocked(id)
		}
		return Entry[V]{}, false
	case !pendingOK && !o.Force:
		return Entry[V]{}, false
	case !pendingOK:
		p = g.addPendingLocked(id, c, t, 1)
	case p.owner != 0 && minIdle > 0 && now-p.deliveryTime < minIdle:
		return Entry[V]{}, false
	}
	g.deliverLocked(p, c, t)
	switch {
	case o.RetryCount != nil:
		p.count = *o.RetryCount
	case !o.JustID:
		p.count = addCount(p.count, 1)
	}
	if o.JustID {
		return Entry[V]{ID: id}, true
	}
	return Entry[V]{id, *v}, true
}

// AutoClaimOptions are the options of [Consumer.AutoClaim].
type AutoClaimOptions struct {
	// Count is how many entries to claim at most; deleted entries found on
	// the way count too. 0 means 100; it must be in 1..2^59-1 otherwise.
	Count int
	// JustID leaves delivery counts as they are and returns IDs only.
	JustID bool
}

// AutoClaimResult is the result of [Consumer.AutoClaim].
type AutoClaimResult[V any] struct {
	// Next is the cursor for the next call: the first pending ID not
	// examined, or 0-0 when the scan reached the end of the pending list.
	Next ID
	// Claimed are the claimed entries (only IDs with JustID).
	Claimed []Entry[V]
	// Deleted are the pending IDs found deleted from the stream; they have
	// been removed from the pending lists.
	Deleted []ID
}

// maxAutoClaimCount is Redis's cap on XAUTOCLAIM COUNT, LONG_MAX / 16.
const maxAutoClaimCount = (1<<63 - 1) / 16

// AutoClaim scans the group's pending list from start in ID order and claims
// for the consumer the entries idle at least minIdle (XAUTOCLAIM), examining
// at most 10 × Count entries, as Redis does. Pending entries whose stream
// entry is gone are removed and reported in Deleted. Entries released by Nack
// skip the idle check. The consumer is created if need be and its seen time
// set. O(log p + 10 × Count), whatever the size of the pending list.
func (c *Consumer[V]) AutoClaim(minIdle time.Duration, start ID, opts AutoClaimOptions) (AutoClaimResult[V], error) {
	var res AutoClaimResult[V]
	if minIdle < 0 {
		return res, ErrNegativeMinIdle
	}
	count := opts.Count
	if count == 0 {
		count = 100
	}
	if count < 0 || int64(count) > maxAutoClaimCount {
		return res, ErrAutoClaimCount
	}
	s := c.g.s
	err := c.g.do(func(g *group) error {
		now := s.nowMs()
		cs := s.consumerLocked(g, c.name, now)
		cs.seenTime = now
		res.Claimed, res.Deleted = []Entry[V]{}, []ID{}
		// Collect the candidates first, then change the trees (P16).
		var ps []*pending
		attempts := 10 * count
		g.pel.ascendFrom(start, func(p *pending) bool {
			if len(ps) == attempts {
				res.Next = p.id
				return false
			}
			ps = append(ps, p)
			return true
		})
		for i, p := range ps {
			if count == 0 {
				res.Next = ps[i].id
				break
			}
			v, ok := s.log.get(p.id)
			if !ok {
				res.Deleted = append(res.Deleted, p.id)
				g.ackLocked(p.id) // frees p
				count--
				continue
			}
			if p.owner != 0 && minIdle > 0 && now-p.deliveryTime < minIdle.Milliseconds() {
				continue
			}
			g.deliverLocked(p, cs, now)
			if opts.JustID {
				res.Claimed = append(res.Claimed, Entry[V]{ID: p.id})
			} else {
				p.count = addCount(p.count, 1)
				res.Claimed = append(res.Claimed, Entry[V]{p.id, *v})
			}
			cs.activeTime = now
			count--
		}
		return nil
	})
	return res, err
}
