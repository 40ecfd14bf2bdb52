package redistest

// StreamID is what the entries-read and lag rules need of a stream ID
// (xstream.ID satisfies it): comparison, order and the zero test. It keeps
// this package free of a dependency on xstream, whose own tests import it.
type StreamID[I any] interface {
	comparable
	// Less reports whether the ID sorts before o.
	Less(o I) bool
	// IsZero reports whether the ID is 0-0.
	IsZero() bool
}

// LagState is what the entries-read and lag rules read of a stream: the
// counters of XINFO STREAM. The differential tests use it to predict, for
// both Redis 7.0 (v70 true) and the spec (newer Redis), a group's
// entries-read and lag, and so to tell where the two versions differ.
type LagState[I StreamID[I]] struct {
	Length, Added       int64 // length, entries-added
	First, Last, MaxDel I     // recorded-first-entry-id, last-generated-id, max-deleted-entry-id
}

// Tombstones is Redis's streamRangeHasTombstones(start, +inf); v70 adds
// 7.0's early "the latest tombstone is before the first entry" return.
func (st LagState[I]) Tombstones(start I, v70 bool) bool {
	if st.Length == 0 || st.MaxDel.IsZero() || v70 && st.MaxDel.Less(st.First) {
		return false
	}
	return !st.MaxDel.Less(start)
}

// Estimate is Redis's streamEstimateDistanceFromFirstEverEntry of id (spec
// §9.3), or -1 when unknown; 7.0 lacks the max-deleted-ID condition.
func (st LagState[I]) Estimate(id I, v70 bool) int64 {
	switch {
	case st.Added == 0:
		return 0
	case st.Length == 0 && !st.Last.Less(id):
		return st.Added
	case !v70 && !id.IsZero() && id.Less(st.MaxDel):
		return -1
	case id == st.Last:
		return st.Added
	case st.Last.Less(id):
		return -1
	case st.MaxDel.IsZero() || st.MaxDel.Less(st.First):
		if id.Less(st.First) {
			return st.Added - st.Length
		}
		if id == st.First {
			return st.Added - st.Length + 1
		}
	}
	return -1
}

// Delivered is a group's entries-read after a ">" read delivered id, from
// entries-read er (-1 when unknown) and last-delivered-id last, by 7.0's
// rule (which checks tombstones from the delivered entry) or the spec's
// (§9.3: from the group's last ID, which must not be before the first
// entry).
func (st LagState[I]) Delivered(er int64, last, id I, v70 bool) int64 {
	var inc bool
	if v70 {
		inc = er != -1 && !st.Tombstones(id, true)
	} else {
		inc = er != -1 && !last.Less(st.First) && !st.Tombstones(last, false)
	}
	switch {
	case inc:
		return er + 1
	case st.Added != 0:
		return st.Estimate(id, v70)
	}
	return er
}

// Lag is a group's lag by 7.0's rule or the spec's (§9.4; 7.0 lacks the
// empty-stream and "before the first entry" cases): an int64, or nil when
// unknown.
func (st LagState[I]) Lag(er int64, last I, v70 bool) any {
	switch {
	case st.Added == 0:
		return int64(0)
	case !v70 && st.Length == 0:
		return int64(0)
	case !v70 && last.Less(st.First) && st.MaxDel.Less(st.First):
		return st.Length
	case er != -1 && !st.Tombstones(last, v70):
		return st.Added - er
	}
	if e := st.Estimate(last, v70); e != -1 {
		return st.Added - e
	}
	return nil
}
