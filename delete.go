package xstream

// DeleteResult is the per-ID outcome of [Stream.DeleteEx] and
// [Group.AckDelete], with Redis's numeric values.
type DeleteResult int

const (
	// NotFound: the ID was not in the stream (DeleteEx) or not pending in the
	// group (AckDelete); nothing was done.
	NotFound DeleteResult = -1
	// Deleted: the entry was deleted (for AckDelete: acknowledged, and deleted
	// if it still existed).
	Deleted DeleteResult = 1
	// Referenced: with Acked, the entry is still referenced by a group and was
	// kept (for AckDelete: acknowledged but kept).
	Referenced DeleteResult = 2
)

// DeleteEx deletes the given IDs with a reference policy and returns one
// result per ID (XDELEX, Redis 8.2). KeepRef is [Stream.Delete] with per-ID
// results; DelRef also removes the IDs from every group's pending list (even
// when the entry is already gone); Acked deletes only entries no group still
// needs — not yet delivered to some group, or pending in one — and reports
// [Referenced] for the others. O(g log p) per ID for g groups.
func (s *Stream[V]) DeleteEx(mode RefMode, ids ...ID) ([]DeleteResult, error) {
	if mode > Acked {
		return nil, ErrInvalidRefMode
	}
	s.lock()
	defer s.unlock()
	out := make([]DeleteResult, len(ids))
	for i, id := range ids {
		out[i] = s.deleteRefLocked(mode, id)
	}
	s.afterDeleteLocked()
	return out, nil
}

func (s *Stream[V]) deleteRefLocked(mode RefMode, id ID) DeleteResult {
	switch mode {
	case Acked:
		if s.referencedLocked(id) {
			return Referenced
		}
	case DelRef:
		s.dropRefsLocked(id)
	}
	if s.deleteEntryLocked(id) {
		return Deleted
	}
	return NotFound
}

// AckDelete acknowledges the given IDs in this group and deletes their
// entries with a reference policy, one result per ID (XACKDEL, Redis 8.2).
// An ID not pending in this group gives [NotFound] and nothing happens to it.
// Otherwise it is acknowledged and then: KeepRef deletes the entry; DelRef
// also drops other groups' references; Acked deletes it only if no group
// still needs it, else reports [Referenced]. O(g log p) per ID.
func (g *Group[V]) AckDelete(mode RefMode, ids ...ID) ([]DeleteResult, error) {
	if mode > Acked {
		return nil, ErrInvalidRefMode
	}
	out := make([]DeleteResult, len(ids))
	err := g.do(func(st *group) error {
		for i, id := range ids {
			if !st.ackLocked(id) {
				out[i] = NotFound
				continue
			}
			if g.s.deleteRefLocked(mode, id) == Referenced {
				out[i] = Referenced
			} else {
				out[i] = Deleted
			}
		}
		g.s.afterDeleteLocked()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
