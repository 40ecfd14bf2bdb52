package xstream

// This file keeps a group's entries-read counter and computes its lag exactly
// as Redis's t_stream.c does (streamEstimateDistanceFromFirstEverEntry,
// streamRangeHasTombstones, streamReplyWithCGLag).

// rangeHasTombstonesLocked reports whether a deleted entry may lie in
// [start, +inf).
func (s *Stream[V]) rangeHasTombstonesLocked(start ID) bool {
	return s.length > 0 && !s.maxDeleted.IsZero() && !s.maxDeleted.Less(start)
}

// estimateLocked is the number of entries added up to and including id, or
// -1 when it cannot be known.
func (s *Stream[V]) estimateLocked(id ID) int64 {
	if s.entriesAdded == 0 {
		return 0
	}
	if s.length == 0 && !s.lastID.Less(id) {
		return s.entriesAdded
	}
	if !id.IsZero() && id.Less(s.maxDeleted) {
		return -1
	}
	if id == s.lastID {
		return s.entriesAdded
	}
	if s.lastID.Less(id) {
		return -1
	}
	if s.maxDeleted.IsZero() || s.maxDeleted.Less(s.firstID) {
		if id.Less(s.firstID) {
			return s.entriesAdded - s.length
		}
		if id == s.firstID {
			return s.entriesAdded - s.length + 1
		}
	}
	return -1
}

// deliveredLocked advances g's last-delivered ID and entries-read to id, an
// entry being delivered by a ">" read.
func (s *Stream[V]) deliveredLocked(g *group, id ID) {
	if !g.lastID.Less(id) {
		return
	}
	if g.entriesRead != -1 && !g.lastID.Less(s.firstID) && !s.rangeHasTombstonesLocked(g.lastID) {
		g.entriesRead++
	} else if s.entriesAdded != 0 {
		g.entriesRead = s.estimateLocked(id)
	}
	g.lastID = id
}

// lagLocked returns g's lag, and false when it is unknown.
func (s *Stream[V]) lagLocked(g *group) (int64, bool) {
	switch {
	case s.entriesAdded == 0 || s.length == 0:
		return 0, true
	case g.lastID.Less(s.firstID) && s.maxDeleted.Less(s.firstID):
		return s.length, true
	case g.entriesRead != -1 && !s.rangeHasTombstonesLocked(g.lastID):
		return s.entriesAdded - g.entriesRead, true
	}
	if e := s.estimateLocked(g.lastID); e != -1 {
		return s.entriesAdded - e, true
	}
	return 0, false
}
