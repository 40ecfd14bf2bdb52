package xstream

import "slices"

// entryLog holds a stream's entries in ID order, packed into nodes the way
// Redis packs them into listpacks ("macro nodes"): a node takes entries until
// it has maxEntries of them, live or deleted. Deleting an entry leaves a
// tombstone in its node; a node whose last live entry goes is freed at once.
// This makes approximate trimming ("~"), LIMIT and XINFO's radix-tree-keys
// come out exactly as they do in Redis (only the node byte limit,
// stream-node-max-bytes, is not modelled).
//
// Appends are O(1) amortized; finding an ID is O(log n); trimming whole nodes
// from the front is O(1) per node.
type entryLog[V any] struct {
	nodes      []*node[V]
	maxEntries int
	hint       int // the node seek found last: runs of nearby IDs skip the search
}

type node[V any] struct {
	ids  []ID
	vals []V
	dead []uint64 // tombstone bitmap, nil while the node has none
	live int
}

// pos is the place of an entry: node index and index within the node.
type pos struct{ n, i int }

func (nd *node[V]) isDead(i int) bool {
	return nd.dead != nil && nd.dead[i>>6]&(1<<(uint(i)&63)) != 0
}

func (nd *node[V]) kill(i int) {
	if nd.dead == nil {
		nd.dead = make([]uint64, (cap(nd.ids)+63)/64)
	}
	if need := i>>6 + 1; need > len(nd.dead) {
		nd.dead = append(nd.dead, make([]uint64, need-len(nd.dead))...)
	}
	nd.dead[i>>6] |= 1 << (uint(i) & 63)
	var zero V
	nd.vals[i] = zero // let the payload be collected
	nd.live--
}

func (l *entryLog[V]) append(id ID, v V) {
	if k := len(l.nodes); k > 0 {
		if tail := l.nodes[k-1]; len(tail.ids) < l.maxEntries {
			tail.ids = append(tail.ids, id)
			tail.vals = append(tail.vals, v)
			tail.live++
			return
		}
	}
	nd := &node[V]{ids: make([]ID, 1, l.maxEntries), vals: make([]V, 1, l.maxEntries), live: 1}
	nd.ids[0], nd.vals[0] = id, v
	l.nodes = append(l.nodes, nd)
}

// seek returns the position of the first entry (live or dead) with ID >= id;
// it is one past the end when there is none.
func (l *entryLog[V]) seek(id ID) pos {
	n := l.seekNode(id)
	l.hint = n
	if n == len(l.nodes) {
		return pos{n, 0}
	}
	i, _ := slices.BinarySearchFunc(l.nodes[n].ids, id, ID.Compare)
	return pos{n, i}
}

// seekNode returns the index of the first node whose last ID is >= id
// (len(l.nodes) if none): the hinted node or the one after it when one of
// them is, by binary search otherwise. O(log n), O(1) for runs of nearby IDs.
func (l *entryLog[V]) seekNode(id ID) int {
	last := func(n int) ID { ids := l.nodes[n].ids; return ids[len(ids)-1] }
	if h := l.hint; h < len(l.nodes) {
		switch {
		case !last(h).Less(id):
			if h == 0 || last(h-1).Less(id) {
				return h
			}
		case h+1 < len(l.nodes) && !last(h+1).Less(id):
			return h + 1
		}
	}
	n, _ := slices.BinarySearchFunc(l.nodes, id, func(nd *node[V], id ID) int {
		return nd.ids[len(nd.ids)-1].Compare(id)
	})
	return n
}

// find returns the position of the live entry id.
func (l *entryLog[V]) find(id ID) (pos, bool) {
	p := l.seek(id)
	if p.n == len(l.nodes) {
		return p, false
	}
	nd := l.nodes[p.n]
	return p, nd.ids[p.i] == id && !nd.isDead(p.i)
}

func (l *entryLog[V]) get(id ID) (*V, bool) {
	p, ok := l.find(id)
	if !ok {
		return nil, false
	}
	return &l.nodes[p.n].vals[p.i], true
}

func (l *entryLog[V]) has(id ID) bool {
	_, ok := l.find(id)
	return ok
}

// remove turns the live entry at p into a tombstone, freeing its node if that
// was the node's last live entry.
func (l *entryLog[V]) remove(p pos) {
	nd := l.nodes[p.n]
	nd.kill(p.i)
	if nd.live == 0 {
		l.dropNode(p.n)
	}
}

func (l *entryLog[V]) dropNode(n int) {
	if n == 0 {
		l.nodes[0] = nil
		l.nodes = l.nodes[1:]
		return
	}
	l.nodes = slices.Delete(l.nodes, n, n+1)
}

// ascend calls fn for each live entry with ID >= from, in ID order, until fn
// returns false. fn must not change the log.
func (l *entryLog[V]) ascend(from ID, fn func(id ID, v *V) bool) {
	p := l.seek(from)
	for n := p.n; n < len(l.nodes); n++ {
		nd := l.nodes[n]
		for i := p.i; i < len(nd.ids); i++ {
			if !nd.isDead(i) && !fn(nd.ids[i], &nd.vals[i]) {
				return
			}
		}
		p.i = 0
	}
}

// descend calls fn for each live entry with ID <= from, in reverse ID order,
// until fn returns false. fn must not change the log.
func (l *entryLog[V]) descend(from ID, fn func(id ID, v *V) bool) {
	p := l.seek(from)
	n, i := p.n, p.i // the first entry >= from
	if n < len(l.nodes) && l.nodes[n].ids[i] == from {
		i++ // from itself is included
	}
	// Visit the entries strictly before (n, i), backwards.
	for n >= 0 {
		if n < len(l.nodes) {
			nd := l.nodes[n]
			for i--; i >= 0; i-- {
				if !nd.isDead(i) && !fn(nd.ids[i], &nd.vals[i]) {
					return
				}
			}
		}
		if n--; n >= 0 {
			i = len(l.nodes[n].ids)
		}
	}
}

// first returns the first live entry's ID.
func (l *entryLog[V]) first() (ID, bool) {
	for _, nd := range l.nodes {
		for i := range nd.ids {
			if !nd.isDead(i) {
				return nd.ids[i], true
			}
		}
	}
	return ID{}, false
}

// last returns the last live entry's ID.
func (l *entryLog[V]) last() (ID, bool) {
	for n := len(l.nodes) - 1; n >= 0; n-- {
		nd := l.nodes[n]
		for i := len(nd.ids) - 1; i >= 0; i-- {
			if !nd.isDead(i) {
				return nd.ids[i], true
			}
		}
	}
	return ID{}, false
}

// tailID returns the greatest ID the log holds, live or deleted (the tail
// node's last one), and false when the log is empty. O(1).
func (l *entryLog[V]) tailID() (ID, bool) {
	if n := len(l.nodes); n > 0 {
		ids := l.nodes[n-1].ids
		return ids[len(ids)-1], true
	}
	return ID{}, false
}
