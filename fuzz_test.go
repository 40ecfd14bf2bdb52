package xstream

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzOps decodes the fuzz input into an operation sequence (the first byte
// chooses the node size, every later byte feeds one random choice) and runs
// it through the model-vs-implementation harness of TestModel, with the
// invariant checker after every step.
func FuzzOps(f *testing.F) {
	f.Add([]byte{2})
	f.Add([]byte("\x02\x00\x00\x00\x00\x1e\x00\x00\x00\x28\x00\x00\x00\x00\x00\x3c\x00\x00\x00\x00"))
	f.Add([]byte("adds, reads, claims, acks and trims: anything will do as a seed"))
	f.Add([]byte{0, 29, 0, 0, 0, 0, 0, 0, 40, 0, 1, 0, 0, 0, 0, 0, 0, 60, 1, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0})
	f.Add([]byte{1, 17, 3, 0, 0, 5, 9, 88, 7, 200, 31, 64, 77, 150, 2, 9, 1, 250, 13, 99, 120, 40, 41, 42, 43, 44})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		nodeMax := int(data[0]%4) + 1
		mtRunSource(t, &mtByteSource{b: data[1:]}, nodeMax, 300)
	})
}

// mtExpectID is an independent, strconv-based reading of §2 for strict ID
// arguments: at most 127 bytes, "<ms>" or "<ms>-<seq>" split at the first
// '-', each part non-empty ASCII digits that fit in a uint64.
func mtExpectID(s string, missingSeq uint64) (ID, bool) {
	if len(s) > 127 {
		return ID{}, false
	}
	num := func(p string) (uint64, bool) {
		if p == "" || strings.TrimLeft(p, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.ParseUint(p, 10, 64)
		return n, err == nil
	}
	msPart, seqPart, dash := strings.Cut(s, "-")
	ms, ok := num(msPart)
	if !ok {
		return ID{}, false
	}
	if !dash {
		return ID{ms, missingSeq}, true
	}
	seq, ok := num(seqPart)
	return ID{ms, seq}, ok
}

// FuzzParseID checks the ID parsers never panic and agree with mtExpectID,
// and that whatever ParseID accepts round-trips through String.
func FuzzParseID(f *testing.F) {
	for _, s := range []string{
		"0", "0-0", "5-3", "007-01", "-", "+", "*", "5-*", "(5", "(5-3", "(-", "(+", "(", "((1",
		"123-", "-123", "--", "abc-def", "1-2-3", mtMaxU + "-" + mtMaxU, "(" + mtMaxU + "-" + mtMaxU,
		"(0-0", "18446744073709551616", strings.Repeat("0", 127) + "1", "+1", " 1", "1-0x1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseID(s)
		want, ok := mtExpectID(s, 0)
		if ok != (err == nil) || ok && id != want {
			t.Fatalf("ParseID(%q) = %v, %v; want %v, ok=%v", s, id, err, want, ok)
		}
		if err == nil {
			if back, err := ParseID(id.String()); err != nil || back != id {
				t.Fatalf("ParseID(%q) = %v, which does not round-trip: %v, %v", s, id, back, err)
			}
		}

		spec, err := ParseIDSpec(s)
		switch {
		case s == "*":
			if err != nil || !spec.IsAuto() || spec.String() != "*" {
				t.Fatalf("ParseIDSpec(%q) = %v, %v", s, spec, err)
			}
		case strings.HasSuffix(s, "-*"):
			ms, ok := mtExpectID(strings.TrimSuffix(s, "-*"), 0)
			ok = ok && len(s) <= 127 && !strings.Contains(strings.TrimSuffix(s, "-*"), "-")
			if ok != (err == nil) || ok && spec != AutoSeqID(ms.Ms) {
				t.Fatalf("ParseIDSpec(%q) = %v, %v; want ms %d, ok=%v", s, spec, err, ms.Ms, ok)
			}
		default:
			if ok != (err == nil) || ok && spec != ExplicitID(want) {
				t.Fatalf("ParseIDSpec(%q) = %v, %v; want %v, ok=%v", s, spec, err, want, ok)
			}
		}
		if err == nil {
			if back, err := ParseIDSpec(spec.String()); err != nil || back != spec {
				t.Fatalf("ParseIDSpec(%q) = %v, which does not round-trip: %v, %v", s, spec, back, err)
			}
		}

		mtFuzzBound(t, "ParseRangeStart", s, ParseRangeStart, 0, ID.Next)
		mtFuzzBound(t, "ParseRangeEnd", s, ParseRangeEnd, 1<<64-1, ID.Prev)
	})
}

// mtFuzzBound checks a range-bound parser: "-" and "+" are the extremes, a
// "(" prefix (on more than one byte) parses the rest strictly and steps,
// anything else is a strict ID with the bound's missing sequence.
func mtFuzzBound(t *testing.T, name, s string, parse func(string) (ID, error), missingSeq uint64, step func(ID) (ID, bool)) {
	t.Helper()
	got, err := parse(s)
	var want ID
	ok := true
	switch {
	case s == "-":
		want = MinID
	case s == "+":
		want = MaxID
	case len(s) > 1 && s[0] == '(':
		want, ok = mtExpectID(s[1:], missingSeq)
		if ok {
			var stepped bool
			want, stepped = step(want)
			if !stepped {
				if err != ErrInvalidStartInterval && err != ErrInvalidEndInterval {
					t.Fatalf("%s(%q) = %v, %v; want an interval error", name, s, got, err)
				}
				return
			}
		}
	default:
		want, ok = mtExpectID(s, missingSeq)
	}
	if ok != (err == nil) || ok && got != want {
		t.Fatalf("%s(%q) = %v, %v; want %v, ok=%v", name, s, got, err, want, ok)
	}
}
