package goredis_test

// Blocking XREAD / XREADGROUP as go-redis users see them: typed XRead and
// XReadGroup with Block (Block < 0 omits BLOCK; Block 0 is BLOCK 0, forever).
// Where the outcome is deterministic it is compared with real Redis 7.0,
// except where Redis 7.2+ serves a woken reader differently (spec §8.6):
// those are Redis8 scenarios, in process only.

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
	"github.com/xstream-go/xstream"
	"github.com/xstream-go/xstream/goredis"
)

// bkCounter counts a side's blocked readers, to wait until a reader started
// in a goroutine has really blocked (no guessing sleeps): on real Redis the
// clients of the conformance database flagged "b" in CLIENT LIST, in process
// the goroutines parked in the server's wait.
type bkCounter struct {
	t    *testing.T
	s    *side
	base int
}

// bkStart returns a counter of the readers that block from now on.
func bkStart(t *testing.T, s *side) *bkCounter {
	b := &bkCounter{t: t, s: s}
	b.base = b.count()
	return b
}

// count returns the number of blocked readers of the side now.
func (b *bkCounter) count() int {
	if b.s.Real {
		n := 0
		for _, line := range strings.Split(b.s.C.(*redis.Client).ClientList(context.Background()).Val(), "\n") {
			if strings.Contains(line, " flags=b ") && strings.Contains(line, fmt.Sprintf(" db=%d ", dbConformance)) {
				n++
			}
		}
		return n
	}
	buf := make([]byte, 1<<20)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), "goredis.(*server).await(")
}

// wait waits until n readers started since bkStart are blocked.
func (b *bkCounter) wait(n int) {
	b.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); b.count() < b.base+n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			b.t.Fatalf("%d readers did not block", n)
		}
	}
}

// blocked reports how many readers started since bkStart are blocked now.
func (b *bkCounter) blocked() int { return b.count() - b.base }

// bkRead starts a blocking typed XREAD.
func bkRead(s *side, block time.Duration, streams ...string) <-chan *redis.XStreamSliceCmd {
	return async(func() *redis.XStreamSliceCmd {
		return s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: streams, Block: block})
	})
}

// bkGroupRead starts a blocking typed XREADGROUP of group g.
func bkGroupRead(s *side, consumer string, block time.Duration, streams ...string) <-chan *redis.XStreamSliceCmd {
	return blockRead(s, "g", consumer, block, false, streams...)
}

// TestBlockConformance compares blocking reads with real Redis 7.0 where
// the outcome is deterministic: timeouts, wake-ups, FIFO order, the served
// reply's keys, MULTI. Where Redis 7.2+ (which re-executes a woken read
// whole, spec §8.6) differs from 7.0, the scenario is a Redis8 one.
// (DEL / FLUSHALL / XGROUP DESTROY under a blocked XREADGROUP are in
// conformance_groups_redis8_test.go.)
func TestBlockConformance(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "a positive BLOCK times out with nil", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "$"))
			require.Equal(t, redis.Nil, Rec(s, await(t, bkRead(s, 20*time.Millisecond, "nokey", "$"))).Err())
			require.Equal(t, redis.Nil, Rec(s, await(t, bkRead(s, 20*time.Millisecond, "s", "1-0"))).Err())
			require.Equal(t, redis.Nil, Rec(s, await(t, bkGroupRead(s, "c", 20*time.Millisecond, "s", ">"))).Err())
			require.Equal(t, redis.Nil, s.Do("XREAD", "BLOCK", "10", "STREAMS", "s", "$").Err())
		}},
		{Name: "XREAD on a missing key is woken by the XADD that creates it", Run: func(t *testing.T, s *side) {
			bk := bkStart(t, s)
			ch := bkRead(s, 0, "nokey", "$")
			bk.wait(1)
			rdAdd(t, s, "nokey", "1-0")
			res := Rec(s, await(t, ch)).Val()
			require.Equal(t, []redis.XStream{{Stream: "nokey", Messages: []redis.XMessage{{ID: "1-0", Values: map[string]interface{}{"f": "v1-0"}}}}}, res)
		}},
		{Name: "$ is resolved when the command is called", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0")
			bk := bkStart(t, s)
			ch := bkRead(s, 0, "s", "$")
			bk.wait(1)
			rdAdd(t, s, "s", "3-0")
			require.Equal(t, []string{"s:[3-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		{Name: "an XADD to another key does not serve; the reply has the keys with new entries", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "a", "1-0")
			rdAdd(t, s, "b", "1-0")
			bk := bkStart(t, s)
			ch := bkRead(s, 0, "a", "b", "$", "$")
			bk.wait(1)
			rdAdd(t, s, "other", "1-0")
			require.Equal(t, 1, bk.blocked())
			rdAdd(t, s, "b", "2-0")
			require.Equal(t, []string{"b:[2-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		// Redis 7.0 replies with the key signalled first only: "b:[2-0]".
		{Name: "redis8 a transaction adding to two keys serves both, in argument order", Redis8: true, Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "a", "1-0")
			rdAdd(t, s, "b", "1-0")
			bk := bkStart(t, s)
			ch := bkRead(s, 0, "a", "b", "$", "$")
			bk.wait(1)
			pipe := s.C.TxPipeline()
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "b", ID: "2-0", Values: []string{"f", "v"}})
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "a", ID: "2-0", Values: []string{"f", "v"}})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, []string{"a:[2-0]", "b:[2-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		{Name: "blocked XREADGROUP readers are served in FIFO order, one entry each", Run: func(t *testing.T, s *side) {
			Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "s", "g", "$"))
			bk := bkStart(t, s)
			var chans []<-chan *redis.XStreamSliceCmd
			for i, c := range []string{"c1", "c2", "c3"} {
				chans = append(chans, bkGroupRead(s, c, 0, "s", ">"))
				bk.wait(i + 1)
			}
			for i, id := range []string{"1-0", "2-0", "3-0"} {
				rdAdd(t, s, "s", id)
				require.Equal(t, []string{"s:[" + id + "]"}, streamIDs(Rec(s, await(t, chans[i])).Val()))
			}
			require.Equal(t, []string{"1-0/c1/1", "2-0/c2/1", "3-0/c3/1"}, pendingExt(t, s, "s", "g", "", 0))
			// XREAD readers all see the same entry
			bk = bkStart(t, s)
			r1 := bkRead(s, 0, "s", "$")
			r2 := bkRead(s, 0, "s", "$")
			bk.wait(2)
			rdAdd(t, s, "s", "4-0")
			require.Equal(t, []string{"s:[4-0]"}, streamIDs(Rec(s, await(t, r1)).Val()))
			require.Equal(t, []string{"s:[4-0]"}, streamIDs(Rec(s, await(t, r2)).Val()))
		}},
		{Name: "XGROUP SETID, XCLAIM, XAUTOCLAIM and DELCONSUMER do not wake a blocked reader", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0")
			rdAdd(t, s, "s", "2-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "$"))
			Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "s", "g", "old"))
			bk := bkStart(t, s)
			ch := bkGroupRead(s, "c", 0, "s", ">")
			bk.wait(1)
			Rec(s, s.C.XGroupSetID(s.Ctx(), "s", "g", "0")) // entries are readable again, but nothing signals the key
			s.Do("XCLAIM", "s", "g", "x", "0", "1-0", "FORCE", "JUSTID")
			s.Do("XAUTOCLAIM", "s", "g", "y", "0", "0")
			Rec(s, s.C.XGroupDelConsumer(s.Ctx(), "s", "g", "old"))
			settleBlocked(t, bk, 1)
			rdAdd(t, s, "s", "3-0") // the next XADD serves it, from the group's new position
			require.Equal(t, []string{"s:[1-0 2-0 3-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		{Name: "NOACK blocked reader", Run: func(t *testing.T, s *side) {
			Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "s", "g", "$"))
			bk := bkStart(t, s)
			ch := async(func() *redis.XStreamSliceCmd {
				return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"s", ">"}, Block: 0, NoAck: true})
			})
			bk.wait(1)
			rdAdd(t, s, "s", "1-0")
			require.Equal(t, []string{"s:[1-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
			require.Equal(t, int64(0), Rec(s, s.C.XPending(s.Ctx(), "s", "g")).Val().Count)
		}},
		{Name: "XREAD keeps waiting when its key is deleted", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "5-0")
			bk := bkStart(t, s)
			ch := bkRead(s, 0, "s", "$")
			bk.wait(1)
			Rec(s, s.C.Del(s.Ctx(), "s"))
			rdAdd(t, s, "s", "1-0") // below the resolved $ (5-0): not served
			require.Equal(t, 1, bk.blocked())
			rdAdd(t, s, "s", "6-0")
			require.Equal(t, []string{"s:[6-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		{Name: "an XADD trimmed away at once is answered like a plain XADD", Run: func(t *testing.T, s *side) {
			// (go-redis sends MAXLEN only when > 0: the raw form)
			require.Equal(t, "2-0", s.Do("XADD", "s", "MAXLEN", "0", "2-0", "f", "v").Val())
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
		}},
		// Redis 7.0 serves both readers at once with an empty entry list
		// ("s" with no entries), for MAXLEN 0 and for XADD + XDEL in MULTI.
		{Name: "redis8 an XADD trimmed away at once or deleted in the same transaction leaves the reader blocked", Redis8: true, Run: func(t *testing.T, s *side) {
			bk := bkStart(t, s)
			r := bkRead(s, 0, "s", "$")
			bk.wait(1)
			require.Equal(t, "2-0", s.Do("XADD", "s", "MAXLEN", "0", "2-0", "f", "v").Val())
			pipe := s.C.TxPipeline()
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", ID: "3-0", Values: []string{"f", "v"}})
			pipe.XDel(s.Ctx(), "s", "3-0")
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, 1, bk.blocked())

			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "$"))
			g := bkGroupRead(s, "c", 0, "s", ">")
			bk.wait(2)
			require.Equal(t, "4-0", s.Do("XADD", "s", "MAXLEN", "0", "4-0", "f", "v").Val())
			pipe = s.C.TxPipeline()
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", ID: "5-0", Values: []string{"f", "v"}})
			pipe.XDel(s.Ctx(), "s", "5-0")
			_, err = pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, 2, bk.blocked())
			require.Equal(t, []string{"c"}, consumerNames(t, s, "s", "g"))
			require.Equal(t, "3-0", groupField(t, s, "s", "g", "last-delivered-id"))

			rdAdd(t, s, "s", "6-0")
			require.Equal(t, []string{"s:[6-0]"}, streamIDs(Rec(s, await(t, r)).Val()))
			require.Equal(t, []string{"s:[6-0]"}, streamIDs(Rec(s, await(t, g)).Val()))
			require.Equal(t, []string{"6-0/c/1"}, pendingExt(t, s, "s", "g", "", 0))
		}},
		{Name: "BLOCK inside MULTI does not block", Run: func(t *testing.T, s *side) {
			Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "s", "g", "$"))
			pipe := s.C.TxPipeline()
			r := pipe.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 0})
			g := pipe.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"s", ">"}, Block: 0})
			l := pipe.XLen(s.Ctx(), "s")
			_, err := pipe.Exec(s.Ctx())
			require.Equal(t, redis.Nil, err)
			require.Equal(t, redis.Nil, Rec(s, r).Err())
			require.Equal(t, redis.Nil, Rec(s, g).Err())
			require.Equal(t, int64(0), Rec(s, l).Val())
		}},
	})
}

// bkClient returns an in-process client on a manual clock, and a side for
// the bkCounter.
func bkClient(t *testing.T) (*goredis.Client, *xstream.ManualClock, *bkCounter) {
	c, clock := newInProcess(t)
	return c, clock, bkStart(t, &side{t: t, C: c})
}

// bkAdd adds an entry with an explicit ID.
func bkAdd(t *testing.T, c redis.Cmdable, key, id string) {
	t.Helper()
	require.Equal(t, id, c.XAdd(context.Background(), &redis.XAddArgs{Stream: key, ID: id, Values: []string{"f", "v"}}).Val())
}

// TestBlockTimeoutAndCancel: a positive BLOCK ends with redis.Nil; BLOCK 0
// ends with the context's error when it ends, and a canceled reader takes
// no entry.
func TestBlockTimeoutAndCancel(t *testing.T) {
	ctx := context.Background()
	c, _, bk := bkClient(t)
	require.NoError(t, c.XGroupCreateMkStream(ctx, "s", "g", "$").Err())
	require.Equal(t, redis.Nil, c.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 20 * time.Millisecond}).Err())
	require.Equal(t, redis.Nil, c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "a", Streams: []string{"s", ">"}, Block: 20 * time.Millisecond}).Err())

	cctx, cancel := context.WithCancel(ctx)
	ch := async(func() error {
		return c.XReadGroup(cctx, &redis.XReadGroupArgs{Group: "g", Consumer: "gone", Streams: []string{"s", ">"}, Block: 0}).Err()
	})
	bk.wait(1)
	cancel()
	require.ErrorIs(t, await(t, ch), context.Canceled)
	require.Equal(t, 0, bk.blocked())

	dctx, dcancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer dcancel()
	err := c.XRead(dctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 0}).Err()
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// the canceled reader is gone: the next entry goes to the next reader
	next := bkGroupRead(&side{t: t, C: c, ctx: ctx}, "b", 0, "s", ">")
	bk.wait(1)
	bkAdd(t, c, "s", "1-0")
	require.Equal(t, []string{"s:[1-0]"}, streamIDs(await(t, next).Val()))
	require.Equal(t, []redis.XPendingExt{{ID: "1-0", Consumer: "b", RetryCount: 1}},
		bkZeroIdle(c.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "s", Group: "g", Start: "-", End: "+", Count: 10}).Val()))

	// Close ends a blocked read with redis.ErrClosed
	closing := async(func() error { return c.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 0}).Err() })
	bk.wait(1)
	require.NoError(t, c.Close())
	require.Equal(t, redis.ErrClosed, await(t, closing))
}

// bkZeroIdle clears the idle times of XPENDING entries.
func bkZeroIdle(p []redis.XPendingExt) []redis.XPendingExt {
	for i := range p {
		p[i].Idle = 0
	}
	return p
}

// TestBlockManyReaders: blocked readers of one group get distinct entries,
// every entry exactly once, and nothing is left pending that no reader
// returned, even for readers canceled at the end.
func TestBlockManyReaders(t *testing.T) {
	const readers, entries = 8, 400
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _, bk := bkClient(t)
	require.NoError(t, c.XGroupCreateMkStream(ctx, "s", "g", "$").Err())
	got := make(chan []string, readers)
	for r := 0; r < readers; r++ {
		consumer := string(rune('a' + r))
		go func() {
			var mine []string
			for {
				res, err := c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: consumer, Count: int64(1 + len(mine)%3), Streams: []string{"s", ">"}, Block: 0}).Result()
				if err != nil {
					got <- mine
					return
				}
				for _, m := range res[0].Messages {
					mine = append(mine, m.ID)
				}
			}
		}()
	}
	bk.wait(readers)
	for i := 1; i <= entries; i++ {
		if i%50 == 0 { // a burst in one transaction now and then
			pipe := c.TxPipeline()
			pipe.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: strconv.Itoa(i) + "-0", Values: []string{"f", "v"}})
			pipe.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: strconv.Itoa(i) + "-1", Values: []string{"f", "v"}})
			_, err := pipe.Exec(ctx)
			require.NoError(t, err)
			continue
		}
		bkAdd(t, c, "s", strconv.Itoa(i)+"-0")
	}
	const total = entries + entries/50
	// until every entry is delivered and every reader waits again
	for deadline := time.Now().Add(10 * time.Second); c.XPending(ctx, "s", "g").Val().Count < total || bk.blocked() < readers; time.Sleep(time.Millisecond) {
		require.False(t, time.Now().After(deadline), "entries were not all delivered")
	}
	cancel()
	seen := map[string]int{}
	for r := 0; r < readers; r++ {
		for _, id := range await(t, got) {
			seen[id]++
		}
	}
	require.Len(t, seen, total)
	for id, n := range seen {
		require.Equal(t, 1, n, id)
	}
	sum := c.XPending(context.Background(), "s", "g").Val()
	require.Equal(t, int64(total), sum.Count)
	var owned int64
	for _, n := range sum.Consumers {
		owned += n
	}
	require.Equal(t, int64(total), owned)
}

// TestBlockNoGoroutineLeft: blocked readers that time out, are canceled or
// are served leave no goroutine behind, nor does Close; a CLAIM reader's
// timer is stopped.
func TestBlockNoGoroutineLeft(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	c := goredis.NewClient(nil)
	require.NoError(t, c.XGroupCreateMkStream(ctx, "s", "g", "$").Err())
	bkAdd(t, c, "s", "1-0")
	require.NoError(t, c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "x", Streams: []string{"s", ">"}, Block: -1}).Err())
	bk := bkStart(t, &side{t: t, C: c})
	var chans []<-chan error
	for i := 0; i < 10; i++ {
		chans = append(chans, async(func() error {
			return c.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 0}).Err()
		}))
		chans = append(chans, async(func() error {
			return c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "y", Claim: time.Hour, Streams: []string{"s", ">"}, Block: time.Hour}).Err()
		}))
	}
	bk.wait(20)
	require.Equal(t, redis.Nil, c.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: time.Millisecond}).Err())
	cancel()
	for _, ch := range chans {
		require.ErrorIs(t, await(t, ch), context.Canceled)
	}
	require.NoError(t, c.Close())
	require.LessOrEqual(t, settledGoroutines(before), before)
}

// TestBlockClaim: blocked CLAIM readers (Redis 8.4, spec §2.2) wake when a
// pending entry becomes idle enough — on the real-time timer, or, with a
// ManualClock, at the next command that signals a key — when new entries
// arrive, and when XNACK releases entries.
func TestBlockClaim(t *testing.T) {
	ctx := context.Background()
	claimRead := func(c *goredis.Client, consumer string, minIdle, block time.Duration) <-chan *redis.XStreamSliceCmd {
		return async(func() *redis.XStreamSliceCmd {
			return c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: consumer, Claim: minIdle, Streams: []string{"s", ">"}, Block: block})
		})
	}
	setup := func(c *goredis.Client) {
		require.NoError(t, c.XGroupCreateMkStream(ctx, "s", "g", "$").Err())
		bkAdd(t, c, "s", "1-0")
		require.NoError(t, c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c1", Streams: []string{"s", ">"}, Block: -1}).Err())
	}
	one := func(cmd *redis.XStreamSliceCmd) redis.XMessage {
		res, err := cmd.Result()
		require.NoError(t, err)
		require.Len(t, res, 1)
		require.Len(t, res[0].Messages, 1)
		m := res[0].Messages[0]
		m.Values = nil
		return m
	}

	t.Run("manual clock, noticed at the next signalling command", func(t *testing.T) {
		c, clock, bk := bkClient(t)
		setup(c)
		ch := claimRead(c, "c2", time.Second, 0)
		bk.wait(1)
		clock.Advance(1500 * time.Millisecond)
		bkAdd(t, c, "other", "1-0")
		require.Equal(t, redis.XMessage{ID: "1-0", MillisElapsedFromDelivery: 1500, DeliveredCount: 1}, one(await(t, ch)))
	})
	t.Run("system clock, woken by the timer", func(t *testing.T) {
		c := goredis.NewClient(nil)
		defer c.Close()
		setup(c)
		m := one(<-claimRead(c, "c2", 30*time.Millisecond, 0))
		require.Equal(t, "1-0", m.ID)
		require.Equal(t, int64(1), m.DeliveredCount)
		require.GreaterOrEqual(t, m.MillisElapsedFromDelivery, int64(30))
	})
	t.Run("a new entry wakes it before min-idle", func(t *testing.T) {
		c, _, bk := bkClient(t)
		setup(c)
		ch := claimRead(c, "c2", time.Hour, 0)
		bk.wait(1)
		bkAdd(t, c, "s", "2-0")
		require.Equal(t, redis.XMessage{ID: "2-0"}, one(await(t, ch)))
	})
	t.Run("XNACK wakes it", func(t *testing.T) {
		c, _, bk := bkClient(t)
		setup(c)
		ch := claimRead(c, "c2", time.Hour, 0)
		bk.wait(1)
		require.Equal(t, int64(1), c.Do(ctx, "XNACK", "s", "g", "FAIL", "IDS", "1", "1-0").Val())
		m := one(await(t, ch))
		require.Equal(t, "1-0", m.ID)
		require.Equal(t, int64(1), m.DeliveredCount)
		require.Equal(t, []string{"1-0/c2/2"}, bkPending(t, c))
	})
	t.Run("two readers on an empty group: one takes the entry, the other claims it later", func(t *testing.T) {
		c, clock, bk := bkClient(t)
		require.NoError(t, c.XGroupCreateMkStream(ctx, "s", "g", "$").Err())
		rd1 := claimRead(c, "rd1", 100*time.Millisecond, 0)
		bk.wait(1)
		rd2 := claimRead(c, "rd2", 100*time.Millisecond, 0)
		bk.wait(2)
		bkAdd(t, c, "s", "2-0")
		require.Equal(t, redis.XMessage{ID: "2-0"}, one(await(t, rd1)))
		require.Equal(t, 1, bk.blocked())
		clock.Advance(100 * time.Millisecond)
		bkAdd(t, c, "other", "1-0")
		require.Equal(t, redis.XMessage{ID: "2-0", MillisElapsedFromDelivery: 100, DeliveredCount: 1}, one(await(t, rd2)))
	})
	t.Run("BLOCK times out first", func(t *testing.T) {
		c, _, _ := bkClient(t)
		setup(c)
		require.Equal(t, redis.Nil, (<-claimRead(c, "c2", time.Hour, 20*time.Millisecond)).Err())
		require.Equal(t, []string{"1-0/c1/1"}, bkPending(t, c))
	})
}

// bkPending lists the pending entries of s/g as "id/consumer/count".
func bkPending(t *testing.T, c *goredis.Client) []string {
	t.Helper()
	var out []string
	for _, p := range c.XPendingExt(context.Background(), &redis.XPendingExtArgs{Stream: "s", Group: "g", Start: "-", End: "+", Count: 100}).Val() {
		out = append(out, fmt.Sprintf("%s/%s/%d", p.ID, p.Consumer, p.RetryCount))
	}
	return out
}

// TestBlockRESP2: a served blocked read has RESP2's shape, an array of
// [key, entries] pairs.
func TestBlockRESP2(t *testing.T) {
	ctx := context.Background()
	c := goredis.NewClient(&goredis.Options{Protocol: 2})
	defer c.Close()
	bk := bkStart(t, &side{t: t, C: c})
	ch := async(func() *redis.Cmd { return c.Do(ctx, "XREAD", "BLOCK", "0", "STREAMS", "s", "$") })
	bk.wait(1)
	bkAdd(t, c, "s", "1-0")
	require.Equal(t, []interface{}{[]interface{}{"s", []interface{}{[]interface{}{"1-0", []interface{}{"f", "v"}}}}}, await(t, ch).Val())
}

// TestBlockMaxCountRedis8: a blocked read with MAXCOUNT is re-executed
// whole when served (spec §5.2): "BLOCK 20000 COUNT 2 MAXCOUNT 3 STREAMS s1
// s2 > >" woken by a transaction adding 10 entries to each stream returns 3
// entries.
func TestBlockMaxCountRedis8(t *testing.T) {
	ctx := context.Background()
	c, _, bk := bkClient(t)
	for _, k := range []string{"s1", "s2"} {
		require.NoError(t, c.XGroupCreateMkStream(ctx, k, "g", "$").Err())
	}
	ch := async(func() *redis.XStreamSliceCmd {
		return c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c", Count: 2, MaxCount: 3, Streams: []string{"s1", "s2", ">", ">"}, Block: 20 * time.Second})
	})
	bk.wait(1)
	pipe := c.TxPipeline()
	for i := 1; i <= 10; i++ {
		for _, k := range []string{"s1", "s2"} {
			pipe.XAdd(ctx, &redis.XAddArgs{Stream: k, ID: strconv.Itoa(i) + "-0", Values: []string{"f", "v"}})
		}
	}
	_, err := pipe.Exec(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"s1:[1-0 2-0]", "s2:[1-0]"}, streamIDs(await(t, ch).Val()))
}

// TestBlockAfterExec: readers blocked when a transaction runs are served
// once, after EXEC, with everything it added (the whole command is
// re-executed: no default COUNT), and the transaction's own commands do not
// see them served.
func TestBlockAfterExec(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "one reply with every entry of the transaction", Run: func(t *testing.T, s *side) {
			Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "s", "g", "$"))
			bk := bkStart(t, s)
			r := bkRead(s, 0, "s", "$")
			g := bkGroupRead(s, "c", 0, "s", ">")
			bk.wait(2)
			pipe := s.C.TxPipeline()
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", ID: "1-0", Values: []string{"f", "v"}})
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", ID: "2-0", Values: []string{"f", "v"}})
			pending := pipe.XPending(s.Ctx(), "s", "g")
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, int64(0), Rec(s, pending).Val().Count)
			require.Equal(t, []string{"s:[1-0 2-0]"}, streamIDs(Rec(s, await(t, r)).Val()))
			require.Equal(t, []string{"s:[1-0 2-0]"}, streamIDs(Rec(s, await(t, g)).Val()))
		}},
		// Redis 7.0 serves at most 1000 entries to a blocked reader without
		// COUNT (its reply would hold 1-0 … 1000-0).
		{Name: "redis8 every entry without COUNT, however many", Redis8: true, Run: func(t *testing.T, s *side) {
			bk := bkStart(t, s)
			r := bkRead(s, 0, "s", "$")
			bk.wait(1)
			pipe := s.C.TxPipeline()
			for i := 1; i <= 1100; i++ {
				pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", ID: strconv.Itoa(i) + "-0", Values: []string{"f", "v"}})
			}
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			res := Rec(s, await(t, r)).Val()
			require.Len(t, res, 1)
			require.Len(t, res[0].Messages, 1100)
			require.Equal(t, "1100-0", res[0].Messages[1099].ID)
		}},
		{Name: "XADD then DEL in one transaction does not wake XREAD", Run: func(t *testing.T, s *side) {
			bk := bkStart(t, s)
			r := bkRead(s, 0, "s", "$")
			bk.wait(1)
			pipe := s.C.TxPipeline()
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", ID: "1-0", Values: []string{"f", "v"}})
			pipe.Del(s.Ctx(), "s")
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, 1, bk.blocked())
			rdAdd(t, s, "s", "2-0")
			require.Equal(t, []string{"s:[2-0]"}, streamIDs(Rec(s, await(t, r)).Val()))
		}},
	})
}

// TestBlockPlusRedis8: a blocked XREAD with "+" (Redis 7.4+) re-resolves it
// when woken: the stream's last entry.
func TestBlockPlusRedis8(t *testing.T) {
	ctx := context.Background()
	c, _, bk := bkClient(t)
	ch := async(func() *redis.XStreamSliceCmd {
		return c.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "+"}, Block: 0})
	})
	bk.wait(1)
	bkAdd(t, c, "s", "7-0")
	require.Equal(t, []string{"s:[7-0]"}, streamIDs(await(t, ch).Val()))
}

// settleBlocked gives a wrongly woken reader time to return, then requires
// that n readers started since bk are still blocked.
func settleBlocked(t *testing.T, bk *bkCounter, n int) {
	t.Helper()
	time.Sleep(20 * time.Millisecond)
	require.Equal(t, n, bk.blocked())
}
