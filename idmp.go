package xstream

import "time"

// Idempotent production (Redis 8.6's XADD IDMP / IDMPAUTO and XCFGSET). Each
// producer remembers its recent idempotent IDs in a FIFO with a set beside
// it; an ID is forgotten when the FIFO holds more than the max size, or when
// its entry's ID time is older than the duration. Redis expires in a
// background sweep once a second; here a producer's FIFO is swept lazily,
// whenever it is looked at, so no goroutine is needed.

const (
	defaultIdempotencyDuration = 100 * time.Second
	defaultIdempotencyMaxSize  = 100
	maxIdempotencyDuration     = 86400 * time.Second
	maxIdempotencyMaxSize      = 10000
)

type idmpState struct {
	durationMs int64
	maxSize    int
	producers  map[string]*producer
	added      int64 // iids-added, lifetime
	duplicates int64 // iids-duplicates, lifetime
}

type producer struct {
	ids  map[string]ID
	fifo []iidRecord // oldest first
}

type iidRecord struct {
	iid string
	id  ID
}

func (st *idmpState) init(d time.Duration, maxSize int) {
	if d <= 0 {
		d = defaultIdempotencyDuration
	}
	if maxSize <= 0 {
		maxSize = defaultIdempotencyMaxSize
	}
	st.durationMs, st.maxSize = d.Milliseconds(), maxSize
}

// lookup returns the entry ID recorded for pid/iid, counting a duplicate.
func (st *idmpState) lookup(pid, iid string, now int64) (ID, bool) {
	st.expireProducer(pid, now)
	p := st.producers[pid]
	if p == nil {
		return ID{}, false
	}
	id, ok := p.ids[iid]
	if ok {
		st.duplicates++
	}
	return id, ok
}

// record remembers pid/iid → id, evicting the oldest beyond maxSize and
// expiring what is older than the duration.
func (st *idmpState) record(pid, iid string, id ID, now int64) {
	if st.producers == nil {
		st.producers = map[string]*producer{}
	}
	p := st.producers[pid]
	if p == nil {
		p = &producer{ids: map[string]ID{}}
		st.producers[pid] = p
	}
	p.ids[iid] = id
	p.fifo = append(p.fifo, iidRecord{iid, id})
	st.added++
	if len(p.ids) > st.maxSize {
		p.evict(1)
	}
	st.expireProducer(pid, now)
}

func (p *producer) evict(n int) {
	for _, r := range p.fifo[:n] {
		delete(p.ids, r.iid)
	}
	clear(p.fifo[:n])
	p.fifo = p.fifo[n:]
}

// expireProducer forgets pid's IDs whose entry ID time is at least the
// duration old, and pid itself if none is left. O(1 + expired).
func (st *idmpState) expireProducer(pid string, now int64) {
	p := st.producers[pid]
	if p == nil {
		return
	}
	cutoff := now - st.durationMs
	n := 0
	for n < len(p.fifo) && int64(p.fifo[n].id.Ms) <= cutoff {
		n++
	}
	if n > 0 {
		p.evict(n)
	}
	if len(p.fifo) == 0 {
		delete(st.producers, pid)
	}
}

// tracked expires every producer and returns how many producers and IDs are
// remembered. O(producers + expired).
func (st *idmpState) tracked(now int64) (pids, iids int) {
	for pid := range st.producers {
		st.expireProducer(pid, now)
	}
	for _, p := range st.producers {
		iids += len(p.ids)
	}
	return len(st.producers), iids
}
