package xstream

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"
)

// Reads of no stream fail at once, even when asked to block: there would be
// nothing to wake them.
func TestReadNoStreams(t *testing.T) {
	ctx := context.Background()
	if res, err := Read(ctx, []StreamRead[int](nil), ReadOptions{Block: true}); !errors.Is(err, ErrNoStreams) || res != nil {
		t.Errorf("Read(no streams) = %v, %v; want nil, ErrNoStreams", res, err)
	}
	if res, err := ReadGroup(ctx, "g", "c", []GroupRead[int](nil), ReadGroupOptions{Block: true}); !errors.Is(err, ErrNoStreams) || res != nil {
		t.Errorf("ReadGroup(no streams) = %v, %v; want nil, ErrNoStreams", res, err)
	}
}

// rtStreams makes n streams named s1..sn, each with `entries` entries
// "f v<i>" at IDs 1-0, 2-0, ...
func rtStreams(t *testing.T, n, entries int) []*Stream[string] {
	t.Helper()
	var ss []*Stream[string]
	for i := range n {
		s := New(Options[string]{Name: "s" + string(rune('1'+i)), Size: func(v string) int { return len(v) }})
		for j := 1; j <= entries; j++ {
			if _, err := s.AddWith("v", AddOptions{ID: ExplicitID(ID{uint64(j), 0})}); err != nil {
				t.Fatal(err)
			}
		}
		ss = append(ss, s)
	}
	return ss
}

func rtReads(ss []*Stream[string]) []StreamRead[string] {
	var rs []StreamRead[string]
	for _, s := range ss {
		rs = append(rs, StreamRead[string]{Stream: s})
	}
	return rs
}

func rtGroupReads(t *testing.T, ss []*Stream[string], group string) []GroupRead[string] {
	t.Helper()
	var rs []GroupRead[string]
	for _, s := range ss {
		if _, err := s.CreateGroup(group, MinID, GroupOptions{}); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, GroupRead[string]{Stream: s})
	}
	return rs
}

// rtCounts returns the number of entries per stream of a reply.
func rtCounts[E any](parts []E, n func(E) int) []int {
	out := []int{}
	for _, p := range parts {
		out = append(out, n(p))
	}
	return out
}

func rtEntriesOf(p StreamEntries[string]) int   { return len(p.Entries) }
func rtMessagesOf(p StreamMessages[string]) int { return len(p.Messages) }

// Redis 8.10's MAXCOUNT and MAXSIZE on XREAD (redis8-streams.md §5).
func TestReadMaxCountMaxSize(t *testing.T) {
	ctx := context.Background()
	ss := rtStreams(t, 3, 100)
	cases := []struct {
		name string
		opts ReadOptions
		want []int
	}{
		{"COUNT 50", ReadOptions{Count: 50}, []int{50, 50, 50}},
		{"COUNT 50 MAXCOUNT 80", ReadOptions{Count: 50, MaxCount: 80}, []int{50, 30}},
		{"MAXCOUNT 7: all from the first stream", ReadOptions{MaxCount: 7}, []int{7}},
		{"COUNT 2 MAXCOUNT 3", ReadOptions{Count: 2, MaxCount: 3}, []int{2, 1}},
		{"COUNT 10 = COUNT 10 MAXCOUNT 10", ReadOptions{Count: 10, MaxCount: 10}, []int{10}},
		{"MAXCOUNT 5 MAXSIZE 100000", ReadOptions{MaxCount: 5, MaxSize: 100000}, []int{5}},
		{"COUNT 0 MAXCOUNT 5", ReadOptions{Count: 0, MaxCount: 5}, []int{5}},
	}
	for _, tc := range cases {
		res, err := Read(ctx, rtReads(ss), tc.opts)
		if err != nil {
			t.Fatalf("%s: Read = %v", tc.name, err)
		}
		if got := rtCounts(res, rtEntriesOf); !slices.Equal(got, tc.want) {
			t.Errorf("%s: entries per stream = %v, want %v", tc.name, got, tc.want)
		}
	}

	// MAXSIZE 200 over 300 small entries: at least one, fewer than all.
	res, err := Read(ctx, rtReads(ss), ReadOptions{MaxSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	if n := rtSum(rtCounts(res, rtEntriesOf)); n < 1 || n >= 300 {
		t.Errorf("MAXSIZE 200: %d entries, want 1 <= n < 300", n)
	}

	// The first entry is always returned, however large.
	big := New(Options[string]{Size: func(v string) int { return len(v) }})
	big.AddWith(string(make([]byte, 5000)), AddOptions{ID: ExplicitID(ID{1, 1})})
	big.AddWith("small", AddOptions{ID: ExplicitID(ID{2, 2})})
	res, _ = Read(ctx, []StreamRead[string]{{Stream: big}}, ReadOptions{MaxSize: 50})
	if len(res) != 1 || len(res[0].Entries) != 1 || res[0].Entries[0].ID != (ID{1, 1}) {
		t.Errorf("MAXSIZE 50 on a 5000-byte entry = %+v, want exactly 1-1", res)
	}
}

func rtSum(a []int) int {
	n := 0
	for _, x := range a {
		n += x
	}
	return n
}

func TestReadCapErrors(t *testing.T) {
	ctx := context.Background()
	ss := rtStreams(t, 1, 3)
	cases := []struct {
		opts  ReadOptions
		err   error
		redis string
	}{
		{ReadOptions{Count: 50, MaxCount: 10}, ErrMaxCountBelowCount, "ERR MAXCOUNT must be greater than or equal to COUNT"},
		{ReadOptions{MaxCount: -1}, ErrMaxCount, "ERR MAXCOUNT must be a positive integer"},
		{ReadOptions{MaxSize: -5}, ErrMaxSize, "ERR MAXSIZE must be a positive integer"},
		{ReadOptions{Count: -1}, ErrNegativeCount, ""},
	}
	for i, tc := range cases {
		res, err := Read(ctx, rtReads(ss), tc.opts)
		if !errors.Is(err, tc.err) || res != nil {
			t.Errorf("Read(%+v) = %v, %v; want %v", tc.opts, res, err, tc.err)
		}
		if text, _ := RedisText(err); tc.redis != "" && text != tc.redis {
			t.Errorf("Read(%+v): Redis text %q, want %q", tc.opts, text, tc.redis)
		}
		name := fmt.Sprintf("g%d", i)
		reads := rtGroupReads(t, ss, name)
		gres, err := ReadGroup(ctx, name, "c", reads,
			ReadGroupOptions{Count: tc.opts.Count, MaxCount: tc.opts.MaxCount, MaxSize: tc.opts.MaxSize})
		if !errors.Is(err, tc.err) || gres != nil {
			t.Errorf("ReadGroup(%+v) = %v, %v; want %v", tc.opts, gres, err, tc.err)
		}
		g, _ := ss[0].Group(name)
		if info, _ := g.Info(); info.Consumers != 0 || info.Pending != 0 || !info.LastDeliveredID.IsZero() {
			t.Errorf("ReadGroup(%+v) changed the group: %+v", tc.opts, info)
		}
	}
}

// MAXCOUNT and MAXSIZE on XREADGROUP (redis8-streams.md §5.3).
func TestReadGroupMaxCount(t *testing.T) {
	ctx := context.Background()
	ss := rtStreams(t, 3, 100)
	reads := rtGroupReads(t, ss, "g")
	res, err := ReadGroup(ctx, "g", "c1", reads, ReadGroupOptions{Count: 50, MaxCount: 80})
	if err != nil {
		t.Fatal(err)
	}
	if got := rtCounts(res, rtMessagesOf); !slices.Equal(got, []int{50, 30}) {
		t.Errorf("COUNT 50 MAXCOUNT 80 > > > = %v per stream, want [50 30]", got)
	}
	// The third stream was not reached: its consumer was not even created.
	if info := ss[2].GroupsInfo()[0]; info.Consumers != 0 || info.Pending != 0 {
		t.Errorf("unreached stream's group = %+v, want no consumer and nothing pending", info)
	}
	// History reads are capped the same way.
	var hist []GroupRead[string]
	for _, s := range ss {
		hist = append(hist, GroupRead[string]{Stream: s, History: true})
	}
	res, _ = ReadGroup(ctx, "g", "c1", hist, ReadGroupOptions{MaxCount: 25})
	if n := rtSum(rtCounts(res, rtMessagesOf)); n != 25 {
		t.Errorf("MAXCOUNT 25 history read = %d entries, want 25", n)
	}
	// MAXSIZE lets the first entry through and fewer than everything.
	reads2 := rtGroupReads(t, ss, "g3")
	res, _ = ReadGroup(ctx, "g3", "c", reads2, ReadGroupOptions{MaxSize: 200})
	delivered := rtSum(rtCounts(res, rtMessagesOf))
	if delivered < 1 || delivered >= 300 {
		t.Errorf("MAXSIZE 200 = %d entries, want 1 <= n < 300", delivered)
	}
	// Only the delivered entries became pending.
	pend := 0
	for _, s := range ss {
		g, _ := s.Group("g3")
		sum, _ := g.Pending()
		pend += sum.Count
	}
	if pend != delivered {
		t.Errorf("pending after MAXSIZE read = %d, want %d (what was delivered)", pend, delivered)
	}
}

// XREAD semantics: the ID is exclusive, AtEnd ("$") sees only later entries,
// a stream with nothing after the ID is left out, and the reply is nil when
// no stream has anything.
func TestReadSemantics(t *testing.T) {
	ctx := context.Background()
	ss := rtStreams(t, 2, 3)
	res, _ := Read(ctx, []StreamRead[string]{{Stream: ss[0], After: ID{1, 0}}, {Stream: ss[1], After: ID{3, 0}}}, ReadOptions{})
	if len(res) != 1 || res[0].Stream != ss[0] || len(res[0].Entries) != 2 || res[0].Entries[0].ID != (ID{2, 0}) {
		t.Errorf("Read after 1-0 / 3-0 = %+v, want s1: 2-0 3-0 only", res)
	}
	if res, err := Read(ctx, []StreamRead[string]{{Stream: ss[0], AtEnd: true}}, ReadOptions{}); res != nil || err != nil {
		t.Errorf("Read $ = %+v, %v; want nil", res, err)
	}
	// A stream whose last entry was deleted keeps its last ID: reading after
	// the last live entry finds nothing until a later add.
	ss[0].Delete(ID{3, 0})
	if es, _ := ss[0].ReadEntries(ID{2, 0}, 0); es != nil {
		t.Errorf("ReadEntries after 2-0 with 3-0 deleted = %+v, want nil", es)
	}
	if _, err := ss[0].AddWith("v", AddOptions{ID: ExplicitID(ID{3, 0})}); !errors.Is(err, ErrIDTooSmall) {
		t.Errorf("re-adding deleted top ID: %v, want ErrIDTooSmall", err)
	}
	// Last() is Redis's "+": the last live entry.
	if e, ok := ss[0].Last(); !ok || e.ID != (ID{2, 0}) {
		t.Errorf("Last() = %v, %v; want 2-0", e, ok)
	}
}

// As in Redis, CLAIM stops applying once a history read is met.
func TestReadGroupClaimOffAfterHistory(t *testing.T) {
	ctx := context.Background()
	clock := NewManualClock(time.UnixMilli(1_700_000_000_000))
	var ss []*Stream[string]
	for range 2 {
		s := New(Options[string]{Clock: clock})
		s.Add("a")
		ss = append(ss, s)
	}
	for _, s := range ss {
		g, _ := s.CreateGroup("g", MinID, GroupOptions{})
		g.Consumer("old").Read(ReadGroupOptions{})
	}
	clock.Advance(time.Hour)
	// s1 is a history read of c's (empty) PEL, s2 a claiming read: no claim.
	res, err := ReadGroup(ctx, "g", "c", []GroupRead[string]{{Stream: ss[0], History: true}, {Stream: ss[1]}},
		ReadGroupOptions{Claim: true, MinIdle: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Stream != ss[0] || len(res[0].Messages) != 0 {
		t.Errorf("history then claim = %+v, want only s1 with no messages", res)
	}
	// In the other order, s2's entry is claimed, then s1's history is read.
	res, _ = ReadGroup(ctx, "g", "c", []GroupRead[string]{{Stream: ss[1]}, {Stream: ss[0], History: true}},
		ReadGroupOptions{Claim: true, MinIdle: time.Minute})
	if len(res) != 2 || len(res[0].Messages) != 1 || res[0].Messages[0].Deliveries != 1 {
		t.Errorf("claim then history = %+v, want s2's entry claimed (1 delivery before), then s1", res)
	}
}

// A huge COUNT on a small stream allocates for what is there, not for COUNT.
func TestReadGroupHugeCountAllocatesForEntries(t *testing.T) {
	s := rtStreams(t, 1, 3)[0]
	g, _ := s.CreateGroup("g", MinID, GroupOptions{})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	msgs, err := g.Consumer("c").Read(ReadGroupOptions{Count: 1 << 30})
	runtime.ReadMemStats(&after)
	if err != nil || len(msgs) != 3 {
		t.Fatalf("Read(Count: 1<<30) = %d messages, %v; want 3", len(msgs), err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("Read(Count: 1<<30) of 3 entries allocated %d bytes, want well under 1 MiB", grew)
	}
}
