package xstream

import (
	"math"

	"github.com/google/btree"
)

// btreeDegree is the degree of every PEL B-tree (google/btree's own tests use 32).
const btreeDegree = 32

// pending is one entry of a group's pending-entries list (Redis's streamNACK).
// The same record sits in the group's ID-ordered tree, in its owner's tree,
// and in the group's time-ordered list.
type pending struct {
	id           ID
	deliveryTime int64 // unix ms of the last delivery; 0 while NACKed
	count        int64 // delivery count, saturating at math.MaxInt64
	owner        *consumer
	prev, next   *pending // the group's time list
}

func lessPending(a, b *pending) bool { return a.id.Less(b.id) }

func newPELTree() *btree.BTreeG[*pending] {
	return btree.NewG(btreeDegree, lessPending)
}

// key returns a search key for id in g's trees (the group's and its
// consumers'). It reuses one record so that lookups do not allocate: it
// needs the stream's lock and must not outlive the tree call it is for.
func (g *group) key(id ID) *pending {
	g.probe.id = id
	return &g.probe
}

func addCount(n, d int64) int64 {
	if n > math.MaxInt64-d {
		return math.MaxInt64
	}
	return n + d
}

// timeList orders a group's pending entries for XREADGROUP CLAIM: first the
// NACK zone (entries released by Nack, unowned, FIFO), then owned entries by
// delivery time ascending, ties in insertion order (Redis 8.4/8.8's
// pel_by_time list). Appending at "now" is O(1); a past time (Claim's Idle or
// Time option) scans back from the tail.
type timeList struct {
	head, tail *pending
	nackTail   *pending // last entry of the NACK zone, nil when it is empty
	nacked     int
}

// unlink removes p; p.owner must still say whether p is in the NACK zone.
func (l *timeList) unlink(p *pending) {
	if p.owner == nil { // in the NACK zone
		l.nacked--
		if p == l.nackTail {
			l.nackTail = p.prev
		}
	}
	if p.prev != nil {
		p.prev.next = p.next
	} else {
		l.head = p.next
	}
	if p.next != nil {
		p.next.prev = p.prev
	} else {
		l.tail = p.prev
	}
	p.prev, p.next = nil, nil
}

// insertAfter links p after at (at nil: at the head).
func (l *timeList) insertAfter(at, p *pending) {
	p.prev = at
	if at == nil {
		p.next = l.head
		l.head = p
	} else {
		p.next = at.next
		at.next = p
	}
	if p.next != nil {
		p.next.prev = p
	} else {
		l.tail = p
	}
}

// placeOwned links the owned entry p by its delivery time, never into the
// NACK zone.
func (l *timeList) placeOwned(p *pending) {
	at := l.tail
	for at != nil && at != l.nackTail && at.deliveryTime > p.deliveryTime {
		at = at.prev
	}
	l.insertAfter(at, p)
}

// placeNacked links the unowned entry p at the end of the NACK zone.
func (l *timeList) placeNacked(p *pending) {
	l.insertAfter(l.nackTail, p)
	l.nackTail = p
	l.nacked++
}
