package xstream

// TrimStrategy selects what Trim keeps.
type TrimStrategy uint8

const (
	// NoTrim trims nothing (the zero value).
	NoTrim TrimStrategy = iota
	// TrimMaxLen keeps at most MaxLen entries (MAXLEN).
	TrimMaxLen
	// TrimMinID removes entries with IDs below MinID (MINID).
	TrimMinID
)

// RefMode says what deleting or trimming does with entries that consumer
// groups still reference (Redis 8.2's KEEPREF / DELREF / ACKED).
type RefMode uint8

const (
	// KeepRef deletes entries and leaves dangling references in the
	// pending-entries lists (the zero value; classic Redis behaviour).
	KeepRef RefMode = iota
	// DelRef deletes entries and removes them from every group's
	// pending-entries list.
	DelRef
	// Acked deletes only entries that every group has read and acknowledged.
	Acked
)

// NoLimit as TrimOptions.Limit lifts the default limit of approximate
// trimming (Redis's LIMIT 0).
const NoLimit = -1

// TrimOptions describe a trim (XTRIM, and XADD's trimming options).
type TrimOptions struct {
	// Strategy is NoTrim (the zero value), TrimMaxLen or TrimMinID.
	Strategy TrimStrategy
	// MaxLen is the length to trim down to, for TrimMaxLen. Must be >= 0.
	MaxLen int64
	// MinID is the smallest ID to keep, for TrimMinID.
	MinID ID
	// Approx trims only whole nodes ("~"), which is cheaper and may leave more
	// entries than asked: KeepRef stops at the first node it cannot drop
	// whole. With DelRef or Acked, which examine every entry anyway, "~" only
	// changes the default Limit: they trim like exact trimming bounded by
	// Limit (Redis 8.6+, #14623; redis8-streams.md §1.2).
	Approx bool
	// Limit caps the entries one approximate trim removes. 0 means Redis's
	// default, 100 × NodeMaxEntries; NoLimit means no cap. Only with Approx
	// and a strategy.
	Limit int64
	// Ref decides what happens to referenced entries.
	Ref RefMode
}

// validate checks o; needStrategy is true for Trim, where NoTrim is an error.
func (o *TrimOptions) validate(needStrategy bool) error {
	// The order is Redis's: argument errors first, then the combinations.
	switch {
	case o.Strategy > TrimMinID:
		return ErrNoTrimStrategy
	case o.Strategy == TrimMaxLen && o.MaxLen < 0:
		return ErrMaxLenNegative
	case o.Limit < NoLimit:
		return ErrLimitNegative
	case o.Ref > Acked:
		return ErrInvalidRefMode
	case o.Strategy == NoTrim && o.Limit > 0:
		return ErrLimitWithoutStrategy
	case o.Strategy == NoTrim && needStrategy:
		return ErrNoTrimStrategy
	case o.Limit != 0 && !o.Approx:
		return ErrLimitWithoutApprox
	}
	return nil
}

// Trim removes entries from the front of the stream and returns how many it
// removed (XTRIM). It never changes the last ID, entries-added or the
// max-deleted ID. On error nothing changes. O(k) for k entries removed (whole
// nodes are dropped in O(1) with KeepRef), plus O(g log p) per entry with
// DelRef or Acked for g groups with p pending entries.
func (s *Stream[V]) Trim(opts TrimOptions) (int64, error) {
	if err := opts.validate(true); err != nil {
		return 0, err
	}
	s.lock()
	defer s.unlock()
	return s.trimLocked(opts), nil
}

// trimLocked is Redis's streamTrim (with the PR #14623 fix for approximate
// DELREF/ACKED trims). It walks nodes from the head: a node that may go whole
// ("eligible") is dropped at once under KeepRef; otherwise its entries are
// visited one by one, and the walk goes on to the next node only if this one
// was eligible.
func (s *Stream[V]) trimLocked(o TrimOptions) int64 {
	if o.Strategy == NoTrim {
		return 0
	}
	limit := o.Limit
	switch {
	case limit == NoLimit || !o.Approx:
		limit = 0
	case limit == 0:
		limit = min(100*int64(s.opts.NodeMaxEntries), 1000000) // NodeMaxEntries > 0
	}
	var deleted int64
	l := &s.log
	for n := 0; n < len(l.nodes); {
		nd := l.nodes[n]
		if o.Strategy == TrimMaxLen && s.length <= o.MaxLen {
			break
		}
		entries := int64(nd.live)
		if limit != 0 && deleted+entries > limit {
			break
		}
		var eligible bool
		if o.Strategy == TrimMaxLen {
			eligible = s.length-entries >= o.MaxLen
		} else {
			eligible = nd.ids[len(nd.ids)-1].Less(o.MinID)
		}
		if eligible && o.Ref == KeepRef {
			l.dropNode(n)
			s.length -= entries
			deleted += entries
			continue
		}
		if o.Approx && o.Ref == KeepRef {
			break
		}
		deleted += s.trimNodeLocked(nd, o)
		if eligible && nd.live == 0 {
			l.dropNode(n)
			continue
		}
		if !eligible {
			break
		}
		n++
	}
	if deleted > 0 {
		s.firstID, _ = l.first()
	}
	return deleted
}

// trimNodeLocked deletes entries of nd from its head until the strategy's
// stop condition holds, honouring o.Ref. Unlike Redis up to 8.10 (open PR
// #15581), DelRef also drops the references of entries that were already
// deleted.
func (s *Stream[V]) trimNodeLocked(nd *node[V], o TrimOptions) int64 {
	var deleted int64
	for i, id := range nd.ids {
		if o.Strategy == TrimMaxLen && s.length <= o.MaxLen || o.Strategy == TrimMinID && !id.Less(o.MinID) {
			break
		}
		switch o.Ref {
		case DelRef:
			s.dropRefsLocked(id)
		case Acked:
			if nd.isDead(i) || s.referencedLocked(id) {
				continue
			}
		}
		if nd.isDead(i) {
			continue
		}
		nd.kill(i)
		s.length--
		deleted++
	}
	return deleted
}
