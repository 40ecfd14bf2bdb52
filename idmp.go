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

// find returns the entry ID recorded for pid/iid, first expiring pid's old
// records; it counts nothing.
func (st *idmpState) find(pid, iid string, now int64) (ID, bool) {
	st.expireProducer(pid, now)
	p := st.producers[pid]
	if p == nil {
		return ID{}, false
	}
	id, ok := p.ids[iid]
	return id, ok
}

// lookup returns the entry ID recorded for pid/iid, counting a duplicate.
func (st *idmpState) lookup(pid, iid string, now int64) (ID, bool) {
	id, ok := st.find(pid, iid, now)
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

// IdempotencyConfig is the argument of [Stream.ConfigureIdempotency]
// (XCFGSET). A zero field leaves that setting as it is.
type IdempotencyConfig struct {
	// Duration is IDMP-DURATION: how long an idempotent ID is remembered,
	// counted from its entry ID's time. It must be within 1s..86400s (Redis
	// takes whole seconds; finer values are kept as given).
	Duration time.Duration
	// MaxSize is IDMP-MAXSIZE: how many idempotent IDs each producer
	// remembers, 1..10000.
	MaxSize int
}

// ConfigureIdempotency changes the stream's idempotency settings (XCFGSET).
// If a setting really changes, every remembered producer and idempotent ID is
// forgotten (the IIDsAdded and IIDsDuplicates counters stay); setting the
// current values changes nothing. It fails with [ErrNoIdempotencySetting]
// when both fields are zero, and with [ErrIdempotencyDuration] or
// [ErrIdempotencyMaxSize] for a value out of range; then nothing changes.
// O(1).
func (s *Stream[V]) ConfigureIdempotency(cfg IdempotencyConfig) error {
	switch {
	case cfg.Duration == 0 && cfg.MaxSize == 0:
		return ErrNoIdempotencySetting
	case cfg.Duration != 0 && (cfg.Duration < time.Second || cfg.Duration > maxIdempotencyDuration):
		return ErrIdempotencyDuration
	case cfg.MaxSize != 0 && (cfg.MaxSize < 1 || cfg.MaxSize > maxIdempotencyMaxSize):
		return ErrIdempotencyMaxSize
	}
	s.lock()
	defer s.unlock()
	s.idmp.configure(cfg.Duration.Milliseconds(), cfg.MaxSize)
	return nil
}

// configure sets the non-zero settings and forgets every producer if one
// of them changed.
func (st *idmpState) configure(durationMs int64, maxSize int) {
	changed := false
	if durationMs != 0 && durationMs != st.durationMs {
		st.durationMs, changed = durationMs, true
	}
	if maxSize != 0 && maxSize != st.maxSize {
		st.maxSize, changed = maxSize, true
	}
	if changed {
		st.producers = nil
	}
}

// RecordIdempotent remembers that producer's idempotent ID iid names the
// existing entry id (XIDMPRECORD), as an idempotent add would have: later
// idempotent adds with that producer and iid return id. Recording the same
// triple again does nothing. It fails with [ErrEmptyProducer] or
// [ErrEmptyIdempotentID] for an empty string, [ErrNoSuchEntry] if the entry
// does not exist, and [ErrIdempotentIDConflict] if iid is remembered with
// another entry ID; then nothing changes. O(log n).
func (s *Stream[V]) RecordIdempotent(producer, iid string, id ID) error {
	switch {
	case producer == "":
		return errRecordEmptyPID
	case iid == "":
		return errRecordEmptyIID
	}
	s.lock()
	defer s.unlock()
	if !s.log.has(id) {
		return ErrNoSuchEntry
	}
	now := s.nowMs()
	if old, ok := s.idmp.find(producer, iid, now); ok {
		if old == id {
			return nil
		}
		return ErrIdempotentIDConflict
	}
	s.idmp.record(producer, iid, id, now)
	return nil
}
