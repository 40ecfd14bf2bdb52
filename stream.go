package xstream

import (
	"sync"
	"time"
)

// DefaultNodeMaxEntries is the default node size, Redis's
// stream-node-max-entries.
const DefaultNodeMaxEntries = 100

// Options configure a [Stream]. The zero value gives Redis's defaults and the
// system clock.
type Options[V any] struct {
	// Clock supplies "now". nil means the system clock.
	Clock Clock
	// NodeMaxEntries is how many entries (live or deleted) one node holds,
	// Redis's stream-node-max-entries. It decides what approximate trimming
	// removes. 0 means DefaultNodeMaxEntries (100); negative values panic.
	NodeMaxEntries int
	// IdempotencyDuration is the initial IDMP-DURATION: how long an
	// idempotent ID is remembered. 0 means 100 seconds.
	IdempotencyDuration time.Duration
	// IdempotencyMaxSize is the initial IDMP-MAXSIZE: how many idempotent IDs
	// are remembered per producer. 0 means 100.
	IdempotencyMaxSize int
	// Fingerprint derives an idempotent ID from a payload, for adds with
	// AddOptions.AutoIdempotentID (Redis's IDMPAUTO). nil disables them.
	Fingerprint func(V) string
	// Size estimates a payload's size in bytes, for ReadOptions.MaxSize. nil
	// counts only the per-entry overhead.
	Size func(V) int
	// Name names the stream in the replies of multi-stream reads' MaxSize
	// accounting and in error messages. It is optional.
	Name string
}

// Stream is an append-only log of entries with consumer groups: Redis's
// stream type, in process, with payloads of type V.
//
// Stream is safe for concurrent use by multiple goroutines. One mutex guards
// the entries, the groups, every pending-entries list and the blocked
// readers, so every method is atomic, as a Redis command is. The zero value
// is an empty stream with default [Options]; use [New] to set options. A
// Stream must not be copied after first use.
type Stream[V any] struct {
	mu sync.Mutex // guards every field below

	ready bool
	opts  Options[V]
	clock Clock
	log   entryLog[V]

	length       int64
	lastID       ID // last-generated-id: the greatest ID ever added or set
	firstID      ID // recorded-first-entry-id
	maxDeleted   ID // greatest ID removed by Delete, DeleteEx or AckDelete
	entriesAdded int64

	groups  map[string]*group
	waiters []*registration // blocked readers, FIFO
	idmp    idmpState
}

// Entry is one stream entry: its ID and payload. Payloads are stored and
// returned by value; a V that holds pointers or slices shares what they point
// to with the stream.
type Entry[V any] struct {
	ID    ID
	Value V
}

// New returns an empty stream with the given options. It panics if
// opts.NodeMaxEntries is negative.
func New[V any](opts Options[V]) *Stream[V] {
	s := &Stream[V]{opts: opts}
	s.initLocked()
	return s
}

func (s *Stream[V]) initLocked() {
	if s.ready {
		return
	}
	if s.opts.NodeMaxEntries < 0 {
		panic("xstream: negative NodeMaxEntries")
	}
	if s.opts.NodeMaxEntries == 0 {
		s.opts.NodeMaxEntries = DefaultNodeMaxEntries
	}
	s.clock = s.opts.Clock
	if s.clock == nil {
		s.clock = systemClock{}
	}
	s.log.maxEntries = s.opts.NodeMaxEntries
	s.groups = map[string]*group{}
	s.idmp.init(s.opts.IdempotencyDuration, s.opts.IdempotencyMaxSize)
	s.ready = true
}

// lock takes the stream's mutex, initialising a zero Stream on first use.
func (s *Stream[V]) lock() {
	s.mu.Lock()
	if !s.ready {
		s.initLocked()
	}
}

func (s *Stream[V]) unlock() { s.mu.Unlock() }

// nowMs returns the clock's time in unix milliseconds. The system clock is
// read with wallMs, which skips the monotonic reading time.Now also takes.
func (s *Stream[V]) nowMs() int64 {
	if _, ok := s.clock.(systemClock); ok {
		return wallMs()
	}
	return s.clock.Now().UnixMilli()
}

// Name returns Options.Name.
func (s *Stream[V]) Name() string {
	s.lock()
	defer s.unlock()
	return s.opts.Name
}

// Len returns the number of entries (XLEN). O(1).
func (s *Stream[V]) Len() int64 {
	s.lock()
	defer s.unlock()
	return s.length
}

// LastID returns the last-generated ID: the greatest ID ever added or set by
// [Stream.SetLastID], even if that entry is gone. It is 0-0 for a new stream.
// O(1).
func (s *Stream[V]) LastID() ID {
	s.lock()
	defer s.unlock()
	return s.lastID
}

// First returns the first entry, and false if the stream is empty. O(1).
func (s *Stream[V]) First() (Entry[V], bool) {
	s.lock()
	defer s.unlock()
	return s.edgeLocked(s.log.first)
}

// Last returns the last entry, and false if the stream is empty. O(1).
func (s *Stream[V]) Last() (Entry[V], bool) {
	s.lock()
	defer s.unlock()
	return s.edgeLocked(s.log.last)
}

func (s *Stream[V]) edgeLocked(edge func() (ID, bool)) (Entry[V], bool) {
	id, ok := edge()
	if !ok {
		return Entry[V]{}, false
	}
	v, _ := s.log.get(id)
	return Entry[V]{id, *v}, true
}

// Get returns the entry with the given ID, and false if there is none.
// O(log n).
func (s *Stream[V]) Get(id ID) (Entry[V], bool) {
	s.lock()
	defer s.unlock()
	v, ok := s.log.get(id)
	if !ok {
		return Entry[V]{}, false
	}
	return Entry[V]{id, *v}, true
}

// Range returns the entries with start <= ID <= end in ID order, at most
// count of them (0 means no limit): XRANGE. Use [ParseRangeStart] and
// [ParseRangeEnd] for Redis's "-", "+" and "(" forms. start > end gives
// nothing. A negative count fails with [ErrNegativeCount]. O(log n + k) for k
// entries returned.
func (s *Stream[V]) Range(start, end ID, count int) ([]Entry[V], error) {
	return s.rangeDir(start, end, count, false)
}

// RevRange returns the entries with start <= ID <= end in reverse ID order,
// at most count of them (0 means no limit): XREVRANGE (which takes end before
// start). O(log n + k) for k entries returned.
func (s *Stream[V]) RevRange(end, start ID, count int) ([]Entry[V], error) {
	return s.rangeDir(start, end, count, true)
}

func (s *Stream[V]) rangeDir(start, end ID, count int, rev bool) ([]Entry[V], error) {
	if count < 0 {
		return nil, ErrNegativeCount
	}
	s.lock()
	defer s.unlock()
	return s.rangeLocked(start, end, count, rev), nil
}

func (s *Stream[V]) rangeLocked(start, end ID, count int, rev bool) []Entry[V] {
	var out []Entry[V]
	if end.Less(start) {
		return out
	}
	collect := func(id ID, v *V) bool {
		out = append(out, Entry[V]{id, *v})
		return count == 0 || len(out) < count
	}
	if rev {
		s.log.descend(end, func(id ID, v *V) bool { return !id.Less(start) && collect(id, v) })
	} else {
		s.log.ascend(start, func(id ID, v *V) bool { return !end.Less(id) && collect(id, v) })
	}
	return out
}

// Delete removes the entries with the given IDs and returns how many existed
// (XDEL). Pending-entries lists keep their references to deleted entries (see
// [Stream.DeleteEx] to change that). The stream's max-deleted ID rises to the
// greatest deleted ID. O(log n) per ID.
func (s *Stream[V]) Delete(ids ...ID) int {
	s.lock()
	defer s.unlock()
	n := 0
	for _, id := range ids {
		if s.deleteEntryLocked(id) {
			n++
		}
	}
	s.afterDeleteLocked()
	return n
}

// deleteEntryLocked removes the live entry id, if it exists.
func (s *Stream[V]) deleteEntryLocked(id ID) bool {
	p, ok := s.log.find(id)
	if !ok {
		return false
	}
	s.log.remove(p)
	s.length--
	if s.maxDeleted.Less(id) {
		s.maxDeleted = id
	}
	return true
}

// afterDeleteLocked recomputes the recorded first ID after deletions.
func (s *Stream[V]) afterDeleteLocked() {
	s.firstID, _ = s.log.first()
}

// SetIDOptions are the options of [Stream.SetLastID] (XSETID).
type SetIDOptions struct {
	// EntriesAdded, if not nil, sets the entries-added counter (ENTRIESADDED).
	EntriesAdded *int64
	// MaxDeletedID, if not nil and not 0-0, sets the max-deleted ID (MAXDELETEDID).
	MaxDeletedID *ID
}

// SetLastID sets the stream's last-generated ID and, optionally, its
// entries-added counter and max-deleted ID (XSETID). The ID may not be below
// the last entry ([ErrSetIDTooSmall]) or the max-deleted ID
// ([ErrSetIDBelowMaxDeleted], [ErrSetIDBelowGivenMaxDeleted]);
// EntriesAdded may not be negative or below the length. Unlike Redis, the
// last entry includes one deleted while its node remains (by an Acked trim,
// or by a delete when MaxDeletedID has since set the max-deleted ID below
// it): adds below it would break the ID order. On error nothing changes.
// O(1).
func (s *Stream[V]) SetLastID(id ID, opts SetIDOptions) error {
	if opts.EntriesAdded != nil && *opts.EntriesAdded < 0 {
		return ErrEntriesAddedNegative
	}
	if opts.MaxDeletedID != nil && id.Less(*opts.MaxDeletedID) {
		return ErrSetIDBelowGivenMaxDeleted
	}
	s.lock()
	defer s.unlock()
	if id.Less(s.maxDeleted) {
		return ErrSetIDBelowMaxDeleted
	}
	// The log's greatest ID, deleted or not, bounds every entry's ID.
	if tail, ok := s.log.tailID(); ok && id.Less(tail) {
		return ErrSetIDTooSmall
	}
	if s.length > 0 && opts.EntriesAdded != nil && *opts.EntriesAdded < s.length {
		return ErrEntriesAddedTooSmall
	}
	s.lastID = id
	if opts.EntriesAdded != nil {
		s.entriesAdded = *opts.EntriesAdded
	}
	if opts.MaxDeletedID != nil && !opts.MaxDeletedID.IsZero() {
		s.maxDeleted = *opts.MaxDeletedID
	}
	return nil
}
