package xstream

import (
	"maps"
	"slices"
	"time"
)

// StreamInfo describes a stream (XINFO STREAM).
type StreamInfo[V any] struct {
	Length int64
	// Nodes is the number of entry nodes (radix-tree-keys).
	Nodes int
	// LastGeneratedID is the greatest ID ever added or set.
	LastGeneratedID ID
	// MaxDeletedEntryID is the greatest ID removed by Delete, DeleteEx or
	// AckDelete, or set by SetLastID.
	MaxDeletedEntryID ID
	// EntriesAdded counts every entry ever added.
	EntriesAdded int64
	// RecordedFirstEntryID is the first entry's ID, 0-0 when empty.
	RecordedFirstEntryID ID
	// IdempotencyDuration and IdempotencyMaxSize are the idempotency settings.
	IdempotencyDuration time.Duration
	IdempotencyMaxSize  int
	// ProducersTracked and IIDsTracked count the remembered producers and
	// idempotent IDs; IIDsAdded and IIDsDuplicates are lifetime counters.
	ProducersTracked, IIDsTracked int
	IIDsAdded, IIDsDuplicates     int64
	// Groups is the number of consumer groups.
	Groups int
	// FirstEntry and LastEntry are nil when the stream is empty.
	FirstEntry, LastEntry *Entry[V]
}

// Info returns the stream's description (XINFO STREAM). O(g) for g groups.
func (s *Stream[V]) Info() StreamInfo[V] {
	s.lock()
	defer s.unlock()
	return s.infoLocked()
}

func (s *Stream[V]) infoLocked() StreamInfo[V] {
	pids, iids := s.idmp.tracked(s.nowMs())
	info := StreamInfo[V]{
		Length: s.length, Nodes: len(s.log.nodes), LastGeneratedID: s.lastID,
		MaxDeletedEntryID: s.maxDeleted, EntriesAdded: s.entriesAdded, RecordedFirstEntryID: s.firstID,
		IdempotencyDuration: time.Duration(s.idmp.durationMs) * time.Millisecond,
		IdempotencyMaxSize:  s.idmp.maxSize, ProducersTracked: pids, IIDsTracked: iids,
		IIDsAdded: s.idmp.added, IIDsDuplicates: s.idmp.duplicates, Groups: len(s.groups),
	}
	if e, ok := s.edgeLocked(s.log.first); ok {
		info.FirstEntry = &e
	}
	if e, ok := s.edgeLocked(s.log.last); ok {
		info.LastEntry = &e
	}
	return info
}

// GroupInfo describes a consumer group (XINFO GROUPS).
type GroupInfo struct {
	Name string
	// Consumers is the number of consumers.
	Consumers int
	// Pending is the number of pending entries, released ones included.
	Pending int
	// Nacked is the number of entries released by Nack (nacked-count).
	Nacked int
	// LastDeliveredID is the ID of the last entry delivered as new.
	LastDeliveredID ID
	// EntriesRead is the logical count of entries the group has read, and
	// EntriesReadKnown is false when Redis would report it as nil.
	EntriesRead      int64
	EntriesReadKnown bool
	// Lag is how many entries the group has still to read, and LagKnown is
	// false when it cannot be computed (Redis's nil).
	Lag      int64
	LagKnown bool
}

func (s *Stream[V]) groupInfoLocked(g *group) GroupInfo {
	lag, known := s.lagLocked(g)
	return GroupInfo{
		Name: g.name, Consumers: len(g.consumers), Pending: g.pel.len(), Nacked: g.byTime.nacked,
		LastDeliveredID: g.lastID, EntriesRead: g.entriesRead, EntriesReadKnown: g.entriesRead != -1,
		Lag: lag, LagKnown: known,
	}
}

// Info describes the group (one element of XINFO GROUPS). O(1).
func (g *Group[V]) Info() (GroupInfo, error) {
	var gi GroupInfo
	err := g.do(func(st *group) error {
		gi = g.s.groupInfoLocked(st)
		return nil
	})
	return gi, err
}

// GroupsInfo describes every group of the stream in byte order of name
// (XINFO GROUPS). O(g log g).
func (s *Stream[V]) GroupsInfo() []GroupInfo {
	s.lock()
	defer s.unlock()
	out := []GroupInfo{}
	for _, name := range slices.Sorted(maps.Keys(s.groups)) {
		out = append(out, s.groupInfoLocked(s.groups[name]))
	}
	return out
}

// Consumers describes the group's consumers in byte order of name (XINFO
// CONSUMERS). O(c).
func (g *Group[V]) Consumers() ([]ConsumerInfo, error) {
	var out []ConsumerInfo
	err := g.do(func(st *group) error {
		now := g.s.nowMs()
		out = []ConsumerInfo{}
		for _, c := range st.byName {
			out = append(out, consumerInfo(c, now))
		}
		return nil
	})
	return out, err
}

// Info describes the consumer (its element of XINFO CONSUMERS), and false
// if it does not exist. O(1).
func (c *Consumer[V]) Info() (ConsumerInfo, bool, error) {
	var ci ConsumerInfo
	found := false
	err := c.g.do(func(st *group) error {
		if cs, ok := st.consumers[c.name]; ok {
			ci, found = consumerInfo(cs, c.g.s.nowMs()), true
		}
		return nil
	})
	return ci, found, err
}

// StreamInfoFull is the full description of a stream (XINFO STREAM FULL).
type StreamInfoFull[V any] struct {
	StreamInfo[V]
	// Entries are the first entries of the stream, up to the count.
	Entries []Entry[V]
	// GroupsFull describe every group in byte order of name.
	GroupsFull []GroupInfoFull
}

// GroupInfoFull is a group's part of [StreamInfoFull].
type GroupInfoFull struct {
	GroupInfo
	// PendingEntries are the first pending entries in ID order, up to the
	// count; Consumer is "" and DeliveryTime the zero Time for released ones.
	PendingEntries []PendingDetail
	// ConsumersFull describe every consumer in byte order of name.
	ConsumersFull []ConsumerInfoFull
}

// PendingDetail is a pending entry in [GroupInfoFull].
type PendingDetail struct {
	ID           ID
	Consumer     string
	DeliveryTime time.Time
	Deliveries   int64
}

// ConsumerInfoFull is a consumer's part of [GroupInfoFull].
type ConsumerInfoFull struct {
	ConsumerInfo
	// PendingEntries are its first pending entries in ID order, up to the count.
	PendingEntries []PendingDetail
}

// InfoFull returns the full description of the stream, listing at most
// count entries and pending entries per list (0: all) (XINFO STREAM FULL
// COUNT count). O(g·c + count) per list.
func (s *Stream[V]) InfoFull(count int) (StreamInfoFull[V], error) {
	if count < 0 {
		return StreamInfoFull[V]{}, ErrNegativeCount
	}
	s.lock()
	defer s.unlock()
	full := StreamInfoFull[V]{StreamInfo: s.infoLocked()}
	full.Entries = s.rangeLocked(MinID, MaxID, count, false)
	if full.Entries == nil {
		full.Entries = []Entry[V]{}
	}
	now := s.nowMs()
	full.GroupsFull = []GroupInfoFull{}
	for _, name := range slices.Sorted(maps.Keys(s.groups)) {
		g := s.groups[name]
		gf := GroupInfoFull{GroupInfo: s.groupInfoLocked(g), PendingEntries: pendingDetails(g, g.pel, count)}
		gf.ConsumersFull = []ConsumerInfoFull{}
		for _, c := range g.byName {
			gf.ConsumersFull = append(gf.ConsumersFull, ConsumerInfoFull{consumerInfo(c, now), pendingDetails(g, c.pel, count)})
		}
		full.GroupsFull = append(full.GroupsFull, gf)
	}
	return full, nil
}

func pendingDetails(g *group, ix *pelIndex, count int) []PendingDetail {
	out := []PendingDetail{}
	ix.ascend(func(p *pending) bool {
		d := PendingDetail{ID: p.id, Deliveries: p.count}
		if c := g.ownerOf(p); c != nil {
			d.Consumer, d.DeliveryTime = c.name, time.UnixMilli(p.deliveryTime)
		}
		out = append(out, d)
		return count == 0 || len(out) < count
	})
	return out
}
