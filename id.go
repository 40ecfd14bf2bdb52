package xstream

import (
	"math"
	"strconv"
	"strings"
)

// ID identifies a stream entry: a millisecond time part and a sequence number,
// printed by [ID.String] as "<ms>-<seq>". IDs are totally ordered by Ms, then
// Seq. The zero value is the ID 0-0, which no entry can have.
type ID struct {
	Ms  uint64
	Seq uint64
}

// MinID is the smallest ID, 0-0. It is what "-" means in a range.
var MinID = ID{}

// MaxID is the greatest ID. It is what "+" means in a range.
var MaxID = ID{math.MaxUint64, math.MaxUint64}

// String returns the ID in Redis form, "<ms>-<seq>".
func (id ID) String() string {
	var b [41]byte
	out := strconv.AppendUint(b[:0], id.Ms, 10)
	out = append(out, '-')
	out = strconv.AppendUint(out, id.Seq, 10)
	return string(out)
}

// IsZero reports whether id is 0-0.
func (id ID) IsZero() bool { return id == ID{} }

// Compare returns -1, 0 or +1 as id is less than, equal to or greater than o.
func (id ID) Compare(o ID) int {
	switch {
	case id.Ms < o.Ms:
		return -1
	case id.Ms > o.Ms:
		return 1
	case id.Seq < o.Seq:
		return -1
	case id.Seq > o.Seq:
		return 1
	}
	return 0
}

// Less reports whether id sorts before o.
func (id ID) Less(o ID) bool {
	return id.Ms < o.Ms || (id.Ms == o.Ms && id.Seq < o.Seq)
}

// Next returns the ID right after id. ok is false when id is [MaxID]; then
// next is 0-0, as Redis's streamIncrID wraps.
func (id ID) Next() (next ID, ok bool) {
	switch {
	case id.Seq < math.MaxUint64:
		return ID{id.Ms, id.Seq + 1}, true
	case id.Ms < math.MaxUint64:
		return ID{id.Ms + 1, 0}, true
	}
	return ID{}, false
}

// Prev returns the ID right before id. ok is false when id is 0-0; then prev
// is [MaxID], as Redis's streamDecrID wraps.
func (id ID) Prev() (prev ID, ok bool) {
	switch {
	case id.Seq > 0:
		return ID{id.Ms, id.Seq - 1}, true
	case id.Ms > 0:
		return ID{id.Ms - 1, math.MaxUint64}, true
	}
	return MaxID, false
}

// ParseID parses a complete or incomplete ID strictly, as Redis does for the
// ID arguments of XADD, XACK, XDEL, XCLAIM, XREAD and XGROUP CREATE:
// "<ms>-<seq>" or "<ms>" (sequence 0). "-", "+", "*" and anything else that is
// not two unsigned 64-bit decimals fail with [ErrInvalidID].
func ParseID(s string) (ID, error) {
	id, _, err := parseID(s, 0, true, false)
	return id, err
}

// ParseRangeStart parses the start of an interval as XRANGE, XPENDING and
// XAUTOCLAIM do: "-" is [MinID], "+" is [MaxID], "<ms>" means "<ms>-0", and a
// "(" prefix makes the bound exclusive. The result is the inclusive bound. An
// exclusive start at MaxID fails with [ErrInvalidStartInterval].
func ParseRangeStart(s string) (ID, error) {
	return parseBound(s, 0, func(id ID) (ID, bool) { return id.Next() }, ErrInvalidStartInterval)
}

// ParseRangeEnd parses the end of an interval as XRANGE and XPENDING do: "-"
// is [MinID], "+" is [MaxID], "<ms>" means "<ms>-18446744073709551615", and a
// "(" prefix makes the bound exclusive. The result is the inclusive bound. An
// exclusive end at 0-0 fails with [ErrInvalidEndInterval].
func ParseRangeEnd(s string) (ID, error) {
	return parseBound(s, math.MaxUint64, func(id ID) (ID, bool) { return id.Prev() }, ErrInvalidEndInterval)
}

func parseBound(s string, missingSeq uint64, step func(ID) (ID, bool), overflow error) (ID, error) {
	if len(s) > 1 && s[0] == '(' {
		id, _, err := parseID(s[1:], missingSeq, true, false)
		if err != nil {
			return ID{}, err
		}
		next, ok := step(id)
		if !ok {
			return ID{}, overflow
		}
		return next, nil
	}
	id, _, err := parseID(s, missingSeq, false, false)
	return id, err
}

// IDSpec is the ID argument of an add: automatic ("*"), automatic sequence
// within a given millisecond ("<ms>-*"), or explicit. The zero value is
// automatic.
type IDSpec struct {
	id   ID
	kind idKind
}

type idKind uint8

const (
	idAuto idKind = iota
	idAutoSeq
	idExplicit
)

// AutoID returns the spec for a fully automatic ID ("*"): the clock's
// millisecond, or the next ID after the stream's last one if the clock is
// behind it.
func AutoID() IDSpec { return IDSpec{} }

// AutoSeqID returns the spec "<ms>-*": millisecond ms with the next free
// sequence number.
func AutoSeqID(ms uint64) IDSpec { return IDSpec{ID{Ms: ms}, idAutoSeq} }

// ExplicitID returns the spec for exactly id.
func ExplicitID(id ID) IDSpec { return IDSpec{id, idExplicit} }

// IsAuto reports whether the spec is "*".
func (s IDSpec) IsAuto() bool { return s.kind == idAuto }

// String returns the spec as XADD takes it: "*", "<ms>-*" or "<ms>-<seq>".
func (s IDSpec) String() string {
	switch s.kind {
	case idAutoSeq:
		return strconv.FormatUint(s.id.Ms, 10) + "-*"
	case idExplicit:
		return s.id.String()
	}
	return "*"
}

// ParseIDSpec parses XADD's ID argument: "*", "<ms>-*", "<ms>-<seq>" or
// "<ms>". It fails with [ErrInvalidID] otherwise.
func ParseIDSpec(s string) (IDSpec, error) {
	if s == "*" {
		return AutoID(), nil
	}
	id, seqStar, err := parseID(s, 0, true, true)
	if err != nil {
		return IDSpec{}, err
	}
	if seqStar {
		return AutoSeqID(id.Ms), nil
	}
	return ExplicitID(id), nil
}

// parseID is Redis's streamGenericParseIDOrReply: strict rejects "-" and "+";
// seqStarOK accepts "<ms>-*" and reports it.
func parseID(s string, missingSeq uint64, strict, seqStarOK bool) (id ID, seqStar bool, err error) {
	if len(s) > 127 {
		return ID{}, false, ErrInvalidID
	}
	switch s {
	case "-", "+":
		if strict {
			return ID{}, false, ErrInvalidID
		}
		if s == "-" {
			return MinID, false, nil
		}
		return MaxID, false, nil
	}
	msPart, seqPart, hasDash := strings.Cut(s, "-")
	ms, ok := parseUint64(msPart)
	if !ok {
		return ID{}, false, ErrInvalidID
	}
	if !hasDash {
		return ID{ms, missingSeq}, false, nil
	}
	if seqStarOK && seqPart == "*" {
		return ID{Ms: ms}, true, nil
	}
	seq, ok := parseUint64(seqPart)
	if !ok {
		return ID{}, false, ErrInvalidID
	}
	return ID{ms, seq}, false, nil
}

// parseUint64 accepts unsigned decimal digits only (leading zeros allowed),
// the subset of strtoull's syntax that Redis users write.
func parseUint64(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}
