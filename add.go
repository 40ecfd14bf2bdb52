package xstream

import "math"

// AddOptions are the options of [Stream.AddWith] (XADD's options). The zero
// value adds with an automatic ID and does not trim.
type AddOptions struct {
	// ID is the entry's ID: automatic (the zero value, "*"), automatic
	// sequence ("<ms>-*") or explicit.
	ID IDSpec
	// Trim, if it names a strategy, trims the stream after the add, as XADD's
	// MAXLEN / MINID options do.
	Trim TrimOptions
	// Producer makes the add idempotent (IDMP / IDMPAUTO): an add whose
	// IdempotentID this producer used recently returns the original entry's
	// ID and changes nothing. Idempotent adds need an automatic ID.
	Producer string
	// IdempotentID is the idempotent ID (IDMP's iid).
	IdempotentID string
	// AutoIdempotentID derives the idempotent ID from the payload with
	// Options.Fingerprint (IDMPAUTO) instead of IdempotentID.
	AutoIdempotentID bool
}

// Add appends v with an automatic ID and returns the ID (XADD key * ...). The
// ID is the clock's millisecond with sequence 0, or the next ID after the
// last one when the clock has not moved past it, so IDs only grow. It fails
// only with [ErrStreamExhausted]. O(1), plus waking blocked readers. It is
// [Stream.AddWith] with zero options, on a path that skips their checks.
func (s *Stream[V]) Add(v V) (ID, error) {
	s.lock()
	defer s.unlock()
	id, err := s.nextIDLocked(IDSpec{})
	if err != nil {
		return ID{}, err
	}
	s.appendLocked(id, v)
	s.serveWaitersLocked()
	return id, nil
}

// AddWith appends v with the given options and returns its ID (XADD). An
// explicit ID must be greater than the stream's last ID ([ErrIDTooSmall])
// and not 0-0 ([ErrIDZero]). A duplicate idempotent add returns the original
// ID, adds nothing and trims nothing. On error nothing changes. O(1), plus
// O(k) for k entries trimmed and the blocked readers woken.
func (s *Stream[V]) AddWith(v V, opts AddOptions) (ID, error) {
	if err := opts.validate(); err != nil {
		return ID{}, err
	}
	iid := opts.IdempotentID
	if opts.AutoIdempotentID {
		if s.opts.Fingerprint == nil { // set once by New; never written after
			return ID{}, ErrNoFingerprint
		}
		iid = s.opts.Fingerprint(v) // user code, outside the lock
	}
	s.lock()
	defer s.unlock()
	if opts.Producer != "" {
		if id, dup := s.idmp.lookup(opts.Producer, iid, s.nowMs()); dup {
			return id, nil
		}
	}
	id, err := s.nextIDLocked(opts.ID)
	if err != nil {
		return ID{}, err
	}
	s.appendLocked(id, v)
	if opts.Producer != "" {
		s.idmp.record(opts.Producer, iid, id, s.nowMs())
	}
	s.trimLocked(opts.Trim)
	s.serveWaitersLocked()
	return id, nil
}

// validate checks o in Redis's order: the options first, then the 0-0 ID
// (which xaddCommand rejects after parsing).
func (o *AddOptions) validate() error {
	if err := o.Trim.validate(false); err != nil {
		return err
	}
	if err := o.validateIdempotency(); err != nil {
		return err
	}
	if o.ID.kind == idExplicit && o.ID.id.IsZero() {
		return ErrIDZero
	}
	return nil
}

func (o *AddOptions) validateIdempotency() error {
	if o.Producer == "" && o.IdempotentID == "" && !o.AutoIdempotentID {
		return nil
	}
	switch {
	case o.Producer == "" && o.AutoIdempotentID:
		return errEmptyAutoProducer
	case o.Producer == "":
		return ErrEmptyProducer
	case o.AutoIdempotentID && o.IdempotentID != "":
		return ErrIdempotencyTwice
	case !o.AutoIdempotentID && o.IdempotentID == "":
		return ErrEmptyIdempotentID
	case o.ID.kind != idAuto:
		return ErrIdempotencyNeedsAutoID
	}
	return nil
}

// nextIDLocked computes the ID of a new entry per Redis's streamAppendItem.
func (s *Stream[V]) nextIDLocked(spec IDSpec) (ID, error) {
	last := s.lastID
	if last == MaxID {
		return ID{}, ErrStreamExhausted
	}
	var id ID
	switch spec.kind {
	case idAuto:
		if now := s.nowMs(); now > 0 && uint64(now) > last.Ms {
			id = ID{uint64(now), 0}
		} else {
			id, _ = last.Next()
		}
		return id, nil
	case idAutoSeq:
		if spec.id.Ms != last.Ms {
			id = ID{spec.id.Ms, 0}
		} else if last.Seq == math.MaxUint64 {
			return ID{}, ErrIDTooSmall
		} else {
			id = ID{last.Ms, last.Seq + 1}
		}
	default:
		id = spec.id
	}
	if !last.Less(id) {
		return ID{}, ErrIDTooSmall
	}
	return id, nil
}

func (s *Stream[V]) appendLocked(id ID, v V) {
	s.log.append(id, v)
	s.length++
	s.entriesAdded++
	s.lastID = id
	if s.length == 1 {
		s.firstID = id
	}
}
