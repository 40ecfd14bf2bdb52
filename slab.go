package xstream

// A group's pending records live in its slab: blocks of slabBlockLen records
// stored by value, addressed by 32-bit refs. Records hold refs instead of
// pointers (owner, time-list links) and the PEL indexes hold refs too, so a
// record is 48 bytes with no size-class rounding, and neither the blocks
// nor the indexes contain pointers for the garbage collector to scan. A
// block whose last record is freed is released, except one kept as a spare
// (so a PEL hovering at a multiple of the block size does not allocate and
// drop a block per entry): a drained PEL returns all but one block. New
// records fill the free slots of partly used blocks first.

const (
	slabBlockBits = 6
	slabBlockLen  = 1 << slabBlockBits // 64 records: 3 KiB, a size class of its own
)

// ref addresses a record of a slab: its index (block<<slabBlockBits | slot)
// plus one, so that the zero ref means "none".
type ref uint32

// maxRefs bounds the records of one slab (one group's PEL).
const maxRefs = 1<<32 - 2

type slabBlock struct {
	recs  *[slabBlockLen]pending // nil once released
	free  int32                  // first free slot + 1 (chained through pending.next), 0 if none
	fresh int32                  // slots fresh..slabBlockLen-1 have never been used
	used  int32                  // live records
	avail bool                   // listed in slab.avail
}

// slab allocates a group's pending records. It is not safe for concurrent
// use; the stream's lock guards it.
type slab struct {
	blocks   []slabBlock
	released []uint32 // indexes of blocks whose recs is nil, for reuse
	avail    []uint32 // blocks that may have free slots (stale entries are skipped)
	live     int
	spare    bool // one emptied block is kept rather than released
}

// at returns the record r addresses; r must be live (or 0: nil).
func (s *slab) at(r ref) *pending {
	if r == 0 {
		return nil
	}
	x := uint32(r - 1)
	return &s.blocks[x>>slabBlockBits].recs[x&(slabBlockLen-1)]
}

// alloc returns a zeroed record whose self is its ref. O(1) amortized.
func (s *slab) alloc() *pending {
	var b uint32
	for {
		if len(s.avail) == 0 {
			b = s.newBlock()
			break
		}
		b = s.avail[len(s.avail)-1]
		if m := &s.blocks[b]; m.recs != nil && (m.free != 0 || m.fresh < slabBlockLen) {
			break
		}
		s.avail = s.avail[:len(s.avail)-1]
		s.blocks[b].avail = false
	}
	m := &s.blocks[b]
	var slot int32
	if m.free != 0 {
		slot = m.free - 1
		m.free = int32(m.recs[slot].next)
	} else {
		slot = m.fresh
		m.fresh++
	}
	if m.used == 0 {
		s.spare = false
	}
	m.used++
	s.live++
	if uint64(s.live) > maxRefs {
		panic("xstream: more than 2^32-2 pending entries in one group")
	}
	p := &m.recs[slot]
	*p = pending{self: ref(b<<slabBlockBits|uint32(slot)) + 1}
	return p
}

// newBlock makes a block with every slot free and lists it in avail.
func (s *slab) newBlock() uint32 {
	var b uint32
	if n := len(s.released); n > 0 {
		b = s.released[n-1]
		s.released = s.released[:n-1]
	} else {
		b = uint32(len(s.blocks))
		s.blocks = append(s.blocks, slabBlock{})
	}
	m := &s.blocks[b]
	m.recs = new([slabBlockLen]pending)
	if !m.avail {
		m.avail = true
		s.avail = append(s.avail, b)
	}
	return b
}

// free returns p's slot to its block, releasing the block when it was the
// last record in it and a spare is kept already. O(1).
func (s *slab) free(p *pending) {
	x := uint32(p.self - 1)
	b, slot := x>>slabBlockBits, int32(x&(slabBlockLen-1))
	m := &s.blocks[b]
	m.used--
	s.live--
	if m.used == 0 && s.spare {
		*m = slabBlock{avail: m.avail} // a stale avail entry is dropped by alloc
		s.released = append(s.released, b)
		return
	}
	if m.used == 0 {
		s.spare = true
	}
	*p = pending{next: ref(m.free)}
	m.free = slot + 1
	if !m.avail {
		m.avail = true
		s.avail = append(s.avail, b)
	}
}
