package xstream

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests of the stream-level commands: XADD, XLEN, XRANGE/XREVRANGE, XDEL,
// XDELEX, XACKDEL, XSETID and XINFO STREAM. Expected values were checked
// against redis-server 7.0 where it has the command, and against the spec
// (redis8-streams.md) for the Redis 8 additions.

// stT0 is the time the test clocks start at: 1000000 ms after the epoch.
var stT0 = time.UnixMilli(1_000_000)

// stNew returns a stream of strings on a ManualClock reading stT0.
func stNew(t *testing.T, opts Options[string]) (*Stream[string], *ManualClock) {
	t.Helper()
	clk := NewManualClock(stT0)
	opts.Clock = clk
	return New(opts), clk
}

// stAddIDs adds entries with the given explicit IDs; each payload is "v"+ID.
func stAddIDs(t testing.TB, s *Stream[string], ids ...string) {
	t.Helper()
	for _, str := range ids {
		id := gtID(t, str)
		got, err := s.AddWith("v"+str, AddOptions{ID: ExplicitID(id)})
		require.NoErrorf(t, err, "AddWith(ID %s)", str)
		require.Equalf(t, id, got, "AddWith(ID %s) = %s", str, got)
	}
}

// stAddRange adds the IDs <from>-<seq> .. <to>-<seq>.
func stAddRange(t testing.TB, s *Stream[string], from, to int, seq uint64) {
	t.Helper()
	for ms := from; ms <= to; ms++ {
		id := ID{uint64(ms), seq}
		_, err := s.AddWith("v", AddOptions{ID: ExplicitID(id)})
		require.NoErrorf(t, err, "AddWith(ID %s)", id)
	}
}

// stIDs returns the IDs of entries as strings.
func stIDs(entries []Entry[string]) []string {
	out := []string{}
	for _, e := range entries {
		out = append(out, e.ID.String())
	}
	return out
}

// stAll returns the IDs of every entry, in order.
func stAll(t *testing.T, s *Stream[string]) []string {
	t.Helper()
	es, err := s.Range(MinID, MaxID, 0)
	require.NoError(t, err, "Range(-, +, 0)")
	return stIDs(es)
}

// stState is everything observable about a stream, for "bad input changes
// nothing" checks.
type stState struct {
	Len     int64
	LastID  ID
	Info    StreamInfo[string]
	Entries []Entry[string]
	Groups  []GroupInfo
	Pending map[string]PendingSummary
}

func stSnap(t *testing.T, s *Stream[string]) stState {
	t.Helper()
	st := stState{Len: s.Len(), LastID: s.LastID(), Info: s.Info(), Groups: s.GroupsInfo(),
		Pending: map[string]PendingSummary{}}
	var err error
	st.Entries, err = s.Range(MinID, MaxID, 0)
	require.NoError(t, err)
	for _, name := range s.Groups() {
		g, ok := s.Group(name)
		require.True(t, ok)
		st.Pending[name], err = g.Pending()
		require.NoError(t, err)
	}
	return st
}

// stRequireErr checks that err is want (errors.Is) and that its Redis text
// is exactly redis.
func stRequireErr(t *testing.T, err error, want *Error, redis, call string) {
	t.Helper()
	require.Errorf(t, err, "%s: want error %v", call, want)
	require.ErrorIsf(t, err, want, "%s = %v, want %v", call, err, want)
	got, ok := RedisText(err)
	require.Truef(t, ok, "%s: RedisText(%v) found no *Error", call, err)
	require.Equalf(t, redis, got, "%s: RedisText", call)
}

// stUnchanged runs call, which must fail with want / redis, and checks that
// the stream is exactly as before.
func stUnchanged(t *testing.T, s *Stream[string], want *Error, redis, name string, call func() error) {
	t.Helper()
	before := stSnap(t, s)
	stRequireErr(t, call(), want, redis, name)
	require.Equalf(t, before, stSnap(t, s), "%s changed the stream", name)
}

const (
	stErrInvalidID   = "ERR Invalid stream ID specified as stream command argument"
	stErrTooSmall    = "ERR The ID specified in XADD is equal or smaller than the target stream top item"
	stErrZero        = "ERR The ID specified in XADD must be greater than 0-0"
	stErrExhausted   = "ERR The stream has exhausted the last possible ID, unable to add more items"
	stErrSyntax      = "ERR syntax error"
	stErrStartInterv = "ERR invalid start ID for the interval"
	stErrEndInterv   = "ERR invalid end ID for the interval"
)

func TestStXAddAutoID(t *testing.T) {
	type step struct {
		advance time.Duration // clock move before the add
		spec    IDSpec
		want    string
	}
	tests := []struct {
		name  string
		setup []string // explicit IDs added first
		steps []step
	}{
		{"clock ms then same ms", nil, []step{
			{0, AutoID(), "1000000-0"},
			{0, AutoID(), "1000000-1"},
			{0, AutoID(), "1000000-2"},
			{time.Millisecond, AutoID(), "1000001-0"},
		}},
		{"clock backwards stays monotonic", nil, []step{
			{5 * time.Millisecond, AutoID(), "1000005-0"},
			{-10 * time.Millisecond, AutoID(), "1000005-1"},
			{-time.Hour, AutoID(), "1000005-2"},
			{time.Hour + 16*time.Millisecond, AutoID(), "1000011-0"},
		}},
		{"top ID in the future", []string{"2000000-7"}, []step{
			{0, AutoID(), "2000000-8"},
			{time.Second, AutoID(), "2000000-9"},
		}},
		{"top seq at max goes to next ms", []string{"2000000-18446744073709551615"}, []step{
			{0, AutoID(), "2000001-0"},
		}},
		{"auto seq", []string{"5-3"}, []step{
			{0, AutoSeqID(5), "5-4"},
			{0, AutoSeqID(6), "6-0"},
			{0, AutoSeqID(6), "6-1"},
			{0, AutoID(), "1000000-0"},
			{0, AutoSeqID(1000000), "1000000-1"},
		}},
		{"0-* on an empty stream", nil, []step{
			{0, AutoSeqID(0), "0-1"},
			{0, AutoSeqID(0), "0-2"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clk := stNew(t, Options[string]{})
			stAddIDs(t, s, tt.setup...)
			for i, st := range tt.steps {
				clk.Advance(st.advance)
				id, err := s.AddWith(fmt.Sprint(i), AddOptions{ID: st.spec})
				require.NoErrorf(t, err, "step %d: AddWith(ID %s)", i, st.spec)
				require.Equalf(t, st.want, id.String(), "step %d: AddWith(ID %s)", i, st.spec)
				require.Equalf(t, id, s.LastID(), "step %d: LastID()", i)
			}
			assert.Equal(t, int64(len(tt.setup)+len(tt.steps)), s.Len(), "Len()")
		})
	}
}

func TestStXAddAutoIDZeroClock(t *testing.T) {
	// A ManualClock's zero value reads as the epoch: now is 0 ms, never
	// greater than the top, so IDs come from incrementing the last ID.
	s := New(Options[string]{Clock: &ManualClock{}})
	for _, want := range []string{"0-1", "0-2"} {
		id, err := s.Add("x")
		require.NoError(t, err, "Add")
		require.Equal(t, want, id.String(), "Add()")
	}
}

func TestStXAddAddReturnsEntry(t *testing.T) {
	s, _ := stNew(t, Options[string]{})
	id, err := s.Add("hello")
	require.NoError(t, err)
	e, ok := s.Get(id)
	require.True(t, ok, "Get(%s)", id)
	assert.Equal(t, Entry[string]{id, "hello"}, e)
	_, ok = s.Get(ID{id.Ms, id.Seq + 1})
	assert.False(t, ok, "Get(missing)")
	assert.Equal(t, int64(1), s.Len(), "Len()")
}

func TestStXAddExplicitIDErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup []string
		del   []string // deleted after setup
		spec  IDSpec
		err   *Error
		redis string
	}{
		{"0-0 on empty", nil, nil, ExplicitID(ID{}), ErrIDZero, stErrZero},
		{"0-0 on non-empty", []string{"1-1"}, nil, ExplicitID(ID{}), ErrIDZero, stErrZero},
		{"equal to top", []string{"5-5"}, nil, ExplicitID(ID{5, 5}), ErrIDTooSmall, stErrTooSmall},
		{"smaller than top", []string{"5-5"}, nil, ExplicitID(ID{5, 4}), ErrIDTooSmall, stErrTooSmall},
		{"smaller ms", []string{"5-5"}, nil, ExplicitID(ID{4, 100}), ErrIDTooSmall, stErrTooSmall},
		{"equal to deleted top", []string{"5-0"}, []string{"5-0"}, ExplicitID(ID{5, 0}), ErrIDTooSmall, stErrTooSmall},
		{"below deleted top, above live", []string{"1-0", "5-0"}, []string{"5-0"}, ExplicitID(ID{4, 0}), ErrIDTooSmall, stErrTooSmall},
		{"ms-* below top ms", []string{"5-0"}, nil, AutoSeqID(4), ErrIDTooSmall, stErrTooSmall},
		// Redis 7.0.15 replies "Elements are too large to be stored" here
		// (errno not set); later Redis sets EDOM and replies "equal or smaller".
		{"ms-* with seq used up", []string{"5-18446744073709551615"}, nil, AutoSeqID(5), ErrIDTooSmall, stErrTooSmall},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := stNew(t, Options[string]{})
			stAddIDs(t, s, tt.setup...)
			s.Delete(gtIDs(t, tt.del...)...)
			stUnchanged(t, s, tt.err, tt.redis, fmt.Sprintf("AddWith(ID %s)", tt.spec), func() error {
				id, err := s.AddWith("x", AddOptions{ID: tt.spec})
				assert.Zerof(t, id, "AddWith(ID %s) returned an ID with its error", tt.spec)
				return err
			})
		})
	}
}

func TestStXAddAfterTopDeleted(t *testing.T) {
	// Redis: XADD s 5-0; XDEL s 5-0; XADD s 5-0 -> error; XADD s 4-0 -> error;
	// XADD s 5-* -> 5-1; XINFO: length 1, last 5-1, max-deleted 5-0,
	// entries-added 2, recorded-first 5-1.
	s, _ := stNew(t, Options[string]{})
	stAddIDs(t, s, "5-0")
	require.Equal(t, 1, s.Delete(ID{5, 0}), "Delete(5-0)")
	_, err := s.AddWith("x", AddOptions{ID: ExplicitID(ID{5, 0})})
	stRequireErr(t, err, ErrIDTooSmall, stErrTooSmall, "AddWith(ID 5-0)")
	id, err := s.AddWith("x", AddOptions{ID: AutoSeqID(5)})
	require.NoError(t, err, "AddWith(ID 5-*)")
	require.Equal(t, ID{5, 1}, id, "AddWith(ID 5-*)")
	info := s.Info()
	assert.Equal(t, int64(1), info.Length, "Length")
	assert.Equal(t, ID{5, 1}, info.LastGeneratedID, "LastGeneratedID")
	assert.Equal(t, ID{5, 0}, info.MaxDeletedEntryID, "MaxDeletedEntryID")
	assert.Equal(t, int64(2), info.EntriesAdded, "EntriesAdded")
	assert.Equal(t, ID{5, 1}, info.RecordedFirstEntryID, "RecordedFirstEntryID")
}

func TestStXAddExhausted(t *testing.T) {
	maxMinus1 := ID{math.MaxUint64, math.MaxUint64 - 1}
	t.Run("auto ID reaches MaxID", func(t *testing.T) {
		// Redis: XADD s 18446744073709551615-18446744073709551614; XADD s * ->
		// 18446744073709551615-18446744073709551615; XADD s * -> exhausted.
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, maxMinus1.String())
		id, err := s.Add("x")
		require.NoError(t, err, "Add")
		require.Equal(t, MaxID, id, "Add()")
		stUnchanged(t, s, ErrStreamExhausted, stErrExhausted, "Add", func() error {
			_, err := s.Add("y")
			return err
		})
	})
	for _, spec := range []IDSpec{AutoID(), AutoSeqID(math.MaxUint64), AutoSeqID(5), ExplicitID(ID{1, 1})} {
		t.Run("after MaxID: "+spec.String(), func(t *testing.T) {
			s, _ := stNew(t, Options[string]{})
			stAddIDs(t, s, MaxID.String())
			stUnchanged(t, s, ErrStreamExhausted, stErrExhausted, "AddWith(ID "+spec.String()+")", func() error {
				_, err := s.AddWith("y", AddOptions{ID: spec})
				return err
			})
		})
	}
	t.Run("after SetLastID(MaxID)", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "5-0")
		require.NoError(t, s.SetLastID(MaxID, SetIDOptions{}), "SetLastID(max)")
		stUnchanged(t, s, ErrStreamExhausted, stErrExhausted, "Add", func() error {
			_, err := s.Add("y")
			return err
		})
	})
}

// stRangeStream is 1-0 1-1 2-0 3-0 3-5 5-0 with 2-0 deleted.
func stRangeStream(t *testing.T, opts Options[string]) *Stream[string] {
	t.Helper()
	s, _ := stNew(t, opts)
	stAddIDs(t, s, "1-0", "1-1", "2-0", "3-0", "3-5", "5-0")
	require.Equal(t, 1, s.Delete(ID{2, 0}), "Delete(2-0)")
	return s
}

func TestStXRange(t *testing.T) {
	// Each case was run as XRANGE / XREVRANGE on redis-server 7.0.
	tests := []struct {
		cmd        string // "XRANGE" or "XREVRANGE"
		start, end string // in XRANGE order: start then end
		count      int
		want       []string
	}{
		{"XRANGE", "-", "+", 0, []string{"1-0", "1-1", "3-0", "3-5", "5-0"}},
		{"XRANGE", "1", "1", 0, []string{"1-0", "1-1"}},
		{"XRANGE", "(1", "+", 0, []string{"1-1", "3-0", "3-5", "5-0"}},
		{"XRANGE", "(1-0", "3", 0, []string{"1-1", "3-0", "3-5"}},
		{"XRANGE", "2", "(3-5", 0, []string{"3-0"}},
		{"XRANGE", "3", "(3", 0, []string{"3-0", "3-5"}},
		{"XRANGE", "(3", "+", 0, []string{"3-5", "5-0"}},
		{"XRANGE", "-", "+", 2, []string{"1-0", "1-1"}},
		{"XRANGE", "-", "+", 5, []string{"1-0", "1-1", "3-0", "3-5", "5-0"}},
		{"XRANGE", "-", "+", 100, []string{"1-0", "1-1", "3-0", "3-5", "5-0"}},
		{"XRANGE", "4", "2", 0, []string{}},
		{"XRANGE", "2", "2", 0, []string{}}, // 2-0 was deleted
		{"XRANGE", "0", "(1-1", 0, []string{"1-0"}},
		{"XRANGE", "6", "+", 0, []string{}},
		{"XRANGE", "-", "0", 0, []string{}},
		{"XRANGE", "5-0", "5-0", 0, []string{"5-0"}},
		{"XRANGE", "(5-0", "+", 0, []string{}},
		{"XREVRANGE", "-", "+", 0, []string{"5-0", "3-5", "3-0", "1-1", "1-0"}},
		{"XREVRANGE", "(1-0", "(5-0", 0, []string{"3-5", "3-0", "1-1"}},
		{"XREVRANGE", "-", "3", 1, []string{"3-5"}},
		{"XREVRANGE", "3", "+", 2, []string{"5-0", "3-5"}},
		{"XREVRANGE", "3", "1", 0, []string{}}, // XREVRANGE r 1 3
		{"XREVRANGE", "2", "2", 0, []string{}},
		{"XREVRANGE", "-", "(1-1", 0, []string{"1-0"}},
		{"XREVRANGE", "1-1", "2", 0, []string{"1-1"}},
	}
	for _, opts := range []Options[string]{{}, {NodeMaxEntries: 1}, {NodeMaxEntries: 2}} {
		s := stRangeStream(t, opts)
		for _, tt := range tests {
			call := fmt.Sprintf("%s(%s %s COUNT %d) with nodes of %d", tt.cmd, tt.start, tt.end, tt.count, opts.NodeMaxEntries)
			start, err := ParseRangeStart(tt.start)
			require.NoError(t, err, call)
			end, err := ParseRangeEnd(tt.end)
			require.NoError(t, err, call)
			var got []Entry[string]
			if tt.cmd == "XRANGE" {
				got, err = s.Range(start, end, tt.count)
			} else {
				got, err = s.RevRange(end, start, tt.count)
			}
			require.NoError(t, err, call)
			assert.Equal(t, tt.want, stIDs(got), call)
			for _, e := range got {
				assert.Equalf(t, "v"+e.ID.String(), e.Value, "%s: payload of %s", call, e.ID)
			}
		}
	}
}

func TestStXRangeNegativeCount(t *testing.T) {
	// Redis treats a negative COUNT as 0; the library rejects it (see the
	// package doc, "Differences from Redis").
	s := stRangeStream(t, Options[string]{})
	stUnchanged(t, s, ErrNegativeCount, "ERR value is out of range, must be positive", "Range(-, +, -1)", func() error {
		_, err := s.Range(MinID, MaxID, -1)
		return err
	})
	stUnchanged(t, s, ErrNegativeCount, "ERR value is out of range, must be positive", "RevRange(+, -, -1)", func() error {
		_, err := s.RevRange(MaxID, MinID, -1)
		return err
	})
}

func TestStXRangeEmptyAndZeroStream(t *testing.T) {
	var s Stream[string] // the zero value is an empty stream
	assert.Equal(t, int64(0), s.Len(), "Len()")
	got, err := s.Range(MinID, MaxID, 0)
	require.NoError(t, err)
	assert.Empty(t, got, "Range(-, +)")
	got, err = s.RevRange(MaxID, MinID, 0)
	require.NoError(t, err)
	assert.Empty(t, got, "RevRange(+, -)")
	_, ok := s.First()
	assert.False(t, ok, "First() on empty")
	_, ok = s.Last()
	assert.False(t, ok, "Last() on empty")
	id, err := s.Add("x")
	require.NoError(t, err, "Add on zero Stream")
	assert.Equal(t, int64(1), s.Len(), "Len() after Add")
	assert.Equal(t, id, s.LastID(), "LastID()")
}

func TestStXLenAndEdges(t *testing.T) {
	s, _ := stNew(t, Options[string]{NodeMaxEntries: 2})
	stAddIDs(t, s, "1-0", "2-0", "3-0", "4-0", "5-0")
	assert.Equal(t, int64(5), s.Len(), "Len()")
	first, ok := s.First()
	require.True(t, ok)
	assert.Equal(t, Entry[string]{ID{1, 0}, "v1-0"}, first, "First()")
	last, ok := s.Last()
	require.True(t, ok)
	assert.Equal(t, Entry[string]{ID{5, 0}, "v5-0"}, last, "Last()")
	s.Delete(ID{1, 0}, ID{5, 0})
	assert.Equal(t, int64(3), s.Len(), "Len() after Delete")
	first, _ = s.First()
	last, _ = s.Last()
	assert.Equal(t, ID{2, 0}, first.ID, "First() after Delete")
	assert.Equal(t, ID{4, 0}, last.ID, "Last() after Delete")
	assert.Equal(t, ID{5, 0}, s.LastID(), "LastID() keeps the deleted top")
}

func TestStXDel(t *testing.T) {
	tests := []struct {
		name      string
		nodeMax   int
		add       []string
		del       []string
		wantN     int
		wantLeft  []string
		wantMaxD  string
		wantFirst string
		wantNodes int
	}{
		{"one in the middle", 100, []string{"1-0", "2-0", "3-0"}, []string{"2-0"}, 1,
			[]string{"1-0", "3-0"}, "2-0", "1-0", 1},
		{"first entry moves recorded-first", 100, []string{"1-0", "2-0", "3-0"}, []string{"1-0"}, 1,
			[]string{"2-0", "3-0"}, "1-0", "2-0", 1},
		{"missing and duplicate IDs not counted", 100, []string{"1-0", "2-0"}, []string{"2-0", "2-0", "9-9", "0-1"}, 1,
			[]string{"1-0"}, "2-0", "1-0", 1},
		{"max-deleted is the greatest, not the last", 100, []string{"1-0", "2-0", "3-0"}, []string{"3-0", "1-0"}, 2,
			[]string{"2-0"}, "3-0", "2-0", 1},
		{"nothing existing", 100, []string{"1-0"}, []string{"5-0"}, 0,
			[]string{"1-0"}, "0-0", "1-0", 1},
		{"all: empty stream keeps nothing", 100, []string{"1-0", "2-0"}, []string{"1-0", "2-0"}, 2,
			[]string{}, "2-0", "0-0", 0},
		{"node freed when its last live entry goes", 2, []string{"1-0", "2-0", "3-0", "4-0", "5-0"}, []string{"3-0", "4-0"}, 2,
			[]string{"1-0", "2-0", "5-0"}, "4-0", "1-0", 2},
		{"node with a tombstone stays", 2, []string{"1-0", "2-0", "3-0", "4-0", "5-0"}, []string{"1-0", "3-0"}, 2,
			[]string{"2-0", "4-0", "5-0"}, "3-0", "2-0", 3},
		{"tail node freed", 3, []string{"1-0", "2-0", "3-0", "4-0"}, []string{"4-0"}, 1,
			[]string{"1-0", "2-0", "3-0"}, "4-0", "1-0", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := stNew(t, Options[string]{NodeMaxEntries: tt.nodeMax})
			stAddIDs(t, s, tt.add...)
			last := s.LastID()
			n := s.Delete(gtIDs(t, tt.del...)...)
			call := fmt.Sprintf("Delete(%v)", tt.del)
			assert.Equal(t, tt.wantN, n, call)
			assert.Equal(t, tt.wantLeft, stAll(t, s), "%s: remaining entries", call)
			info := s.Info()
			assert.Equal(t, int64(len(tt.wantLeft)), info.Length, "%s: Length", call)
			assert.Equal(t, tt.wantMaxD, info.MaxDeletedEntryID.String(), "%s: MaxDeletedEntryID", call)
			assert.Equal(t, tt.wantFirst, info.RecordedFirstEntryID.String(), "%s: RecordedFirstEntryID", call)
			assert.Equal(t, tt.wantNodes, info.Nodes, "%s: Nodes", call)
			assert.Equal(t, last, info.LastGeneratedID, "%s: LastGeneratedID unchanged", call)
			assert.Equal(t, int64(len(tt.add)), info.EntriesAdded, "%s: EntriesAdded unchanged", call)
			for _, d := range tt.del {
				_, ok := s.Get(gtID(t, d))
				assert.False(t, ok, "%s: Get(%s) after delete", call, d)
			}
			rev, err := s.RevRange(MaxID, MinID, 0)
			require.NoError(t, err)
			assert.Len(t, rev, len(tt.wantLeft), "%s: RevRange length", call)
		})
	}
}

func TestStXDelNodeAccounting(t *testing.T) {
	// redis-server 7.0 with stream-node-max-entries 3 and
	// stream-node-max-bytes 0:
	//   XADD 1-0 2-0 3-0 4-0 -> radix-tree-keys 2; XDEL 4-0 -> 1;
	//   XADD 5-0 -> 2 (a full node takes no more entries).
	//   XADD 1-0 2-0; XDEL 2-0; XADD 3-0 4-0 -> 2 keys, length 3 (the
	//   tombstone takes a slot); XTRIM MAXLEN ~ 1 -> 2, 1 key, length 1.
	s, _ := stNew(t, Options[string]{NodeMaxEntries: 3})
	stAddIDs(t, s, "1-0", "2-0", "3-0", "4-0")
	assert.Equal(t, 2, s.Info().Nodes, "Nodes after 4 adds")
	s.Delete(ID{4, 0})
	assert.Equal(t, 1, s.Info().Nodes, "Nodes after Delete(4-0)")
	stAddIDs(t, s, "5-0")
	assert.Equal(t, 2, s.Info().Nodes, "Nodes after Add(5-0)")

	s, _ = stNew(t, Options[string]{NodeMaxEntries: 3})
	stAddIDs(t, s, "1-0", "2-0")
	s.Delete(ID{2, 0})
	stAddIDs(t, s, "3-0", "4-0")
	assert.Equal(t, 2, s.Info().Nodes, "Nodes with a tombstone")
	assert.Equal(t, int64(3), s.Len(), "Len()")
	n, err := s.Trim(TrimOptions{Strategy: TrimMaxLen, MaxLen: 1, Approx: true})
	require.NoError(t, err)
	assert.Equal(t, int64(2), n, "Trim(MAXLEN ~ 1)")
	assert.Equal(t, 1, s.Info().Nodes, "Nodes after trim")
	assert.Equal(t, []string{"4-0"}, stAll(t, s))
}

func TestStXSetID(t *testing.T) {
	i64 := func(n int64) *int64 { return &n }
	idp := func(id ID) *ID { return &id }
	// Setup for every case: XADD 1-0 2-0 3-0; XDEL 2-0 (max-deleted 2-0,
	// length 2, entries-added 3, last 3-0), as run on redis-server 7.0.
	tests := []struct {
		name      string
		id        ID
		opts      SetIDOptions
		err       *Error
		redis     string
		wantLast  ID
		wantAdded int64
		wantMaxD  ID
	}{
		{"below top item", ID{2, 5}, SetIDOptions{}, ErrSetIDTooSmall,
			"ERR The ID specified in XSETID is smaller than the target stream top item", ID{}, 0, ID{}},
		{"below max deleted", ID{1, 5}, SetIDOptions{}, ErrSetIDBelowMaxDeleted,
			"ERR The ID specified in XSETID is smaller than current max_deleted_entry_id", ID{}, 0, ID{}},
		{"negative entries added", ID{3, 0}, SetIDOptions{EntriesAdded: i64(-1)}, ErrEntriesAddedNegative,
			"ERR entries_added must be positive", ID{}, 0, ID{}},
		{"entries added below length", ID{3, 0}, SetIDOptions{EntriesAdded: i64(1)}, ErrEntriesAddedTooSmall,
			"ERR The entries_added specified in XSETID is smaller than the target stream length", ID{}, 0, ID{}},
		{"given max deleted above ID", ID{3, 0}, SetIDOptions{MaxDeletedID: idp(ID{4, 0})}, ErrSetIDBelowGivenMaxDeleted,
			"ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id", ID{}, 0, ID{}},
		{"negative entries added checked first", ID{1, 0}, SetIDOptions{EntriesAdded: i64(-1)}, ErrEntriesAddedNegative,
			"ERR entries_added must be positive", ID{}, 0, ID{}},
		{"same ID", ID{3, 0}, SetIDOptions{}, nil, "", ID{3, 0}, 3, ID{2, 0}},
		{"entries added and max deleted", ID{3, 0}, SetIDOptions{EntriesAdded: i64(2), MaxDeletedID: idp(ID{2, 5})}, nil, "",
			ID{3, 0}, 2, ID{2, 5}},
		{"forward", ID{10, 0}, SetIDOptions{}, nil, "", ID{10, 0}, 3, ID{2, 0}},
		{"max deleted 0-0 leaves it", ID{10, 0}, SetIDOptions{MaxDeletedID: idp(ID{})}, nil, "", ID{10, 0}, 3, ID{2, 0}},
		{"max deleted lowered", ID{10, 0}, SetIDOptions{MaxDeletedID: idp(ID{1, 0})}, nil, "", ID{10, 0}, 3, ID{1, 0}},
		{"entries added equal to length", ID{3, 0}, SetIDOptions{EntriesAdded: i64(2)}, nil, "", ID{3, 0}, 2, ID{2, 0}},
		{"max ID", MaxID, SetIDOptions{}, nil, "", MaxID, 3, ID{2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := stNew(t, Options[string]{})
			stAddIDs(t, s, "1-0", "2-0", "3-0")
			s.Delete(ID{2, 0})
			call := fmt.Sprintf("SetLastID(%s, %+v)", tt.id, tt.opts)
			if tt.err != nil {
				stUnchanged(t, s, tt.err, tt.redis, call, func() error { return s.SetLastID(tt.id, tt.opts) })
				return
			}
			require.NoError(t, s.SetLastID(tt.id, tt.opts), call)
			info := s.Info()
			assert.Equal(t, tt.wantLast, info.LastGeneratedID, "%s: LastGeneratedID", call)
			assert.Equal(t, tt.wantLast, s.LastID(), "%s: LastID()", call)
			assert.Equal(t, tt.wantAdded, info.EntriesAdded, "%s: EntriesAdded", call)
			assert.Equal(t, tt.wantMaxD, info.MaxDeletedEntryID, "%s: MaxDeletedEntryID", call)
			assert.Equal(t, int64(2), info.Length, "%s: Length", call)
			assert.Equal(t, ID{1, 0}, info.RecordedFirstEntryID, "%s: RecordedFirstEntryID", call)
		})
	}
}

func TestStXSetIDLowersLastID(t *testing.T) {
	// Redis: XADD y 5-0; XTRIM y MAXLEN 0; XSETID y 0-0 -> OK (last 0-0,
	// entries-added 1); XSETID y 0-0 ENTRIESADDED 0 -> OK.
	s, _ := stNew(t, Options[string]{})
	stAddIDs(t, s, "5-0")
	n, err := s.Trim(TrimOptions{Strategy: TrimMaxLen})
	require.NoError(t, err)
	require.Equal(t, int64(1), n, "Trim(MAXLEN 0)")
	require.NoError(t, s.SetLastID(ID{}, SetIDOptions{}), "SetLastID(0-0)")
	info := s.Info()
	assert.Equal(t, ID{}, info.LastGeneratedID)
	assert.Equal(t, int64(1), info.EntriesAdded)
	zero := int64(0)
	require.NoError(t, s.SetLastID(ID{}, SetIDOptions{EntriesAdded: &zero}), "SetLastID(0-0, ENTRIESADDED 0)")
	assert.Equal(t, int64(0), s.Info().EntriesAdded)
	// A lower last ID lets smaller IDs in again.
	stAddIDs(t, s, "1-0")

	// Deleting the top and setting the last ID between the live top and the
	// old last ID is allowed once max-deleted does not forbid it.
	s, _ = stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0", "5-0")
	n2, err := s.Trim(TrimOptions{Strategy: TrimMinID, MinID: ID{5, 0}})
	require.NoError(t, err)
	require.Equal(t, int64(1), n2)
	stUnchanged(t, s, ErrSetIDTooSmall, "ERR The ID specified in XSETID is smaller than the target stream top item",
		"SetLastID(4-0)", func() error { return s.SetLastID(ID{4, 0}, SetIDOptions{}) })
	s.Delete(ID{5, 0})
	require.NoError(t, s.SetLastID(ID{5, 0}, SetIDOptions{}), "SetLastID(5-0) on empty stream with max-deleted 5-0")
	stUnchanged(t, s, ErrSetIDBelowMaxDeleted, "ERR The ID specified in XSETID is smaller than current max_deleted_entry_id",
		"SetLastID(4-0)", func() error { return s.SetLastID(ID{4, 0}, SetIDOptions{}) })
}

func TestStXInfoStream(t *testing.T) {
	s, clk := stNew(t, Options[string]{NodeMaxEntries: 2})
	info := s.Info()
	assert.Equal(t, StreamInfo[string]{IdempotencyDuration: 100 * time.Second, IdempotencyMaxSize: 100}, info,
		"Info() of a new stream")

	stAddIDs(t, s, "1-0", "2-0", "3-0")
	clk.Advance(time.Millisecond)
	id4, err := s.Add("auto")
	require.NoError(t, err)
	require.Equal(t, ID{1_000_001, 0}, id4)
	s.Delete(ID{1, 0})
	_, err = s.CreateGroup("g2", MinID, GroupOptions{})
	require.NoError(t, err)
	_, err = s.CreateGroup("g1", MinID, GroupOptions{})
	require.NoError(t, err)
	info = s.Info()
	want := StreamInfo[string]{
		Length: 3, Nodes: 2, LastGeneratedID: id4, MaxDeletedEntryID: ID{1, 0}, EntriesAdded: 4,
		RecordedFirstEntryID: ID{2, 0}, IdempotencyDuration: 100 * time.Second, IdempotencyMaxSize: 100,
		Groups: 2, FirstEntry: &Entry[string]{ID{2, 0}, "v2-0"}, LastEntry: &Entry[string]{id4, "auto"},
	}
	assert.Equal(t, want, info, "Info()")

	full, err := s.InfoFull(0)
	require.NoError(t, err, "InfoFull(0)")
	assert.Equal(t, want, full.StreamInfo, "InfoFull(0).StreamInfo")
	assert.Equal(t, []string{"2-0", "3-0", id4.String()}, stIDs(full.Entries), "InfoFull(0).Entries")
	require.Len(t, full.GroupsFull, 2)
	assert.Equal(t, "g1", full.GroupsFull[0].Name, "groups in name order")
	assert.Equal(t, "g2", full.GroupsFull[1].Name, "groups in name order")

	full, err = s.InfoFull(2)
	require.NoError(t, err, "InfoFull(2)")
	assert.Equal(t, []string{"2-0", "3-0"}, stIDs(full.Entries), "InfoFull(2).Entries")

	_, err = s.InfoFull(-1)
	stRequireErr(t, err, ErrNegativeCount, "ERR value is out of range, must be positive", "InfoFull(-1)")

	// Emptied by deletes: no first/last entry, recorded-first 0-0, no nodes.
	s.Delete(ID{2, 0}, ID{3, 0}, id4)
	info = s.Info()
	assert.Nil(t, info.FirstEntry, "FirstEntry of an empty stream")
	assert.Nil(t, info.LastEntry, "LastEntry of an empty stream")
	assert.Equal(t, ID{}, info.RecordedFirstEntryID, "RecordedFirstEntryID of an empty stream")
	assert.Equal(t, 0, info.Nodes, "Nodes of an empty stream")
	assert.Equal(t, id4, info.MaxDeletedEntryID)
	assert.Equal(t, id4, info.LastGeneratedID)
	full, err = s.InfoFull(10)
	require.NoError(t, err)
	assert.NotNil(t, full.Entries, "InfoFull.Entries is empty, not nil")
	assert.Empty(t, full.Entries)
}

func TestStXInfoFullPending(t *testing.T) {
	s, clk := stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0", "2-0", "3-0")
	g, err := s.CreateGroup("g", MinID, GroupOptions{})
	require.NoError(t, err)
	msgs, err := g.Consumer("alice").Read(ReadGroupOptions{Count: 2})
	require.NoError(t, err)
	require.Len(t, msgs, 2)
	clk.Advance(time.Second)
	_, err = g.Consumer("bob").Read(ReadGroupOptions{})
	require.NoError(t, err)

	full, err := s.InfoFull(0)
	require.NoError(t, err)
	require.Len(t, full.GroupsFull, 1)
	gf := full.GroupsFull[0]
	assert.Equal(t, GroupInfo{Name: "g", Consumers: 2, Pending: 3, LastDeliveredID: ID{3, 0},
		EntriesRead: 3, EntriesReadKnown: true, Lag: 0, LagKnown: true}, gf.GroupInfo)
	t1 := stT0.Add(time.Second)
	assert.Equal(t, []PendingDetail{
		{ID{1, 0}, "alice", stT0, 1}, {ID{2, 0}, "alice", stT0, 1}, {ID{3, 0}, "bob", t1, 1},
	}, gf.PendingEntries)
	require.Len(t, gf.ConsumersFull, 2)
	assert.Equal(t, "alice", gf.ConsumersFull[0].Name)
	assert.Len(t, gf.ConsumersFull[0].PendingEntries, 2)
	assert.Equal(t, "bob", gf.ConsumersFull[1].Name)

	full, err = s.InfoFull(1)
	require.NoError(t, err)
	assert.Len(t, full.GroupsFull[0].PendingEntries, 1, "InfoFull(1) group pending")
	assert.Len(t, full.GroupsFull[0].ConsumersFull[0].PendingEntries, 1, "InfoFull(1) consumer pending")
}

// stReadAll makes consumer c of group g read every new entry.
func stReadAll(t *testing.T, g *Group[string], c string) []ID {
	t.Helper()
	msgs, err := g.Consumer(c).Read(ReadGroupOptions{})
	require.NoErrorf(t, err, "%s/%s Read", g.Name(), c)
	ids := []ID{}
	for _, m := range msgs {
		ids = append(ids, m.ID)
	}
	return ids
}

// stGroup creates the group name on s, starting at 0-0.
func stGroup(t testing.TB, s *Stream[string], name string) *Group[string] {
	t.Helper()
	g, err := s.CreateGroup(name, MinID, GroupOptions{})
	require.NoErrorf(t, err, "CreateGroup(%s, 0)", name)
	return g
}

// stPending returns the group's pending count and IDs.
func stPending(t *testing.T, g *Group[string]) (int, []string) {
	t.Helper()
	entries, err := g.PendingRange(MinID, MaxID, 1<<30, PendingFilter{})
	require.NoErrorf(t, err, "%s.PendingRange", g.Name())
	ids := []string{}
	for _, e := range entries {
		ids = append(ids, e.ID.String())
	}
	sum, err := g.Pending()
	require.NoError(t, err)
	require.Equal(t, sum.Count, len(ids), "Pending().Count vs PendingRange")
	return sum.Count, ids
}

// stTwoGroups returns a stream of 1-0 and 2-0 with groups group1 and group2,
// created at 0, which have read both entries (as consumer1 and consumer2).
func stTwoGroups(t *testing.T) (*Stream[string], *Group[string], *Group[string]) {
	t.Helper()
	s, _ := stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0", "2-0")
	g1, g2 := stGroup(t, s, "group1"), stGroup(t, s, "group2")
	stReadAll(t, g1, "consumer1")
	stReadAll(t, g2, "consumer2")
	return s, g1, g2
}

func TestStXDelEx(t *testing.T) {
	one, two := ID{1, 0}, ID{2, 0}
	res := func(r ...DeleteResult) []DeleteResult { return r }

	t.Run("no groups: ACKED deletes like KEEPREF", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0")
		for _, mode := range []RefMode{KeepRef, DelRef, Acked} {
			got, err := s.DeleteEx(mode, ID{1, 1}, ID{2, 2})
			require.NoError(t, err)
			assert.Equal(t, res(NotFound, NotFound), got, "DeleteEx(%d, 1-1 2-2)", mode)
		}
		got, err := s.DeleteEx(Acked, one, one)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, NotFound), got, "DeleteEx(ACKED, 1-0 1-0)")
		assert.Equal(t, int64(0), s.Len())
		assert.Equal(t, one, s.Info().MaxDeletedEntryID)
	})

	t.Run("invalid mode", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0")
		stUnchanged(t, s, ErrInvalidRefMode, stErrSyntax, "DeleteEx(7, 1-0)", func() error {
			_, err := s.DeleteEx(RefMode(7), one)
			return err
		})
	})

	t.Run("DELREF", func(t *testing.T) {
		// 1-0,2-0; group1, group2 at 0 both read everything;
		// XDELEX DELREF IDS 2 1-0 2-0 -> {1 1}; XLEN 0; both PELs empty.
		s, g1, g2 := stTwoGroups(t)
		got, err := s.DeleteEx(DelRef, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "DeleteEx(DELREF, 1-0 2-0)")
		assert.Equal(t, int64(0), s.Len(), "Len()")
		for _, g := range []*Group[string]{g1, g2} {
			n, _ := stPending(t, g)
			assert.Equal(t, 0, n, "%s pending", g.Name())
		}
		info := s.Info()
		assert.Equal(t, two, info.MaxDeletedEntryID)
		assert.Equal(t, ID{}, info.RecordedFirstEntryID)
	})

	t.Run("DELREF cleans dangling references", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0", "2-0")
		g := stGroup(t, s, "g")
		stReadAll(t, g, "c")
		require.Equal(t, 1, s.Delete(one))
		n, _ := stPending(t, g)
		require.Equal(t, 2, n, "XDEL keeps the PEL reference")
		got, err := s.DeleteEx(DelRef, one)
		require.NoError(t, err)
		assert.Equal(t, res(NotFound), got, "DeleteEx(DELREF, deleted 1-0)")
		_, ids := stPending(t, g)
		assert.Equal(t, []string{"2-0"}, ids, "dangling 1-0 dropped from the PEL")
	})

	t.Run("ACKED", func(t *testing.T) {
		s, g1, g2 := stTwoGroups(t)
		g3 := stGroup(t, s, "group3")
		n, err := g1.Ack(one, two)
		require.NoError(t, err)
		require.Equal(t, 2, n)
		steps := []func(){
			nil,
			func() { _, err := g2.Ack(one, two); require.NoError(t, err) },
			func() { stReadAll(t, g3, "consumer3") },
		}
		for i, step := range steps {
			if step != nil {
				step()
			}
			got, err := s.DeleteEx(Acked, one, two)
			require.NoError(t, err)
			assert.Equal(t, res(Referenced, Referenced), got, "step %d: DeleteEx(ACKED, 1-0 2-0)", i)
			assert.Equal(t, int64(2), s.Len(), "step %d: Len()", i)
			assert.Equal(t, ID{}, s.Info().MaxDeletedEntryID, "step %d: nothing deleted", i)
		}
		_, err = g3.Ack(one, two)
		require.NoError(t, err)
		got, err := s.DeleteEx(Acked, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "DeleteEx(ACKED) after all acks")
		assert.Equal(t, int64(0), s.Len())
	})

	t.Run("ACKED: an unread missing ID is referenced", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0")
		g := stGroup(t, s, "g")
		stReadAll(t, g, "c")
		_, err := g.Ack(one)
		require.NoError(t, err)
		got, err := s.DeleteEx(Acked, ID{9, 9}, ID{0, 5})
		require.NoError(t, err)
		assert.Equal(t, res(Referenced, NotFound), got, "DeleteEx(ACKED, 9-9 0-5)")
	})

	t.Run("ACKED and a group created later", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0", "2-0", "3-0")
		g1 := stGroup(t, s, "group1")
		stReadAll(t, g1, "consumer1")
		n, err := g1.Ack(one, two, ID{3, 0})
		require.NoError(t, err)
		require.Equal(t, 3, n, "Ack(1-0 2-0 3-0)")
		got, err := s.DeleteEx(Acked, one)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted), got, "DeleteEx(ACKED, 1-0)")
		g2 := stGroup(t, s, "group2")
		got, err = s.DeleteEx(Acked, two)
		require.NoError(t, err)
		assert.Equal(t, res(Referenced), got, "DeleteEx(ACKED, 2-0) with group2 at 0")
		stReadAll(t, g2, "consumer1")
		n, err = g2.Ack(two, ID{3, 0})
		require.NoError(t, err)
		require.Equal(t, 2, n)
		got, err = s.DeleteEx(Acked, two, ID{3, 0})
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "DeleteEx(ACKED, 2-0 3-0)")
	})

	t.Run("ACKED after the referencing group is destroyed", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0")
		stGroup(t, s, "g")
		got, err := s.DeleteEx(Acked, one)
		require.NoError(t, err)
		require.Equal(t, res(Referenced), got)
		require.True(t, s.DestroyGroup("g"))
		got, err = s.DeleteEx(Acked, one)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted), got, "DeleteEx(ACKED) after DestroyGroup")
	})

	t.Run("KEEPREF", func(t *testing.T) {
		s, g1, _ := stTwoGroups(t)
		got, err := s.DeleteEx(KeepRef, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "DeleteEx(KEEPREF, 1-0 2-0)")
		assert.Equal(t, int64(0), s.Len())
		sum, err := g1.Pending()
		require.NoError(t, err)
		assert.Equal(t, PendingSummary{Count: 2, Lowest: one, Highest: two,
			Consumers: []ConsumerPending{{"consumer1", 2}}}, sum, "group1 Pending() keeps references")
	})
}

func TestStXAckDel(t *testing.T) {
	one, two := ID{1, 0}, ID{2, 0}
	res := func(r ...DeleteResult) []DeleteResult { return r }

	t.Run("not pending: -1 and nothing deleted", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0")
		g := stGroup(t, s, "g")
		before := stSnap(t, s)
		for _, mode := range []RefMode{KeepRef, DelRef, Acked} {
			got, err := g.AckDelete(mode, one, ID{2, 2})
			require.NoError(t, err)
			assert.Equal(t, res(NotFound, NotFound), got, "AckDelete(%d, 1-0 2-2)", mode)
		}
		assert.Equal(t, before, stSnap(t, s), "AckDelete of non-pending IDs changed the stream")
	})

	t.Run("50 IDs on an empty group", func(t *testing.T) {
		s, _ := stNew(t, Options[string]{})
		g := stGroup(t, s, "mygroup")
		ids := make([]ID, 50)
		for i := range ids {
			ids[i] = ID{uint64(i), 1}
		}
		got, err := g.AckDelete(KeepRef, ids...)
		require.NoError(t, err)
		require.Len(t, got, 50)
		for i, r := range got {
			assert.Equal(t, NotFound, r, "result %d", i)
		}
	})

	t.Run("missing group", func(t *testing.T) {
		// Redis replies an array of -1; the library reports ErrNoGroup.
		s, g1, _ := stTwoGroups(t)
		require.True(t, s.DestroyGroup("group1"))
		before := stSnap(t, s)
		_, err := g1.AckDelete(KeepRef, one)
		require.ErrorIs(t, err, ErrNoGroup, "AckDelete on a destroyed group")
		assert.Equal(t, before, stSnap(t, s))
	})

	t.Run("invalid mode", func(t *testing.T) {
		s, g1, _ := stTwoGroups(t)
		stUnchanged(t, s, ErrInvalidRefMode, stErrSyntax, "AckDelete(9, 1-0)", func() error {
			_, err := g1.AckDelete(RefMode(9), one)
			return err
		})
	})

	t.Run("DELREF", func(t *testing.T) {
		s, g1, g2 := stTwoGroups(t)
		got, err := g1.AckDelete(DelRef, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "group1.AckDelete(DELREF, 1-0 2-0)")
		assert.Equal(t, int64(0), s.Len())
		for _, g := range []*Group[string]{g1, g2} {
			n, _ := stPending(t, g)
			assert.Equal(t, 0, n, "%s pending after DELREF", g.Name())
		}
		got, err = g2.AckDelete(DelRef, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(NotFound, NotFound), got, "group2.AckDelete(DELREF) after group1's")
		assert.Equal(t, two, s.Info().MaxDeletedEntryID)
	})

	t.Run("ACKED", func(t *testing.T) {
		s, g1, g2 := stTwoGroups(t)
		got, err := g1.AckDelete(Acked, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Referenced, Referenced), got, "group1.AckDelete(ACKED, 1-0 2-0)")
		assert.Equal(t, int64(2), s.Len())
		n, _ := stPending(t, g1)
		assert.Equal(t, 0, n, "group1 acked")
		sum, err := g2.Pending()
		require.NoError(t, err)
		assert.Equal(t, PendingSummary{Count: 2, Lowest: one, Highest: two,
			Consumers: []ConsumerPending{{"consumer2", 2}}}, sum, "group2 Pending()")
		got, err = g2.AckDelete(Acked, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "group2.AckDelete(ACKED, 1-0 2-0)")
		assert.Equal(t, int64(0), s.Len())
	})

	t.Run("KEEPREF", func(t *testing.T) {
		s, g1, g2 := stTwoGroups(t)
		got, err := g1.AckDelete(KeepRef, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "group1.AckDelete(KEEPREF, 1-0 2-0)")
		assert.Equal(t, int64(0), s.Len())
		sum, err := g2.Pending()
		require.NoError(t, err)
		assert.Equal(t, PendingSummary{Count: 2, Lowest: one, Highest: two,
			Consumers: []ConsumerPending{{"consumer2", 2}}}, sum, "group2 keeps its references")
		got, err = g2.AckDelete(KeepRef, one, two)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, Deleted), got, "group2.AckDelete(KEEPREF) on gone entries still acks")
		n, _ := stPending(t, g2)
		assert.Equal(t, 0, n)
		info := s.Info()
		assert.Equal(t, two, info.MaxDeletedEntryID)
		assert.Equal(t, ID{}, info.RecordedFirstEntryID)
	})

	t.Run("repeated ID", func(t *testing.T) {
		s, g1, _ := stTwoGroups(t)
		got, err := g1.AckDelete(KeepRef, one, one)
		require.NoError(t, err)
		assert.Equal(t, res(Deleted, NotFound), got, "AckDelete(KEEPREF, 1-0 1-0)")
		assert.Equal(t, int64(1), s.Len())
		assert.Equal(t, two, s.Info().RecordedFirstEntryID)
	})
}
