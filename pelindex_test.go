package xstream

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The PEL index and the slab under workloads far larger than a chunk, in
// the orders that stress splits and merges, checked against a sorted slice
// after every batch of operations.

// ixHarness is a group-less index on its own slab with a reference model.
type ixHarness struct {
	t    *testing.T
	sl   slab
	ix   *pelIndex
	want []ID // sorted
}

func newIxHarness(t *testing.T) *ixHarness {
	h := &ixHarness{t: t}
	h.ix = newPELIndex(&h.sl)
	return h
}

func (h *ixHarness) pos(id ID) (int, bool) {
	return slices.BinarySearchFunc(h.want, id, ID.Compare)
}

func (h *ixHarness) insert(id ID) {
	i, found := h.pos(id)
	if found {
		return
	}
	p := h.sl.alloc()
	p.id = id
	h.ix.insert(p)
	h.want = slices.Insert(h.want, i, id)
}

func (h *ixHarness) remove(id ID) {
	p, ok := h.ix.remove(id)
	i, found := h.pos(id)
	if ok != found {
		h.t.Fatalf("remove(%v) = %v, want %v", id, ok, found)
	}
	if ok {
		if p.id != id {
			h.t.Fatalf("remove(%v) returned %v", id, p.id)
		}
		h.sl.free(p)
		h.want = slices.Delete(h.want, i, i+1)
	}
}

// check compares the index with the model, entry by entry and by lookups.
func (h *ixHarness) check(probes ...ID) {
	h.t.Helper()
	if err := checkIndex(h.ix); err != nil {
		h.t.Fatal(err)
	}
	if h.sl.live != len(h.want) {
		h.t.Fatalf("slab holds %d records, want %d", h.sl.live, len(h.want))
	}
	var got []ID
	h.ix.ascend(func(p *pending) bool { got = append(got, p.id); return true })
	if !slices.Equal(got, h.want) {
		h.t.Fatalf("index holds %d IDs, want %d (or a different order)", len(got), len(h.want))
	}
	if len(h.want) > 0 {
		lo, _ := h.ix.min()
		hi, _ := h.ix.max()
		if lo.id != h.want[0] || hi.id != h.want[len(h.want)-1] {
			h.t.Fatalf("min/max %v/%v, want %v/%v", lo.id, hi.id, h.want[0], h.want[len(h.want)-1])
		}
	} else if _, ok := h.ix.min(); ok {
		h.t.Fatal("min of an empty index")
	}
	for _, id := range probes {
		i, found := h.pos(id)
		if p, ok := h.ix.get(id); ok != found || ok && p.id != id {
			h.t.Fatalf("get(%v) = %v, want %v", id, ok, found)
		}
		var first []ID
		h.ix.ascendFrom(id, func(p *pending) bool { first = append(first, p.id); return len(first) < 3 })
		if want := h.want[i:min(i+3, len(h.want))]; !slices.Equal(first, want) {
			h.t.Fatalf("ascendFrom(%v) = %v, want %v", id, first, want)
		}
	}
}

func TestPELIndexOrders(t *testing.T) {
	const n = 5000
	orders := map[string]func(i int) ID{
		"ascending":  func(i int) ID { return ID{Ms: uint64(i)} },
		"descending": func(i int) ID { return ID{Ms: uint64(n - i)} },
		"interleave": func(i int) ID { return ID{Ms: uint64(i%2*n + i)} },
		"random":     func(i int) ID { return ID{Ms: rand.Uint64N(4 * n)} },
	}
	removals := map[string]func(ids []ID) []ID{
		"fifo": func(ids []ID) []ID { return ids },
		"lifo": func(ids []ID) []ID { slices.Reverse(ids); return ids },
		"sparse": func(ids []ID) []ID { // all but every 50th, then those
			var a, b []ID
			for i, id := range ids {
				if i%50 == 0 {
					b = append(b, id)
				} else {
					a = append(a, id)
				}
			}
			return append(a, b...)
		},
		"random": func(ids []ID) []ID {
			ids = slices.Clone(ids)
			rand.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
			return ids
		},
	}
	for oname, order := range orders {
		for rname, removal := range removals {
			t.Run(oname+"/"+rname, func(t *testing.T) {
				h := newIxHarness(t)
				probes := []ID{MinID, MaxID, {Ms: n / 2}, {Ms: n, Seq: 1}}
				for i := range n {
					h.insert(order(i))
					if i%997 == 0 {
						h.check(probes...)
					}
				}
				h.check(probes...)
				for i, id := range removal(slices.Clone(h.want)) {
					h.remove(id)
					if i%997 == 0 {
						h.check(append(probes, id)...)
					}
				}
				h.check(probes...)
				if blocks := h.sl.liveBlocks(); blocks > 1 {
					t.Fatalf("%d slab blocks kept after draining, want at most 1", blocks)
				}
			})
		}
	}
}

// TestPELIndexChurn mixes inserts and removals around a steady size, as
// reads and acks do, and checks that the slab reuses its free slots.
func TestPELIndexChurn(t *testing.T) {
	h := newIxHarness(t)
	next := uint64(0)
	for round := range 200 {
		for range 100 {
			h.insert(ID{Ms: next})
			next++
		}
		for range 100 - round%3 { // the window creeps up slowly
			if len(h.want) == 0 {
				break
			}
			h.remove(h.want[rand.IntN(min(len(h.want), 150))])
		}
		if round%20 == 0 {
			h.check(ID{Ms: next / 2})
		}
	}
	h.check()
	if blocks, need := h.sl.liveBlocks(), (len(h.want)+slabBlockLen-1)/slabBlockLen; blocks > 2*need+1 {
		t.Fatalf("%d slab blocks hold %d records", blocks, len(h.want))
	}
}

// liveBlocks counts the blocks holding memory.
func (s *slab) liveBlocks() int {
	n := 0
	for _, b := range s.blocks {
		if b.recs != nil {
			n++
		}
	}
	return n
}

// TestPELIndexGapAfterFullChunk inserts into the gap after a full chunk
// that is not the last: it must split, not start a one-entry chunk beside
// an under-quarter neighbour, and descending inserts there must not leave
// a chunk per entry.
func TestPELIndexGapAfterFullChunk(t *testing.T) {
	h := newIxHarness(t)
	for i := 1; i <= 160; i++ {
		h.insert(ID{Ms: uint64(i)})
	}
	h.remove(ID{Ms: 160}) // chunks of 128 and 31: they cannot merge
	h.check()
	h.insert(ID{Ms: 128, Seq: 1})
	h.check(ID{Ms: 128, Seq: 1})

	h = newIxHarness(t)
	for i := 1; i <= 128; i++ {
		h.insert(ID{Ms: uint64(i)})
	}
	for i := 1000; i > 128; i-- {
		h.insert(ID{Ms: uint64(i)})
	}
	h.check(ID{Ms: 500})
	if n := h.ix.tree.Len(); n > 2*1000/chunkLen+2 {
		t.Fatalf("1000 entries in %d chunks, want them at least half full", n)
	}
}

// TestClaimDescendingKeepsChunksFull claims IDs listed in descending order
// into another consumer, through the API.
func TestClaimDescendingKeepsChunksFull(t *testing.T) {
	s := New(Options[int]{})
	for i := 1; i <= 1000; i++ {
		s.AddWith(i, AddOptions{ID: ExplicitID(ID{Ms: uint64(i)})})
	}
	g, _ := s.CreateGroup("g", MinID, GroupOptions{})
	g.Consumer("a").Read(ReadGroupOptions{})
	var ids []ID
	for i := 1; i <= 128; i++ {
		ids = append(ids, ID{Ms: uint64(i)})
	}
	for i := 1000; i > 128; i-- {
		ids = append(ids, ID{Ms: uint64(i)})
	}
	if got, _ := g.Consumer("b").Claim(0, ids, ClaimOptions{}); len(got) != 1000 {
		t.Fatalf("claimed %d, want 1000", len(got))
	}
	if err := s.check(); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	n := s.groups["g"].consumers["b"].pel.tree.Len()
	s.mu.Unlock()
	if n > 2*1000/chunkLen+2 {
		t.Fatalf("consumer b: 1000 entries in %d chunks", n)
	}
}

// TestSlabKeepsASpareBlock: with a multiple of the block size pending, a
// read and ack of one more entry must not allocate and drop a block each
// time (the slab keeps an emptied block as a spare).
func TestSlabKeepsASpareBlock(t *testing.T) {
	allocs := map[int]float64{}
	for _, stuck := range []int{slabBlockLen - 1, slabBlockLen, 2 * slabBlockLen} {
		s := New(Options[int]{})
		g, _ := s.CreateGroup("g", MinID, GroupOptions{})
		c := g.Consumer("a")
		for range stuck {
			s.Add(1)
		}
		c.Read(ReadGroupOptions{})
		allocs[stuck] = testing.AllocsPerRun(1000, func() {
			s.Add(1)
			m, _ := c.Read(ReadGroupOptions{Count: 1})
			g.Ack(m[0].ID)
		})
	}
	if allocs[slabBlockLen] != allocs[slabBlockLen-1] || allocs[2*slabBlockLen] != allocs[slabBlockLen-1] {
		t.Fatalf("allocations per add+read+ack by entries stuck pending: %v; want the same for each", allocs)
	}
}

// FuzzPELIndex drives the index and the slab with runs of inserts and
// removals decoded from the input, two bytes per run: the first gives the
// kind (bit 7: remove), the order (bit 6: descending) and the length (bits
// 0-5, 1 to 64 IDs), the second the run's first ID (times 8, so runs
// overlap and build indexes of many chunks). The index is checked against
// the sorted model after every run.
func FuzzPELIndex(f *testing.F) {
	f.Add([]byte{0x3f, 0, 0x3f, 8, 0x3f, 16, 0xbf, 4})
	f.Add([]byte{0x7f, 200, 0x7f, 100, 0x7f, 50, 0x3f, 0, 0xff, 100, 0xbf, 10})
	f.Add([]byte{0x3f, 0, 0x3f, 8, 0x3f, 16, 0x40, 17, 0x7f, 60, 0x7f, 40})
	f.Fuzz(func(t *testing.T, data []byte) {
		h := newIxHarness(t)
		for i := 0; i+1 < len(data); i += 2 {
			kind, start := data[i], uint64(data[i+1])*8
			n := uint64(kind&0x3f) + 1
			for k := range n {
				off := k
				if kind&0x40 != 0 {
					off = n - 1 - k
				}
				id := ID{Ms: start + off}
				if kind&0x80 != 0 {
					h.remove(id)
				} else {
					h.insert(id)
				}
			}
			h.check(ID{Ms: start}, ID{Ms: start + n})
		}
	})
}

// TestPELIndexRandomMix interleaves inserts and removals at random over an
// ID space of 3000, so chunks split, merge and empty in every order.
func TestPELIndexRandomMix(t *testing.T) {
	h := newIxHarness(t)
	for i := range 30000 {
		id := ID{Ms: rand.Uint64N(3000)}
		if rand.IntN(5) < 3 {
			h.insert(id)
		} else {
			h.remove(id)
		}
		if i%1000 == 0 {
			h.check(id, ID{Ms: rand.Uint64N(3000)})
		}
	}
	h.check()
}
