package xstream

import (
	"maps"
	"slices"
	"strings"
)

// group is a consumer group's state (Redis's streamCG).
type group struct {
	name        string
	lastID      ID        // last-delivered-id
	entriesRead int64     // -1 when unknown
	pel         *pelIndex // every pending entry, by ID
	consumers   map[string]*consumer
	byName      []*consumer // the consumers in byte order of their names
	owners      []*consumer // by slot (pending.owner - 1); nil: free
	freeSlots   []uint32    // free indexes of owners
	byTime      timeList
	recs        slab // the pending records
}

// newGroup returns an empty group.
func newGroup(name string) *group {
	g := &group{name: name, consumers: map[string]*consumer{}}
	g.pel = newPELIndex(&g.recs)
	g.byTime.sl = &g.recs
	return g
}

// consumer is a consumer's state (Redis's streamConsumer).
type consumer struct {
	name       string
	seenTime   int64     // unix ms of the last attempted interaction
	activeTime int64     // unix ms of the last successful one; -1 if never
	slot       uint32    // what pending.owner holds for this consumer
	pel        *pelIndex // the entries it owns, by ID
}

// GroupOptions are the options of [Stream.CreateGroup] and [Group.SetID].
type GroupOptions struct {
	// AtEnd starts the group at the stream's last ID, Redis's "$"; the start
	// ID argument is then ignored.
	AtEnd bool
	// EntriesRead sets the group's entries-read counter (ENTRIESREAD), which
	// lag is computed from; values above the stream's entries-added are
	// lowered to it. nil leaves it unknown (-1). Must be >= -1.
	EntriesRead *int64
}

func (o GroupOptions) validate() error {
	if o.EntriesRead != nil && *o.EntriesRead < -1 {
		return ErrEntriesReadInvalid
	}
	return nil
}

// Group is a handle on a consumer group of a stream, by name. It is cheap,
// holds no state of its own and is safe for concurrent use; its methods fail
// with [ErrNoGroup] if the group has been destroyed. Get one from
// [Stream.CreateGroup] or [Stream.Group].
type Group[V any] struct {
	s    *Stream[V]
	name string
}

// CreateGroup creates a consumer group that will deliver the entries after
// start (XGROUP CREATE). It fails with [ErrGroupExists] if the name is taken.
// O(1).
func (s *Stream[V]) CreateGroup(name string, start ID, opts GroupOptions) (*Group[V], error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	s.lock()
	defer s.unlock()
	if _, ok := s.groups[name]; ok {
		return nil, ErrGroupExists
	}
	g := newGroup(name)
	s.setGroupIDLocked(g, start, opts)
	s.groups[name] = g
	return &Group[V]{s, name}, nil
}

func (s *Stream[V]) setGroupIDLocked(g *group, id ID, opts GroupOptions) {
	if opts.AtEnd {
		id = s.lastID
	}
	g.lastID = id
	g.entriesRead = -1
	if opts.EntriesRead != nil {
		g.entriesRead = min(*opts.EntriesRead, s.entriesAdded) // -1 stays -1
	}
}

// Group returns a handle on the named group, and false if there is none.
// O(1).
func (s *Stream[V]) Group(name string) (*Group[V], bool) {
	s.lock()
	defer s.unlock()
	_, ok := s.groups[name]
	if !ok {
		return nil, false
	}
	return &Group[V]{s, name}, true
}

// Groups returns the names of the stream's groups in byte order. O(g log g).
func (s *Stream[V]) Groups() []string {
	s.lock()
	defer s.unlock()
	return slices.Sorted(maps.Keys(s.groups))
}

// DestroyGroup deletes the named group with its pending entries and
// consumers, and reports whether it existed (XGROUP DESTROY). Readers blocked
// on the group return [ErrNoGroup]. O(p) for p pending entries.
func (s *Stream[V]) DestroyGroup(name string) bool {
	s.lock()
	defer s.unlock()
	if _, ok := s.groups[name]; !ok {
		return false
	}
	delete(s.groups, name)
	s.serveWaitersLocked()
	return true
}

// Name returns the group's name.
func (g *Group[V]) Name() string { return g.name }

// Stream returns the group's stream.
func (g *Group[V]) Stream() *Stream[V] { return g.s }

// do runs fn on the group's state under the stream's lock.
func (g *Group[V]) do(fn func(*group) error) error {
	g.s.lock()
	defer g.s.unlock()
	st, ok := g.s.groups[g.name]
	if !ok {
		return ErrNoGroup
	}
	return fn(st)
}

// SetID moves the group's last-delivered ID (XGROUP SETID); entries after it
// will be delivered by the next reads of new entries, again if need be. The
// entries-read counter becomes opts.EntriesRead, or unknown. Pending entries
// and consumers are untouched. O(1).
func (g *Group[V]) SetID(id ID, opts GroupOptions) error {
	if err := opts.validate(); err != nil {
		return err
	}
	return g.do(func(st *group) error {
		g.s.setGroupIDLocked(st, id, opts)
		return nil
	})
}

// CreateConsumer creates the named consumer and reports whether it was new
// (XGROUP CREATECONSUMER). O(1).
func (g *Group[V]) CreateConsumer(name string) (bool, error) {
	created := false
	err := g.do(func(st *group) error {
		if _, ok := st.consumers[name]; !ok {
			g.s.consumerLocked(st, name, g.s.nowMs())
			created = true
		}
		return nil
	})
	return created, err
}

// consumerLocked returns the named consumer, creating it if need be.
func (s *Stream[V]) consumerLocked(g *group, name string, now int64) *consumer {
	c, ok := g.consumers[name]
	if !ok {
		c = &consumer{name: name, seenTime: now, activeTime: -1, pel: newPELIndex(&g.recs)}
		if n := len(g.freeSlots); n > 0 {
			c.slot = g.freeSlots[n-1] + 1
			g.freeSlots = g.freeSlots[:n-1]
			g.owners[c.slot-1] = c
		} else {
			g.owners = append(g.owners, c)
			c.slot = uint32(len(g.owners))
		}
		g.consumers[name] = c
		i, _ := slices.BinarySearchFunc(g.byName, name, byConsumerName)
		g.byName = slices.Insert(g.byName, i, c)
	}
	return c
}

func byConsumerName(c *consumer, name string) int { return strings.Compare(c.name, name) }

// ownerOf returns p's owner, nil if it has been released (NACKed).
func (g *group) ownerOf(p *pending) *consumer {
	if p.owner == 0 {
		return nil
	}
	return g.owners[p.owner-1]
}

// DeleteConsumer deletes the named consumer and returns how many pending
// entries it owned; they are no longer pending for anyone (XGROUP
// DELCONSUMER). Entries released by [Group.Nack] are not the consumer's and
// stay. A missing consumer gives 0. O(k log p) for k entries it owned.
func (g *Group[V]) DeleteConsumer(name string) (int, error) {
	n := 0
	err := g.do(func(st *group) error {
		c, ok := st.consumers[name]
		if !ok {
			return nil
		}
		n = c.pel.len()
		c.pel.ascend(func(p *pending) bool {
			st.byTime.unlink(p)
			st.pel.remove(p.id)
			st.recs.free(p)
			return true
		})
		delete(st.consumers, name)
		i, _ := slices.BinarySearchFunc(st.byName, name, byConsumerName)
		st.byName = slices.Delete(st.byName, i, i+1)
		st.owners[c.slot-1] = nil
		st.freeSlots = append(st.freeSlots, c.slot-1)
		return nil
	})
	return n, err
}

// Consumer returns a handle on the named consumer of the group. The
// consumer itself is created by the first read or claim through it, as in
// Redis. It does not check that the group exists.
func (g *Group[V]) Consumer(name string) *Consumer[V] {
	return &Consumer[V]{g: g, name: name}
}

// Ack acknowledges the given IDs: they leave the group's and their owner's
// pending lists (XACK). It returns how many were pending; IDs that were not
// (already acknowledged, never delivered, repeated) are not counted. The
// entries stay in the stream. O(log p) per ID.
func (g *Group[V]) Ack(ids ...ID) (int, error) {
	n := 0
	err := g.do(func(st *group) error {
		for _, id := range ids {
			if st.ackLocked(id) {
				n++
			}
		}
		return nil
	})
	return n, err
}

// ackLocked removes id from the group's PEL and reports whether it was there.
func (g *group) ackLocked(id ID) bool {
	p, ok := g.pel.remove(id)
	if !ok {
		return false
	}
	g.byTime.unlink(p)
	if c := g.ownerOf(p); c != nil {
		c.pel.remove(id)
	}
	g.recs.free(p)
	return true
}

// assignLocked makes c the owner of p, moving it between consumer PELs.
func (g *group) assignLocked(p *pending, c *consumer) {
	if p.owner == c.slot {
		return
	}
	if old := g.ownerOf(p); old != nil {
		old.pel.remove(p.id)
	}
	p.owner = c.slot
	c.pel.insert(p)
}

// deliverLocked records a delivery of p to c at time t: owner, delivery time
// and place in the time list (the count is the caller's business).
func (g *group) deliverLocked(p *pending, c *consumer, t int64) {
	g.byTime.unlink(p)
	g.assignLocked(p, c)
	p.deliveryTime = t
	g.byTime.placeOwned(p)
}

// addPendingLocked creates a pending entry for id owned by c (nil: NACKed).
func (g *group) addPendingLocked(id ID, c *consumer, t, count int64) *pending {
	p := g.recs.alloc()
	p.id, p.deliveryTime, p.count = id, t, count
	g.pel.insert(p)
	if c == nil {
		g.byTime.placeNacked(p)
		return p
	}
	p.owner = c.slot
	c.pel.insert(p)
	g.byTime.placeOwned(p)
	return p
}

// referencedLocked is Redis's streamEntryIsReferenced: some group has not
// read id yet, or holds it pending. O(g log p).
func (s *Stream[V]) referencedLocked(id ID) bool {
	if len(s.groups) == 0 {
		return false
	}
	for _, g := range s.groups {
		if g.lastID.Less(id) {
			return true
		}
	}
	for _, g := range s.groups {
		if _, ok := g.pel.get(id); ok {
			return true
		}
	}
	return false
}

// dropRefsLocked removes id from every group's pending list (DELREF).
func (s *Stream[V]) dropRefsLocked(id ID) {
	for _, g := range s.groups {
		g.ackLocked(id)
	}
}
