package xstream

import (
	"context"
	"slices"
	"time"
)

// Consumer is a handle on a named consumer of a group. It is cheap, holds no
// state of its own and is safe for concurrent use. The consumer itself comes
// into being with the first read or claim through the handle, as in Redis.
type Consumer[V any] struct {
	g    *Group[V]
	name string
}

// Name returns the consumer's name.
func (c *Consumer[V]) Name() string { return c.name }

// Group returns the consumer's group.
func (c *Consumer[V]) Group() *Group[V] { return c.g }

// Message is an entry delivered to a consumer.
type Message[V any] struct {
	ID    ID
	Value V
	// Deleted is set by history reads for a pending entry whose stream entry
	// has been deleted or trimmed (Redis replies with nil fields); Value is
	// then the zero value.
	Deleted bool
	// Idle and Deliveries are set for entries claimed by a read with
	// ReadGroupOptions.Claim: the idle time and the delivery count before this
	// delivery (for an entry released by Nack, the time since the Unix
	// epoch, as Redis reports). They are 0 for new entries.
	Idle       time.Duration
	Deliveries int64
}

// ReadGroupOptions are the options of group reads (XREADGROUP).
type ReadGroupOptions struct {
	// Count caps the entries returned per stream (claimed and new together).
	// 0 means no cap; negative fails with ErrNegativeCount.
	Count int
	// NoAck delivers new entries without adding them to the pending lists.
	NoAck bool
	// Claim makes a read of new entries first claim pending entries idle at
	// least MinIdle (Redis 8.4's CLAIM): released (NACKed) entries first, then
	// the longest idle. Claimed entries report Idle and Deliveries.
	Claim bool
	// MinIdle is the CLAIM threshold. Must be >= 0.
	MinIdle time.Duration
	// MaxCount caps the entries of a multi-stream read in total (Redis 8.10).
	// 0 means no cap; it must not be below Count.
	MaxCount int64
	// MaxSize is a soft cap in bytes on a multi-stream read's reply (Redis
	// 8.10), estimated as its RESP2 encoding with Options.Size for payloads:
	// reading stops before an entry once the cap is reached, but the first
	// entry is always returned. 0 means no cap.
	MaxSize int64
	// Block makes [ReadGroup] wait, until the context ends, when no stream
	// has anything to serve.
	Block bool
}

func (o *ReadGroupOptions) validate() error {
	switch {
	case o.Count < 0:
		return ErrNegativeCount
	case o.MinIdle < 0:
		return ErrNegativeMinIdle
	}
	return validateCaps(o.Count, o.MaxCount, o.MaxSize)
}

func validateCaps(count int, maxCount, maxSize int64) error {
	switch {
	case maxCount < 0:
		return ErrMaxCount
	case maxSize < 0:
		return ErrMaxSize
	case maxCount > 0 && count > 0 && int64(count) > maxCount:
		return ErrMaxCountBelowCount
	}
	return nil
}

// Read delivers new entries (XREADGROUP ... >) without blocking, and with
// opts.Claim first claims idle pending entries. It returns nil when there is
// nothing to deliver. The consumer is created if need be and its seen time
// set; new entries advance the group's last-delivered ID and entries-read and,
// unless NoAck, join the pending lists with delivery count 1. O(log n + k)
// for k entries delivered (plus O(log p) each into the PELs).
func (c *Consumer[V]) Read(opts ReadGroupOptions) ([]Message[V], error) {
	res, err := ReadGroup(context.Background(), c.g.name, c.name,
		[]GroupRead[V]{{Stream: c.g.s}}, withoutBlock(opts))
	return firstMessages(res), err
}

// ReadBlock is Read that waits, when there is nothing to deliver, until there
// is or ctx ends (XREADGROUP BLOCK). Blocked readers are served in the order
// they blocked, each new entry to exactly one of them. When ctx ends it
// returns ctx.Err(), and no entry is left pending for it that it did not
// return. With opts.Claim it also wakes when a pending entry becomes idle
// enough (timed on the real clock).
func (c *Consumer[V]) ReadBlock(ctx context.Context, opts ReadGroupOptions) ([]Message[V], error) {
	opts.Block = true
	res, err := ReadGroup(ctx, c.g.name, c.name, []GroupRead[V]{{Stream: c.g.s}}, opts)
	return firstMessages(res), err
}

// ReadHistory returns the consumer's own pending entries with IDs after the
// given one, at most count (0: all), in ID order (XREADGROUP ... <id>). Each
// one whose entry still exists counts as a new delivery: its delivery count
// rises and its idle time restarts. Entries deleted from the stream come back
// with Deleted set and are left as they are. Entries released by Nack are not
// the consumer's and are not returned. O(log p + k).
func (c *Consumer[V]) ReadHistory(after ID, count int) ([]Message[V], error) {
	res, err := ReadGroup(context.Background(), c.g.name, c.name,
		[]GroupRead[V]{{Stream: c.g.s, History: true, After: after}}, ReadGroupOptions{Count: count})
	if err != nil {
		return nil, err
	}
	if msgs := firstMessages(res); msgs != nil {
		return msgs, nil
	}
	return []Message[V]{}, nil
}

func withoutBlock(o ReadGroupOptions) ReadGroupOptions {
	o.Block = false
	return o
}

func firstMessages[V any](res []StreamMessages[V]) []Message[V] {
	if len(res) == 0 {
		return nil
	}
	return res[0].Messages
}

// readGroupLocked serves one stream of a group read. served reports whether
// the stream has a place in the reply (history reads always do; reads of new
// entries only when something was delivered).
func (s *Stream[V]) readGroupLocked(gname, cname string, r GroupRead[V], o *ReadGroupOptions, claim bool, b *budget) (msgs []Message[V], served bool, err error) {
	g, ok := s.groups[gname]
	if !ok {
		return nil, false, ErrNoGroup
	}
	now := s.nowMs()
	c := s.consumerLocked(g, cname, now)
	c.seenTime = now
	limit := b.perStream(o.Count)
	if r.History {
		b.header(s.opts.Name)
		return s.historyLocked(g, c, r.After, limit, now, b), true, nil
	}
	last, hasNew := s.log.last()
	hasNew = hasNew && g.lastID.Less(last)
	minIdle := o.MinIdle.Milliseconds()
	if !hasNew && !(claim && s.claimableLocked(g, minIdle, now)) {
		return nil, false, nil
	}
	b.header(s.opts.Name)
	if claim {
		msgs = s.claimReadLocked(g, c, minIdle, now, limit, b)
	}
	if hasNew && (limit == 0 || len(msgs) < limit) {
		msgs = s.readNewLocked(g, c, o.NoAck, now, limit, b, msgs)
	}
	return msgs, len(msgs) > 0, nil
}

// readNewLocked appends to msgs the entries after g's last-delivered ID.
func (s *Stream[V]) readNewLocked(g *group, c *consumer, noAck bool, now int64, limit int, b *budget, msgs []Message[V]) []Message[V] {
	start, ok := g.lastID.Next()
	if !ok {
		return msgs
	}
	delivered := false
	// Only IDs up to the greatest pending one can be re-deliveries (after
	// SetID moved the group back); the others skip the PEL lookup.
	var maxPending ID
	if p, ok := g.pel.max(); ok {
		maxPending = p.id
	}
	if limit > 0 { // at most what is unread, however large COUNT is
		unread := s.length
		if lag, ok := s.lagLocked(g); ok {
			unread = min(unread, max(lag, 0))
		}
		msgs = slices.Grow(msgs, int(min(int64(limit-len(msgs)), unread)))
	}
	s.log.ascend(start, func(id ID, v *V) bool {
		if limit > 0 && len(msgs) >= limit || !b.allow() {
			return false
		}
		s.deliveredLocked(g, id)
		msgs = append(msgs, Message[V]{ID: id, Value: *v})
		b.took(id, s.sizeOf(v))
		if noAck {
			return true
		}
		delivered = true
		var p *pending
		found := false
		if !maxPending.Less(id) {
			p, found = g.pel.get(id)
		}
		if found { // re-delivery after SetID moved back
			g.deliverLocked(p, c, now)
			p.count = 1
		} else {
			g.addPendingLocked(id, c, now, 1)
		}
		return true
	})
	if delivered {
		c.activeTime = now
	}
	return msgs
}

// historyLocked serves a history read of c's own pending entries after after.
func (s *Stream[V]) historyLocked(g *group, c *consumer, after ID, limit int, now int64, b *budget) []Message[V] {
	msgs := []Message[V]{}
	start, ok := after.Next()
	if !ok {
		return msgs
	}
	// Collect first: deliveries change the time list, never the tree's keys,
	// but the tree is not walked while anything is changed (P16).
	var ps []*pending
	c.pel.ascendFrom(start, func(p *pending) bool {
		if limit > 0 && len(ps) >= limit {
			return false
		}
		ps = append(ps, p)
		return true
	})
	for _, p := range ps {
		if !b.allow() {
			break
		}
		v, ok := s.log.get(p.id)
		if !ok {
			msgs = append(msgs, Message[V]{ID: p.id, Deleted: true})
			b.took(p.id, 0)
			continue
		}
		msgs = append(msgs, Message[V]{ID: p.id, Value: *v})
		b.took(p.id, s.sizeOf(v))
		p.count = addCount(p.count, 1)
		g.deliverLocked(p, c, now)
	}
	return msgs
}

// claimableLocked reports whether a CLAIM read would claim anything: the
// oldest live pending entry is idle enough. As in Redis, a released (NACKed)
// entry has delivery time 0, so its idle time is the current Unix time in ms.
func (s *Stream[V]) claimableLocked(g *group, minIdle, now int64) bool {
	p := s.oldestLivePendingLocked(g)
	return p != nil && now-p.deliveryTime >= minIdle
}

// oldestLivePendingLocked returns the first pending entry in time order
// whose stream entry still exists (claiming reads skip the others), or nil.
// O((1 + d) log n) for d deleted entries passed over.
func (s *Stream[V]) oldestLivePendingLocked(g *group) *pending {
	for p := g.byTime.first(); p != nil; p = g.byTime.after(p) {
		if s.log.has(p.id) {
			return p
		}
	}
	return nil
}

// claimReadLocked is the claim phase of XREADGROUP CLAIM: walk the time list
// from the head (released entries, then longest idle), up to the tail as it
// was at the start, claiming for c the entries idle at least minIdle
// (released entries have delivery time 0); entries whose stream entry is
// gone are skipped and left pending.
func (s *Stream[V]) claimReadLocked(g *group, c *consumer, minIdle, now int64, limit int, b *budget) []Message[V] {
	var msgs []Message[V]
	stop := g.byTime.tail
	for p := g.byTime.first(); p != nil; {
		next, last := g.byTime.after(p), p.self == stop
		if v, ok := s.log.get(p.id); ok {
			idle := now - p.deliveryTime
			if idle < minIdle || limit > 0 && len(msgs) >= limit || !b.allow() {
				break
			}
			msgs = append(msgs, Message[V]{ID: p.id, Value: *v, Idle: time.Duration(idle) * time.Millisecond, Deliveries: p.count})
			b.took(p.id, s.sizeOf(v))
			g.deliverLocked(p, c, now)
			p.count = addCount(p.count, 1)
			c.activeTime = now
		}
		if last {
			break
		}
		p = next
	}
	return msgs
}

func (s *Stream[V]) sizeOf(v *V) int {
	if s.opts.Size == nil {
		return 0
	}
	return s.opts.Size(*v)
}

// ConsumerInfo describes a consumer (XINFO CONSUMERS).
type ConsumerInfo struct {
	Name string
	// Pending is how many pending entries the consumer owns.
	Pending int
	// Idle is the time since the consumer's last read or claim attempt.
	Idle time.Duration
	// Inactive is the time since its last successful read or claim, or -1ms
	// if it never had one.
	Inactive time.Duration
	// SeenTime and ActiveTime are the times behind Idle and Inactive;
	// ActiveTime is the zero Time if the consumer was never active.
	SeenTime, ActiveTime time.Time
}

func consumerInfo(c *consumer, now int64) ConsumerInfo {
	ci := ConsumerInfo{
		Name: c.name, Pending: c.pel.len(),
		Idle:     time.Duration(max(now-c.seenTime, 0)) * time.Millisecond,
		Inactive: -time.Millisecond, SeenTime: time.UnixMilli(c.seenTime),
	}
	if c.activeTime != -1 {
		ci.Inactive = time.Duration(now-c.activeTime) * time.Millisecond
		ci.ActiveTime = time.UnixMilli(c.activeTime)
	}
	return ci
}
