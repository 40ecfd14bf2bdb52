package xstream

// Tests for claiming: XREADGROUP ... CLAIM (Redis 8.4, spec redis8-streams.md
// §2), XCLAIM and XAUTOCLAIM. XCLAIM and XAUTOCLAIM expectations were
// checked against redis-server 7.0 except where the spec describes newer
// behaviour (consumers created and seen by a claim that claims nothing,
// released entries skipping the idle check).

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gtCM is a message of a claiming read: ID, idle before the claim (ms) and
// deliveries before the claim; new entries have 0, 0.
type gtCM struct {
	ID         string
	IdleMs     int64
	Deliveries int64
}

func gtClaimRead(t testing.TB, g *Group[string], consumer string, opts ReadGroupOptions) []gtCM {
	t.Helper()
	opts.Claim = true
	msgs, err := g.Consumer(consumer).Read(opts)
	require.NoError(t, err)
	if msgs == nil {
		return nil
	}
	out := []gtCM{}
	for _, m := range msgs {
		require.False(t, m.Deleted)
		require.Equal(t, "v", m.Value, "value of %s", m.ID)
		out = append(out, gtCM{m.ID.String(), m.Idle.Milliseconds(), m.Deliveries})
	}
	return out
}

// gtClaimSetup makes a stream with entries 1-0..n-0, group "g" at 0, and
// consumer c1 having read the first `read` of them at gtT0.
func gtClaimSetup(t testing.TB, n, read int) (*Stream[string], *ManualClock, *Group[string]) {
	t.Helper()
	s, clk := gtNew(t)
	stAddRange(t, s, 1, n, 0)
	g := stGroup(t, s, "g")
	if read > 0 {
		require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{Count: read}), read)
	}
	return s, clk, g
}

const gtMs = time.Millisecond

// The non-blocking cases of redis8-streams.md §2.3.
func TestXReadGroupClaim(t *testing.T) {
	t.Run("unacked entries are claimed with idle and previous count", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 2, 2)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"2-0", 100, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c2", 0, 2}}, gtPEL(t, g, ""))
		assert.Equal(t, []gtConsumer{{"c1", 0, 100, 100}, {"c2", 2, 0, 0}}, gtConsumers(t, g))
		gtCheck(t, s)
	})
	t.Run("below the threshold: nil", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 2, 2)
		clk.Advance(99 * gtMs)
		assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 100 * gtMs}))
		assert.Equal(t, []gtPE{{"1-0", "c1", 99, 1}, {"2-0", "c1", 99, 1}}, gtPEL(t, g, ""))
		// The consumer is created and seen anyway.
		assert.Equal(t, []gtConsumer{{"c1", 2, 99, 99}, {"c2", 0, 0, -1}}, gtConsumers(t, g))
		clk.Advance(1 * gtMs) // exactly min-idle is enough
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"2-0", 100, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 100 * gtMs}))
		gtCheck(t, s)
	})
	t.Run("COUNT", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 3, 3)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"2-0", 100, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 2, MinIdle: 50 * gtMs}))
	})
	t.Run("only a deleted entry, nothing pending: nil", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 1, 0)
		require.Equal(t, 1, s.Delete(ID{1, 0}))
		clk.Advance(100 * gtMs)
		assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 100 * gtMs}))
	})
	t.Run("nothing pending: new entries with 0 0", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 2, 0)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 0, 0}, {"2-0", 0, 0}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 100 * gtMs}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 1}, {"2-0", "c2", 0, 1}}, gtPEL(t, g, ""))
		assert.Equal(t, gtLag{"2-0", 2, 0}, gtLagOf(t, g))
	})
	t.Run("claimed then new", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 2, 1)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"2-0", 0, 0}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c2", 0, 1}}, gtPEL(t, g, ""))
	})
	t.Run("COUNT covers claimed and new", func(t *testing.T) {
		// 20 idle pending, 200 new, COUNT 100: 20 claimed and 80 new.
		s, clk, g := gtClaimSetup(t, 220, 20)
		clk.Advance(100 * gtMs)
		got := gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 100, MinIdle: 50 * gtMs})
		require.Len(t, got, 100)
		assert.Equal(t, gtCM{"20-0", 100, 1}, got[19])
		assert.Equal(t, gtCM{"21-0", 0, 0}, got[20])
		assert.Equal(t, gtCM{"100-0", 0, 0}, got[99])
		assert.Equal(t, gtLag{"100-0", 100, 120}, gtLagOf(t, g))
		gtCheck(t, s)
	})
	t.Run("delivery counts before each claim", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 1, 1)
		var got []int64
		for _, c := range []string{"c2", "c3", "c3", "c3", "c4", "c5"} {
			clk.Advance(100 * gtMs)
			ms := gtClaimRead(t, g, c, ReadGroupOptions{MinIdle: 50 * gtMs})
			require.Len(t, ms, 1)
			got = append(got, ms[0].Deliveries)
		}
		assert.Equal(t, []int64{1, 2, 3, 4, 5, 6}, got)
		assert.Equal(t, []gtPE{{"1-0", "c5", 0, 7}}, gtPEL(t, g, ""))
	})
	t.Run("NOACK: new entries not pending", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 2, 0)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 0, 0}, {"2-0", 0, 0}}, gtClaimRead(t, g, "c2", ReadGroupOptions{NoAck: true, MinIdle: 50 * gtMs}))
		assert.Empty(t, gtPEL(t, g, ""))
		assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{NoAck: true, MinIdle: 50 * gtMs}))
		assert.Equal(t, []gtConsumer{{"c2", 0, 0, -1}}, gtConsumers(t, g))
	})
	t.Run("NOACK does not apply to claimed entries", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 2, 1)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"2-0", 0, 0}}, gtClaimRead(t, g, "c2", ReadGroupOptions{NoAck: true, MinIdle: 50 * gtMs}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}}, gtPEL(t, g, ""))
		// Claiming makes the consumer active even with NOACK.
		assert.Equal(t, []gtConsumer{{"c1", 0, 100, 100}, {"c2", 1, 0, 0}}, gtConsumers(t, g))
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 2}}, gtClaimRead(t, g, "c2", ReadGroupOptions{NoAck: true, MinIdle: 50 * gtMs}))
		gtCheck(t, s)
	})
	t.Run("CLAIM 0 right after a read", func(t *testing.T) {
		_, _, g := gtClaimSetup(t, 2, 1)
		assert.Equal(t, []gtCM{{"1-0", 0, 1}, {"2-0", 0, 0}}, gtClaimRead(t, g, "c2", ReadGroupOptions{}))
	})
	t.Run("huge min-idle: only new entries", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 2, 1)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"2-0", 0, 0}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: math.MaxInt64}))
	})
	t.Run("unknown consumer is created and claims all", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 3, 3)
		clk.Advance(100 * gtMs)
		assert.Len(t, gtClaimRead(t, g, "new", ReadGroupOptions{MinIdle: 50 * gtMs}), 3)
		assert.Equal(t, []gtPE{{"1-0", "new", 0, 2}, {"2-0", "new", 0, 2}, {"3-0", "new", 0, 2}}, gtPEL(t, g, ""))
	})
	t.Run("XACK then claim", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 3, 3)
		clk.Advance(100 * gtMs)
		_, err := g.Ack(gtIDs(t, "1-0", "3-0")...)
		require.NoError(t, err)
		assert.Equal(t, []gtCM{{"2-0", 100, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
		_, err = g.Ack(ID{2, 0})
		require.NoError(t, err)
		clk.Advance(100 * gtMs)
		assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
	})
	t.Run("after XCLAIM: longest idle first", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 3, 3)
		clk.Advance(100 * gtMs)
		es, err := g.Consumer("c3").Claim(50*gtMs, gtIDs(t, "2-0", "3-0"), ClaimOptions{})
		require.NoError(t, err)
		require.Len(t, es, 2)
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 200, 1}, {"2-0", 100, 2}, {"3-0", 100, 2}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
	})
	t.Run("XCLAIM FORCE before any read: COUNT used up by claims", func(t *testing.T) {
		_, _, g := gtClaimSetup(t, 3, 0)
		es, err := g.Consumer("c3").Claim(0, gtIDs(t, "1-0", "2-0"), ClaimOptions{Force: true, JustID: true})
		require.NoError(t, err)
		require.Len(t, es, 2)
		assert.Equal(t, []gtCM{{"1-0", 0, 1}, {"2-0", 0, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 2}))
		assert.Equal(t, gtLag{"0-0", -1, 3}, gtLagOf(t, g), "no new entry was served")
	})
	t.Run("order by delivery time, ties in insertion order", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 7, 7)
		now := clk.Now()
		// Set delivery times with XCLAIM TIME, out of ID order, so the
		// time list must sort them.
		for _, c := range []struct {
			id  string
			ago time.Duration
		}{{"6-0", 1000 * gtMs}, {"4-0", 20000 * gtMs}, {"7-0", 30000 * gtMs}, {"2-0", 40000 * gtMs}, {"5-0", 2000 * gtMs}, {"3-0", 30000 * gtMs}, {"1-0", 50000 * gtMs}} {
			tm := now.Add(-c.ago)
			es, err := g.Consumer("c1").Claim(0, gtIDs(t, c.id), ClaimOptions{Time: &tm, JustID: true})
			require.NoError(t, err)
			require.Len(t, es, 1)
		}
		gtCheck(t, s)
		assert.Equal(t, []gtCM{{"1-0", 50000, 1}, {"2-0", 40000, 1}, {"7-0", 30000, 1}, {"3-0", 30000, 1}, {"4-0", 20000, 1}},
			gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 10, MinIdle: 10000 * gtMs}))
		assert.Equal(t, []gtCM{{"5-0", 2000, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 10, MinIdle: 1500 * gtMs}))
		assert.Equal(t, []gtCM{{"6-0", 1000, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 10, MinIdle: 500 * gtMs}))
		gtCheck(t, s)
	})
	t.Run("DELCONSUMER then claim: nil", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 2, 2)
		_, err := g.DeleteConsumer("c1")
		require.NoError(t, err)
		clk.Advance(100 * gtMs)
		assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
	})
	t.Run("SETID past the pending entries", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 2, 2)
		require.NoError(t, g.SetID(ID{2, 0}, GroupOptions{}))
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"2-0", 100, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
	})
	t.Run("SETID back: the same ID claimed and re-delivered", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 2, 2)
		clk.Advance(100 * gtMs)
		require.Len(t, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}), 2)
		require.NoError(t, g.SetID(MinID, GroupOptions{}))
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 2}, {"2-0", 100, 2}, {"1-0", 0, 0}, {"2-0", 0, 0}},
			gtClaimRead(t, g, "c3", ReadGroupOptions{MinIdle: 50 * gtMs}))
		assert.Equal(t, []gtPE{{"1-0", "c3", 0, 1}, {"2-0", "c3", 0, 1}}, gtPEL(t, g, ""))
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"2-0", 100, 1}}, gtClaimRead(t, g, "c3", ReadGroupOptions{MinIdle: 50 * gtMs}))
		gtCheck(t, s)
	})
	t.Run("deleted entries are skipped and left pending", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 3, 3)
		require.Equal(t, 1, s.Delete(ID{2, 0}))
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 1}, {"3-0", 100, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c1", 100, 1}, {"3-0", "c2", 0, 2}}, gtPEL(t, g, ""))
		// COUNT is not used up by skipped entries.
		clk.Advance(100 * gtMs)
		assert.Equal(t, []gtCM{{"1-0", 100, 2}}, gtClaimRead(t, g, "c3", ReadGroupOptions{Count: 1, MinIdle: 50 * gtMs}))
		gtCheck(t, s)
	})
	t.Run("XTRIM MAXLEN 0 after reading: ghosts skipped, nil", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 3, 3)
		_, err := s.Trim(TrimOptions{Strategy: TrimMaxLen})
		require.NoError(t, err)
		clk.Advance(100 * gtMs)
		assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
		assert.Len(t, gtPEL(t, g, "c1"), 3)
	})
	t.Run("a deleted head does not make the stream claimable", func(t *testing.T) {
		// 1-0 is the oldest pending but deleted; 2-0 is not idle enough.
		s, clk, g := gtClaimSetup(t, 2, 1)
		clk.Advance(100 * gtMs)
		require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{}), 1)
		require.Equal(t, 1, s.Delete(ID{1, 0}))
		clk.Advance(20 * gtMs)
		assert.Nil(t, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
		clk.Advance(30 * gtMs)
		assert.Equal(t, []gtCM{{"2-0", 50, 1}}, gtClaimRead(t, g, "c2", ReadGroupOptions{MinIdle: 50 * gtMs}))
	})
	t.Run("many pending, COUNT 1000", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 3000, 3000)
		clk.Advance(100 * gtMs)
		got := gtClaimRead(t, g, "c2", ReadGroupOptions{Count: 1000, MinIdle: 50 * gtMs})
		require.Len(t, got, 1000)
		assert.Equal(t, gtCM{"1000-0", 100, 1}, got[999])
		sum, err := g.Pending()
		require.NoError(t, err)
		assert.Equal(t, []ConsumerPending{{"c1", 2000}, {"c2", 1000}}, sum.Consumers)
		gtCheck(t, s)
	})
	t.Run("history read: CLAIM ignored", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 3, 3)
		clk.Advance(100 * gtMs)
		res, err := ReadGroup(t.Context(), "g", "c1",
			[]GroupRead[string]{{Stream: g.Stream(), History: true}}, ReadGroupOptions{Claim: true, MinIdle: 1000 * gtMs})
		require.NoError(t, err)
		require.Len(t, res, 1)
		assert.Equal(t, []string{"1-0", "2-0", "3-0"}, gtMsgIDs(res[0].Messages))
		for _, m := range res[0].Messages {
			assert.Zero(t, m.Idle)
			assert.Zero(t, m.Deliveries)
		}
	})
	t.Run("multiple streams", func(t *testing.T) {
		var reads []GroupRead[string]
		clk := NewManualClock(gtT0)
		for _, name := range []string{"s1", "s2", "s3"} {
			s := New(Options[string]{Clock: clk, Name: name})
			stAddRange(t, s, 1, 2, 0)
			g := stGroup(t, s, "g")
			require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{Count: 1}), 1)
			reads = append(reads, GroupRead[string]{Stream: s})
		}
		clk.Advance(100 * gtMs)
		res, err := ReadGroup(t.Context(), "g", "c2", reads, ReadGroupOptions{Claim: true, MinIdle: 50 * gtMs})
		require.NoError(t, err)
		require.Len(t, res, 3)
		for i, sm := range res {
			assert.Same(t, reads[i].Stream, sm.Stream)
			require.Len(t, sm.Messages, 2)
			assert.Equal(t, Message[string]{ID: ID{1, 0}, Value: "v", Idle: 100 * gtMs, Deliveries: 1}, sm.Messages[0])
			assert.Equal(t, Message[string]{ID: ID{2, 0}, Value: "v"}, sm.Messages[1])
		}
	})
	t.Run("CLAIM is off after a history stream", func(t *testing.T) {
		// STREAMS a b 0 >: CLAIM does not apply to b either.
		clk := NewManualClock(gtT0)
		a := New(Options[string]{Clock: clk, Name: "a"})
		b := New(Options[string]{Clock: clk, Name: "b"})
		for _, s := range []*Stream[string]{a, b} {
			stAddRange(t, s, 1, 2, 0)
			g := stGroup(t, s, "g")
			require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{Count: 1}), 1)
		}
		clk.Advance(100 * gtMs)
		res, err := ReadGroup(t.Context(), "g", "c1",
			[]GroupRead[string]{{Stream: a, History: true}, {Stream: b}}, ReadGroupOptions{Claim: true, MinIdle: 50 * gtMs})
		require.NoError(t, err)
		require.Len(t, res, 2)
		assert.Equal(t, []string{"1-0"}, gtMsgIDs(res[0].Messages))
		assert.Equal(t, []Message[string]{{ID: ID{2, 0}, Value: "v"}}, res[1].Messages, "b: only the new entry")
		gb, _ := b.Group("g")
		assert.Equal(t, []gtPE{{"1-0", "c1", 100, 1}, {"2-0", "c1", 0, 1}}, gtPEL(t, gb, ""))
	})
	t.Run("errors change nothing", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 2, 1)
		clk.Advance(100 * gtMs)
		before, cs := gtPEL(t, g, ""), gtConsumers(t, g)
		_, err := g.Consumer("c2").Read(ReadGroupOptions{Claim: true, MinIdle: -10 * gtMs})
		gtRequireErr(t, err, ErrNegativeMinIdle)
		assert.Equal(t, "ERR min-idle-time must be a positive integer", ErrNegativeMinIdle.Redis())
		_, err = g.Consumer("c2").Read(ReadGroupOptions{Claim: true, Count: -1})
		gtRequireErr(t, err, ErrNegativeCount)
		_, err = ReadGroup(t.Context(), "nope", "c2", []GroupRead[string]{{Stream: s}}, ReadGroupOptions{Claim: true})
		gtRequireErr(t, err, ErrNoGroup)
		assert.Equal(t, before, gtPEL(t, g, ""))
		assert.Equal(t, cs, gtConsumers(t, g))
		assert.Equal(t, gtLag{"1-0", 1, 1}, gtLagOf(t, g))
	})
}

// XCLAIM (checked against redis-server 7.0).
func TestXClaim(t *testing.T) {
	claim := func(t *testing.T, g *Group[string], consumer string, minIdle time.Duration, ids []string, o ClaimOptions) []Entry[string] {
		t.Helper()
		es, err := g.Consumer(consumer).Claim(minIdle, gtIDs(t, ids...), o)
		require.NoError(t, err)
		require.NotNil(t, es, "Claim returns an empty, non-nil slice")
		return es
	}
	ids := gtEntryIDs

	t.Run("min-idle gate", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 5, 3)
		clk.Advance(50 * gtMs)
		assert.Equal(t, []string{}, ids(claim(t, g, "c2", 100*gtMs, []string{"1-0"}, ClaimOptions{})))
		assert.Equal(t, []gtPE{{"1-0", "c1", 50, 1}, {"2-0", "c1", 50, 1}, {"3-0", "c1", 50, 1}}, gtPEL(t, g, ""))
		// The consumer is created and seen even though nothing was claimed
		// (Redis >= 7.2; 7.0 creates it lazily).
		assert.Equal(t, []gtConsumer{{"c1", 3, 50, 50}, {"c2", 0, 0, -1}}, gtConsumers(t, g))
		clk.Advance(50 * gtMs) // idle 100: exactly min-idle
		es := claim(t, g, "c2", 100*gtMs, []string{"1-0"}, ClaimOptions{})
		assert.Equal(t, []Entry[string]{{ID{1, 0}, "v"}}, es)
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c1", 100, 1}, {"3-0", "c1", 100, 1}}, gtPEL(t, g, ""))
		clk.Advance(10 * gtMs)
		assert.Equal(t, []gtConsumer{{"c1", 2, 110, 110}, {"c2", 1, 10, 10}}, gtConsumers(t, g))
		// min-idle 0 claims whatever the idle time; own entries too.
		assert.Equal(t, []string{"1-0", "2-0"}, ids(claim(t, g, "c2", 0, []string{"1-0", "2-0"}, ClaimOptions{})))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 3}, {"2-0", "c2", 0, 2}, {"3-0", "c1", 110, 1}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("IDLE and TIME", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 5, 5)
		clk.Advance(time.Second)
		idle := 500 * gtMs
		claim(t, g, "c2", 0, []string{"1-0"}, ClaimOptions{Idle: &idle})
		tm := clk.Now().Add(-700 * gtMs)
		claim(t, g, "c2", 0, []string{"2-0"}, ClaimOptions{Time: &tm})
		future := clk.Now().Add(time.Hour)
		claim(t, g, "c2", 0, []string{"3-0"}, ClaimOptions{Time: &future})
		negIdle := -5 * time.Second
		claim(t, g, "c2", 0, []string{"4-0"}, ClaimOptions{Idle: &negIdle})
		beforeEpoch := time.UnixMilli(-10)
		claim(t, g, "c2", 0, []string{"5-0"}, ClaimOptions{Time: &beforeEpoch})
		assert.Equal(t, []gtPE{{"1-0", "c2", 500, 2}, {"2-0", "c2", 700, 2}, {"3-0", "c2", 0, 2}, {"4-0", "c2", 0, 2}, {"5-0", "c2", 0, 2}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("RETRYCOUNT and JUSTID", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 5, 5)
		claim(t, g, "c2", 0, []string{"1-0"}, ClaimOptions{RetryCount: gtI64(7)})
		claim(t, g, "c2", 0, []string{"2-0"}, ClaimOptions{RetryCount: gtI64(0)})
		es := claim(t, g, "c2", 0, []string{"3-0"}, ClaimOptions{JustID: true})
		assert.Equal(t, []Entry[string]{{ID: ID{3, 0}}}, es, "JUSTID: no value")
		claim(t, g, "c2", 0, []string{"4-0"}, ClaimOptions{JustID: true, RetryCount: gtI64(9)})
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 7}, {"2-0", "c2", 0, 0}, {"3-0", "c2", 0, 1}, {"4-0", "c2", 0, 9}, {"5-0", "c1", 0, 1}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("FORCE", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 6, 1)
		assert.Equal(t, []string{}, ids(claim(t, g, "c3", 0, []string{"2-0"}, ClaimOptions{})), "not pending, no FORCE")
		assert.Equal(t, []string{"2-0"}, ids(claim(t, g, "c3", 0, []string{"2-0"}, ClaimOptions{Force: true})))
		assert.Equal(t, []string{"3-0"}, ids(claim(t, g, "c3", 0, []string{"3-0"}, ClaimOptions{Force: true, JustID: true})))
		assert.Equal(t, []string{"4-0"}, ids(claim(t, g, "c3", 0, []string{"4-0"}, ClaimOptions{Force: true, RetryCount: gtI64(9)})))
		// FORCE-created entries skip the min-idle check.
		assert.Equal(t, []string{"5-0"}, ids(claim(t, g, "c3", time.Hour, []string{"5-0"}, ClaimOptions{Force: true})))
		// A pending entry still needs min-idle, FORCE or not.
		assert.Equal(t, []string{}, ids(claim(t, g, "c3", time.Hour, []string{"1-0"}, ClaimOptions{Force: true})))
		// FORCE needs the entry to exist.
		require.Equal(t, 1, s.Delete(ID{6, 0}))
		assert.Equal(t, []string{}, ids(claim(t, g, "c3", 0, []string{"6-0", "9-0"}, ClaimOptions{Force: true})))
		assert.Equal(t, []gtPE{{"1-0", "c1", 0, 1}, {"2-0", "c3", 0, 2}, {"3-0", "c3", 0, 1}, {"4-0", "c3", 0, 9}, {"5-0", "c3", 0, 2}}, gtPEL(t, g, ""))
		// FORCE does not move last-delivered-id: ">" still delivers them,
		// taking them over with count 1.
		// (Lag is unknown: 6-0 was deleted after last-delivered-id.)
		assert.Equal(t, gtLag{"1-0", 1, -1}, gtLagOf(t, g))
		assert.Equal(t, []string{"2-0", "3-0", "4-0", "5-0"}, gtRead(t, g, "c1", ReadGroupOptions{}))
		assert.Equal(t, []gtPE{{"1-0", "c1", 0, 1}, {"2-0", "c1", 0, 1}, {"3-0", "c1", 0, 1}, {"4-0", "c1", 0, 1}, {"5-0", "c1", 0, 1}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("deleted entries leave the PEL and are not returned", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 5, 3)
		require.Equal(t, 1, s.Delete(ID{2, 0}))
		assert.Equal(t, []string{"3-0"}, ids(claim(t, g, "c7", 0, []string{"2-0", "3-0"}, ClaimOptions{})))
		assert.Equal(t, []gtPE{{"1-0", "c1", 0, 1}, {"3-0", "c7", 0, 2}}, gtPEL(t, g, ""))
		assert.Equal(t, []string{}, ids(claim(t, g, "c7", 0, []string{"2-0"}, ClaimOptions{Force: true})))
		sum, err := g.Pending()
		require.NoError(t, err)
		assert.Equal(t, PendingSummary{Count: 2, Lowest: ID{1, 0}, Highest: ID{3, 0},
			Consumers: []ConsumerPending{{"c1", 1}, {"c7", 1}}}, sum)
		// Even when nothing is idle enough, a deleted entry is dropped.
		_, err = s.Trim(TrimOptions{Strategy: TrimMinID, MinID: ID{2, 0}})
		require.NoError(t, err)
		assert.Equal(t, []string{}, ids(claim(t, g, "c7", time.Hour, []string{"1-0"}, ClaimOptions{})))
		assert.Equal(t, []gtPE{{"3-0", "c7", 0, 2}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("duplicate IDs are processed again", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 3, 3)
		assert.Equal(t, []string{"1-0", "1-0"}, ids(claim(t, g, "c4", 0, []string{"1-0", "1-0"}, ClaimOptions{JustID: true})))
		assert.Equal(t, []string{"2-0", "2-0"}, ids(claim(t, g, "c4", 0, []string{"2-0", "2-0"}, ClaimOptions{})))
		clk.Advance(100 * gtMs)
		// With min-idle, the second one is no longer idle.
		assert.Equal(t, []string{"3-0"}, ids(claim(t, g, "c4", 50*gtMs, []string{"3-0", "3-0"}, ClaimOptions{})))
		assert.Equal(t, []gtPE{{"1-0", "c4", 100, 1}, {"2-0", "c4", 100, 3}, {"3-0", "c4", 0, 2}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("no IDs: consumer created and seen", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 1, 1)
		clk.Advance(10 * gtMs)
		assert.Equal(t, []string{}, ids(claim(t, g, "c6", 0, nil, ClaimOptions{})))
		assert.Equal(t, []gtConsumer{{"c1", 1, 10, 10}, {"c6", 0, 0, -1}}, gtConsumers(t, g))
	})
	t.Run("released entries skip min-idle", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 2)
		_, err := g.Nack(NackFail, gtIDs(t, "1-0"), NackOptions{})
		require.NoError(t, err)
		assert.Equal(t, []string{"1-0"}, ids(claim(t, g, "c2", 99999*gtMs, []string{"1-0", "2-0"}, ClaimOptions{})))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c1", 0, 1}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("errors change nothing", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 2)
		before, cs, lag := gtPEL(t, g, ""), gtConsumers(t, g), gtLagOf(t, g)
		last := ID{9, 0}
		_, err := g.Consumer("c2").Claim(-1, gtIDs(t, "1-0"), ClaimOptions{LastID: &last})
		gtRequireErr(t, err, ErrNegativeMinIdle)
		_, err = g.Consumer("c2").Claim(0, gtIDs(t, "1-0"), ClaimOptions{RetryCount: gtI64(-1), LastID: &last})
		gtRequireErr(t, err, ErrNegativeRetryCount)
		assert.Equal(t, before, gtPEL(t, g, ""))
		assert.Equal(t, cs, gtConsumers(t, g))
		assert.Equal(t, lag, gtLagOf(t, g))
		require.True(t, s.DestroyGroup("g"))
		_, err = g.Consumer("c2").Claim(0, gtIDs(t, "1-0"), ClaimOptions{})
		gtRequireErr(t, err, ErrNoGroup)
	})
}

// XAUTOCLAIM (checked against redis-server 7.0).
func TestXAutoClaim(t *testing.T) {
	type res struct {
		Next    string
		Claimed []string
		Deleted []string
	}
	auto := func(t *testing.T, g *Group[string], consumer string, minIdle time.Duration, start string, o AutoClaimOptions) res {
		t.Helper()
		from, err := ParseRangeStart(start)
		require.NoError(t, err)
		r, err := g.Consumer(consumer).AutoClaim(minIdle, from, o)
		require.NoError(t, err)
		require.NotNil(t, r.Claimed)
		require.NotNil(t, r.Deleted)
		for _, e := range r.Claimed {
			if o.JustID {
				assert.Equal(t, "", e.Value)
			} else {
				assert.Equal(t, "v", e.Value)
			}
		}
		return res{r.Next.String(), gtEntryIDs(r.Claimed), gtStrs(r.Deleted)}
	}

	t.Run("attempts are capped at COUNT*10", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 1000, 1000)
		assert.Equal(t, res{"11-0", []string{}, []string{}}, auto(t, g, "c2", 100*time.Second, "-", AutoClaimOptions{Count: 1}))
		assert.Equal(t, res{"31-0", []string{}, []string{}}, auto(t, g, "c2", 100*time.Second, "11-0", AutoClaimOptions{Count: 2, JustID: true}))
		// Exactly COUNT*10 entries left: the scan reaches the end, cursor 0-0.
		assert.Equal(t, res{"0-0", []string{}, []string{}}, auto(t, g, "c2", 100*time.Second, "991-0", AutoClaimOptions{Count: 1}))
		assert.Equal(t, res{"1000-0", []string{}, []string{}}, auto(t, g, "c2", 100*time.Second, "990-0", AutoClaimOptions{Count: 1}))
		// Default COUNT is 100: 1000 attempts.
		assert.Equal(t, res{"0-0", []string{}, []string{}}, auto(t, g, "c2", 100*time.Second, "-", AutoClaimOptions{}))
		gtCheck(t, s)
	})
	t.Run("cursor, deleted IDs and JUSTID", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 1000, 1000)
		clk.Advance(50 * gtMs)
		require.Equal(t, 3, s.Delete(gtIDs(t, "5-0", "7-0", "8-0")...))
		assert.Equal(t, res{"6-0", []string{"3-0", "4-0"}, []string{"5-0"}}, auto(t, g, "c2", 0, "3-0", AutoClaimOptions{Count: 3}))
		assert.Equal(t, res{"10-0", []string{"9-0"}, []string{"7-0", "8-0"}}, auto(t, g, "c2", 0, "(6-0", AutoClaimOptions{Count: 3, JustID: true}))
		assert.Equal(t, res{"0-0", []string{"999-0", "1000-0"}, []string{}}, auto(t, g, "c2", 0, "999-0", AutoClaimOptions{Count: 5, JustID: true}))
		head, err := g.PendingRange(MinID, ID{10, 0}, 20, PendingFilter{})
		require.NoError(t, err)
		var got []gtPE
		for _, p := range head {
			got = append(got, gtPE{p.ID.String(), p.Consumer, p.Idle.Milliseconds(), p.Deliveries})
		}
		assert.Equal(t, []gtPE{{"1-0", "c1", 50, 1}, {"2-0", "c1", 50, 1}, {"3-0", "c2", 0, 2}, {"4-0", "c2", 0, 2},
			{"6-0", "c1", 50, 1}, {"9-0", "c2", 0, 1}, {"10-0", "c1", 50, 1}}, got)
		gtCheck(t, s)
	})
	t.Run("min-idle", func(t *testing.T) {
		s, clk, g := gtClaimSetup(t, 5, 2)
		clk.Advance(100 * gtMs)
		require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{}), 3)
		clk.Advance(20 * gtMs)
		_, err := g.Consumer("c1").ReadHistory(ID{4, 0}, 1) // 5-0 delivered again now
		require.NoError(t, err)
		assert.Equal(t, res{"0-0", []string{"1-0", "2-0"}, []string{}}, auto(t, g, "c2", 100*gtMs, "-", AutoClaimOptions{}))
		assert.Equal(t, res{"0-0", []string{"3-0", "4-0"}, []string{}}, auto(t, g, "c3", 20*gtMs, "-", AutoClaimOptions{}))
		assert.Equal(t, []gtPE{{"1-0", "c2", 0, 2}, {"2-0", "c2", 0, 2}, {"3-0", "c3", 0, 2}, {"4-0", "c3", 0, 2}, {"5-0", "c1", 0, 2}}, gtPEL(t, g, ""))
		// A deleted entry is reported even when nothing is idle enough.
		require.Equal(t, 1, s.Delete(ID{4, 0}))
		assert.Equal(t, res{"0-0", []string{}, []string{"4-0"}}, auto(t, g, "c4", time.Hour, "-", AutoClaimOptions{}))
		assert.Len(t, gtPEL(t, g, ""), 4)
		gtCheck(t, s)
	})
	t.Run("deleted IDs count toward COUNT", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 4, 4)
		require.Equal(t, 2, s.Delete(gtIDs(t, "1-0", "2-0")...))
		assert.Equal(t, res{"3-0", []string{}, []string{"1-0", "2-0"}}, auto(t, g, "c2", 0, "-", AutoClaimOptions{Count: 2}))
		assert.Equal(t, res{"0-0", []string{"3-0", "4-0"}, []string{}}, auto(t, g, "c2", 0, "3-0", AutoClaimOptions{Count: 2}))
		gtCheck(t, s)
	})
	t.Run("consumer created and seen; active only when it claims", func(t *testing.T) {
		_, clk, g := gtClaimSetup(t, 2, 2)
		clk.Advance(10 * gtMs)
		assert.Equal(t, res{"0-0", []string{}, []string{}}, auto(t, g, "c2", time.Hour, "-", AutoClaimOptions{}))
		assert.Equal(t, []gtConsumer{{"c1", 2, 10, 10}, {"c2", 0, 0, -1}}, gtConsumers(t, g))
		clk.Advance(10 * gtMs)
		assert.Equal(t, res{"2-0", []string{"1-0"}, []string{}}, auto(t, g, "c2", 0, "-", AutoClaimOptions{Count: 1}))
		assert.Equal(t, []gtConsumer{{"c1", 1, 20, 20}, {"c2", 1, 0, 0}}, gtConsumers(t, g))
	})
	t.Run("released entries skip min-idle", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 3, 3)
		_, err := g.Nack(NackFail, gtIDs(t, "2-0"), NackOptions{})
		require.NoError(t, err)
		assert.Equal(t, res{"0-0", []string{"2-0"}, []string{}}, auto(t, g, "c2", 99999*gtMs, "0-0", AutoClaimOptions{}))
		assert.Equal(t, []gtPE{{"1-0", "c1", 0, 1}, {"2-0", "c2", 0, 2}, {"3-0", "c1", 0, 1}}, gtPEL(t, g, ""))
		gtCheck(t, s)
	})
	t.Run("errors change nothing", func(t *testing.T) {
		s, _, g := gtClaimSetup(t, 2, 2)
		before, cs := gtPEL(t, g, ""), gtConsumers(t, g)
		for _, n := range []int{-1, maxAutoClaimCount + 1, math.MaxInt} {
			_, err := g.Consumer("c2").AutoClaim(0, MinID, AutoClaimOptions{Count: n})
			gtRequireErr(t, err, ErrAutoClaimCount)
		}
		assert.Equal(t, "ERR COUNT must be > 0", ErrAutoClaimCount.Redis())
		_, err := g.Consumer("c2").AutoClaim(-gtMs, MinID, AutoClaimOptions{})
		gtRequireErr(t, err, ErrNegativeMinIdle)
		assert.Equal(t, before, gtPEL(t, g, ""))
		assert.Equal(t, cs, gtConsumers(t, g))
		// The largest allowed COUNT works.
		r, err := g.Consumer("c2").AutoClaim(0, MinID, AutoClaimOptions{Count: maxAutoClaimCount})
		require.NoError(t, err)
		assert.Len(t, r.Claimed, 2)
		require.True(t, s.DestroyGroup("g"))
		_, err = g.Consumer("c2").AutoClaim(0, MinID, AutoClaimOptions{})
		gtRequireErr(t, err, ErrNoGroup)
	})
}

// TestUntilClaimable: the wait a blocked claiming read computes, from the
// oldest pending entry that still exists in the stream (spec §2.2: "oldest
// existing PEL entry"); released entries are due at once. Deleted entries at
// the head of the time list, released or not, must not make a blocked
// claiming read wake (and find nothing) every millisecond.
func TestUntilClaimable(t *testing.T) {
	s, clock := stNew(t, Options[string]{})
	stAddRange(t, s, 1, 3, 0)
	g := stGroup(t, s, "g")
	_, ok := g.UntilClaimable(time.Second)
	require.False(t, ok, "nothing pending")
	stReadAll(t, g, "c")
	d, ok := g.UntilClaimable(100 * time.Millisecond)
	require.True(t, ok)
	require.Equal(t, 100*time.Millisecond, d)
	clock.Advance(40 * time.Millisecond)
	d, _ = g.UntilClaimable(100 * time.Millisecond)
	require.Equal(t, 60*time.Millisecond, d)
	clock.Advance(100 * time.Millisecond)
	d, _ = g.UntilClaimable(100 * time.Millisecond)
	require.Equal(t, -40*time.Millisecond, d, "already claimable")
	require.Equal(t, 3, s.Delete(ID{1, 0}, ID{2, 0}, ID{3, 0}))
	_, ok = g.UntilClaimable(0)
	require.False(t, ok, "pending entries whose stream entries are gone never become claimable")
	_, ok = (&Group[string]{s: s, name: "missing"}).UntilClaimable(0)
	require.False(t, ok)

	for _, nack := range []bool{false, true} {
		s, clk, g := gtClaimSetup(t, 2, 1)
		clk.Advance(100 * gtMs)
		require.Len(t, gtRead(t, g, "c1", ReadGroupOptions{}), 1) // 2-0 at t0+100
		if nack {
			gtNack(t, g, NackFail, NackOptions{}, "1-0")
		}
		require.Equal(t, 1, s.Delete(ID{1, 0}))
		clk.Advance(100 * gtMs)
		d, ok := g.UntilClaimable(150 * gtMs)
		assert.True(t, ok)
		assert.Equal(t, 50*gtMs, d, "nack=%v: 2-0 becomes claimable in 50ms", nack)
		_, ok = (&Group[string]{s: s, name: "nope"}).UntilClaimable(150 * gtMs)
		assert.False(t, ok)
		require.Equal(t, 1, s.Delete(ID{2, 0}))
		_, ok = g.UntilClaimable(150 * gtMs)
		assert.False(t, ok, "nothing pending exists")
	}
}
