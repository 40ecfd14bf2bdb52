package xstream

// Tests for XNACK (Group.Nack, Redis 8.8; spec redis8-streams.md §4). Redis
// 7.0 has no XNACK, so the spec's test list (§4.7) is the judge.

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gtNack is Group.Nack that must succeed.
func gtNack(t testing.TB, g *Group[string], mode NackMode, o NackOptions, ids ...string) int {
	t.Helper()
	n, err := g.Nack(mode, gtIDs(t, ids...), o)
	require.NoError(t, err)
	return n
}

func gtNacked(t testing.TB, g *Group[string]) (nacked, pending int) {
	t.Helper()
	gi, err := g.Info()
	require.NoError(t, err)
	return gi.Nacked, gi.Pending
}

const gtMaxCount = math.MaxInt64

func TestXNackModes(t *testing.T) {
	t.Run("SILENT decrements, not below 0", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 1)
		assert.Equal(t, 1, gtNack(t, g, NackSilent, NackOptions{}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 0}}, gtPEL(t, g, ""))
		_, err := g.Consumer("c2").Claim(0, gtIDs(t, "1-0"), ClaimOptions{RetryCount: gtI64(0)})
		require.NoError(t, err)
		assert.Equal(t, 1, gtNack(t, g, NackSilent, NackOptions{}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 0}}, gtPEL(t, g, ""))
		for range 3 {
			_, err := g.Consumer("c2").Claim(0, gtIDs(t, "1-0"), ClaimOptions{})
			require.NoError(t, err)
		}
		assert.Equal(t, 1, gtNack(t, g, NackSilent, NackOptions{}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 2}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("FAIL keeps the count", func(t *testing.T) {
		_, _, g := gtClaimSetup(t, 2, 1)
		assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 1}}, gtPEL(t, g, ""))
	})
	t.Run("FATAL sets the maximum", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 2, 1)
		assert.Equal(t, 1, gtNack(t, g, NackFatal, NackOptions{}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, gtMaxCount}}, gtPEL(t, g, ""))
		// A claiming read reports the count before the increment, which
		// saturates; the idle of a released entry is now - 0.
		clk.Advance(gtMs)
		assert.Equal(t, []gtCM{{"1-0", gtT0.UnixMilli() + 1, gtMaxCount}, {"2-0", 0, 0}}, gtClaimRead(t, g, "c2", ReadGroupOptions{}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, gtMaxCount}, {"2-0", "c2", 0, 1}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("invalid mode and RETRYCOUNT change nothing", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 2)
		before := gtPEL(t, g, "")
		for _, m := range []NackMode{0, NackFatal + 1, 255} {
			_, err := g.Nack(m, gtIDs(t, "1-0"), NackOptions{})
			gtRequireErr(t, err, ErrInvalidNackMode)
		}
		assert.Equal(t, "ERR mode must be SILENT, FAIL, or FATAL", ErrInvalidNackMode.Redis())
		_, err := g.Nack(NackFail, gtIDs(t, "1-0"), NackOptions{RetryCount: gtI64(-1)})
		gtRequireErr(t, err, ErrNegativeRetryCount)
		assert.Equal(t, "ERR Invalid RETRYCOUNT value, must be >= 0", ErrNegativeRetryCount.Redis())
		assert.Equal(t, before, gtPEL(t, g, ""))
		require.True(t, s.DestroyGroup("g"))
		_, err = g.Nack(NackFail, gtIDs(t, "1-0"), NackOptions{})
		gtRequireErr(t, err, ErrNoGroup)
	})
}

func TestXNackOwnershipAndReporting(t *testing.T) {
	s, clk, g := gtClaimSetup(t, 3, 2) // c1 owns 1-0, 2-0
	require.Len(t, gtRead(t, g, "c2", ReadGroupOptions{}), 1)
	lag := gtLagOf(t, g)
	clk.Advance(10 * gtMs)
	assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "3-0"))
	assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "1-0"))
	assert.Equal(t, []gtPE{{"1-0", "", -1, 1}, {"2-0", "c1", 10, 1}, {"3-0", "", -1, 1}}, gtPEL(t, g, ""))
	assert.Equal(t, []gtPE{{"2-0", "c1", 10, 1}}, gtPEL(t, g, "c1"))
	assert.Equal(t, []gtPE{}, gtPEL(t, g, "c2"))
	gi, err := g.Info()
	require.NoError(t, err)
	assert.Equal(t, 2, gi.Consumers, "consumers are never deleted by XNACK")
	assert.Equal(t, 3, gi.Pending)
	assert.Equal(t, 2, gi.Nacked)
	// XNACK touches neither last-delivered-id, entries-read, lag nor the
	// consumers' times.
	assert.Equal(t, lag, gtLagOf(t, g))
	assert.Equal(t, []gtConsumer{{"c1", 1, 10, 10}, {"c2", 0, 10, 10}}, gtConsumers(t, g))

	// XINFO STREAM FULL: released entries with consumer "" and no delivery time.
	full, err := s.InfoFull(0)
	require.NoError(t, err)
	require.Len(t, full.GroupsFull, 1)
	gf := full.GroupsFull[0]
	assert.Equal(t, 2, gf.Nacked)
	assert.Equal(t, []PendingDetail{
		{ID: ID{1, 0}, Deliveries: 1},
		{ID: ID{2, 0}, Consumer: "c1", DeliveryTime: gtT0, Deliveries: 1},
		{ID: ID{3, 0}, Deliveries: 1},
	}, gf.PendingEntries)
	require.Len(t, gf.ConsumersFull, 2)
	assert.Len(t, gf.ConsumersFull[0].PendingEntries, 1)
	assert.Empty(t, gf.ConsumersFull[1].PendingEntries)

	// Summary: the total and bounds include released entries.
	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Equal(t, PendingSummary{Count: 3, Lowest: ID{1, 0}, Highest: ID{3, 0}, Consumers: []ConsumerPending{{"c1", 1}}}, sum)

	// Releasing the last owned entry leaves the consumer with 0 pending.
	assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "2-0"))
	assert.Equal(t, []gtConsumer{{"c1", 0, 10, 10}, {"c2", 0, 10, 10}}, gtConsumers(t, g))
	gtCheck(t, s)
}

func TestXNackReturnCounts(t *testing.T) {
	s, _, g := gtClaimSetup(t, 3, 3)
	assert.Equal(t, 0, gtNack(t, g, NackFail, NackOptions{}, "9-9"))
	assert.Equal(t, 3, gtNack(t, g, NackSilent, NackOptions{}, "1-0", "2-0", "3-0"))
	assert.Equal(t, []gtPE{{"1-0", "", -1, 0}, {"2-0", "", -1, 0}, {"3-0", "", -1, 0}}, gtPEL(t, g, ""))
	_, err := g.Consumer("c1").Claim(0, gtIDs(t, "1-0", "2-0", "3-0"), ClaimOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, gtNack(t, g, NackFail, NackOptions{}, "1-0", "9-9", "2-0", "8-8", "3-0"))
	_, err = g.Consumer("c1").Claim(0, gtIDs(t, "1-0"), ClaimOptions{})
	require.NoError(t, err)
	assert.Equal(t, 2, gtNack(t, g, NackFail, NackOptions{}, "1-0", "1-0"), "repeats count again")
	assert.Equal(t, []gtPE{{"1-0", "", -1, 2}, {"2-0", "", -1, 1}, {"3-0", "", -1, 1}}, gtPEL(t, g, ""))
	assert.Equal(t, 3, mustAck(t, g, "1-0", "2-0", "3-0"))
	assert.Equal(t, 0, gtNack(t, g, NackFail, NackOptions{}, "1-0"))

	// 50 IDs at once.
	s2, _, g2 := gtClaimSetup(t, 50, 50)
	var ids []string
	for i := 1; i <= 50; i++ {
		ids = append(ids, ID{Ms: uint64(i)}.String())
	}
	assert.Equal(t, 50, gtNack(t, g2, NackFail, NackOptions{}, ids...))
	nacked, pending := gtNacked(t, g2)
	assert.Equal(t, 50, nacked)
	assert.Equal(t, 50, pending)
	assert.Equal(t, []gtConsumer{{"c1", 0, 0, 0}}, gtConsumers(t, g2))
	gtCheck(t, s)
	gtCheck(t, s2)
}

func mustAck(t testing.TB, g *Group[string], ids ...string) int {
	t.Helper()
	n, err := g.Ack(gtIDs(t, ids...)...)
	require.NoError(t, err)
	return n
}

func TestXNackReNackAndRetryCount(t *testing.T) {
	s, _, g := gtClaimSetup(t, 2, 1)
	steps := []struct {
		mode  NackMode
		o     NackOptions
		count int64
	}{
		{NackFail, NackOptions{}, 1},
		{NackFail, NackOptions{}, 1},
		{NackSilent, NackOptions{}, 0},
		{NackFatal, NackOptions{}, gtMaxCount},
		{NackFail, NackOptions{}, gtMaxCount},
		{NackFatal, NackOptions{RetryCount: gtI64(42)}, 42},
		{NackSilent, NackOptions{RetryCount: gtI64(10)}, 10},
		{NackFail, NackOptions{RetryCount: gtI64(0)}, 0},
		{NackFail, NackOptions{RetryCount: gtI64(99)}, 99},
	}
	for i, st := range steps {
		assert.Equal(t, 1, gtNack(t, g, st.mode, st.o, "1-0"), "step %d", i)
		assert.Equal(t, []gtPE{{"1-0", "", -1, st.count}}, gtPEL(t, g, ""), "step %d", i)
		nacked, pending := gtNacked(t, g)
		assert.Equal(t, 1, nacked)
		assert.Equal(t, 1, pending)
	}
	gtCheck(t, s)
}

func TestXNackForce(t *testing.T) {
	t.Run("creates released entries for existing, unpending IDs", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 0)
		assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{Force: true}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 0}}, gtPEL(t, g, ""))
		es, err := g.Consumer("c1").Claim(0, gtIDs(t, "1-0"), ClaimOptions{})
		require.NoError(t, err)
		assert.Equal(t, []string{"1-0"}, gtEntryIDs(es))
		assert.Equal(t, []gtPE{{"1-0", "c1", 0, 1}}, gtPEL(t, g, ""))
		assert.Equal(t, 0, gtNack(t, g, NackFail, NackOptions{Force: true}, "9-9"), "no such entry")
		assert.Equal(t, 1, mustAck(t, g, "1-0"))
		assert.Equal(t, 1, gtNack(t, g, NackFatal, NackOptions{Force: true}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, gtMaxCount}}, gtPEL(t, g, ""))
		assert.Equal(t, 1, mustAck(t, g, "1-0"))
		assert.Equal(t, 2, gtNack(t, g, NackSilent, NackOptions{Force: true}, "1-0", "2-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 0}, {"2-0", "", -1, 0}}, gtPEL(t, g, ""))
		// FORCE does not move last-delivered-id: ">" delivers them as new,
		// taking them over with count 1.
		assert.Equal(t, gtLag{"0-0", -1, 2}, gtLagOf(t, g))
		assert.Equal(t, []string{"1-0", "2-0"}, gtRead(t, g, "c2", ReadGroupOptions{}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 1}, {"2-0", "c2", 0, 1}}, gtPEL(t, g, ""))
		nacked, _ := gtNacked(t, g)
		assert.Zero(t, nacked)
		gtCheck(t, s)
	})
	t.Run("owned and already released entries take the normal path", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 1)
		assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{Force: true}, "1-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 1}}, gtPEL(t, g, ""))
		assert.Equal(t, []gtPE{}, gtPEL(t, g, "c1"))
		assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{Force: true}, "1-0"))
		nacked, pending := gtNacked(t, g)
		assert.Equal(t, 1, nacked)
		assert.Equal(t, 1, pending, "no duplicate")
		gtCheck(t, s)
	})
	t.Run("empty stream", func(t *testing.T) {
		s, _ := gtNew(t)
		g := stGroup(t, s, "g")
		assert.Equal(t, 0, gtNack(t, g, NackFail, NackOptions{Force: true}, "1-0"))
		sum, err := g.Pending()
		require.NoError(t, err)
		assert.Zero(t, sum.Count)
	})
	t.Run("deleted entry", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 0)
		require.Equal(t, 1, s.Delete(ID{1, 0}))
		assert.Equal(t, 0, gtNack(t, g, NackFail, NackOptions{Force: true}, "1-0"))
		assert.Empty(t, gtPEL(t, g, ""))
	})
	t.Run("with RETRYCOUNT", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 3, 0)
		assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{Force: true, RetryCount: gtI64(7)}, "1-0"))
		assert.Equal(t, 1, gtNack(t, g, NackSilent, NackOptions{Force: true, RetryCount: gtI64(5)}, "2-0"))
		assert.Equal(t, 1, gtNack(t, g, NackFatal, NackOptions{Force: true, RetryCount: gtI64(99)}, "3-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 7}, {"2-0", "", -1, 5}, {"3-0", "", -1, 99}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("ACKED deletion sees FORCE-released entries as referenced", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 0)
		require.NoError(t, g.SetID(ID{2, 0}, GroupOptions{}))
		assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{Force: true}, "1-0"))
		res, err := s.DeleteEx(Acked, gtIDs(t, "1-0", "2-0")...)
		require.NoError(t, err)
		assert.Equal(t, []DeleteResult{Referenced, Deleted}, res)
	})
}

// The NACK zone: released entries come first, FIFO by release, and
// re-releasing moves an entry to the end of the zone.
func TestXNackZoneOrder(t *testing.T) {
	s, clk, g := gtClaimSetup(t, 4, 4)
	clk.Advance(100 * gtMs)
	assert.Equal(t, 3, gtNack(t, g, NackFail, NackOptions{}, "1-0", "2-0", "3-0"))
	assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "1-0"))
	nacked, pending := gtNacked(t, g)
	assert.Equal(t, 3, nacked)
	assert.Equal(t, 4, pending)
	gtCheck(t, s)
	now := clk.Now().UnixMilli()
	// 4-0 is idle longer than min-idle, but the zone comes first.
	for _, want := range []string{"2-0", "3-0", "1-0", "4-0"} {
		assert.Equal(t, []string{want}, gtCMIDs(gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 1, MinIdle: 5 * gtMs})))
	}
	assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 1, MinIdle: 5 * gtMs}))
	assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c2", 0, 2}, {"3-0", "c2", 0, 2}, {"4-0", "c2", 0, 2}}, gtPEL(t, g, ""))
	gtCheck(t, s)

	// Reported idle of a released entry is the current Unix time in ms.
	assert.Equal(t, 1, gtNack(t, g, NackSilent, NackOptions{}, "3-0"))
	assert.Equal(t, []gtCM{{"3-0", now, 1}}, gtClaimRead(t, g, "c3", ReadGroupOptions{MinIdle: time.Hour}))
}

func gtCMIDs(ms []gtCM) []string {
	if ms == nil {
		return nil
	}
	out := []string{}
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

// Released entries are claimable by XCLAIM / XAUTOCLAIM whatever min-idle,
// and by a claiming read; plain ">" never redelivers them.
func TestXNackClaimability(t *testing.T) {
	s, _, g := gtClaimSetup(t, 2, 2)
	assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "1-0"))
	assert.Nil(t, gtRead(t, g, "c2", ReadGroupOptions{}), "plain > does not redeliver")
	es, err := g.Consumer("c2").Claim(99999*gtMs, gtIDs(t, "1-0"), ClaimOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"1-0"}, gtEntryIDs(es))

	assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "1-0"))
	for _, minIdle := range []time.Duration{99999 * gtMs, 0} {
		r, err := g.Consumer("c2").AutoClaim(minIdle, MinID, AutoClaimOptions{})
		require.NoError(t, err)
		if minIdle > 0 {
			assert.Equal(t, []string{"1-0"}, gtEntryIDs(r.Claimed))
			assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "1-0"))
		} else {
			assert.Equal(t, []string{"1-0", "2-0"}, gtEntryIDs(r.Claimed))
		}
	}
	assert.Equal(t, []gtPE{{"1-0", "c2", 0, 4}, {"2-0", "c2", 0, 2}}, gtPEL(t, g, ""))
	gtCheck(t, s)
}

// Released entries whose stream entry is gone ("ghosts") stay pending until
// XCLAIM or XAUTOCLAIM drops them; a claiming read skips them.
func TestXNackGhosts(t *testing.T) {
	t.Run("XDEL and XTRIM keep them", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 3, 3)
		assert.Equal(t, 1, gtNack(t, g, NackFail, NackOptions{}, "1-0"))
		require.Equal(t, 1, s.Delete(ID{1, 0}))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 1}, {"2-0", "c1", 0, 1}, {"3-0", "c1", 0, 1}}, gtPEL(t, g, ""))
		_, err := s.Trim(TrimOptions{Strategy: TrimMaxLen, MaxLen: 1})
		require.NoError(t, err)
		assert.Len(t, gtPEL(t, g, ""), 3)
		// XNACK works on ghosts too.
		assert.Equal(t, 1, gtNack(t, g, NackFatal, NackOptions{}, "2-0"))
		assert.Equal(t, []gtPE{{"1-0", "", -1, 1}, {"2-0", "", -1, gtMaxCount}, {"3-0", "c1", 0, 1}}, gtPEL(t, g, ""))
		// A claiming read skips them and leaves them.
		assert.Equal(t, []gtCM{{"3-0", 0, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{}))
		assert.Len(t, gtPEL(t, g, ""), 3)
		gtCheck(t, s)
	})
	t.Run("XCLAIM and XAUTOCLAIM drop them", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 3, 3)
		assert.Equal(t, 2, gtNack(t, g, NackFail, NackOptions{}, "1-0", "3-0"))
		require.Equal(t, 2, s.Delete(gtIDs(t, "1-0", "3-0")...))
		es, err := g.Consumer("c2").Claim(0, gtIDs(t, "1-0"), ClaimOptions{})
		require.NoError(t, err)
		assert.Equal(t, []Entry[string]{}, es)
		r, err := g.Consumer("c2").AutoClaim(0, MinID, AutoClaimOptions{})
		require.NoError(t, err)
		assert.Equal(t, []string{"2-0"}, gtEntryIDs(r.Claimed))
		assert.Equal(t, []ID{{3, 0}}, r.Deleted)
		assert.Equal(t, []gtPE{{"2-0", "c2", 0, 2}}, gtPEL(t, g, ""))
		nacked, _ := gtNacked(t, g)
		assert.Zero(t, nacked)
		gtCheck(t, s)
	})
}

// nacked-count through releases, claims and acknowledgements; each group has
// its own.
func TestXNackNackedCount(t *testing.T) {
	s, _, g := gtClaimSetup(t, 4, 4)
	type np struct{ nacked, pending int }
	get := func() np {
		n, p := gtNacked(t, g)
		return np{n, p}
	}
	assert.Equal(t, np{0, 4}, get())
	gtNack(t, g, NackFail, NackOptions{}, "1-0")
	assert.Equal(t, np{1, 4}, get())
	gtNack(t, g, NackFail, NackOptions{}, "2-0", "3-0")
	assert.Equal(t, np{3, 4}, get())
	_, err := g.Consumer("c2").Claim(0, gtIDs(t, "1-0"), ClaimOptions{})
	require.NoError(t, err)
	assert.Equal(t, np{2, 4}, get())
	mustAck(t, g, "2-0")
	assert.Equal(t, np{1, 3}, get())
	mustAck(t, g, "3-0")
	assert.Equal(t, np{0, 2}, get())
	g2 := stGroup(t, s, "g2")
	n, _ := gtNacked(t, g2)
	assert.Zero(t, n)
	gtCheck(t, s)

	// DESTROY drops released entries with the rest.
	gtNack(t, g, NackFail, NackOptions{}, "1-0")
	require.True(t, s.DestroyGroup("g"))
	g = stGroup(t, s, "g")
	sum, err := g.Pending()
	require.NoError(t, err)
	assert.Zero(t, sum.Count)
	gtCheck(t, s)
}

// A blocked claiming read is woken by one XNACK of two IDs and takes both
// released entries.
func TestXNackWakesBlockedClaimRead(t *testing.T) {
	s, _, g := gtClaimSetup(t, 2, 2)
	c2 := btReadBlock(btCtx(t), g.Consumer("c2"), ReadGroupOptions{Claim: true, MinIdle: time.Hour})
	require.Eventually(t, func() bool { return btWaiters(s) == 1 }, 5*time.Second, time.Millisecond)
	assert.Equal(t, 2, gtNack(t, g, NackFail, NackOptions{}, "1-0", "2-0"))
	r := btRecv(t, c2)
	require.NoError(t, r.err)
	assert.Equal(t, []string{"1-0", "2-0"}, gtMsgIDs(r.msgs))
	assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c2", 0, 2}}, gtPEL(t, g, ""))
	gtCheck(t, s)
}
