package xstream

// Scripted tests for the consumer-group commands: XGROUP (CREATE, SETID,
// DESTROY, CREATECONSUMER, DELCONSUMER), XREADGROUP ">" and history reads,
// entries-read and lag (XINFO GROUPS), XINFO CONSUMERS, XACK and XPENDING.
// Expected values were checked against a real redis-server 7.0 wherever 7.0
// has the behaviour; where newer Redis differs (ENTRIESREAD clamping, the
// lag fixes of 8.0/8.2, created-on-sight consumers), the spec in
// /work/shared/spec is the judge and the test says so.
//
// Every helper here is prefixed gt so as not to collide with the helpers of
// other test files in the package.

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gtT0 is the ManualClock's start: a realistic Unix time, so that the idle
// time of a released (NACKed) entry, now - 0, is visibly "now".
var gtT0 = time.UnixMilli(1_700_000_000_000)

func gtNew(t testing.TB) (*Stream[string], *ManualClock) {
	t.Helper()
	clk := NewManualClock(gtT0)
	return New(Options[string]{Clock: clk, Name: "s"}), clk
}

// gtID parses an ID for a test table, failing the test if it is malformed.
func gtID(t testing.TB, s string) ID {
	t.Helper()
	id, err := ParseID(s)
	require.NoError(t, err, "ParseID(%q)", s)
	return id
}

// gtIDs parses IDs with gtID.
func gtIDs(t testing.TB, ss ...string) []ID {
	t.Helper()
	out := make([]ID, len(ss))
	for i, s := range ss {
		out[i] = gtID(t, s)
	}
	return out
}

func gtI64(n int64) *int64 { return &n }

// gtRead is Consumer.Read that must succeed; it returns the IDs read.
func gtRead(t testing.TB, g *Group[string], consumer string, opts ReadGroupOptions) []string {
	t.Helper()
	msgs, err := g.Consumer(consumer).Read(opts)
	require.NoError(t, err)
	return gtMsgIDs(msgs)
}

// gtMsgIDs renders messages as their IDs, with "!" after deleted ones; nil
// stays nil.
func gtMsgIDs(msgs []Message[string]) []string {
	if msgs == nil {
		return nil
	}
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID.String()
		if m.Deleted {
			out[i] += "!"
		}
	}
	return out
}

func gtEntryIDs(es []Entry[string]) []string {
	if es == nil {
		return nil
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID.String()
	}
	return out
}

func gtStrs(ids []ID) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out
}

// gtPE is a compact XPENDING extended-form row.
type gtPE struct {
	ID       string
	Consumer string
	IdleMs   int64
	Count    int64
}

// gtPEL lists the whole group PEL (or one consumer's) as XPENDING - + would.
func gtPEL(t testing.TB, g *Group[string], consumer string) []gtPE {
	t.Helper()
	ps, err := g.PendingRange(MinID, MaxID, math.MaxInt32, PendingFilter{Consumer: consumer})
	require.NoError(t, err)
	out := []gtPE{}
	for _, p := range ps {
		out = append(out, gtPE{p.ID.String(), p.Consumer, p.Idle.Milliseconds(), p.Deliveries})
	}
	return out
}

// gtLag is the part of XINFO GROUPS that entries-read and lag tests look at.
type gtLag struct {
	Last        string
	EntriesRead int64 // -1 when Redis replies nil
	Lag         int64 // -1 when Redis replies nil
}

func gtLagOf(t testing.TB, g *Group[string]) gtLag {
	t.Helper()
	gi, err := g.Info()
	require.NoError(t, err)
	l := gtLag{gi.LastDeliveredID.String(), gi.EntriesRead, gi.Lag}
	if !gi.EntriesReadKnown {
		require.Equal(t, int64(-1), gi.EntriesRead, "unknown entries-read")
		l.EntriesRead = -1
	}
	if !gi.LagKnown {
		l.Lag = -1
	}
	return l
}

// gtConsumer is the part of XINFO CONSUMERS that the tests compare.
type gtConsumer struct {
	Name       string
	Pending    int
	IdleMs     int64
	InactiveMs int64
}

func gtConsumers(t testing.TB, g *Group[string]) []gtConsumer {
	t.Helper()
	cs, err := g.Consumers()
	require.NoError(t, err)
	out := []gtConsumer{}
	for _, c := range cs {
		out = append(out, gtConsumer{c.Name, c.Pending, c.Idle.Milliseconds(), c.Inactive.Milliseconds()})
	}
	return out
}

// gtCheck verifies the structural invariants of s with s.check (group PELs,
// consumer PELs, NACK zone and time list among them).
func gtCheck(t testing.TB, s *Stream[string]) {
	t.Helper()
	require.NoError(t, s.check())
}

// gtRequireErr checks that err is the sentinel want, both by errors.Is and by
// its Redis reply text.
func gtRequireErr(t testing.TB, err, want error) {
	t.Helper()
	require.Error(t, err)
	require.True(t, errors.Is(err, want), "err = %v, want %v", err, want)
	text, ok := RedisText(err)
	require.True(t, ok, "RedisText(%v)", err)
	wantText, _ := RedisText(want)
	require.Equal(t, wantText, text)
}

func TestXGroupCreateStartAndEntriesRead(t *testing.T) {
	type tc struct {
		name    string
		entries int // entries 1-0 .. n-0
		start   string
		opts    GroupOptions
		want    gtLag
	}
	tests := []tc{
		// Checked against redis-server 7.0 (XINFO GROUPS).
		{"0", 3, "0-0", GroupOptions{}, gtLag{"0-0", -1, 3}},
		{"incomplete ID", 3, "2", GroupOptions{}, gtLag{"2-0", -1, -1}},
		{"middle ID: lag unknown", 3, "2-0", GroupOptions{}, gtLag{"2-0", -1, -1}},
		{"$", 3, "1-0", GroupOptions{AtEnd: true}, gtLag{"3-0", -1, 0}},
		{"ID after the last", 3, "10-0", GroupOptions{}, gtLag{"10-0", -1, -1}},
		{"ENTRIESREAD 1", 3, "1-0", GroupOptions{EntriesRead: gtI64(1)}, gtLag{"1-0", 1, 2}},
		{"ENTRIESREAD 0", 3, "0-0", GroupOptions{EntriesRead: gtI64(0)}, gtLag{"0-0", 0, 3}},
		{"ENTRIESREAD -1", 3, "0-0", GroupOptions{EntriesRead: gtI64(-1)}, gtLag{"0-0", -1, 3}},
		{"$ ENTRIESREAD 3", 3, "0-0", GroupOptions{AtEnd: true, EntriesRead: gtI64(3)}, gtLag{"3-0", 3, 0}},
		// Redis >= 8.2.2 clamps ENTRIESREAD to entries-added (7.0 keeps 10
		// and reports lag -7). At 0-0 the lag is the length regardless
		// (last-delivered-id is before the first entry, §9.4).
		{"ENTRIESREAD clamped", 3, "0-0", GroupOptions{EntriesRead: gtI64(10)}, gtLag{"0-0", 3, 3}},
		{"$ ENTRIESREAD clamped", 3, "0-0", GroupOptions{AtEnd: true, EntriesRead: gtI64(9999)}, gtLag{"3-0", 3, 0}},
		{"empty stream at $", 0, "0-0", GroupOptions{AtEnd: true}, gtLag{"0-0", -1, 0}},
		{"empty stream ENTRIESREAD clamped to 0", 0, "0-0", GroupOptions{EntriesRead: gtI64(5)}, gtLag{"0-0", 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := gtNew(t)
			stAddRange(t, s, 1, tt.entries, 0)
			g, err := s.CreateGroup("g", gtID(t, tt.start), tt.opts)
			require.NoError(t, err)
			assert.Equal(t, "g", g.Name())
			assert.Same(t, s, g.Stream())
			assert.Equal(t, tt.want, gtLagOf(t, g))
			gi, err := g.Info()
			require.NoError(t, err)
			assert.Equal(t, "g", gi.Name)
			assert.Zero(t, gi.Consumers)
			assert.Zero(t, gi.Pending)
			assert.Zero(t, gi.Nacked)
			assert.Equal(t, []GroupInfo{gi}, s.GroupsInfo())
			assert.Equal(t, []string{"g"}, s.Groups())
			got, ok := s.Group("g")
			require.True(t, ok)
			assert.Equal(t, "g", got.Name())
		})
	}
}

func TestXGroupCreateErrors(t *testing.T) {
	s, _ := gtNew(t)
	stAddRange(t, s, 1, 3, 0)

	// ENTRIESREAD below -1: error, no group.
	_, err := s.CreateGroup("bad", MinID, GroupOptions{EntriesRead: gtI64(-2)})
	gtRequireErr(t, err, ErrEntriesReadInvalid)
	assert.Equal(t, "ERR value for ENTRIESREAD must be positive or -1", ErrEntriesReadInvalid.Redis())
	_, ok := s.Group("bad")
	assert.False(t, ok)
	assert.Empty(t, s.Groups())
	assert.Equal(t, []GroupInfo{}, s.GroupsInfo())

	// BUSYGROUP leaves the existing group as it was.
	g := stGroup(t, s, "g")
	assert.Equal(t, []string{"1-0"}, gtRead(t, g, "c", ReadGroupOptions{Count: 1}))
	before, err := g.Info()
	require.NoError(t, err)
	_, err = s.CreateGroup("g", MinID, GroupOptions{AtEnd: true, EntriesRead: gtI64(3)})
	gtRequireErr(t, err, ErrGroupExists)
	assert.Equal(t, "BUSYGROUP Consumer Group name already exists", ErrGroupExists.Redis())
	after, err := g.Info()
	require.NoError(t, err)
	assert.Equal(t, before, after)
	assert.Equal(t, []gtPE{{"1-0", "c", 0, 1}}, gtPEL(t, g, ""))

	// Groups are listed in byte order.
	stGroup(t, s, "B")
	stGroup(t, s, "a")
	assert.Equal(t, []string{"B", "a", "g"}, s.Groups())
	var names []string
	for _, gi := range s.GroupsInfo() {
		names = append(names, gi.Name)
	}
	assert.Equal(t, []string{"B", "a", "g"}, names)
	gtCheck(t, s)
}

func TestXGroupSetID(t *testing.T) {
	// Checked against redis-server 7.0: 5 entries, group read to the end.
	s, _ := gtNew(t)
	stAddRange(t, s, 1, 5, 0)
	g := stGroup(t, s, "g")
	require.Len(t, gtRead(t, g, "c", ReadGroupOptions{}), 5)
	require.Equal(t, gtLag{"5-0", 5, 0}, gtLagOf(t, g))
	pel := gtPEL(t, g, "")

	steps := []struct {
		name string
		id   ID
		opts GroupOptions
		want gtLag
	}{
		{"0: entries-read unknown, lag = length", MinID, GroupOptions{}, gtLag{"0-0", -1, 5}},
		{"middle: lag unknown", ID{2, 0}, GroupOptions{}, gtLag{"2-0", -1, -1}},
		{"$", MinID, GroupOptions{AtEnd: true}, gtLag{"5-0", -1, 0}},
		{"ENTRIESREAD 2", ID{2, 0}, GroupOptions{EntriesRead: gtI64(2)}, gtLag{"2-0", 2, 3}},
		{"+ (max ID)", MaxID, GroupOptions{}, gtLag{MaxID.String(), -1, -1}},
		{"ENTRIESREAD clamped to entries-added", MinID, GroupOptions{EntriesRead: gtI64(100)}, gtLag{"0-0", 5, 5}},
		{"$ ENTRIESREAD clamped", MinID, GroupOptions{AtEnd: true, EntriesRead: gtI64(100)}, gtLag{"5-0", 5, 0}},
		{"ENTRIESREAD -1", ID{3, 0}, GroupOptions{EntriesRead: gtI64(-1)}, gtLag{"3-0", -1, -1}},
	}
	for _, st := range steps {
		require.NoError(t, g.SetID(st.id, st.opts), st.name)
		assert.Equal(t, st.want, gtLagOf(t, g), st.name)
		assert.Equal(t, pel, gtPEL(t, g, ""), "%s: PEL untouched", st.name)
		assert.Len(t, gtConsumers(t, g), 1, st.name)
	}

	// A bad ENTRIESREAD changes nothing.
	before := gtLagOf(t, g)
	gtRequireErr(t, g.SetID(ID{4, 0}, GroupOptions{EntriesRead: gtI64(-2)}), ErrEntriesReadInvalid)
	assert.Equal(t, before, gtLagOf(t, g))

	// After SETID back, ">" serves the entries again (see also
	// TestXReadGroupRedeliveryAfterSetID).
	require.NoError(t, g.SetID(ID{3, 0}, GroupOptions{}))
	assert.Equal(t, []string{"4-0", "5-0"}, gtRead(t, g, "c", ReadGroupOptions{}))
	assert.Equal(t, gtLag{"5-0", 5, 0}, gtLagOf(t, g))

	// Unknown group.
	require.True(t, s.DestroyGroup("g"))
	gtRequireErr(t, g.SetID(MinID, GroupOptions{}), ErrNoGroup)
	gtCheck(t, s)
}

func TestXGroupDestroy(t *testing.T) {
	s, _ := gtNew(t)
	stAddRange(t, s, 1, 3, 0)
	g := stGroup(t, s, "g")
	other := stGroup(t, s, "other")
	require.Len(t, gtRead(t, g, "c", ReadGroupOptions{}), 3)
	require.Len(t, gtRead(t, other, "c", ReadGroupOptions{Count: 1}), 1)

	assert.True(t, s.DestroyGroup("g"))
	assert.False(t, s.DestroyGroup("g"))
	assert.False(t, s.DestroyGroup("nope"))
	assert.Equal(t, []string{"other"}, s.Groups())
	_, ok := s.Group("g")
	assert.False(t, ok)

	// Every method of a stale handle fails with ErrNoGroup and changes nothing.
	c := g.Consumer("c")
	_, err := g.Info()
	gtRequireErr(t, err, ErrNoGroup)
	_, err = g.Pending()
	gtRequireErr(t, err, ErrNoGroup)
	_, err = g.PendingRange(MinID, MaxID, 10, PendingFilter{})
	gtRequireErr(t, err, ErrNoGroup)
	_, err = g.Ack(ID{1, 0})
	gtRequireErr(t, err, ErrNoGroup)
	_, err = g.CreateConsumer("x")
	gtRequireErr(t, err, ErrNoGroup)
	_, err = g.DeleteConsumer("c")
	gtRequireErr(t, err, ErrNoGroup)
	_, err = g.Consumers()
	gtRequireErr(t, err, ErrNoGroup)
	_, err = g.Nack(NackFail, []ID{{1, 0}}, NackOptions{})
	gtRequireErr(t, err, ErrNoGroup)
	gtRequireErr(t, g.SetID(MinID, GroupOptions{}), ErrNoGroup)
	_, err = c.Read(ReadGroupOptions{})
	gtRequireErr(t, err, ErrNoGroup)
	_, err = c.Read(ReadGroupOptions{Claim: true})
	gtRequireErr(t, err, ErrNoGroup)
	_, err = c.ReadHistory(MinID, 0)
	gtRequireErr(t, err, ErrNoGroup)
	_, err = c.Claim(0, []ID{{1, 0}}, ClaimOptions{})
	gtRequireErr(t, err, ErrNoGroup)
	_, err = c.AutoClaim(0, MinID, AutoClaimOptions{})
	gtRequireErr(t, err, ErrNoGroup)
	_, _, err = c.Info()
	gtRequireErr(t, err, ErrNoGroup)
	assert.Equal(t, []string{"other"}, s.Groups())

	// The other group is untouched.
	assert.Equal(t, []gtPE{{"1-0", "c", 0, 1}}, gtPEL(t, other, ""))

	// Re-creating the name gives a fresh group (XPENDING count 0).
	g2 := stGroup(t, s, "g")
	sum, err := g2.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{}, sum)
	assert.Equal(t, []gtConsumer{}, gtConsumers(t, g2))
	// The old handle works again, since handles go by name.
	_, err = g.Info()
	assert.NoError(t, err)
	gtCheck(t, s)
}

func TestXGroupCreateConsumer(t *testing.T) {
	s, clk := gtNew(t)
	stAddRange(t, s, 1, 1, 0)
	g := stGroup(t, s, "g")

	created, err := g.CreateConsumer("alice")
	require.NoError(t, err)
	assert.True(t, created)
	clk.Advance(50 * time.Millisecond)
	created, err = g.CreateConsumer("alice") // existing: seen time unchanged
	require.NoError(t, err)
	assert.False(t, created)
	created, err = g.CreateConsumer("Alice") // names are case-sensitive
	require.NoError(t, err)
	assert.True(t, created)

	assert.Equal(t, []gtConsumer{{"Alice", 0, 0, -1}, {"alice", 0, 50, -1}}, gtConsumers(t, g))
	ci, found, err := g.Consumer("alice").Info()
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, ConsumerInfo{
		Name: "alice", Idle: 50 * time.Millisecond, Inactive: -time.Millisecond,
		SeenTime: gtT0,
	}, ci)
	assert.True(t, ci.ActiveTime.IsZero())
	_, found, err = g.Consumer("bob").Info()
	require.NoError(t, err)
	assert.False(t, found, "Info does not create a consumer")
	gi, err := g.Info()
	require.NoError(t, err)
	assert.Equal(t, 2, gi.Consumers)
}

func TestXGroupDelConsumer(t *testing.T) {
	s, clk := gtNew(t)
	stAddRange(t, s, 1, 5, 0)
	g := stGroup(t, s, "g")
	require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{Count: 3}), 3)
	require.Len(t, gtRead(t, g, "c2", ReadGroupOptions{Count: 1}), 1)
	// Release 2-0 (XNACK): it no longer belongs to c1.
	n, err := g.Nack(NackFail, gtIDs(t, "2-0"), NackOptions{})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	clk.Advance(10 * time.Millisecond)

	n, err = g.DeleteConsumer("c1")
	require.NoError(t, err)
	assert.Equal(t, 2, n, "1-0 and 3-0; the released 2-0 is not c1's")
	assert.Equal(t, []gtPE{{"2-0", "", -1, 1}, {"4-0", "c2", 10, 1}}, gtPEL(t, g, ""))
	assert.Equal(t, []gtConsumer{{"c2", 1, 10, 10}}, gtConsumers(t, g))
	gi, err := g.Info()
	require.NoError(t, err)
	assert.Equal(t, 1, gi.Consumers)
	assert.Equal(t, 2, gi.Pending)
	assert.Equal(t, 1, gi.Nacked)
	// last-delivered-id and entries-read are not affected.
	assert.Equal(t, gtLag{"4-0", 4, 1}, gtLagOf(t, g))

	n, err = g.DeleteConsumer("c1")
	require.NoError(t, err)
	assert.Zero(t, n)
	n, err = g.DeleteConsumer("nobody")
	require.NoError(t, err)
	assert.Zero(t, n)
	gtCheck(t, s)

	// The released entry is still claimable.
	es, err := g.Consumer("c2").Claim(0, gtIDs(t, "2-0"), ClaimOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"2-0"}, gtEntryIDs(es))
	assert.Equal(t, []gtPE{{"2-0", "c2", 0, 2}, {"4-0", "c2", 10, 1}}, gtPEL(t, g, ""))
	n, err = g.DeleteConsumer("c2")
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{}, sum)
	gtCheck(t, s)
}

// Redis test "Consumer group read counter and lag sanity".
func TestXReadGroupEntriesReadAndLag(t *testing.T) {
	s, _ := gtNew(t)
	stAddRange(t, s, 1, 5, 0)
	g := stGroup(t, s, "g")
	assert.Equal(t, gtLag{"0-0", -1, 5}, gtLagOf(t, g))
	for i := 1; i <= 5; i++ {
		id := ID{Ms: uint64(i)}.String()
		assert.Equal(t, []string{id}, gtRead(t, g, "c1", ReadGroupOptions{Count: 1}))
		assert.Equal(t, gtLag{id, int64(i), int64(5 - i)}, gtLagOf(t, g), "after reading %s", id)
	}
	// Nothing new: nil, and nothing changes.
	assert.Nil(t, gtRead(t, g, "c1", ReadGroupOptions{}))
	assert.Nil(t, gtRead(t, g, "c2", ReadGroupOptions{Count: 1}))
	assert.Equal(t, gtLag{"5-0", 5, 0}, gtLagOf(t, g))
	stAddIDs(t, s, "6-0")
	assert.Equal(t, gtLag{"5-0", 5, 1}, gtLagOf(t, g))
	assert.Equal(t, []string{"6-0"}, gtRead(t, g, "c2", ReadGroupOptions{}))
	assert.Equal(t, gtLag{"6-0", 6, 0}, gtLagOf(t, g))
	assert.Equal(t, []gtConsumer{{"c1", 5, 0, 0}, {"c2", 1, 0, 0}}, gtConsumers(t, g))
	gtCheck(t, s)
}

// Lag scripts of spec §9.3/§9.4. Each step runs an action and then checks
// last-delivered-id / entries-read / lag (-1: nil).
type gtLagStep struct {
	name string
	do   func(t *testing.T, s *Stream[string], g *Group[string])
	want gtLag
}

func gtReadStep(count int, want ...string) func(*testing.T, *Stream[string], *Group[string]) {
	return func(t *testing.T, _ *Stream[string], g *Group[string]) {
		got := gtRead(t, g, "c", ReadGroupOptions{Count: count})
		if len(want) == 0 {
			assert.Nil(t, got)
		} else {
			assert.Equal(t, want, got)
		}
	}
}

func gtDelStep(ids ...string) func(*testing.T, *Stream[string], *Group[string]) {
	return func(t *testing.T, s *Stream[string], _ *Group[string]) {
		assert.Equal(t, len(ids), s.Delete(gtIDs(t, ids...)...))
	}
}

func gtTrimStep(o TrimOptions, removed int64) func(*testing.T, *Stream[string], *Group[string]) {
	return func(t *testing.T, s *Stream[string], _ *Group[string]) {
		n, err := s.Trim(o)
		require.NoError(t, err)
		assert.Equal(t, removed, n)
	}
}

func gtAddStep(ids ...string) func(*testing.T, *Stream[string], *Group[string]) {
	return func(t *testing.T, s *Stream[string], _ *Group[string]) { stAddIDs(t, s, ids...) }
}

func TestXReadGroupLagScripts(t *testing.T) {
	scripts := []struct {
		name    string
		entries int
		start   string
		opts    GroupOptions
		steps   []gtLagStep
	}{
		{
			// redis test "Consumer group lag with XDELs" (checked on 7.0).
			name: "XDEL before reading", entries: 5, start: "0",
			steps: []gtLagStep{
				{"XDEL 3-0", gtDelStep("3-0"), gtLag{"0-0", -1, -1}},
				{"read 1-0", gtReadStep(1, "1-0"), gtLag{"1-0", -1, -1}},
				{"read 2-0", gtReadStep(1, "2-0"), gtLag{"2-0", -1, -1}},
				{"read 4-0", gtReadStep(1, "4-0"), gtLag{"4-0", -1, -1}},
				{"read 5-0", gtReadStep(1, "5-0"), gtLag{"5-0", 5, 0}},
				{"XADD 6-0", gtAddStep("6-0"), gtLag{"5-0", 5, 1}},
				{"XTRIM MINID 3-0", gtTrimStep(TrimOptions{Strategy: TrimMinID, MinID: ID{3, 0}}, 2), gtLag{"5-0", 5, 1}},
				{"read 6-0", gtReadStep(0, "6-0"), gtLag{"6-0", 6, 0}},
			},
		},
		{
			// A tombstone after last-delivered-id makes lag unknown until
			// the group reads past it (checked on 7.0).
			name: "XDEL ahead of the group", entries: 5, start: "0",
			steps: []gtLagStep{
				{"read 2", gtReadStep(2, "1-0", "2-0"), gtLag{"2-0", 2, 3}},
				{"XDEL 4-0", gtDelStep("4-0"), gtLag{"2-0", 2, -1}},
				{"read 3-0", gtReadStep(1, "3-0"), gtLag{"3-0", -1, -1}},
				{"read 5-0", gtReadStep(1, "5-0"), gtLag{"5-0", 5, 0}},
			},
		},
		{
			// A tombstone behind last-delivered-id does not matter (7.0).
			name: "XDEL behind the group", entries: 5, start: "0",
			steps: []gtLagStep{
				{"read 3", gtReadStep(3, "1-0", "2-0", "3-0"), gtLag{"3-0", 3, 2}},
				{"XDEL 1-0", gtDelStep("1-0"), gtLag{"3-0", 3, 2}},
				{"read 4-0", gtReadStep(1, "4-0"), gtLag{"4-0", 4, 1}},
			},
		},
		{
			// redis test "Consumer group lag with XTRIM": once the group's
			// last-delivered-id is trimmed away, the next read re-estimates
			// entries-read (Redis >= 8.0; 7.0 would say 2 and lag 3).
			name: "XTRIM past the group", entries: 5, start: "0",
			steps: []gtLagStep{
				{"read 1-0", gtReadStep(1, "1-0"), gtLag{"1-0", 1, 4}},
				{"XTRIM MAXLEN 1", gtTrimStep(TrimOptions{Strategy: TrimMaxLen, MaxLen: 1}, 4), gtLag{"1-0", 1, 1}},
				{"read 5-0", gtReadStep(1, "5-0"), gtLag{"5-0", 5, 0}},
				{"XADD 6-0", gtAddStep("6-0"), gtLag{"5-0", 5, 1}},
				{"XTRIM MAXLEN 0", gtTrimStep(TrimOptions{Strategy: TrimMaxLen}, 2), gtLag{"5-0", 5, 0}},
			},
		},
		{
			// An emptied stream has lag 0; a new entry then gives lag =
			// length (spec §9.4; Redis 7.0 predates both fixes).
			name: "XTRIM to empty", entries: 3, start: "0",
			steps: []gtLagStep{
				{"read 1-0", gtReadStep(1, "1-0"), gtLag{"1-0", 1, 2}},
				{"XTRIM MAXLEN 0", gtTrimStep(TrimOptions{Strategy: TrimMaxLen}, 3), gtLag{"1-0", 1, 0}},
				{"XADD 4-0", gtAddStep("4-0"), gtLag{"1-0", 1, 1}},
				{"read 4-0", gtReadStep(1, "4-0"), gtLag{"4-0", 4, 0}},
				{"nothing new", gtReadStep(1), gtLag{"4-0", 4, 0}},
			},
		},
		{
			// Group created at $, then entries added (checked on 7.0).
			name: "group at $", entries: 3, opts: GroupOptions{AtEnd: true},
			steps: []gtLagStep{
				{"nothing new", gtReadStep(0), gtLag{"3-0", -1, 0}},
				{"XADD 4-0 5-0", gtAddStep("4-0", "5-0"), gtLag{"3-0", -1, -1}},
				{"read 4-0", gtReadStep(1, "4-0"), gtLag{"4-0", -1, -1}},
				{"read 5-0", gtReadStep(1, "5-0"), gtLag{"5-0", 5, 0}},
			},
		},
		{
			// SETID makes entries-read unknown unless given (checked on 7.0).
			name: "SETID", entries: 5, start: "0",
			steps: []gtLagStep{
				{"read all", gtReadStep(0, "1-0", "2-0", "3-0", "4-0", "5-0"), gtLag{"5-0", 5, 0}},
				{"SETID 0", func(t *testing.T, _ *Stream[string], g *Group[string]) {
					require.NoError(t, g.SetID(MinID, GroupOptions{}))
				}, gtLag{"0-0", -1, 5}},
				{"read 1-0 (NOACK)", func(t *testing.T, _ *Stream[string], g *Group[string]) {
					assert.Equal(t, []string{"1-0"}, gtRead(t, g, "c", ReadGroupOptions{Count: 1, NoAck: true}))
				}, gtLag{"1-0", 1, 4}},
				{"read 2-0", gtReadStep(1, "2-0"), gtLag{"2-0", 2, 3}},
				{"SETID 3-0", func(t *testing.T, _ *Stream[string], g *Group[string]) {
					require.NoError(t, g.SetID(ID{3, 0}, GroupOptions{}))
				}, gtLag{"3-0", -1, -1}},
				{"read 4-0", gtReadStep(1, "4-0"), gtLag{"4-0", -1, -1}},
				{"read 5-0", gtReadStep(1, "5-0"), gtLag{"5-0", 5, 0}},
				{"SETID 1-0 ENTRIESREAD 1", func(t *testing.T, _ *Stream[string], g *Group[string]) {
					require.NoError(t, g.SetID(ID{1, 0}, GroupOptions{EntriesRead: gtI64(1)}))
				}, gtLag{"1-0", 1, 4}},
				{"read 2-0", gtReadStep(1, "2-0"), gtLag{"2-0", 2, 3}},
			},
		},
		{
			// XCLAIM LASTID raises last-delivered-id but not entries-read
			// (checked on 7.0).
			name: "XCLAIM LASTID", entries: 5, start: "0",
			steps: []gtLagStep{
				{"read 3", gtReadStep(3, "1-0", "2-0", "3-0"), gtLag{"3-0", 3, 2}},
				{"XCLAIM LASTID 9-0", func(t *testing.T, _ *Stream[string], g *Group[string]) {
					last := ID{9, 0}
					es, err := g.Consumer("c5").Claim(0, gtIDs(t, "3-0"), ClaimOptions{JustID: true, LastID: &last})
					require.NoError(t, err)
					assert.Equal(t, []string{"3-0"}, gtEntryIDs(es))
				}, gtLag{"9-0", 3, 2}},
				{"XCLAIM LASTID lower is ignored", func(t *testing.T, _ *Stream[string], g *Group[string]) {
					last := ID{4, 0}
					_, err := g.Consumer("c5").Claim(0, nil, ClaimOptions{LastID: &last})
					require.NoError(t, err)
				}, gtLag{"9-0", 3, 2}},
				{"nothing new after 9-0", gtReadStep(0), gtLag{"9-0", 3, 2}},
			},
		},
	}
	for _, sc := range scripts {
		t.Run(sc.name, func(t *testing.T) {
			s, _ := gtNew(t)
			stAddRange(t, s, 1, sc.entries, 0)
			start := MinID
			if sc.start != "" {
				start = gtID(t, sc.start)
			}
			g, err := s.CreateGroup("g", start, sc.opts)
			require.NoError(t, err)
			for _, st := range sc.steps {
				st.do(t, s, g)
				assert.Equal(t, st.want, gtLagOf(t, g), "after %s", st.name)
				gtCheck(t, s)
			}
		})
	}
}

func TestXReadGroupNoAck(t *testing.T) {
	s, clk := gtNew(t)
	stAddRange(t, s, 1, 3, 0)
	g := stGroup(t, s, "g")
	clk.Advance(5 * time.Millisecond)
	msgs, err := g.Consumer("c1").Read(ReadGroupOptions{NoAck: true})
	require.NoError(t, err)
	require.Len(t, msgs, 3)
	assert.Equal(t, Message[string]{ID: ID{1, 0}, Value: "v"}, msgs[0])
	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Zero(t, sum.Count)
	assert.Equal(t, gtLag{"3-0", 3, 0}, gtLagOf(t, g))
	clk.Advance(7 * time.Millisecond)
	// The consumer exists but was never active (NOACK does not count).
	assert.Equal(t, []gtConsumer{{"c1", 0, 7, -1}}, gtConsumers(t, g))
	assert.Nil(t, gtRead(t, g, "c1", ReadGroupOptions{NoAck: true}))
	assert.Equal(t, []gtConsumer{{"c1", 0, 0, -1}}, gtConsumers(t, g))
	gtCheck(t, s)
}

func TestXReadGroupCount(t *testing.T) {
	s, clk := gtNew(t)
	stAddRange(t, s, 1, 5, 0)
	g := stGroup(t, s, "g")
	assert.Equal(t, []string{"1-0", "2-0"}, gtRead(t, g, "c", ReadGroupOptions{Count: 2}))
	assert.Equal(t, []string{"3-0", "4-0", "5-0"}, gtRead(t, g, "c", ReadGroupOptions{Count: 10}))

	// A negative count is an error and changes nothing: no consumer is
	// created, nothing is delivered.
	stAddIDs(t, s, "6-0")
	clk.Advance(time.Second)
	before := gtConsumers(t, g)
	_, err := g.Consumer("new").Read(ReadGroupOptions{Count: -1})
	gtRequireErr(t, err, ErrNegativeCount)
	_, err = g.Consumer("new").Read(ReadGroupOptions{MinIdle: -time.Millisecond, Claim: true})
	gtRequireErr(t, err, ErrNegativeMinIdle)
	_, err = g.Consumer("c").ReadHistory(MinID, -1)
	gtRequireErr(t, err, ErrNegativeCount)
	assert.Equal(t, before, gtConsumers(t, g))
	assert.Equal(t, gtLag{"5-0", 5, 1}, gtLagOf(t, g))
	assert.Len(t, gtPEL(t, g, ""), 5)
	gtCheck(t, s)
}

func TestXReadGroupUnknownGroup(t *testing.T) {
	s, _ := gtNew(t)
	stAddRange(t, s, 1, 1, 0)
	g := stGroup(t, s, "g")
	_, err := s.CreateGroup("gone", MinID, GroupOptions{})
	require.NoError(t, err)
	gone, _ := s.Group("gone")
	require.True(t, s.DestroyGroup("gone"))
	_, err = gone.Consumer("c").Read(ReadGroupOptions{})
	gtRequireErr(t, err, ErrNoGroup)
	_, err = ReadGroup(t.Context(), "nope", "c", []GroupRead[string]{{Stream: s}}, ReadGroupOptions{})
	gtRequireErr(t, err, ErrNoGroup)
	// Every stream's group is checked before anything changes: s has "g",
	// s2 does not, so nothing is delivered from s and no consumer appears.
	s2, _ := gtNew(t)
	stAddRange(t, s2, 1, 1, 0)
	_, err = ReadGroup(t.Context(), "g", "c", []GroupRead[string]{{Stream: s}, {Stream: s2}}, ReadGroupOptions{})
	gtRequireErr(t, err, ErrNoGroup)
	assert.Equal(t, gtLag{"0-0", -1, 1}, gtLagOf(t, g))
	assert.Equal(t, []gtConsumer{}, gtConsumers(t, g))
	assert.Empty(t, gtPEL(t, g, ""))
}

// After SETID moves back, ">" re-delivers entries already pending: the owner
// changes and the count restarts at 1; NOACK leaves the pending entry as it
// is. Checked against redis-server 7.0.
func TestXReadGroupRedeliveryAfterSetID(t *testing.T) {
	s, clk := gtNew(t)
	stAddRange(t, s, 1, 3, 0)
	g := stGroup(t, s, "g")
	require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{}), 3)
	_, err := g.Consumer("c1").Claim(0, gtIDs(t, "1-0", "2-0"), ClaimOptions{JustID: true, RetryCount: gtI64(5)})
	require.NoError(t, err)
	clk.Advance(10 * time.Millisecond)
	require.NoError(t, g.SetID(MinID, GroupOptions{}))

	assert.Equal(t, []string{"1-0"}, gtRead(t, g, "c2", ReadGroupOptions{Count: 1, NoAck: true}))
	assert.Equal(t, []gtPE{{"1-0", "c1", 10, 5}, {"2-0", "c1", 10, 5}, {"3-0", "c1", 10, 1}}, gtPEL(t, g, ""))
	clk.Advance(10 * time.Millisecond)
	assert.Equal(t, []string{"2-0"}, gtRead(t, g, "c2", ReadGroupOptions{Count: 1}))
	assert.Equal(t, []gtPE{{"1-0", "c1", 20, 5}, {"2-0", "c2", 0, 1}, {"3-0", "c1", 20, 1}}, gtPEL(t, g, ""))
	assert.Equal(t, gtLag{"2-0", 2, 1}, gtLagOf(t, g))
	assert.Equal(t, []gtConsumer{{"c1", 2, 20, 20}, {"c2", 1, 0, 0}}, gtConsumers(t, g))
	// Re-delivery of all remaining to a third consumer.
	require.NoError(t, g.SetID(MinID, GroupOptions{}))
	assert.Equal(t, []string{"1-0", "2-0", "3-0"}, gtRead(t, g, "c3", ReadGroupOptions{}))
	assert.Equal(t, []gtPE{{"1-0", "c3", 0, 1}, {"2-0", "c3", 0, 1}, {"3-0", "c3", 0, 1}}, gtPEL(t, g, ""))
	assert.Equal(t, []gtConsumer{{"c1", 0, 20, 20}, {"c2", 0, 0, 0}, {"c3", 3, 0, 0}}, gtConsumers(t, g))
	gtCheck(t, s)
}

// XINFO CONSUMERS: seen-time moves on every attempt, active-time only when
// something is delivered or claimed (spec §14.3).
func TestXInfoConsumersSeenAndActiveTime(t *testing.T) {
	s, clk := gtNew(t)
	g := stGroup(t, s, "g")
	step := func(name string, do func(), want []gtConsumer) {
		t.Helper()
		do()
		clk.Advance(10 * time.Millisecond)
		assert.Equal(t, want, gtConsumers(t, g), "10ms after %s", name)
	}
	c := g.Consumer("c")
	step("read of an empty stream creates the consumer", func() {
		assert.Nil(t, gtRead(t, g, "c", ReadGroupOptions{}))
	}, []gtConsumer{{"c", 0, 10, -1}})
	stAddRange(t, s, 1, 3, 0)
	step("read", func() {
		assert.Equal(t, []string{"1-0"}, gtRead(t, g, "c", ReadGroupOptions{Count: 1}))
	}, []gtConsumer{{"c", 1, 10, 10}})
	step("NOACK read", func() {
		assert.Equal(t, []string{"2-0"}, gtRead(t, g, "c", ReadGroupOptions{Count: 1, NoAck: true}))
	}, []gtConsumer{{"c", 1, 10, 20}})
	step("history read", func() {
		msgs, err := c.ReadHistory(MinID, 0)
		require.NoError(t, err)
		assert.Equal(t, []string{"1-0"}, gtMsgIDs(msgs))
	}, []gtConsumer{{"c", 1, 10, 30}})
	step("claiming read that only finds a new entry", func() {
		assert.Equal(t, []string{"3-0"}, gtRead(t, g, "c", ReadGroupOptions{Claim: true, MinIdle: time.Hour}))
	}, []gtConsumer{{"c", 2, 10, 10}})
	step("claim of nothing idle enough", func() {
		es, err := g.Consumer("d").Claim(time.Hour, gtIDs(t, "1-0"), ClaimOptions{})
		require.NoError(t, err)
		assert.Equal(t, []Entry[string]{}, es)
	}, []gtConsumer{{"c", 2, 20, 20}, {"d", 0, 10, -1}})
	step("auto-claim of nothing idle enough", func() {
		res, err := g.Consumer("e").AutoClaim(time.Hour, MinID, AutoClaimOptions{})
		require.NoError(t, err)
		assert.Empty(t, res.Claimed)
	}, []gtConsumer{{"c", 2, 30, 30}, {"d", 0, 20, -1}, {"e", 0, 10, -1}})
	step("claim", func() {
		es, err := g.Consumer("d").Claim(0, gtIDs(t, "1-0"), ClaimOptions{})
		require.NoError(t, err)
		assert.Len(t, es, 1)
	}, []gtConsumer{{"c", 1, 40, 40}, {"d", 1, 10, 10}, {"e", 0, 20, -1}})
	step("auto-claim", func() {
		res, err := g.Consumer("e").AutoClaim(0, MinID, AutoClaimOptions{Count: 1})
		require.NoError(t, err)
		assert.Len(t, res.Claimed, 1)
	}, []gtConsumer{{"c", 1, 50, 50}, {"d", 0, 20, 20}, {"e", 1, 10, 10}})
	step("claiming read", func() {
		msgs, err := g.Consumer("f").Read(ReadGroupOptions{Claim: true})
		require.NoError(t, err)
		assert.Equal(t, []string{"3-0", "1-0"}, gtMsgIDs(msgs))
	}, []gtConsumer{{"c", 0, 60, 60}, {"d", 0, 30, 30}, {"e", 0, 20, 20}, {"f", 2, 10, 10}})

	// A clock going backwards never gives a negative idle (inactive is not
	// clamped, as in Redis).
	clk.Advance(-time.Second)
	cs := gtConsumers(t, g)
	assert.Equal(t, gtConsumer{"f", 2, 0, -990}, cs[3])
}

// History reads (XREADGROUP ... <id>): the consumer's own PEL only, after
// the ID (exclusive), deleted entries reported and left alone.
func TestXReadGroupHistory(t *testing.T) {
	s, clk := gtNew(t)
	stAddRange(t, s, 1, 5, 0)
	g := stGroup(t, s, "g")
	c1 := g.Consumer("c1")
	require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{Count: 3}), 3)
	require.Len(t, gtRead(t, g, "c2", ReadGroupOptions{Count: 1}), 1)
	lag := gtLagOf(t, g)
	clk.Advance(100 * time.Millisecond)

	hist := func(after string, count int) []string {
		t.Helper()
		msgs, err := c1.ReadHistory(gtID(t, after), count)
		require.NoError(t, err)
		require.NotNil(t, msgs, "a history read never returns nil")
		for _, m := range msgs {
			if !m.Deleted {
				assert.Equal(t, "v", m.Value)
			} else {
				assert.Equal(t, "", m.Value)
			}
			assert.Zero(t, m.Idle)
			assert.Zero(t, m.Deliveries)
		}
		return gtMsgIDs(msgs)
	}

	assert.Equal(t, []string{"1-0", "2-0", "3-0"}, hist("0-0", 0))
	assert.Equal(t, []gtPE{{"1-0", "c1", 0, 2}, {"2-0", "c1", 0, 2}, {"3-0", "c1", 0, 2}, {"4-0", "c2", 100, 1}}, gtPEL(t, g, ""))
	clk.Advance(10 * time.Millisecond)
	assert.Equal(t, []string{"2-0", "3-0"}, hist("1-0", 0), "the ID is exclusive")
	assert.Equal(t, []string{"2-0", "3-0"}, hist("1", 0), "incomplete ID 1 is 1-0")
	assert.Equal(t, []string{"1-0", "2-0"}, hist("0-0", 2))
	assert.Equal(t, []gtPE{{"1-0", "c1", 0, 3}, {"2-0", "c1", 0, 5}, {"3-0", "c1", 0, 4}, {"4-0", "c2", 110, 1}}, gtPEL(t, g, ""))

	// A deleted entry comes back as Deleted, its count and time untouched;
	// it counts toward COUNT.
	require.Equal(t, 1, s.Delete(ID{2, 0}))
	clk.Advance(10 * time.Millisecond)
	assert.Equal(t, []string{"1-0", "2-0!", "3-0"}, hist("0-0", 0))
	assert.Equal(t, []gtPE{{"1-0", "c1", 0, 4}, {"2-0", "c1", 10, 5}, {"3-0", "c1", 0, 5}, {"4-0", "c2", 120, 1}}, gtPEL(t, g, ""))
	assert.Equal(t, []string{"1-0", "2-0!"}, hist("0-0", 2))

	// Nothing after: an empty, non-nil list.
	assert.Equal(t, []string{}, hist("3-0", 0))
	assert.Equal(t, []string{}, hist("9-0", 5))

	// History reads change neither last-delivered-id, entries-read nor
	// active-time; they do move seen-time.
	assert.Equal(t, lag, gtLagOf(t, g))
	clk.Advance(5 * time.Millisecond)
	assert.Equal(t, []gtConsumer{{"c1", 3, 5, 125}, {"c2", 1, 125, 125}}, gtConsumers(t, g))

	// A consumer that owns nothing (created by the read) gets an empty list.
	msgs, err := g.Consumer("c3").ReadHistory(MinID, 0)
	require.NoError(t, err)
	assert.Equal(t, []Message[string]{}, msgs)
	assert.Len(t, gtConsumers(t, g), 3)

	// Released (NACKed) entries are nobody's: not in c1's history.
	_, err = g.Nack(NackFail, gtIDs(t, "1-0", "3-0"), NackOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"2-0!"}, hist("0-0", 0))
	gtCheck(t, s)
}

// XPENDING, summary and extended forms (checked against redis-server 7.0).
func TestXPending(t *testing.T) {
	s, clk := gtNew(t)
	stAddRange(t, s, 1, 5, 0)
	g := stGroup(t, s, "g")

	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{}, sum, "empty PEL: 0, nil, nil, nil")
	assert.Empty(t, gtPEL(t, g, ""))

	require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{Count: 2}), 2)
	clk.Advance(10 * time.Millisecond)
	require.Len(t, gtRead(t, g, "c2", ReadGroupOptions{Count: 2}), 2)
	clk.Advance(5 * time.Millisecond)

	sum, err = g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{
		Count: 4, Lowest: ID{1, 0}, Highest: ID{4, 0},
		Consumers: []ConsumerPending{{"c1", 2}, {"c2", 2}},
	}, sum)

	all := []gtPE{{"1-0", "c1", 15, 1}, {"2-0", "c1", 15, 1}, {"3-0", "c2", 5, 1}, {"4-0", "c2", 5, 1}}
	rng := func(start, end string, count int, f PendingFilter) []gtPE {
		t.Helper()
		lo, err := ParseRangeStart(start)
		require.NoError(t, err)
		hi, err := ParseRangeEnd(end)
		require.NoError(t, err)
		ps, err := g.PendingRange(lo, hi, count, f)
		require.NoError(t, err)
		out := []gtPE{}
		for _, p := range ps {
			out = append(out, gtPE{p.ID.String(), p.Consumer, p.Idle.Milliseconds(), p.Deliveries})
		}
		return out
	}
	tests := []struct {
		name       string
		start, end string
		count      int
		f          PendingFilter
		want       []gtPE
	}{
		{"all", "-", "+", 10, PendingFilter{}, all},
		{"count", "-", "+", 3, PendingFilter{}, all[:3]},
		{"count 0", "-", "+", 0, PendingFilter{}, []gtPE{}},
		{"exclusive bounds", "(1-0", "(4-0", 10, PendingFilter{}, all[1:3]},
		{"incomplete end means <ms>-max", "-", "3", 10, PendingFilter{}, all[:3]},
		{"incomplete start means <ms>-0", "2", "+", 10, PendingFilter{}, all[1:]},
		{"start > end", "3", "2", 10, PendingFilter{}, []gtPE{}},
		{"consumer", "-", "+", 10, PendingFilter{Consumer: "c2"}, all[2:]},
		{"consumer and range", "-", "3-0", 10, PendingFilter{Consumer: "c2"}, all[2:3]},
		{"unknown consumer", "-", "+", 10, PendingFilter{Consumer: "nobody"}, []gtPE{}},
		{"IDLE", "-", "+", 10, PendingFilter{MinIdle: 10 * time.Millisecond}, all[:2]},
		{"IDLE exact boundary", "-", "+", 10, PendingFilter{MinIdle: 15 * time.Millisecond}, all[:2]},
		{"IDLE none", "-", "+", 10, PendingFilter{MinIdle: 16 * time.Millisecond}, []gtPE{}},
		{"IDLE and consumer", "-", "+", 10, PendingFilter{Consumer: "c2", MinIdle: 10 * time.Millisecond}, []gtPE{}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, rng(tt.start, tt.end, tt.count, tt.f), tt.name)
	}

	// Entries skipped by IDLE do not use up COUNT: make 1-0 fresh again.
	_, err = g.Consumer("c1").ReadHistory(MinID, 1)
	require.NoError(t, err)
	assert.Equal(t, []gtPE{{"2-0", "c1", 15, 1}}, rng("-", "+", 1, PendingFilter{MinIdle: 10 * time.Millisecond}))

	// Interval errors come from parsing.
	_, err = ParseRangeStart("(" + MaxID.String())
	gtRequireErr(t, err, ErrInvalidStartInterval)
	assert.Equal(t, "ERR invalid start ID for the interval", ErrInvalidStartInterval.Redis())
	_, err = ParseRangeEnd("(0-0")
	gtRequireErr(t, err, ErrInvalidEndInterval)
	assert.Equal(t, "ERR invalid end ID for the interval", ErrInvalidEndInterval.Redis())
	_, err = ParseRangeStart("(-")
	gtRequireErr(t, err, ErrInvalidID)

	// Bad arguments are errors; XPENDING changes nothing and creates no
	// consumer.
	before := gtPEL(t, g, "")
	_, err = g.PendingRange(MinID, MaxID, -1, PendingFilter{})
	gtRequireErr(t, err, ErrNegativeCount)
	_, err = g.PendingRange(MinID, MaxID, 1, PendingFilter{MinIdle: -time.Millisecond})
	gtRequireErr(t, err, ErrNegativeMinIdle)
	assert.Equal(t, before, gtPEL(t, g, ""))
	assert.Len(t, gtConsumers(t, g), 2)

	// Released entries: consumer "", idle -1ms; they pass any IDLE filter,
	// are in the summary total and bounds but in no consumer's count.
	_, err = g.Nack(NackFail, gtIDs(t, "4-0"), NackOptions{})
	require.NoError(t, err)
	assert.Equal(t, []gtPE{{"4-0", "", -1, 1}}, rng("-", "+", 10, PendingFilter{MinIdle: time.Hour}))
	assert.Equal(t, []gtPE{{"3-0", "c2", 5, 1}}, rng("-", "+", 10, PendingFilter{Consumer: "c2"}))
	sum, err = g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{
		Count: 4, Lowest: ID{1, 0}, Highest: ID{4, 0},
		Consumers: []ConsumerPending{{"c1", 2}, {"c2", 1}},
	}, sum)

	// Consumers without pending entries are left out of the summary; a
	// clock going backwards never gives a negative idle.
	_, err = g.Ack(gtIDs(t, "1-0", "2-0")...)
	require.NoError(t, err)
	clk.Advance(-time.Second)
	sum, err = g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{
		Count: 2, Lowest: ID{3, 0}, Highest: ID{4, 0},
		Consumers: []ConsumerPending{{"c2", 1}},
	}, sum)
	assert.Equal(t, []gtPE{{"3-0", "c2", 0, 1}, {"4-0", "", -1, 1}}, gtPEL(t, g, ""))
	gtCheck(t, s)
}

// XACK (checked against redis-server 7.0).
func TestXAck(t *testing.T) {
	s, _ := gtNew(t)
	stAddRange(t, s, 1, 5, 0)
	g := stGroup(t, s, "g")
	require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{Count: 2}), 2)
	require.Len(t, gtRead(t, g, "c2", ReadGroupOptions{Count: 2}), 2)
	lag := gtLagOf(t, g)

	ack := func(ids ...string) int {
		t.Helper()
		n, err := g.Ack(gtIDs(t, ids...)...)
		require.NoError(t, err)
		return n
	}
	assert.Equal(t, 0, ack(), "no IDs")
	assert.Equal(t, 2, ack("1-0", "1-0", "3-0"), "a repeated ID counts once")
	assert.Equal(t, 0, ack("1-0", "5-0", "9-0"), "acked, never delivered, missing")
	// A pending entry deleted from the stream is still acknowledged.
	require.Equal(t, 1, s.Delete(ID{2, 0}))
	assert.Equal(t, 1, ack("2-0"))
	// A released entry is acknowledged like any other.
	_, err := g.Nack(NackFail, gtIDs(t, "4-0"), NackOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, ack("4-0"))

	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{}, sum)
	gi, err := g.Info()
	require.NoError(t, err)
	assert.Zero(t, gi.Nacked)
	// The entries stay; last-delivered-id and entries-read do not move;
	// consumers stay.
	assert.Equal(t, int64(4), s.Len())
	assert.Equal(t, lag.Last, gtLagOf(t, g).Last)
	assert.Equal(t, lag.EntriesRead, gtLagOf(t, g).EntriesRead)
	assert.Equal(t, []gtConsumer{{"c1", 0, 0, 0}, {"c2", 0, 0, 0}}, gtConsumers(t, g))

	// Unknown group (Redis replies 0 there; see the package's Differences).
	require.True(t, s.DestroyGroup("g"))
	_, err = g.Ack(ID{1, 0})
	gtRequireErr(t, err, ErrNoGroup)
	gtCheck(t, s)
}
