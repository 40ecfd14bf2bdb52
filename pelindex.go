package xstream

import "github.com/google/btree"

// A pelIndex is one ordered view of a group's pending records: the group's
// whole PEL, or one consumer's. It is a B-tree of chunks, each a sorted run
// of up to chunkLen refs (Redis keeps its PELs in radix trees; this is the
// same idea with fixed-size leaves). Appending in ID order, which is how
// reads create pending entries, fills chunks completely; an insert into a
// full chunk splits it in two, and a chunk that falls below a quarter full
// is merged into a neighbour, so every chunk but a few is at least a
// quarter full whatever the order of acks. An entry costs 4 bytes plus its
// share of its chunk instead of a B-tree slot per pointer in a half-full
// node. Lookups, inserts and deletes are O(log n); the tree compares the
// chunks' cached first IDs and only the chunk found is searched through
// the records.
type pelIndex struct {
	sl    *slab
	tree  *btree.BTreeG[*chunk]
	n     int
	probe chunk // search key: only first is set
	// finger is the chunk found last, head and tail the first and last
	// chunks (nil when the index is empty): runs of nearby IDs, as batches
	// of claims and acks are, appends, and scans from the start ("-") find
	// their chunk without a tree search.
	finger, head, tail *chunk
	// hint is the position search returned last, in finger: the next ID of
	// a run is at it or just after it, found with two comparisons instead
	// of a binary search through the records.
	hint int
	// spare is the last chunk emptied, kept for the next new chunk: an
	// index hovering at a multiple of chunkLen would otherwise allocate and
	// drop a chunk per entry.
	spare *chunk
}

// chunkLen is the capacity of a chunk. 128 refs are 512 bytes, a size class.
const chunkLen = 128

// chunkDegree is the degree of the B-tree of chunks (google/btree's own
// tests use 32; a tree of chunks is 128 times smaller than one of entries).
const chunkDegree = 16

// chunk is a sorted run of refs, never empty while in the tree.
type chunk struct {
	first ID // the ID of refs[0]
	refs  []ref
}

func lessChunk(a, b *chunk) bool { return a.first.Less(b.first) }

func newPELIndex(sl *slab) *pelIndex {
	return &pelIndex{sl: sl, tree: btree.NewG(chunkDegree, lessChunk)}
}

// len returns the number of entries.
func (ix *pelIndex) len() int { return ix.n }

// floor returns the chunk whose range holds id: the last chunk starting at
// or before it, or nil if id is before every chunk. O(log n); O(1) when id
// is in the range of the chunk found last.
func (ix *pelIndex) floor(id ID) *chunk {
	if ix.head == nil || id.Less(ix.head.first) {
		return nil
	}
	if f := ix.finger; f != nil && !id.Less(f.first) &&
		(f == ix.tail || !ix.sl.at(f.refs[len(f.refs)-1]).id.Less(id)) {
		return f
	}
	ix.probe.first = id
	var c *chunk
	ix.tree.DescendLessOrEqual(&ix.probe, func(x *chunk) bool {
		c = x
		return false
	})
	return c // search, which follows, moves the finger to it
}

// add puts a new chunk in the tree.
func (ix *pelIndex) add(c *chunk) {
	ix.tree.ReplaceOrInsert(c)
	if ix.tail == nil || ix.tail.first.Less(c.first) {
		ix.tail = c
	}
	if ix.head == nil || c.first.Less(ix.head.first) {
		ix.head = c
	}
}

// drop takes c out of the tree; its first ID must be unchanged.
func (ix *pelIndex) drop(c *chunk) {
	ix.tree.Delete(c)
	if ix.finger == c {
		ix.finger = nil
	}
	if ix.tail == c {
		ix.tail, _ = ix.tree.Max()
	}
	if ix.head == c {
		ix.head, _ = ix.tree.Min()
	}
}

// search returns the position in c of the first ref whose ID is >= id.
func (ix *pelIndex) search(c *chunk, id ID) int {
	i := ix.searchFrom(c, id)
	ix.finger, ix.hint = c, i
	return i
}

func (ix *pelIndex) searchFrom(c *chunk, id ID) int {
	if h := ix.hint; c == ix.finger && h < len(c.refs) {
		if at := ix.sl.at(c.refs[h]).id; at == id {
			return h
		} else if at.Less(id) && (h+1 == len(c.refs) || !ix.sl.at(c.refs[h+1]).id.Less(id)) {
			return h + 1
		}
	}
	lo, hi := 0, len(c.refs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.sl.at(c.refs[m]).id.Less(id) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// get returns the record of id. O(log n).
func (ix *pelIndex) get(id ID) (*pending, bool) {
	_, _, p := ix.locate(id)
	return p, p != nil
}

// locate returns id's chunk, position and record, or a nil record if id is
// not in the index. O(log n).
func (ix *pelIndex) locate(id ID) (*chunk, int, *pending) {
	c := ix.floor(id)
	if c == nil {
		return nil, 0, nil
	}
	i := ix.search(c, id)
	if i == len(c.refs) {
		return nil, 0, nil
	}
	if p := ix.sl.at(c.refs[i]); p.id == id {
		return c, i, p
	}
	return nil, 0, nil
}

// insert adds p, whose ID must not be in the index yet. O(log n).
func (ix *pelIndex) insert(p *pending) {
	ix.n++
	c := ix.floor(p.id)
	if c == nil {
		c = ix.head
		if c == nil || len(c.refs) == chunkLen {
			ix.add(ix.newChunk(p))
			return
		}
	}
	i := ix.search(c, p.id)
	if len(c.refs) == chunkLen {
		if i == chunkLen && c == ix.tail { // after the full tail chunk: start the next one
			ix.add(ix.newChunk(p))
			return
		}
		right := &chunk{refs: make([]ref, chunkLen/2, chunkLen)}
		copy(right.refs, c.refs[chunkLen/2:])
		right.first = ix.sl.at(right.refs[0]).id
		c.refs = c.refs[:chunkLen/2]
		ix.add(right)
		if i > chunkLen/2 {
			c, i = right, i-chunkLen/2
		}
	}
	c.refs = append(c.refs, 0)
	copy(c.refs[i+1:], c.refs[i:])
	c.refs[i] = p.self
	if i == 0 {
		c.first = p.id // still after the previous chunk: p.id is in c's range
	}
}

// newChunk returns a chunk holding p: the spare if there is one.
func (ix *pelIndex) newChunk(p *pending) *chunk {
	c := ix.spare
	if c != nil {
		ix.spare = nil
		c.refs = c.refs[:0]
	} else {
		c = &chunk{refs: make([]ref, 0, chunkLen)}
	}
	c.first, c.refs = p.id, append(c.refs, p.self)
	return c
}

// remove deletes id and returns its record. O(log n).
func (ix *pelIndex) remove(id ID) (*pending, bool) {
	c, i, p := ix.locate(id)
	if p == nil {
		return nil, false
	}
	ix.n--
	if len(c.refs) == 1 {
		ix.drop(c)
		ix.spare = c
		return p, true
	}
	c.refs = append(c.refs[:i], c.refs[i+1:]...)
	if i == 0 {
		c.first = ix.sl.at(c.refs[0]).id
	}
	if len(c.refs) < chunkLen/4 {
		ix.merge(c)
	}
	return p, true
}

// merge joins c with a neighbour they both fit in, the next one first.
func (ix *pelIndex) merge(c *chunk) {
	var next, prev *chunk
	ix.tree.AscendGreaterOrEqual(c, func(x *chunk) bool {
		if x == c {
			return true
		}
		next = x
		return false
	})
	if next != nil && len(c.refs)+len(next.refs) <= chunkLen {
		ix.drop(next)
		c.refs = append(c.refs, next.refs...)
		return
	}
	ix.tree.DescendLessOrEqual(c, func(x *chunk) bool {
		if x == c {
			return true
		}
		prev = x
		return false
	})
	if prev != nil && len(prev.refs)+len(c.refs) <= chunkLen {
		ix.drop(c)
		prev.refs = append(prev.refs, c.refs...)
	}
}

// min returns the record with the lowest ID. O(1).
func (ix *pelIndex) min() (*pending, bool) {
	if ix.head == nil {
		return nil, false
	}
	return ix.sl.at(ix.head.refs[0]), true
}

// max returns the record with the highest ID. O(1).
func (ix *pelIndex) max() (*pending, bool) {
	c := ix.tail
	if c == nil {
		return nil, false
	}
	return ix.sl.at(c.refs[len(c.refs)-1]), true
}

// ascendFrom calls fn on the records with IDs >= start in ID order until fn
// returns false. fn must not change the index. O(log n + k) for k visited.
func (ix *pelIndex) ascendFrom(start ID, fn func(*pending) bool) {
	c := ix.floor(start)
	i := 0
	if c == nil {
		if c = ix.head; c == nil {
			return
		}
	} else {
		i = ix.search(c, start)
	}
	for _, r := range c.refs[i:] {
		if !fn(ix.sl.at(r)) {
			return
		}
	}
	ix.tree.AscendGreaterOrEqual(c, func(x *chunk) bool {
		if x == c {
			return true
		}
		for _, r := range x.refs {
			if !fn(ix.sl.at(r)) {
				return false
			}
		}
		return true
	})
}

// ascend calls fn on every record in ID order until fn returns false.
func (ix *pelIndex) ascend(fn func(*pending) bool) { ix.ascendFrom(MinID, fn) }
