package xstream

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests of XTRIM and XADD's trimming. The KEEPREF numbers were run on
// redis-server 7.0 with CONFIG SET stream-node-max-entries N and
// stream-node-max-bytes 0; the DELREF/ACKED cases are the spec's
// (redis8-streams.md §1.2, §1.5, redis-semantics.md §4.6).

func TestStTrimValidation(t *testing.T) {
	tests := []struct {
		name  string
		opts  TrimOptions
		err   *Error
		redis string
		inAdd bool // the error applies to AddWith's Trim too
	}{
		{"no strategy", TrimOptions{}, ErrNoTrimStrategy,
			"ERR syntax error, XTRIM must be called with a trimming strategy", false},
		{"unknown strategy", TrimOptions{Strategy: 3}, ErrNoTrimStrategy,
			"ERR syntax error, XTRIM must be called with a trimming strategy", true},
		{"negative MAXLEN", TrimOptions{Strategy: TrimMaxLen, MaxLen: -1}, ErrMaxLenNegative,
			"ERR The MAXLEN argument must be >= 0.", true},
		{"negative MAXLEN with LIMIT", TrimOptions{Strategy: TrimMaxLen, MaxLen: -1, Limit: 10}, ErrMaxLenNegative,
			"ERR The MAXLEN argument must be >= 0.", true},
		{"negative LIMIT", TrimOptions{Strategy: TrimMaxLen, MaxLen: 1, Approx: true, Limit: -2}, ErrLimitNegative,
			"ERR The LIMIT argument must be >= 0.", true},
		{"LIMIT without ~", TrimOptions{Strategy: TrimMaxLen, MaxLen: 1, Limit: 10}, ErrLimitWithoutApprox,
			"ERR syntax error, LIMIT cannot be used without the special ~ option", true},
		{"LIMIT 0 without ~", TrimOptions{Strategy: TrimMinID, MinID: ID{5, 0}, Limit: NoLimit}, ErrLimitWithoutApprox,
			"ERR syntax error, LIMIT cannot be used without the special ~ option", true},
		{"LIMIT without strategy", TrimOptions{Limit: 10}, ErrLimitWithoutStrategy,
			"ERR syntax error, LIMIT cannot be used without specifying a trimming strategy", true},
		{"LIMIT without strategy, with ~", TrimOptions{Approx: true, Limit: 10}, ErrLimitWithoutStrategy,
			"ERR syntax error, LIMIT cannot be used without specifying a trimming strategy", true},
		{"invalid ref mode", TrimOptions{Strategy: TrimMaxLen, Ref: 3}, ErrInvalidRefMode, stErrSyntax, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := stNew(t, Options[string]{NodeMaxEntries: 2})
			stAddIDs(t, s, "1-0", "2-0", "3-0", "4-0", "5-0")
			g := stGroup(t, s, "g")
			stReadAll(t, g, "c")
			stUnchanged(t, s, tt.err, tt.redis, fmt.Sprintf("Trim(%+v)", tt.opts), func() error {
				n, err := s.Trim(tt.opts)
				assert.Zero(t, n, "Trim returned a count with its error")
				return err
			})
			if !tt.inAdd {
				return
			}
			stUnchanged(t, s, tt.err, tt.redis, fmt.Sprintf("AddWith(Trim %+v)", tt.opts), func() error {
				_, err := s.AddWith("x", AddOptions{Trim: tt.opts})
				return err
			})
		})
	}
}

func TestStAddOptionErrorsBeforeZeroID(t *testing.T) {
	// redis-server 7.0: XADD s MAXLEN -1 0-0 f v -> the MAXLEN error;
	// XADD s LIMIT 5 0-0 f v -> LIMIT without strategy; XADD s MAXLEN 1
	// LIMIT 5 0-0 f v -> LIMIT without ~.
	tests := []struct {
		trim  TrimOptions
		err   *Error
		redis string
	}{
		{TrimOptions{Strategy: TrimMaxLen, MaxLen: -1}, ErrMaxLenNegative, "ERR The MAXLEN argument must be >= 0."},
		{TrimOptions{Limit: 5}, ErrLimitWithoutStrategy,
			"ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"},
		{TrimOptions{Strategy: TrimMaxLen, MaxLen: 1, Limit: 5}, ErrLimitWithoutApprox,
			"ERR syntax error, LIMIT cannot be used without the special ~ option"},
		{TrimOptions{Strategy: TrimMaxLen, MaxLen: 1}, ErrIDZero, stErrZero},
	}
	for _, tt := range tests {
		s, _ := stNew(t, Options[string]{})
		stUnchanged(t, s, tt.err, tt.redis, fmt.Sprintf("AddWith(ID 0-0, Trim %+v)", tt.trim), func() error {
			_, err := s.AddWith("v", AddOptions{ID: ExplicitID(ID{}), Trim: tt.trim})
			return err
		})
	}
}

func TestStTrimNoStrategyInAddIsNoTrim(t *testing.T) {
	s, _ := stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0")
	_, err := s.AddWith("x", AddOptions{ID: ExplicitID(ID{2, 0}), Trim: TrimOptions{MaxLen: 0, Approx: true}})
	require.NoError(t, err, "AddWith with Approx but no strategy")
	assert.Equal(t, int64(2), s.Len())
}

func TestStTrimApproxOnEveryAdd(t *testing.T) {
	// XADD s MAXLEN ~ 555 <id> f v, 1000 times, with 100-entry nodes:
	// redis-server 7.0 ends with XLEN 600, radix-tree-keys 6, first 401-1.
	s, _ := stNew(t, Options[string]{NodeMaxEntries: 100})
	trim := TrimOptions{Strategy: TrimMaxLen, MaxLen: 555, Approx: true}
	for i := 1; i <= 1000; i++ {
		_, err := s.AddWith("v", AddOptions{ID: ExplicitID(ID{uint64(i), 1}), Trim: trim})
		require.NoErrorf(t, err, "AddWith(%d-1, MAXLEN ~ 555)", i)
	}
	info := s.Info()
	assert.Equal(t, int64(600), info.Length, "Length")
	assert.Equal(t, 6, info.Nodes, "Nodes")
	assert.Equal(t, ID{401, 1}, info.RecordedFirstEntryID, "RecordedFirstEntryID")
	assert.Equal(t, int64(1000), info.EntriesAdded, "EntriesAdded")
	assert.Equal(t, ID{}, info.MaxDeletedEntryID, "trimming leaves MaxDeletedEntryID")
}

// stTrimStep is one Trim call and what redis-server 7.0 answered.
type stTrimStep struct {
	opts      TrimOptions
	want      int64 // XTRIM's reply
	wantLen   int64
	wantNodes int
}

func TestStTrimKeepRef(t *testing.T) {
	maxlen := func(n int64, approx bool, limit int64) TrimOptions {
		return TrimOptions{Strategy: TrimMaxLen, MaxLen: n, Approx: approx, Limit: limit}
	}
	minid := func(ms uint64, approx bool, limit int64) TrimOptions {
		return TrimOptions{Strategy: TrimMinID, MinID: ID{ms, 0}, Approx: approx, Limit: limit}
	}
	tests := []struct {
		name    string
		nodeMax int
		n       int // entries 1-0 .. n-0
		steps   []stTrimStep
	}{
		{"exact MAXLEN then ~ stops at a node", 100, 1000, []stTrimStep{
			{maxlen(555, false, 0), 445, 555, 6},
			{maxlen(444, true, 0), 55, 500, 5},
			{maxlen(444, true, 0), 0, 500, 5},
			{maxlen(500, false, 0), 0, 500, 5},
		}},
		{"LIMIT stops before a node; LIMIT 0 is no limit", 100, 1000, []stTrimStep{
			{maxlen(0, true, 250), 200, 800, 8},
			{maxlen(0, true, 99), 0, 800, 8},
			{maxlen(0, true, NoLimit), 800, 0, 0},
		}},
		{"default limit is 100 nodes", 2, 1000, []stTrimStep{
			{maxlen(0, true, 0), 200, 800, 400},
			{minid(1000, true, 0), 200, 600, 300},
			{minid(1000, false, 0), 599, 1, 1},
		}},
		{"default limit with 100-entry nodes", 100, 1000, []stTrimStep{
			{maxlen(0, true, 0), 1000, 0, 0},
		}},
		{"LIMIT 1 with a 2-entry head node deletes 0", 2, 3, []stTrimStep{
			{maxlen(0, true, 1), 0, 3, 2},
			{maxlen(0, true, 2), 2, 1, 1},
		}},
		{"MINID ~ and exact", 100, 1000, []stTrimStep{
			{minid(250, true, 0), 200, 800, 8},
			{minid(250, false, 0), 49, 751, 8},
			{minid(250, false, 0), 0, 751, 8},
		}},
		{"MINID below the first entry", 2, 10, []stTrimStep{
			{minid(1, false, 0), 0, 10, 5},
			{minid(0, true, 0), 0, 10, 5},
		}},
		{"MAXLEN above the length", 2, 10, []stTrimStep{
			{maxlen(20, false, 0), 0, 10, 5},
			{maxlen(10, true, 0), 0, 10, 5},
		}},
		{"empty stream", 2, 0, []stTrimStep{
			{maxlen(0, false, 0), 0, 0, 0},
			{minid(5, true, NoLimit), 0, 0, 0},
		}},
		{"MAXLEN 0 exact empties", 3, 10, []stTrimStep{
			{maxlen(0, false, 0), 10, 0, 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := stNew(t, Options[string]{NodeMaxEntries: tt.nodeMax})
			stAddRange(t, s, 1, tt.n, 0)
			for i, st := range tt.steps {
				call := fmt.Sprintf("step %d: Trim(%+v)", i, st.opts)
				got, err := s.Trim(st.opts)
				require.NoError(t, err, call)
				assert.Equal(t, st.want, got, call)
				info := s.Info()
				assert.Equal(t, st.wantLen, info.Length, "%s: Length", call)
				assert.Equal(t, st.wantNodes, info.Nodes, "%s: Nodes", call)
				assert.Equal(t, ID{uint64(tt.n), 0}, info.LastGeneratedID, "%s: LastGeneratedID", call)
				assert.Equal(t, int64(tt.n), info.EntriesAdded, "%s: EntriesAdded", call)
				assert.Equal(t, ID{}, info.MaxDeletedEntryID, "%s: MaxDeletedEntryID", call)
				all := stAll(t, s)
				assert.Len(t, all, int(st.wantLen), "%s: Range length", call)
				if len(all) > 0 {
					assert.Equal(t, all[0], info.RecordedFirstEntryID.String(), "%s: RecordedFirstEntryID", call)
					assert.Equal(t, fmt.Sprintf("%d-0", tt.n), all[len(all)-1], "%s: the newest entries stay", call)
				} else {
					assert.Equal(t, ID{}, info.RecordedFirstEntryID, "%s: RecordedFirstEntryID", call)
				}
			}
		})
	}
}

func TestStTrimTombstones(t *testing.T) {
	t.Run("exact trim leaves tombstones that fill the node", func(t *testing.T) {
		// 100-entry nodes: XADD 1..10; XTRIM MAXLEN 5 -> 5, 1 key;
		// XADD 11..100 -> 1 key, length 95; XADD 101 -> 2 keys;
		// XTRIM MAXLEN ~ 1 -> 95, 1 key, length 1.
		s, _ := stNew(t, Options[string]{})
		stAddRange(t, s, 1, 10, 0)
		n, err := s.Trim(TrimOptions{Strategy: TrimMaxLen, MaxLen: 5})
		require.NoError(t, err)
		assert.Equal(t, int64(5), n, "Trim(MAXLEN 5)")
		assert.Equal(t, 1, s.Info().Nodes)
		stAddRange(t, s, 11, 100, 0)
		assert.Equal(t, 1, s.Info().Nodes, "Nodes with 5 tombstones and 95 entries")
		assert.Equal(t, int64(95), s.Len())
		stAddRange(t, s, 101, 101, 0)
		assert.Equal(t, 2, s.Info().Nodes, "Nodes after the 101st add")
		n, err = s.Trim(TrimOptions{Strategy: TrimMaxLen, MaxLen: 1, Approx: true})
		require.NoError(t, err)
		assert.Equal(t, int64(95), n, "Trim(MAXLEN ~ 1)")
		assert.Equal(t, 1, s.Info().Nodes)
		assert.Equal(t, []string{"101-0"}, stAll(t, s))
	})

	t.Run("MINID sees a deleted last entry; an emptied node stays", func(t *testing.T) {
		// 3-entry nodes: XADD 1-0 2-0 3-0; XDEL 3-0 -> 1 key, length 2;
		// XTRIM MINID 3 -> 2, 1 key, length 0; XADD 4-0 -> 2 keys,
		// recorded-first 4-0; XTRIM MAXLEN ~ 0 -> 1, 0 keys.
		s, _ := stNew(t, Options[string]{NodeMaxEntries: 3})
		stAddIDs(t, s, "1-0", "2-0", "3-0")
		s.Delete(ID{3, 0})
		n, err := s.Trim(TrimOptions{Strategy: TrimMinID, MinID: ID{3, 0}})
		require.NoError(t, err)
		assert.Equal(t, int64(2), n, "Trim(MINID 3)")
		info := s.Info()
		assert.Equal(t, 1, info.Nodes, "the emptied node is not freed by an exact trim")
		assert.Equal(t, int64(0), info.Length)
		assert.Equal(t, ID{}, info.RecordedFirstEntryID)
		assert.Equal(t, ID{3, 0}, info.MaxDeletedEntryID, "from the XDEL, not the trim")
		stAddIDs(t, s, "4-0")
		info = s.Info()
		assert.Equal(t, 2, info.Nodes)
		assert.Equal(t, ID{4, 0}, info.RecordedFirstEntryID)
		n, err = s.Trim(TrimOptions{Strategy: TrimMaxLen, Approx: true})
		require.NoError(t, err)
		assert.Equal(t, int64(1), n, "Trim(MAXLEN ~ 0)")
		assert.Equal(t, 0, s.Info().Nodes)
	})
}

func TestStAddMaxLenZero(t *testing.T) {
	// XADD s 1-0; XADD s MAXLEN 0 2-0 -> "2-0"; XINFO: length 0,
	// radix-tree-keys 0, last 2-0, max-deleted 0-0, entries-added 2,
	// recorded-first 0-0.
	s, _ := stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0")
	id, err := s.AddWith("x", AddOptions{ID: ExplicitID(ID{2, 0}), Trim: TrimOptions{Strategy: TrimMaxLen}})
	require.NoError(t, err)
	assert.Equal(t, ID{2, 0}, id, "AddWith(MAXLEN 0, 2-0)")
	assert.Equal(t, StreamInfo[string]{LastGeneratedID: ID{2, 0}, EntriesAdded: 2,
		IdempotencyDuration: s.Info().IdempotencyDuration, IdempotencyMaxSize: 100}, s.Info())
}

func TestStTrimKeepRefLeavesDanglingRefs(t *testing.T) {
	// XADD 1-0 2-0 3-0; XGROUP CREATE s g 0; XREADGROUP ... >; XTRIM s MAXLEN 1
	// -> 2; XPENDING s g -> 3 1-0 3-0 [c 3]; max-deleted-entry-id 0-0.
	s, _ := stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0", "2-0", "3-0")
	g := stGroup(t, s, "g")
	stReadAll(t, g, "c")
	n, err := s.Trim(TrimOptions{Strategy: TrimMaxLen, MaxLen: 1})
	require.NoError(t, err)
	assert.Equal(t, int64(2), n, "Trim(MAXLEN 1)")
	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{Count: 3, Lowest: ID{1, 0}, Highest: ID{3, 0},
		Consumers: []ConsumerPending{{"c", 3}}}, sum, "Pending()")
	assert.Equal(t, ID{}, s.Info().MaxDeletedEntryID)
}

func TestStAddTrimRefModes(t *testing.T) {
	exact1 := func(ref RefMode) TrimOptions { return TrimOptions{Strategy: TrimMaxLen, MaxLen: 1, Ref: ref} }

	t.Run("ACKED keeps unread and pending entries", func(t *testing.T) {
		// XADD 1-0..5-0; XGROUP CREATE mystream mygroup 0;
		// XADD MAXLEN = 1 ACKED 6-0 -> XLEN 6; read 1, XACK 1-0;
		// XADD MAXLEN = 1 ACKED 7-0 -> XLEN 6; read and ack all;
		// XADD MAXLEN = 1 ACKED * -> XLEN 1.
		s, _ := stNew(t, Options[string]{})
		stAddRange(t, s, 1, 5, 0)
		g := stGroup(t, s, "mygroup")
		_, err := s.AddWith("v", AddOptions{ID: ExplicitID(ID{6, 0}), Trim: exact1(Acked)})
		require.NoError(t, err)
		assert.Equal(t, int64(6), s.Len(), "after ACKED add 6-0")
		msgs, err := g.Consumer("consumer1").Read(ReadGroupOptions{Count: 1})
		require.NoError(t, err)
		require.Len(t, msgs, 1)
		_, err = g.Ack(msgs[0].ID)
		require.NoError(t, err)
		_, err = s.AddWith("v", AddOptions{ID: ExplicitID(ID{7, 0}), Trim: exact1(Acked)})
		require.NoError(t, err)
		assert.Equal(t, int64(6), s.Len(), "after ACKED add 7-0")
		assert.Equal(t, []string{"2-0", "3-0", "4-0", "5-0", "6-0", "7-0"}, stAll(t, s))
		ids := stReadAll(t, g, "consumer1")
		_, err = g.Ack(ids...)
		require.NoError(t, err)
		_, err = s.AddWith("v", AddOptions{Trim: exact1(Acked)})
		require.NoError(t, err)
		assert.Equal(t, int64(1), s.Len(), "after ACKED add * with everything acked")
	})

	t.Run("DELREF drops references", func(t *testing.T) {
		// XADD 1-0..5-0; group at 0; read COUNT 1;
		// XADD MAXLEN = 1 DELREF * -> XLEN 1; XPENDING count 0.
		s, _ := stNew(t, Options[string]{})
		stAddRange(t, s, 1, 5, 0)
		g := stGroup(t, s, "mygroup")
		_, err := g.Consumer("consumer1").Read(ReadGroupOptions{Count: 1})
		require.NoError(t, err)
		_, err = s.AddWith("v", AddOptions{Trim: exact1(DelRef)})
		require.NoError(t, err)
		assert.Equal(t, int64(1), s.Len())
		n, _ := stPending(t, g)
		assert.Equal(t, 0, n, "pending after DELREF trim")
		assert.Equal(t, ID{}, s.Info().MaxDeletedEntryID, "trimming leaves MaxDeletedEntryID")
	})

	t.Run("ACKED after ack", func(t *testing.T) {
		// XADD 1-0; group at 0; read 1; XADD MAXLEN = 1 ACKED 2-0 -> XLEN 2;
		// XACK 1-0; XADD MAXLEN = 1 ACKED 3-0 -> XLEN 2.
		s, _ := stNew(t, Options[string]{})
		stAddIDs(t, s, "1-0")
		g := stGroup(t, s, "mygroup")
		stReadAll(t, g, "c")
		_, err := s.AddWith("v", AddOptions{ID: ExplicitID(ID{2, 0}), Trim: exact1(Acked)})
		require.NoError(t, err)
		assert.Equal(t, int64(2), s.Len())
		_, err = g.Ack(ID{1, 0})
		require.NoError(t, err)
		_, err = s.AddWith("v", AddOptions{ID: ExplicitID(ID{3, 0}), Trim: exact1(Acked)})
		require.NoError(t, err)
		assert.Equal(t, int64(2), s.Len())
		assert.Equal(t, []string{"2-0", "3-0"}, stAll(t, s))
	})
}

func TestStTrimRefModes(t *testing.T) {
	type setup struct {
		n    int   // entries 1-0 .. n-0
		ack  []int // ms of the entries acked after the group read everything
		read bool  // whether the group reads everything
	}
	tests := []struct {
		name      string
		nodeMax   int
		setup     setup
		opts      TrimOptions
		want      int64
		wantLeft  []string
		wantPend  []string
		wantNodes int
	}{
		{"spec: MINID ~ 6-0 ACKED", 2, setup{5, []int{1, 2, 4}, true},
			TrimOptions{Strategy: TrimMinID, MinID: ID{6, 0}, Approx: true, Ref: Acked}, 3,
			[]string{"3-0", "5-0"}, []string{"3-0", "5-0"}, 2},
		{"spec: MINID ~ 5-0 DELREF", 2, setup{4, nil, true},
			TrimOptions{Strategy: TrimMinID, MinID: ID{5, 0}, Approx: true, Ref: DelRef}, 4,
			[]string{}, []string{}, 0},
		{"PR 14623: MINID ~ 5-0 ACKED", 2, setup{4, []int{1, 2}, true},
			TrimOptions{Strategy: TrimMinID, MinID: ID{5, 0}, Approx: true, Ref: Acked}, 2,
			[]string{"3-0", "4-0"}, []string{"3-0", "4-0"}, 1},
		{"ACKED MAXLEN skips an older referenced entry", 100, setup{4, []int{2, 3}, true},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 2, Ref: Acked}, 2,
			[]string{"1-0", "4-0"}, []string{"1-0", "4-0"}, 1},
		{"ACKED may leave more than MAXLEN", 100, setup{4, nil, true},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 0, Ref: Acked}, 0,
			[]string{"1-0", "2-0", "3-0", "4-0"}, []string{"1-0", "2-0", "3-0", "4-0"}, 1},
		{"ACKED: unread entries are referenced", 100, setup{4, nil, false},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 0, Ref: Acked}, 0,
			[]string{"1-0", "2-0", "3-0", "4-0"}, []string{}, 1},
		// Redis 8.6+ (#14623): "~" with DELREF/ACKED trims like exact trimming
		// bounded by LIMIT, inside a node it cannot drop whole too.
		{"DELREF ~ trims inside a node it cannot drop whole", 2, setup{5, nil, true},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 4, Approx: true, Ref: DelRef}, 1,
			[]string{"2-0", "3-0", "4-0", "5-0"}, []string{"2-0", "3-0", "4-0", "5-0"}, 3},
		{"DELREF exact trims inside a node", 2, setup{5, nil, true},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 4, Ref: DelRef}, 1,
			[]string{"2-0", "3-0", "4-0", "5-0"}, []string{"2-0", "3-0", "4-0", "5-0"}, 3},
		{"DELREF ~ with LIMIT", 2, setup{6, nil, true},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 0, Approx: true, Limit: 3, Ref: DelRef}, 2,
			[]string{"3-0", "4-0", "5-0", "6-0"}, []string{"3-0", "4-0", "5-0", "6-0"}, 2},
		{"ACKED ~: node kept when an entry is referenced", 2, setup{4, []int{1, 3, 4}, true},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 0, Approx: true, Ref: Acked}, 3,
			[]string{"2-0"}, []string{"2-0"}, 1},
		{"KEEPREF ~ drops whole nodes, pending or not", 2, setup{5, nil, true},
			TrimOptions{Strategy: TrimMaxLen, MaxLen: 1, Approx: true}, 4,
			[]string{"5-0"}, []string{"1-0", "2-0", "3-0", "4-0", "5-0"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := stNew(t, Options[string]{NodeMaxEntries: tt.nodeMax})
			stAddRange(t, s, 1, tt.setup.n, 0)
			g := stGroup(t, s, "mygroup")
			if tt.setup.read {
				stReadAll(t, g, "c")
			}
			for _, ms := range tt.setup.ack {
				n, err := g.Ack(ID{uint64(ms), 0})
				require.NoError(t, err)
				require.Equal(t, 1, n, "Ack(%d-0)", ms)
			}
			call := fmt.Sprintf("Trim(%+v)", tt.opts)
			got, err := s.Trim(tt.opts)
			require.NoError(t, err, call)
			assert.Equal(t, tt.want, got, call)
			assert.Equal(t, tt.wantLeft, stAll(t, s), "%s: entries left", call)
			_, pend := stPending(t, g)
			assert.Equal(t, tt.wantPend, pend, "%s: pending", call)
			info := s.Info()
			assert.Equal(t, tt.wantNodes, info.Nodes, "%s: Nodes", call)
			assert.Equal(t, ID{}, info.MaxDeletedEntryID, "%s: MaxDeletedEntryID", call)
			assert.Equal(t, int64(len(tt.wantLeft)), info.Length, "%s: Length", call)
		})
	}
}

func TestStTrimDelRefCleansEarlierTombstones(t *testing.T) {
	// Redis up to 8.10 leaves the PEL reference of an entry deleted earlier
	// with XDEL (open PR #15581); the library drops it too, as documented.
	s, _ := stNew(t, Options[string]{})
	stAddIDs(t, s, "1-0", "2-0", "3-0")
	g := stGroup(t, s, "g")
	stReadAll(t, g, "c")
	require.Equal(t, 1, s.Delete(ID{1, 0}))
	n, err := s.Trim(TrimOptions{Strategy: TrimMinID, MinID: ID{3, 0}, Ref: DelRef})
	require.NoError(t, err)
	assert.Equal(t, int64(1), n, "Trim(MINID 3-0 DELREF)")
	_, pend := stPending(t, g)
	assert.Equal(t, []string{"3-0"}, pend)
}
