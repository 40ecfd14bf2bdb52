package xstream

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// check verifies the stream's internal invariants (in the spirit of bbolt's
// tx.Check and tidwall's Sane) and returns the first violation found. It is
// for tests only; it takes the stream's lock.
//
// It does not check that pending IDs are at most their group's
// last-delivered ID: that does not hold after SetID moves back or after a
// forced Claim or Nack. Tests that generate none of those use
// mtCheckPendingBelowLast.
func (s *Stream[V]) check() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ready {
		if s.length != 0 || len(s.log.nodes) != 0 || len(s.groups) != 0 {
			return errors.New("uninitialised stream has state")
		}
		return nil
	}
	if err := s.checkLogLocked(); err != nil {
		return err
	}
	for name, g := range s.groups {
		if g.name != name {
			return fmt.Errorf("group %q is filed under %q", g.name, name)
		}
		if err := checkGroup(g); err != nil {
			return fmt.Errorf("group %q: %w", name, err)
		}
	}
	return nil
}

// checkLogLocked checks the entry nodes and the stream's counters.
func (s *Stream[V]) checkLogLocked() error {
	l := &s.log
	if l.maxEntries != s.opts.NodeMaxEntries || l.maxEntries <= 0 {
		return fmt.Errorf("node size %d, options say %d", l.maxEntries, s.opts.NodeMaxEntries)
	}
	var prev ID
	var live int64
	var firstLive, lastLive ID
	seen := false
	for n, nd := range l.nodes {
		if nd == nil || len(nd.ids) == 0 {
			return fmt.Errorf("node %d is nil or empty", n)
		}
		if len(nd.ids) != len(nd.vals) || len(nd.ids) > l.maxEntries {
			return fmt.Errorf("node %d: %d ids, %d values, max %d", n, len(nd.ids), len(nd.vals), l.maxEntries)
		}
		for w, word := range nd.dead {
			for b := range 64 {
				if word&(1<<uint(b)) != 0 && w*64+b >= len(nd.ids) {
					return fmt.Errorf("node %d: tombstone bit %d beyond its %d entries", n, w*64+b, len(nd.ids))
				}
			}
		}
		nlive := 0
		for i, id := range nd.ids {
			if (n > 0 || i > 0) && !prev.Less(id) {
				return fmt.Errorf("node %d entry %d: ID %v not above %v", n, i, id, prev)
			}
			prev = id
			if nd.isDead(i) {
				continue
			}
			nlive++
			if !seen {
				firstLive, seen = id, true
			}
			lastLive = id
		}
		if nlive != nd.live {
			return fmt.Errorf("node %d: live count %d, bitmap says %d", n, nd.live, nlive)
		}
		live += int64(nlive)
	}
	switch {
	case live != s.length:
		return fmt.Errorf("length %d, live entries %d", s.length, live)
	case s.firstID != firstLive:
		return fmt.Errorf("first ID %v, first live entry %v", s.firstID, firstLive)
	case s.lastID.Less(lastLive):
		return fmt.Errorf("last ID %v below last entry %v", s.lastID, lastLive)
	case s.entriesAdded < s.length:
		return fmt.Errorf("entries added %d below length %d", s.entriesAdded, s.length)
	}
	return nil
}

// checkGroup checks a group's PEL indexes against each other, its slab and
// its time list.
func checkGroup(g *group) error {
	if g.entriesRead < -1 {
		return fmt.Errorf("entries read %d", g.entriesRead)
	}
	if err := checkIndex(g.pel); err != nil {
		return fmt.Errorf("group PEL: %w", err)
	}
	if g.recs.live != g.pel.len() {
		return fmt.Errorf("slab holds %d records, group PEL %d", g.recs.live, g.pel.len())
	}
	inPEL := map[*pending]bool{}
	var err error
	nacked := 0
	g.pel.ascend(func(p *pending) bool {
		c := g.ownerOf(p)
		switch {
		case p.count < 0:
			err = fmt.Errorf("%v: delivery count %d", p.id, p.count)
		case c == nil:
			nacked++
		case g.consumers[c.name] != c || c.slot != p.owner:
			err = fmt.Errorf("%v: owner %q is not a consumer of the group", p.id, c.name)
		default:
			if q, ok := c.pel.get(p.id); !ok || q != p {
				err = fmt.Errorf("%v: missing from owner %q's PEL", p.id, c.name)
			}
		}
		inPEL[p] = true
		return err == nil
	})
	if err != nil {
		return err
	}
	byName := func(a, b *consumer) int { return strings.Compare(a.name, b.name) }
	if len(g.byName) != len(g.consumers) || !slices.IsSortedFunc(g.byName, byName) {
		return fmt.Errorf("%d consumers in the name list (sorted or not), %d in the map", len(g.byName), len(g.consumers))
	}
	for _, c := range g.byName {
		if g.consumers[c.name] != c || g.owners[c.slot-1] != c {
			return fmt.Errorf("consumer %q in the name list is not the one in the map or owner slot", c.name)
		}
	}
	owned := 0
	for name, c := range g.consumers {
		if c.name != name {
			return fmt.Errorf("consumer %q is filed under %q", c.name, name)
		}
		if err := checkIndex(c.pel); err != nil {
			return fmt.Errorf("consumer %q: %w", name, err)
		}
		owned += c.pel.len()
		c.pel.ascend(func(p *pending) bool {
			if g.ownerOf(p) != c || !inPEL[p] {
				err = fmt.Errorf("consumer %q holds %v, which it does not own or the group lacks", name, p.id)
			}
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	if owned+nacked != g.pel.len() {
		return fmt.Errorf("consumers own %d, %d released, group PEL has %d", owned, nacked, g.pel.len())
	}
	if nacked != g.byTime.nacked {
		return fmt.Errorf("%d released entries, time list counts %d", nacked, g.byTime.nacked)
	}
	return checkTimeList(&g.byTime, inPEL)
}

// checkIndex checks a PEL index's chunks: none empty or over capacity, IDs
// strictly ascending within and across chunks, each chunk's cached first ID
// right, the count right, every record's self ref pointing back at it, and
// no two adjacent chunks both under a quarter full (they would have merged),
// and the head, tail and finger chunks right.
func checkIndex(ix *pelIndex) error {
	var err error
	n, prevLen := 0, chunkLen
	var prev ID
	ix.tree.Ascend(func(c *chunk) bool {
		switch {
		case len(c.refs) == 0 || len(c.refs) > chunkLen:
			err = fmt.Errorf("chunk of %d refs", len(c.refs))
		case ix.sl.at(c.refs[0]).id != c.first:
			err = fmt.Errorf("chunk first %v, holds %v", c.first, ix.sl.at(c.refs[0]).id)
		case len(c.refs) < chunkLen/4 && prevLen < chunkLen/4:
			err = fmt.Errorf("adjacent chunks of %d and %d refs", prevLen, len(c.refs))
		}
		for _, r := range c.refs {
			p := ix.sl.at(r)
			switch {
			case p.self != r:
				err = fmt.Errorf("ref %d holds a record whose self is %d", r, p.self)
			case n > 0 && !prev.Less(p.id):
				err = fmt.Errorf("index out of order at %v", p.id)
			}
			prev = p.id
			n++
		}
		prevLen = len(c.refs)
		return err == nil
	})
	if err == nil && n != ix.len() {
		err = fmt.Errorf("index counts %d, holds %d", ix.len(), n)
	}
	if mx, _ := ix.tree.Max(); err == nil && mx != ix.tail {
		err = errors.New("index: tail is not the last chunk")
	}
	if mn, _ := ix.tree.Min(); err == nil && mn != ix.head {
		err = errors.New("index: head is not the first chunk")
	}
	if f := ix.finger; err == nil && f != nil {
		if got, ok := ix.tree.Get(f); !ok || got != f {
			err = errors.New("index: finger on a chunk out of the tree")
		}
	}
	return err
}

// checkTimeList checks that the list holds exactly the PEL's records: the
// NACK zone (unowned, delivery time 0) first, then owned records by
// non-decreasing delivery time, with consistent links.
func checkTimeList(l *timeList, inPEL map[*pending]bool) error {
	var prev *pending
	var lastTime int64
	k := 0
	for p := l.first(); p != nil; p = l.after(p) {
		if k >= len(inPEL) {
			return fmt.Errorf("time list longer than the PEL (%d) or cyclic", len(inPEL))
		}
		if !inPEL[p] {
			return fmt.Errorf("time list holds %v, which is not in the PEL", p.id)
		}
		if l.sl.at(p.prev) != prev {
			return fmt.Errorf("time list: %v has a wrong prev link", p.id)
		}
		inZone := k < l.nacked
		switch {
		case inZone && (p.owner != 0 || p.deliveryTime != 0):
			return fmt.Errorf("time list: %v in the NACK zone is owned or timed", p.id)
		case !inZone && p.owner == 0:
			return fmt.Errorf("time list: unowned %v outside the NACK zone", p.id)
		case !inZone && k > l.nacked && p.deliveryTime < lastTime:
			return fmt.Errorf("time list: %v delivered at %d after one at %d", p.id, p.deliveryTime, lastTime)
		}
		if k == l.nacked-1 && l.nackTail != p.self {
			return fmt.Errorf("time list: NACK tail is not %v", p.id)
		}
		lastTime = p.deliveryTime
		prev = p
		k++
	}
	switch {
	case k != len(inPEL):
		return fmt.Errorf("time list has %d records, PEL %d", k, len(inPEL))
	case l.sl.at(l.tail) != prev:
		return errors.New("time list: wrong tail")
	case l.nacked == 0 && l.nackTail != 0:
		return errors.New("time list: NACK tail set with an empty zone")
	}
	return nil
}

// mtCheckPendingBelowLast checks that every pending ID of the named group is
// at most its last-delivered ID, which holds unless SetID moved the group
// back or a Claim or Nack forced IDs into the PEL.
func mtCheckPendingBelowLast[V any](s *Stream[V], name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[name]
	if !ok {
		return nil
	}
	if p, ok := g.pel.max(); ok && g.lastID.Less(p.id) {
		return fmt.Errorf("group %q: pending %v beyond last-delivered %v", name, p.id, g.lastID)
	}
	return nil
}

// mtTimeOrder returns the IDs of the named group's time list, head first.
func mtTimeOrder[V any](s *Stream[V], name string) []ID {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[name]
	if !ok {
		return nil
	}
	var out []ID
	for p := g.byTime.first(); p != nil; p = g.byTime.after(p) {
		out = append(out, p.id)
	}
	return out
}
