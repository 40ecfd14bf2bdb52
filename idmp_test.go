package xstream

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests of idempotent production: XADD IDMP / IDMPAUTO, XCFGSET and
// XIDMPRECORD (Redis 8.6), per redis8-streams.md §3.

// stIdmp adds v idempotently as producer pid with idempotent ID iid.
func stIdmp(t *testing.T, s *Stream[string], pid, iid, v string) ID {
	t.Helper()
	id, err := s.AddWith(v, AddOptions{Producer: pid, IdempotentID: iid})
	require.NoErrorf(t, err, "AddWith(%q, IDMP %q %q)", v, pid, iid)
	return id
}

// stIdmpCounters returns XINFO's pids-tracked, iids-tracked, iids-added and
// iids-duplicates.
func stIdmpCounters(s *Stream[string]) [4]int64 {
	i := s.Info()
	return [4]int64{int64(i.ProducersTracked), int64(i.IIDsTracked), i.IIDsAdded, i.IIDsDuplicates}
}

// stFingerprint is an order-independent hash of "k=v;k=v" payloads, like
// Redis's IDMPAUTO over field/value pairs.
func stFingerprint(v string) string {
	pairs := strings.Split(v, ";")
	sort.Strings(pairs)
	return strings.Join(pairs, ";")
}

func TestStIdmpValidation(t *testing.T) {
	tests := []struct {
		name  string
		opts  AddOptions
		err   *Error
		redis string
	}{
		{"IDMP with explicit ID", AddOptions{Producer: "p1", IdempotentID: "iid1", ID: ExplicitID(ID{1, 1})},
			ErrIdempotencyNeedsAutoID, "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"},
		{"IDMP with ms-*", AddOptions{Producer: "p1", IdempotentID: "iid1", ID: AutoSeqID(5)},
			ErrIdempotencyNeedsAutoID, "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"},
		{"IDMPAUTO with explicit ID", AddOptions{Producer: "p1", AutoIdempotentID: true, ID: ExplicitID(ID{1, 1})},
			ErrIdempotencyNeedsAutoID, "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"},
		{"IDMP and IDMPAUTO", AddOptions{Producer: "p1", IdempotentID: "iid1", AutoIdempotentID: true},
			ErrIdempotencyTwice, "ERR syntax error, IDMP/IDMPAUTO specified multiple times"},
		{"IDMP empty producer", AddOptions{IdempotentID: "iid1"},
			ErrEmptyProducer, "ERR syntax error, IDMP requires a non-empty producer ID"},
		{"IDMP empty iid", AddOptions{Producer: "p1"},
			ErrEmptyIdempotentID, "ERR syntax error, IDMP requires a non-empty idempotent ID"},
		{"IDMPAUTO empty producer", AddOptions{AutoIdempotentID: true},
			ErrEmptyProducer, "ERR syntax error, IDMPAUTO requires a non-empty producer ID"},
		{"IDMPAUTO without Fingerprint", AddOptions{Producer: "p1", AutoIdempotentID: true},
			ErrNoFingerprint, "ERR Failed to create idempotency hash"},
		{"IDMP with a bad trim", AddOptions{Producer: "p1", IdempotentID: "iid1", Trim: TrimOptions{Strategy: TrimMaxLen, MaxLen: -1}},
			ErrMaxLenNegative, "ERR The MAXLEN argument must be >= 0."},
		{"explicit 0-0 with IDMP", AddOptions{Producer: "p1", IdempotentID: "iid1", ID: ExplicitID(ID{})},
			ErrIdempotencyNeedsAutoID, "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := stNew(t, Options[string]{})
			stIdmp(t, s, "p1", "old", "x")
			stUnchanged(t, s, tt.err, tt.redis, fmt.Sprintf("AddWith(%+v)", tt.opts), func() error {
				_, err := s.AddWith("v", tt.opts)
				return err
			})
		})
	}
}

func TestStIdmpDuplicate(t *testing.T) {
	s, clk := stNew(t, Options[string]{})
	id1 := stIdmp(t, s, "p1", "payment-abc", "amount 100 currency USD")
	clk.Advance(time.Millisecond)
	before := stSnap(t, s)
	dup := stIdmp(t, s, "p1", "payment-abc", "amount 200 currency EUR")
	assert.Equal(t, id1, dup, "duplicate returns the original ID")
	after := stSnap(t, s)
	assert.Equal(t, int64(1), after.Len, "Len() after duplicate")
	assert.Equal(t, before.Entries, after.Entries, "payload stays the original")
	assert.Equal(t, before.LastID, after.LastID, "LastID() unchanged")
	assert.Equal(t, [4]int64{1, 1, 1, 1}, stIdmpCounters(s), "pids, iids tracked, added, duplicates")

	// Odd iids are just strings.
	var ids []ID
	for _, iid := range []string{"1", "A", "-", "+", "*", "^", "$", "#", "IDMP", "123-456", "hello世界",
		"line1\nline2", strings.Repeat("x", 1000), "\x00\x01\x02\xff", strings.Repeat("y", 64<<10)} {
		id := stIdmp(t, s, "p1", iid, "v")
		assert.Equal(t, id, stIdmp(t, s, "p1", iid, "w"), "duplicate of iid %.20q", iid)
		ids = append(ids, id)
	}
	assert.Len(t, ids, 15)
	assert.Equal(t, int64(16), s.Len())
}

func TestStIdmpDuplicateDoesNotTrimOrAdd(t *testing.T) {
	// IDMP p1 req-1 MINID ~ 1000000000-0 * ... twice -> same ID, XLEN 1
	// (real IDs are far above 1000000000; the test clock is at 1000000 ms).
	s, _ := stNew(t, Options[string]{})
	trim := TrimOptions{Strategy: TrimMinID, MinID: ID{1_000, 0}, Approx: true}
	id1, err := s.AddWith("v", AddOptions{Producer: "p1", IdempotentID: "req-1", Trim: trim})
	require.NoError(t, err)
	id2, err := s.AddWith("v", AddOptions{Producer: "p1", IdempotentID: "req-1", Trim: trim})
	require.NoError(t, err)
	assert.Equal(t, id1, id2)
	assert.Equal(t, int64(1), s.Len())

	// An exact trim on a duplicate does nothing either.
	stAddIDs(t, s, "2000000-0", "2000000-1")
	before := stSnap(t, s)
	id3, err := s.AddWith("v", AddOptions{Producer: "p1", IdempotentID: "req-1",
		Trim: TrimOptions{Strategy: TrimMaxLen, MaxLen: 0}})
	require.NoError(t, err)
	assert.Equal(t, id1, id3)
	after := stSnap(t, s)
	assert.Equal(t, before.Entries, after.Entries, "a duplicate add trimmed")
	assert.Equal(t, before.Info.EntriesAdded, after.Info.EntriesAdded)
	assert.Equal(t, before.Info.IIDsDuplicates+1, after.Info.IIDsDuplicates)
}

func TestStIdmpDuplicateOfDeletedEntry(t *testing.T) {
	// The lookup does not check that the original entry still exists.
	s, _ := stNew(t, Options[string]{})
	g := stGroup(t, s, "g")
	id1 := stIdmp(t, s, "p1", "cg-1", "v")
	stReadAll(t, g, "c")
	_, err := g.Ack(id1)
	require.NoError(t, err)
	assert.Equal(t, id1, stIdmp(t, s, "p1", "cg-1", "v"), "after read and ack")
	require.Equal(t, 1, s.Delete(id1))
	assert.Equal(t, id1, stIdmp(t, s, "p1", "cg-1", "v"), "after delete")
	assert.Equal(t, int64(0), s.Len())
}

func TestStIdmpDuplicateOnExhaustedStream(t *testing.T) {
	// The duplicate check comes before the exhausted-ID check; a new iid
	// then fails and is not recorded.
	s, _ := stNew(t, Options[string]{})
	id1 := stIdmp(t, s, "p1", "req-1", "v")
	require.NoError(t, s.SetLastID(MaxID, SetIDOptions{}))
	assert.Equal(t, id1, stIdmp(t, s, "p1", "req-1", "v"), "duplicate on an exhausted stream")
	stUnchanged(t, s, ErrStreamExhausted, stErrExhausted, "AddWith(IDMP p1 req-2)", func() error {
		_, err := s.AddWith("v", AddOptions{Producer: "p1", IdempotentID: "req-2"})
		return err
	})
	assert.Equal(t, [4]int64{1, 1, 1, 1}, stIdmpCounters(s))
}

func TestStIdmpProducers(t *testing.T) {
	s, _ := stNew(t, Options[string]{})
	a := stIdmp(t, s, "producer1", "req-123", "v")
	b := stIdmp(t, s, "producer2", "req-123", "v")
	assert.NotEqual(t, a, b, "same iid under two producers")
	assert.Equal(t, [4]int64{2, 2, 2, 0}, stIdmpCounters(s))
	assert.Equal(t, a, stIdmp(t, s, "producer1", "req-123", "v"))
	assert.Equal(t, b, stIdmp(t, s, "producer2", "req-123", "v"))
	assert.Equal(t, [4]int64{2, 2, 2, 2}, stIdmpCounters(s))

	s, _ = stNew(t, Options[string]{})
	for i := range 50 {
		stIdmp(t, s, fmt.Sprintf("p%d", i), "iid", "v")
	}
	assert.Equal(t, [4]int64{50, 50, 50, 0}, stIdmpCounters(s), "50 producers")
}

func TestStIdmpCounters(t *testing.T) {
	s, _ := stNew(t, Options[string]{})
	assert.Equal(t, [4]int64{0, 0, 0, 0}, stIdmpCounters(s), "no IDMP yet")
	steps := []struct {
		iid  string
		want [4]int64
	}{
		{"req-1", [4]int64{1, 1, 1, 0}},
		{"req-2", [4]int64{1, 2, 2, 0}},
		{"req-1", [4]int64{1, 2, 2, 1}},
		{"req-1", [4]int64{1, 2, 2, 2}},
		{"req-3", [4]int64{1, 3, 3, 2}},
		{"req-2", [4]int64{1, 3, 3, 3}},
	}
	for _, st := range steps {
		stIdmp(t, s, "p1", st.iid, "v")
		assert.Equal(t, st.want, stIdmpCounters(s), "after IDMP p1 %s", st.iid)
	}
	full, err := s.InfoFull(0)
	require.NoError(t, err)
	assert.Equal(t, s.Info(), full.StreamInfo, "InfoFull has the same idmp fields")

	// MAXSIZE 3: 4 adds -> tracked 3, added 4; 2 more -> 3 / 6.
	s, _ = stNew(t, Options[string]{IdempotencyMaxSize: 3})
	for i := range 4 {
		stIdmp(t, s, "p1", fmt.Sprint(i), "v")
	}
	assert.Equal(t, [4]int64{1, 3, 4, 0}, stIdmpCounters(s))
	stIdmp(t, s, "p1", "4", "v")
	stIdmp(t, s, "p1", "5", "v")
	assert.Equal(t, [4]int64{1, 3, 6, 0}, stIdmpCounters(s))
}

func TestStIdmpMaxSizeEviction(t *testing.T) {
	// XADD IDMP p1 init; XCFGSET IDMP-MAXSIZE 3 IDMP-DURATION 60;
	// req-1..3 dedup; req-4 evicts req-1; req-1 is new (evicts req-2);
	// req-3 still dedups; XLEN 6.
	s, _ := stNew(t, Options[string]{})
	stIdmp(t, s, "p1", "init", "v")
	require.NoError(t, s.ConfigureIdempotency(IdempotencyConfig{MaxSize: 3, Duration: 60 * time.Second}))
	ids := map[string]ID{}
	for _, iid := range []string{"req-1", "req-2", "req-3"} {
		ids[iid] = stIdmp(t, s, "p1", iid, "v")
	}
	for _, iid := range []string{"req-1", "req-2", "req-3"} {
		assert.Equal(t, ids[iid], stIdmp(t, s, "p1", iid, "v"), "dedup %s", iid)
	}
	stIdmp(t, s, "p1", "req-4", "v")
	again := stIdmp(t, s, "p1", "req-1", "v")
	assert.NotEqual(t, ids["req-1"], again, "req-1 was evicted by req-4")
	assert.Equal(t, ids["req-3"], stIdmp(t, s, "p1", "req-3", "v"), "req-3 still dedups")
	assert.Equal(t, int64(6), s.Len())
	assert.Equal(t, [4]int64{1, 3, 6, 4}, stIdmpCounters(s))

	// A duplicate does not refresh an iid's place in the FIFO.
	s, _ = stNew(t, Options[string]{IdempotencyMaxSize: 2})
	r1 := stIdmp(t, s, "p1", "req-1", "v")
	r2 := stIdmp(t, s, "p1", "req-2", "v")
	assert.Equal(t, r1, stIdmp(t, s, "p1", "req-1", "v"))
	stIdmp(t, s, "p1", "req-3", "v") // evicts req-1, the oldest recorded
	assert.Equal(t, r2, stIdmp(t, s, "p1", "req-2", "v"), "req-2 kept")
	assert.NotEqual(t, r1, stIdmp(t, s, "p1", "req-1", "v"), "req-1 evicted despite its duplicate")

	// MAXSIZE 8, 100 iids: the last 8 dedup, 1..92 come back as new; XLEN
	// 193 with the initial entry.
	s, _ = stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0")
	require.NoError(t, s.ConfigureIdempotency(IdempotencyConfig{MaxSize: 8}))
	for i := 1; i <= 100; i++ {
		stIdmp(t, s, "p1", fmt.Sprint(i), "v")
	}
	for i := 93; i <= 100; i++ {
		n := s.Len()
		stIdmp(t, s, "p1", fmt.Sprint(i), "v")
		assert.Equal(t, n, s.Len(), "iid %d dedups", i)
	}
	for i := 1; i <= 92; i++ {
		stIdmp(t, s, "p1", fmt.Sprint(i), "v")
	}
	assert.Equal(t, int64(193), s.Len())
}

func TestStIdmpExpiry(t *testing.T) {
	s, clk := stNew(t, Options[string]{IdempotencyDuration: time.Second})
	id1 := stIdmp(t, s, "p1", "req-1", "v")
	clk.Advance(999 * time.Millisecond)
	assert.Equal(t, id1, stIdmp(t, s, "p1", "req-1", "v"), "999 ms later: still remembered")
	assert.Equal(t, [4]int64{1, 1, 1, 1}, stIdmpCounters(s))
	clk.Advance(time.Millisecond)
	assert.Equal(t, [4]int64{0, 0, 1, 1}, stIdmpCounters(s), "1 s later: forgotten, producer too")
	id2 := stIdmp(t, s, "p1", "req-1", "v")
	assert.NotEqual(t, id1, id2, "re-added after expiry")
	assert.Equal(t, int64(2), s.Len())
	assert.Equal(t, [4]int64{1, 1, 2, 1}, stIdmpCounters(s))
}

func TestStIdmpExpiryByEntryIDTime(t *testing.T) {
	// The age is measured from the entry ID's time, not the add time: with
	// the top ID 10 s in the future, auto IDs carry that time.
	s, clk := stNew(t, Options[string]{IdempotencyDuration: time.Second})
	future := ID{uint64(stT0.UnixMilli()) + 10_000, 0}
	stAddIDs(t, s, future.String())
	id1 := stIdmp(t, s, "p1", "req-1", "v")
	require.Equal(t, ID{future.Ms, 1}, id1)
	clk.Advance(10*time.Second + 999*time.Millisecond)
	assert.Equal(t, id1, stIdmp(t, s, "p1", "req-1", "v"), "10.999 s later")
	clk.Advance(time.Millisecond)
	assert.NotEqual(t, id1, stIdmp(t, s, "p1", "req-1", "v"), "11 s later")
}

func TestStIdmpAuto(t *testing.T) {
	s, _ := stNew(t, Options[string]{Fingerprint: stFingerprint})
	auto := func(pid, v string) ID {
		id, err := s.AddWith(v, AddOptions{Producer: pid, AutoIdempotentID: true})
		require.NoErrorf(t, err, "AddWith(%q, IDMPAUTO %q)", v, pid)
		return id
	}
	a := auto("p1", "amount=100;currency=USD")
	assert.Equal(t, a, auto("p1", "amount=100;currency=USD"), "same content")
	assert.Equal(t, a, auto("p1", "currency=USD;amount=100"), "field order does not matter")
	assert.NotEqual(t, a, auto("p1", "amount=200;currency=USD"), "other content")
	assert.NotEqual(t, a, auto("p2", "amount=100;currency=USD"), "other producer")
	// The fingerprint shares the producer's namespace with explicit iids.
	assert.Equal(t, a, stIdmp(t, s, "p1", "amount=100;currency=USD", "x"), "explicit iid equal to the fingerprint")
	assert.Equal(t, int64(3), s.Len())
	assert.Equal(t, [4]int64{2, 3, 3, 3}, stIdmpCounters(s))

	// Mixed: IDMP p1 / IDMPAUTO p2 / IDMP p3 / IDMPAUTO p4 -> 4 entries, 4 producers.
	s, _ = stNew(t, Options[string]{Fingerprint: stFingerprint})
	stIdmp(t, s, "p1", "explicit", "v")
	auto("p2", "f=v")
	stIdmp(t, s, "p3", "explicit", "v")
	auto("p4", "f=v")
	assert.Equal(t, int64(4), s.Len())
	assert.Equal(t, 4, s.Info().ProducersTracked)
}

func TestStConfigureIdempotency(t *testing.T) {
	s, _ := stNew(t, Options[string]{})
	info := s.Info()
	assert.Equal(t, 100*time.Second, info.IdempotencyDuration, "default IdempotencyDuration")
	assert.Equal(t, 100, info.IdempotencyMaxSize, "default IdempotencyMaxSize")

	steps := []struct {
		cfg          IdempotencyConfig
		wantDuration time.Duration
		wantMaxSize  int
	}{
		{IdempotencyConfig{Duration: 5 * time.Second}, 5 * time.Second, 100},
		{IdempotencyConfig{MaxSize: 5000}, 5 * time.Second, 5000},
		{IdempotencyConfig{Duration: 3 * time.Second, MaxSize: 10000}, 3 * time.Second, 10000},
		{IdempotencyConfig{Duration: 86400 * time.Second}, 86400 * time.Second, 10000},
		{IdempotencyConfig{Duration: time.Second, MaxSize: 1}, time.Second, 1},
	}
	for _, st := range steps {
		require.NoError(t, s.ConfigureIdempotency(st.cfg), "ConfigureIdempotency(%+v)", st.cfg)
		info := s.Info()
		assert.Equal(t, st.wantDuration, info.IdempotencyDuration, "after ConfigureIdempotency(%+v)", st.cfg)
		assert.Equal(t, st.wantMaxSize, info.IdempotencyMaxSize, "after ConfigureIdempotency(%+v)", st.cfg)
	}

	// Options set the initial values.
	s, _ = stNew(t, Options[string]{IdempotencyDuration: time.Minute, IdempotencyMaxSize: 7})
	info = s.Info()
	assert.Equal(t, time.Minute, info.IdempotencyDuration)
	assert.Equal(t, 7, info.IdempotencyMaxSize)
}

func TestStConfigureIdempotencyErrors(t *testing.T) {
	const (
		durErr  = "ERR IDMP-DURATION must be between 1 and 86400 seconds"
		sizeErr = "ERR IDMP-MAXSIZE must be between 1 and 10000 entries"
	)
	tests := []struct {
		cfg   IdempotencyConfig
		err   *Error
		redis string
	}{
		{IdempotencyConfig{}, ErrNoIdempotencySetting, "ERR At least one parameter must be specified"},
		{IdempotencyConfig{Duration: 86401 * time.Second}, ErrIdempotencyDuration, durErr},
		{IdempotencyConfig{Duration: -100 * time.Second}, ErrIdempotencyDuration, durErr},
		{IdempotencyConfig{Duration: 999 * time.Millisecond}, ErrIdempotencyDuration, durErr},
		{IdempotencyConfig{MaxSize: 10001}, ErrIdempotencyMaxSize, sizeErr},
		{IdempotencyConfig{MaxSize: -50}, ErrIdempotencyMaxSize, sizeErr},
		{IdempotencyConfig{Duration: 5 * time.Second, MaxSize: 10001}, ErrIdempotencyMaxSize, sizeErr},
		{IdempotencyConfig{Duration: -time.Second, MaxSize: 5}, ErrIdempotencyDuration, durErr},
	}
	for _, tt := range tests {
		s, _ := stNew(t, Options[string]{})
		stIdmp(t, s, "p1", "req-1", "v")
		stUnchanged(t, s, tt.err, tt.redis, fmt.Sprintf("ConfigureIdempotency(%+v)", tt.cfg), func() error {
			return s.ConfigureIdempotency(tt.cfg)
		})
	}
}

func TestStConfigureIdempotencyClearsOnChange(t *testing.T) {
	s, _ := stNew(t, Options[string]{})
	id1 := stIdmp(t, s, "p1", "req-1", "v")
	stIdmp(t, s, "p2", "req-1", "v")
	stIdmp(t, s, "p1", "req-1", "v")
	require.Equal(t, [4]int64{2, 2, 2, 1}, stIdmpCounters(s))

	// The current values: nothing is forgotten.
	for _, cfg := range []IdempotencyConfig{{Duration: 100 * time.Second}, {MaxSize: 100}, {Duration: 100 * time.Second, MaxSize: 100}} {
		require.NoError(t, s.ConfigureIdempotency(cfg), "ConfigureIdempotency(%+v)", cfg)
		assert.Equal(t, [4]int64{2, 2, 2, 1}, stIdmpCounters(s), "after a no-op ConfigureIdempotency(%+v)", cfg)
	}
	assert.Equal(t, id1, stIdmp(t, s, "p1", "req-1", "v"), "still dedups after a no-op")

	// A real change forgets producers and iids but keeps the counters.
	require.NoError(t, s.ConfigureIdempotency(IdempotencyConfig{Duration: 100 * time.Second, MaxSize: 50}))
	assert.Equal(t, [4]int64{0, 0, 2, 2}, stIdmpCounters(s), "after changing MaxSize")
	id2 := stIdmp(t, s, "p1", "req-1", "v")
	assert.NotEqual(t, id1, id2, "req-1 is new after the clear")
	assert.Equal(t, [4]int64{1, 1, 3, 2}, stIdmpCounters(s))

	require.NoError(t, s.ConfigureIdempotency(IdempotencyConfig{Duration: time.Minute}))
	assert.Equal(t, [4]int64{0, 0, 3, 2}, stIdmpCounters(s), "after changing Duration")
	assert.Equal(t, int64(3), s.Len(), "entries stay")
}

func TestStRecordIdempotent(t *testing.T) {
	s, _ := stNew(t, Options[string]{})
	id, err := s.Add("v")
	require.NoError(t, err)
	id2, err := s.Add("v")
	require.NoError(t, err)

	tests := []struct {
		pid, iid string
		id       ID
		err      *Error
		redis    string
	}{
		{"", "i1", id, ErrEmptyProducer, "ERR producer ID must be non-empty"},
		{"p1", "", id, ErrEmptyIdempotentID, "ERR idempotent ID must be non-empty"},
		{"", "", id, ErrEmptyProducer, "ERR producer ID must be non-empty"},
		{"p1", "i1", ID{999, 999}, ErrNoSuchEntry, "ERR No such message in stream"},
	}
	for _, tt := range tests {
		stUnchanged(t, s, tt.err, tt.redis, fmt.Sprintf("RecordIdempotent(%q, %q, %s)", tt.pid, tt.iid, tt.id), func() error {
			return s.RecordIdempotent(tt.pid, tt.iid, tt.id)
		})
	}

	require.NoError(t, s.RecordIdempotent("p1", "req-1", id), "RecordIdempotent(p1, req-1)")
	assert.Equal(t, [4]int64{1, 1, 1, 0}, stIdmpCounters(s))
	require.NoError(t, s.RecordIdempotent("p1", "req-1", id), "RecordIdempotent again with the same ID")
	assert.Equal(t, [4]int64{1, 1, 1, 0}, stIdmpCounters(s), "the same record again changes nothing")
	stUnchanged(t, s, ErrIdempotentIDConflict, "ERR IID already exists for this producer with a different stream ID",
		"RecordIdempotent(p1, req-1, other ID)", func() error { return s.RecordIdempotent("p1", "req-1", id2) })

	n := s.Len()
	assert.Equal(t, id, stIdmp(t, s, "p1", "req-1", "v2"), "XADD IDMP after XIDMPRECORD")
	assert.Equal(t, n, s.Len())

	// A deleted entry cannot be recorded.
	require.Equal(t, 1, s.Delete(id2))
	stUnchanged(t, s, ErrNoSuchEntry, "ERR No such message in stream", "RecordIdempotent(deleted)", func() error {
		return s.RecordIdempotent("p1", "req-2", id2)
	})

	// Recording obeys MAXSIZE like an add.
	s, _ = stNew(t, Options[string]{IdempotencyMaxSize: 2})
	var ids []ID
	for range 3 {
		id, err := s.Add("v")
		require.NoError(t, err)
		ids = append(ids, id)
	}
	for i, id := range ids {
		require.NoError(t, s.RecordIdempotent("p", fmt.Sprint(i), id))
	}
	assert.Equal(t, [4]int64{1, 2, 3, 0}, stIdmpCounters(s), "RecordIdempotent evicts beyond MaxSize")
	assert.NotEqual(t, ids[0], stIdmp(t, s, "p", "0", "v"), "the oldest record was evicted")
}
