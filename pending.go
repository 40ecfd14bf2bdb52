package xstream

import (
	"time"
)

// PendingSummary is the short form of XPENDING.
type PendingSummary struct {
	// Count is the number of pending entries, released (NACKed) ones included.
	Count int
	// Lowest and Highest are the smallest and greatest pending IDs; both are
	// 0-0 when Count is 0.
	Lowest, Highest ID
	// Consumers lists the consumers that own pending entries, in byte order of
	// name. Released entries belong to no consumer, so the counts may sum to
	// less than Count.
	Consumers []ConsumerPending
}

// ConsumerPending is a consumer's name and how many entries it owns.
type ConsumerPending struct {
	Name  string
	Count int
}

// PendingEntry is one entry of XPENDING's extended form.
type PendingEntry struct {
	ID ID
	// Consumer owns the entry; it is "" for an entry released by Nack.
	Consumer string
	// Idle is the time since the last delivery (never negative); -1ms for an
	// entry released by Nack.
	Idle time.Duration
	// Deliveries is the delivery count.
	Deliveries int64
}

// PendingFilter narrows [Group.PendingRange].
type PendingFilter struct {
	// Consumer, if not empty, lists only that consumer's entries (an unknown
	// consumer gives none).
	Consumer string
	// MinIdle lists only entries idle at least this long (XPENDING's IDLE);
	// released entries always pass. Must be >= 0.
	MinIdle time.Duration
}

// Pending returns the group's pending summary (XPENDING key group). The
// count and ID bounds come from the PEL index in O(log p); the per-consumer
// list costs O(c) for c consumers (kept sorted by name), not O(p).
func (g *Group[V]) Pending() (PendingSummary, error) {
	var sum PendingSummary
	err := g.do(func(st *group) error {
		sum.Count = st.pel.len()
		if sum.Count == 0 {
			return nil
		}
		lo, _ := st.pel.min()
		hi, _ := st.pel.max()
		sum.Lowest, sum.Highest = lo.id, hi.id
		sum.Consumers = make([]ConsumerPending, 0, len(st.byName))
		for _, c := range st.byName {
			if n := c.pel.len(); n > 0 {
				sum.Consumers = append(sum.Consumers, ConsumerPending{c.name, n})
			}
		}
		if len(sum.Consumers) == 0 { // every entry released by Nack
			sum.Consumers = nil
		}
		return nil
	})
	return sum, err
}

// PendingRange lists pending entries with start <= ID <= end in ID order, at
// most count (0 means none, as in Redis; negative fails), filtered by f
// (XPENDING key group [IDLE ms] start end count [consumer]). The result is
// empty, never nil, when nothing matches. It changes nothing. O(log p + k) for k entries scanned.
func (g *Group[V]) PendingRange(start, end ID, count int, f PendingFilter) ([]PendingEntry, error) {
	if count < 0 {
		return nil, ErrNegativeCount
	}
	if f.MinIdle < 0 {
		return nil, ErrNegativeMinIdle
	}
	var out []PendingEntry
	err := g.do(func(st *group) error {
		out = []PendingEntry{}
		tree := st.pel
		if f.Consumer != "" {
			c, ok := st.consumers[f.Consumer]
			if !ok {
				return nil
			}
			tree = c.pel
		}
		if count == 0 || end.Less(start) {
			return nil
		}
		now := g.s.nowMs()
		minIdle := f.MinIdle.Milliseconds()
		out = make([]PendingEntry, 0, min(count, tree.len(), 256))
		tree.ascendFrom(start, func(p *pending) bool {
			if end.Less(p.id) {
				return false
			}
			if p.owner != 0 && minIdle > 0 && now-p.deliveryTime < minIdle {
				return true
			}
			out = append(out, pendingEntryOf(st, p, now))
			return len(out) < count
		})
		return nil
	})
	return out, err
}

func pendingEntryOf(g *group, p *pending, now int64) PendingEntry {
	e := PendingEntry{ID: p.id, Deliveries: p.count, Idle: -time.Millisecond}
	if c := g.ownerOf(p); c != nil {
		e.Consumer = c.name
		e.Idle = time.Duration(max(now-p.deliveryTime, 0)) * time.Millisecond
	}
	return e
}
