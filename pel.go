package xstream

import "math"

// pending is one entry of a group's pending-entries list (Redis's
// streamNACK). It lives in the group's slab and is referred to by ref: from
// the group's ID-ordered index, its owner's index, and the group's
// time-ordered list. 48 bytes, no pointers.
type pending struct {
	id           ID
	deliveryTime int64  // unix ms of the last delivery; 0 while NACKed
	count        int64  // delivery count, saturating at math.MaxInt64
	self         ref    // this record's ref
	owner        uint32 // the owner's slot in group.owners + 1; 0 while NACKed
	prev, next   ref    // the group's time list
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
	sl         *slab
	head, tail ref
	nackTail   ref // last entry of the NACK zone, 0 when it is empty
	nacked     int
}

// first returns the head of the list, or nil.
func (l *timeList) first() *pending { return l.sl.at(l.head) }

// after returns the entry after p, or nil.
func (l *timeList) after(p *pending) *pending { return l.sl.at(p.next) }

// unlink removes p; p.owner must still say whether p is in the NACK zone.
func (l *timeList) unlink(p *pending) {
	if p.owner == 0 { // in the NACK zone
		l.nacked--
		if p.self == l.nackTail {
			l.nackTail = p.prev
		}
	}
	if p.prev != 0 {
		l.sl.at(p.prev).next = p.next
	} else {
		l.head = p.next
	}
	if p.next != 0 {
		l.sl.at(p.next).prev = p.prev
	} else {
		l.tail = p.prev
	}
	p.prev, p.next = 0, 0
}

// insertAfter links p after at (at 0: at the head).
func (l *timeList) insertAfter(at ref, p *pending) {
	p.prev = at
	if at == 0 {
		p.next = l.head
		l.head = p.self
	} else {
		a := l.sl.at(at)
		p.next = a.next
		a.next = p.self
	}
	if p.next != 0 {
		l.sl.at(p.next).prev = p.self
	} else {
		l.tail = p.self
	}
}

// placeOwned links the owned entry p by its delivery time, never into the
// NACK zone.
func (l *timeList) placeOwned(p *pending) {
	at := l.tail
	for at != 0 && at != l.nackTail && l.sl.at(at).deliveryTime > p.deliveryTime {
		at = l.sl.at(at).prev
	}
	l.insertAfter(at, p)
}

// placeNacked links the unowned entry p at the end of the NACK zone.
func (l *timeList) placeNacked(p *pending) {
	l.insertAfter(l.nackTail, p)
	l.nackTail = p.self
	l.nacked++
}
