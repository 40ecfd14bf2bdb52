package xstream

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mtMaxU = "18446744073709551615"

// mtIDCase is one row of the parsing tables: want is meaningful when err is
// nil.
type mtIDCase struct {
	in   string
	want ID
	err  *Error
}

// mtRedisText is the Redis reply text of each parse error, written out so
// that the tables check it independently of errors.go.
var mtRedisText = map[*Error]string{
	ErrInvalidID:            stErrInvalidID,
	ErrInvalidStartInterval: stErrStartInterv,
	ErrInvalidEndInterval:   stErrEndInterv,
}

// mtRunIDCases runs parse on every case: an error case must fail with c.err
// and its Redis reply text, any other must give c.want.
func mtRunIDCases(t *testing.T, name string, parse func(string) (ID, error), cases []mtIDCase) {
	t.Helper()
	for _, c := range cases {
		got, err := parse(c.in)
		if c.err != nil {
			stRequireErr(t, err, c.err, mtRedisText[c.err], fmt.Sprintf("%s(%q)", name, c.in))
			continue
		}
		if assert.NoError(t, err, "%s(%q)", name, c.in) {
			assert.Equal(t, c.want, got, "%s(%q) = %v, want %v", name, c.in, got, c.want)
		}
	}
}

// The cases every strict parse rejects (spec §2).
var mtBadIDs = []string{
	"", "123-", "-123", "--", "abc-def", "123-abc", "abc", "1-2-3", "1--2", " 1", "1 ", "+1",
	"1-+2", "-1", "1.5", "1e3", "0x10", "*", "1-*", "*-1", "(", "(1", mtMaxU + "0",
	"18446744073709551616", "1-18446744073709551616", "１-2",
}

func TestParseID(t *testing.T) {
	cases := []mtIDCase{
		{"0", ID{0, 0}, nil},
		{"0-0", ID{0, 0}, nil},
		{"5", ID{5, 0}, nil},
		{"5-3", ID{5, 3}, nil},
		{"007-01", ID{7, 1}, nil}, // leading zeros, as strtoull takes them
		{"1526919030474-55", ID{1526919030474, 55}, nil},
		{mtMaxU + "-" + mtMaxU, MaxID, nil},
		{mtMaxU, ID{math.MaxUint64, 0}, nil},
		{strings.Repeat("0", 126) + "1", ID{1, 0}, nil}, // 127 characters
		{strings.Repeat("0", 127) + "1", ID{}, ErrInvalidID},
		{"-", ID{}, ErrInvalidID},
		{"+", ID{}, ErrInvalidID},
		{"(5", ID{}, ErrInvalidID}, // what only ranges accept
		{"5-*", ID{}, ErrInvalidID},
	}
	for _, s := range mtBadIDs {
		cases = append(cases, mtIDCase{s, ID{}, ErrInvalidID})
	}
	mtRunIDCases(t, "ParseID", ParseID, cases)
}

func TestParseIDSpec(t *testing.T) {
	cases := []struct {
		in   string
		want IDSpec
		str  string
		err  *Error
	}{
		{"*", AutoID(), "*", nil},
		{"5-*", AutoSeqID(5), "5-*", nil},
		{"0-*", AutoSeqID(0), "0-*", nil},
		{"007-*", AutoSeqID(7), "7-*", nil},
		{"5-3", ExplicitID(ID{5, 3}), "5-3", nil},
		{"5", ExplicitID(ID{5, 0}), "5-0", nil},
		{"0-0", ExplicitID(ID{}), "0-0", nil}, // rejected by adds, not by the parser
		{"0", ExplicitID(ID{}), "0-0", nil},   // parsed; the add rejects it with ErrIDZero
		{"007-01", ExplicitID(ID{7, 1}), "7-1", nil},
		{mtMaxU + "-" + mtMaxU, ExplicitID(MaxID), mtMaxU + "-" + mtMaxU, nil},
		{mtMaxU + "-*", AutoSeqID(math.MaxUint64), mtMaxU + "-*", nil},
		{"*-1", IDSpec{}, "", ErrInvalidID},
		{"*-*", IDSpec{}, "", ErrInvalidID},
		{"5-**", IDSpec{}, "", ErrInvalidID},
		{"-*", IDSpec{}, "", ErrInvalidID},
		{"**", IDSpec{}, "", ErrInvalidID},
		{"-", IDSpec{}, "", ErrInvalidID},
		{"+", IDSpec{}, "", ErrInvalidID},
		{"123-", IDSpec{}, "", ErrInvalidID},
		{"-123", IDSpec{}, "", ErrInvalidID},
		{"--", IDSpec{}, "", ErrInvalidID},
		{"abc-def", IDSpec{}, "", ErrInvalidID},
		{strings.Repeat("1", 128), IDSpec{}, "", ErrInvalidID},
		{"18446744073709551616", IDSpec{}, "", ErrInvalidID},
		{"1-18446744073709551616", IDSpec{}, "", ErrInvalidID},
		{"$", IDSpec{}, "", ErrInvalidID},
		{">", IDSpec{}, "", ErrInvalidID},
		{"", IDSpec{}, "", ErrInvalidID},
		{"1-", IDSpec{}, "", ErrInvalidID},
		{"-1", IDSpec{}, "", ErrInvalidID},
		{"1-2-3", IDSpec{}, "", ErrInvalidID},
		{"abc", IDSpec{}, "", ErrInvalidID},
		{"1.5", IDSpec{}, "", ErrInvalidID},
		{"(5", IDSpec{}, "", ErrInvalidID},
	}
	for _, c := range cases {
		got, err := ParseIDSpec(c.in)
		if c.err != nil {
			stRequireErr(t, err, c.err, mtRedisText[c.err], fmt.Sprintf("ParseIDSpec(%q)", c.in))
			continue
		}
		require.NoError(t, err, "ParseIDSpec(%q)", c.in)
		assert.Equal(t, c.want, got, "ParseIDSpec(%q)", c.in)
		assert.Equal(t, c.str, got.String(), "ParseIDSpec(%q).String()", c.in)
		assert.Equal(t, c.in == "*", c.want.IsAuto(), "IDSpec %q: want.IsAuto()", c.in)
		assert.Equal(t, c.in == "*", got.IsAuto(), "ParseIDSpec(%q).IsAuto()", c.in)
	}
	var zero IDSpec
	assert.True(t, zero.IsAuto(), "the zero IDSpec is automatic")
	// String gives back XADD's form.
	for spec, want := range map[IDSpec]string{AutoID(): "*", AutoSeqID(7): "7-*", ExplicitID(ID{7, 2}): "7-2", {}: "*"} {
		assert.Equalf(t, want, spec.String(), "%#v.String()", spec)
	}
}

func TestParseRangeStart(t *testing.T) {
	cases := []mtIDCase{
		{"-", MinID, nil},
		{"+", MaxID, nil},
		{"5", ID{5, 0}, nil},
		{"5-3", ID{5, 3}, nil},
		{"(5", ID{5, 1}, nil},
		{"(5-3", ID{5, 4}, nil},
		{"(5-0", ID{5, 1}, nil},
		{"(0", ID{0, 1}, nil},
		{"(5-" + mtMaxU, ID{6, 0}, nil},
		{"(" + mtMaxU, ID{math.MaxUint64, 1}, nil},
		{"(0-0", ID{0, 1}, nil},
		{"(007", ID{7, 1}, nil},
		{"(" + mtMaxU + "-" + mtMaxU, ID{}, ErrInvalidStartInterval},
		{"(-", ID{}, ErrInvalidID},
		{"(+", ID{}, ErrInvalidID},
		{"((5", ID{}, ErrInvalidID},
		{"(", ID{}, ErrInvalidID},
		{"(5-*", ID{}, ErrInvalidID},
		{"5-*", ID{}, ErrInvalidID},
		{strings.Repeat("1", 128), ID{}, ErrInvalidID},
		{"(" + strings.Repeat("0", 126) + "1", ID{1, 1}, nil},
		{"1-", ID{}, ErrInvalidID},
		{"", ID{}, ErrInvalidID}, // mtBadIDs below skips it
	}
	for _, s := range mtBadIDs {
		if s != "" && s[0] != '(' {
			cases = append(cases, mtIDCase{s, ID{}, ErrInvalidID})
		}
	}
	mtRunIDCases(t, "ParseRangeStart", ParseRangeStart, cases)
}

func TestParseRangeEnd(t *testing.T) {
	cases := []mtIDCase{
		{"-", MinID, nil},
		{"+", MaxID, nil},
		{"5", ID{5, math.MaxUint64}, nil},
		{"5-3", ID{5, 3}, nil},
		{"(5", ID{5, math.MaxUint64 - 1}, nil},
		{"(5-3", ID{5, 2}, nil},
		{"(5-0", ID{4, math.MaxUint64}, nil},
		{"(0", ID{0, math.MaxUint64 - 1}, nil},
		{"(0-1", ID{0, 0}, nil},
		{"(0-0", ID{}, ErrInvalidEndInterval},
		{"(" + mtMaxU + "-" + mtMaxU, ID{math.MaxUint64, math.MaxUint64 - 1}, nil},
		{"(5-" + mtMaxU, ID{5, math.MaxUint64 - 1}, nil},
		{"(" + mtMaxU, ID{math.MaxUint64, math.MaxUint64 - 1}, nil},
		{"(-", ID{}, ErrInvalidID},
		{"(+", ID{}, ErrInvalidID},
		{"(", ID{}, ErrInvalidID},
		{"((5", ID{}, ErrInvalidID},
		{"123-", ID{}, ErrInvalidID},
		{"-123", ID{}, ErrInvalidID},
		{"--", ID{}, ErrInvalidID},
		{"abc-def", ID{}, ErrInvalidID},
		{"abc", ID{}, ErrInvalidID},
		{"1-", ID{}, ErrInvalidID},
		{"-1", ID{}, ErrInvalidID},
		{"1-*", ID{}, ErrInvalidID},
		{"*", ID{}, ErrInvalidID},
		{"", ID{}, ErrInvalidID},
		{"18446744073709551616", ID{}, ErrInvalidID},
	}
	mtRunIDCases(t, "ParseRangeEnd", ParseRangeEnd, cases)
}

func TestIDNextPrev(t *testing.T) {
	cases := []struct {
		id, next ID
		ok       bool
	}{
		{ID{0, 0}, ID{0, 1}, true},
		{ID{5, 3}, ID{5, 4}, true},
		{ID{5, math.MaxUint64}, ID{6, 0}, true},
		{ID{math.MaxUint64, 7}, ID{math.MaxUint64, 8}, true},
		{MaxID, ID{}, false}, // wraps to 0-0, as streamIncrID
	}
	for _, c := range cases {
		next, ok := c.id.Next()
		assert.Equal(t, c.next, next, "%v.Next()", c.id)
		assert.Equal(t, c.ok, ok, "%v.Next() ok", c.id)
		// Prev undoes Next, and wraps the other way.
		prev, ok := c.next.Prev()
		assert.Equal(t, c.id, prev, "%v.Prev()", c.next)
		assert.Equal(t, c.ok, ok, "%v.Prev() ok", c.next)
	}
}

func TestIDCompareLessString(t *testing.T) {
	ordered := []ID{{0, 0}, {0, 1}, {0, math.MaxUint64}, {1, 0}, {1, 1}, {2, 0}, {math.MaxUint64, 0}, MaxID}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			assert.Equal(t, want, a.Compare(b), "%v.Compare(%v)", a, b)
			assert.Equal(t, i < j, a.Less(b), "%v.Less(%v)", a, b)
		}
	}
	strs := map[ID]string{
		{}:                   "0-0",
		{5, 3}:               "5-3",
		{1526919030474, 55}:  "1526919030474-55",
		{math.MaxUint64, 0}:  mtMaxU + "-0",
		MaxID:                mtMaxU + "-" + mtMaxU,
		{0, math.MaxUint64}:  "0-" + mtMaxU,
		{10, 10}:             "10-10",
		{100000000000000, 1}: "100000000000000-1",
	}
	for id, want := range strs {
		assert.Equal(t, want, id.String(), "%#v.String()", id)
		back, err := ParseID(want)
		require.NoError(t, err, "ParseID(%q)", want)
		assert.Equal(t, id, back, "ParseID(%q)", want)
	}
	assert.True(t, ID{}.IsZero())
	assert.False(t, ID{0, 1}.IsZero())
	assert.Equal(t, ID{}, MinID)
}
