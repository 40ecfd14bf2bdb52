package goredis_test

// XREAD / XREADGROUP features newer than Redis 7.0, asserted per
// /work/shared/spec: CLAIM (8.4, spec §2), MAXCOUNT / MAXSIZE (8.10, §5),
// XREAD's "+" (7.4) and the newer error texts. They run in process only.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// rdClaimRead runs XREADGROUP … CLAIM minIdle STREAMS key > and returns its
// messages of key as "id/idle-ms/count" (nil for a nil reply).
func rdClaimRead(t *testing.T, s *side, consumer string, count int64, minIdle time.Duration, key string) []string {
	t.Helper()
	res, err := claimRead(s, "g", consumer, count, minIdle, false, key, ">").Result()
	if err == redis.Nil {
		return nil
	}
	require.NoError(t, err)
	require.Len(t, res, 1)
	return claimed(res[0].Messages)
}

// rdTotal counts the entries of a read reply.
func rdTotal(res []redis.XStream) int {
	n := 0
	for _, st := range res {
		n += len(st.Messages)
	}
	return n
}

// TestReadCmdsRedis8 asserts, in process, the XREAD/XREADGROUP behaviour
// newer than Redis 7.0 that the spec documents.
func TestReadCmdsRedis8(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "unbalanced STREAMS texts (7.4+)", Redis8: true, Run: func(t *testing.T, s *side) {
			rdErr(t, s, "ERR Unbalanced 'xread' list of streams: for each stream key an ID, '+', or '$' must be specified.", "XREAD", "STREAMS", "s", "t", "0")
			rdErr(t, s, "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified.", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "t", ">")
			// checked when STREAMS is met: after the options before it
			rdErr(t, s, rdNotInt, "XREAD", "COUNT", "x", "STREAMS", "s", "t", "0")
		}},
		{Name: "XREAD + reads the last entry (7.4+)", Redis8: true, Run: func(t *testing.T, s *side) {
			require.Nil(t, rdRead(t, s, "s", "+")) // missing key
			rdAdd(t, s, "s", "1-0", "2-0", "3-0")
			require.Equal(t, []string{"s:[3-0]"}, rdRead(t, s, "s", "+"))
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"s", "s", "+", "1"}, Count: 5, Block: -1})).Val()
			require.Equal(t, []string{"s:[3-0]", "s:[2-0 3-0]"}, streamIDs(res))
			Rec(s, s.C.XDel(s.Ctx(), "s", "3-0"))
			require.Equal(t, []string{"s:[2-0]"}, rdRead(t, s, "s", "+")) // the last live entry
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "s", 0))
			require.Nil(t, rdRead(t, s, "s", "+"))
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			rdErr(t, s, "ERR The + ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The + ID would just return an empty result set.",
				"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "+")
		}},
		{Name: "BLOCK out of range (7.2+)", Redis8: true, Run: func(t *testing.T, s *side) {
			rdErr(t, s, "ERR timeout is out of range", "XREAD", "BLOCK", "9223372036854775807", "STREAMS", "s", "0")
			rdErr(t, s, "ERR timeout is out of range", "XREADGROUP", "GROUP", "g", "c", "BLOCK", "9223372036854775000", "STREAMS", "s", ">")
		}},
		{Name: "CLAIM parsing", Redis8: true, Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			rdErr(t, s, "ERR The CLAIM option is only supported by XREADGROUP. You called XREAD instead.", "XREAD", "COUNT", "2", "CLAIM", "10", "STREAMS", "s", "0-0")
			for _, bad := range []string{"test", "5.5", "5,5", "10e", "+10", "*10", "10/2", "-0", "-5.5", "COUNT"} {
				rdErr(t, s, "ERR min-idle-time is not an integer or out of range", "XREADGROUP", "GROUP", "g", "c", "CLAIM", bad, "STREAMS", "s", ">")
			}
			for _, neg := range []string{"-10", "-42"} {
				rdErr(t, s, "ERR min-idle-time must be a positive integer", "XREADGROUP", "GROUP", "g", "c", "CLAIM", neg, "STREAMS", "s", ">")
			}
			rdErr(t, s, "NOGROUP No such key 'CLAIM' or consumer group 'g' in XREADGROUP with GROUP option", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "CLAIM", "50", ">")
			rdErr(t, s, rdBadID, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">", "CLAIM", "50")
			rdErr(t, s, "ERR syntax error", "XREADGROUP", "GROUP", "g", "CLAIM", "50", "c", "STREAMS", "s", ">")
			// any position, the last one wins
			for _, args := range [][]interface{}{
				{"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "CLAIM", "0", "STREAMS", "s", ">"},
				{"XREADGROUP", "CLAIM", "0", "GROUP", "g", "c", "STREAMS", "s", ">"},
				{"XREADGROUP", "GROUP", "g", "c", "CLAIM", "99999", "COUNT", "1", "CLAIM", "0", "STREAMS", "s", ">"},
			} {
				entries := rdEntries(t, s.Do(args...), "s")
				require.Len(t, entries, 1)
				require.Len(t, entries[0], 4)
			}
		}},
		{Name: "CLAIM serving (spec §2.3)", Redis8: true, Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0", "3-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			// no pending entries: new ones, 4 elements with 0 0
			require.Equal(t, []string{"1-0/0/0", "2-0/0/0"}, rdClaimRead(t, s, "c1", 2, 100*time.Millisecond, "s"))
			// below the threshold: only the new entry
			require.Equal(t, []string{"3-0/0/0"}, rdClaimRead(t, s, "c1", 0, 100*time.Millisecond, "s"))
			require.Nil(t, rdClaimRead(t, s, "c2", 0, 100*time.Millisecond, "s"))
			s.Sleep(150 * time.Millisecond)
			// idle ones, longest idle first, with their idle time and count
			require.Equal(t, []string{"1-0/150/1", "2-0/150/1"}, rdClaimRead(t, s, "c2", 2, 100*time.Millisecond, "s"))
			require.Equal(t, []string{"1-0/c2/2", "2-0/c2/2", "3-0/c1/1"}, pendingExt(t, s, "s", "g", "", 0))
			s.Sleep(60 * time.Millisecond)
			rdAdd(t, s, "s", "4-0")
			// claimed first (3-0 idle 210, then 1-0, 2-0 idle 60), then new
			require.Equal(t, []string{"3-0/210/1", "1-0/60/2", "2-0/60/2", "4-0/0/0"}, rdClaimRead(t, s, "c3", 0, 50*time.Millisecond, "s"))
			// NOACK does not apply to claimed entries
			s.Sleep(time.Second)
			rdAdd(t, s, "s", "5-0")
			res := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c4", NoAck: true, Claim: time.Second, Block: -1, Streams: []string{"s", ">"}})).Val()
			require.Equal(t, []string{"s:[3-0 1-0 2-0 4-0 5-0]"}, streamIDs(res))
			require.Equal(t, []string{"1-0/c4/4", "2-0/c4/4", "3-0/c4/3", "4-0/c4/2"}, pendingExt(t, s, "s", "g", "", 0))
			// a history read ignores CLAIM: 2-element entries (and counts a delivery)
			for _, e := range rdEntries(t, s.Do("XREADGROUP", "GROUP", "g", "c4", "CLAIM", "0", "STREAMS", "s", "0"), "s") {
				require.Len(t, e, 2)
			}
			// CLAIM is off for the streams after a history read, not before
			s.Sleep(10 * time.Millisecond)
			res = Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c5", Claim: time.Millisecond, Block: -1, Streams: []string{"s", "s", ">", "0"}})).Val()
			require.Len(t, res, 2)
			counts := map[string]int64{}
			for _, m := range res[0].Messages {
				counts[m.ID] = m.DeliveredCount
				require.Equal(t, int64(10), m.MillisElapsedFromDelivery)
			}
			require.Equal(t, map[string]int64{"1-0": 5, "2-0": 5, "3-0": 4, "4-0": 3}, counts)
			require.Equal(t, "s:[1-0 2-0 3-0 4-0]", streamIDs(res)[1])
			for _, m := range res[1].Messages {
				require.Zero(t, m.DeliveredCount)
			}
			// deleted pending entries are skipped silently
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "s", 0))
			s.Sleep(time.Second)
			require.Nil(t, rdClaimRead(t, s, "c6", 0, 50*time.Millisecond, "s"))
		}},
		{Name: "MAXCOUNT and MAXSIZE errors", Redis8: true, Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			for _, cmd := range [][]interface{}{{"XREAD"}, {"XREADGROUP", "GROUP", "g", "c"}} {
				id := map[bool]string{false: "0", true: ">"}[len(cmd) > 1]
				do := func(want string, opts ...interface{}) {
					t.Helper()
					args := append(append(append([]interface{}{}, cmd...), opts...), "STREAMS", "s", id)
					rdErr(t, s, want, args...)
				}
				do("ERR MAXCOUNT must be greater than or equal to COUNT", "COUNT", "50", "MAXCOUNT", "10")
				do("ERR MAXCOUNT must be greater than or equal to COUNT", "MAXCOUNT", "10", "COUNT", "50")
				do("ERR MAXCOUNT must be a positive integer", "MAXCOUNT", "0")
				do("ERR MAXCOUNT must be a positive integer", "MAXCOUNT", "-1")
				do("ERR MAXSIZE must be a positive integer", "MAXSIZE", "0")
				do("ERR MAXSIZE must be a positive integer", "MAXSIZE", "-5")
				do(rdNotInt, "MAXCOUNT", "foo")
				do(rdNotInt, "MAXSIZE", "1k")
				// caps are checked while parsing, before the COUNT relation
				do("ERR MAXSIZE must be a positive integer", "COUNT", "50", "MAXCOUNT", "10", "MAXSIZE", "0")
			}
			// COUNT 0 or negative is no limit: no relation to check
			require.NoError(t, s.Do("XREAD", "COUNT", "0", "MAXCOUNT", "5", "STREAMS", "s", "0").Err())
			require.NoError(t, s.Do("XREAD", "COUNT", "-7", "MAXCOUNT", "5", "STREAMS", "s", "0").Err())
			// the missing GROUP comes first
			rdErr(t, s, "ERR Missing GROUP option for XREADGROUP", "XREADGROUP", "COUNT", "50", "MAXCOUNT", "10", "STREAMS", "s", ">")
		}},
		{Name: "MAXCOUNT and MAXSIZE serving (spec §5.3)", Redis8: true, Run: func(t *testing.T, s *side) {
			keys := []string{"m1", "m2", "m3"}
			for _, k := range keys {
				for i := 1; i <= 100; i++ {
					Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: k, ID: fmt.Sprintf("%d-0", i), Values: []string{"f", fmt.Sprint("v", i)}}))
				}
			}
			read := func(a redis.XReadArgs) []redis.XStream {
				a.Block = -1
				res, err := Rec(s, s.C.XRead(s.Ctx(), &a)).Result()
				require.NoError(t, err)
				return res
			}
			all := []string{"m1", "m2", "m3", "0", "0", "0"}
			require.Equal(t, 150, rdTotal(read(redis.XReadArgs{Streams: all, Count: 50})))
			res := read(redis.XReadArgs{Streams: all, Count: 50, MaxCount: 80})
			require.Equal(t, 80, rdTotal(res))
			require.Len(t, res, 2) // 50 + 30; m3 not reached
			res = read(redis.XReadArgs{Streams: all, MaxCount: 7})
			require.Len(t, res, 1)
			require.Equal(t, "m1", res[0].Stream)
			require.Len(t, res[0].Messages, 7)
			res = read(redis.XReadArgs{Streams: all, Count: 2, MaxCount: 3})
			require.Equal(t, []string{"m1:[1-0 2-0]", "m2:[1-0]"}, streamIDs(res))
			require.Equal(t, streamIDs(read(redis.XReadArgs{Streams: []string{"m1", "0"}, Count: 10})),
				streamIDs(read(redis.XReadArgs{Streams: []string{"m1", "0"}, Count: 10, MaxCount: 10})))
			n := rdTotal(read(redis.XReadArgs{Streams: all, MaxSize: 200}))
			require.GreaterOrEqual(t, n, 1)
			require.Less(t, n, 300)
			require.Equal(t, 5, rdTotal(read(redis.XReadArgs{Streams: all, MaxCount: 5, MaxSize: 100000})))
			// the first entry is always returned, however large
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "big", ID: "1-1", Values: []string{"f", strings.Repeat("x", 5000)}}))
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "big", ID: "2-2", Values: []string{"f", "y"}}))
			require.Equal(t, []string{"big:[1-1]"}, streamIDs(read(redis.XReadArgs{Streams: []string{"big", "0"}, MaxSize: 50})))
			// the same inside MULTI
			pipe := s.C.TxPipeline()
			pipe.XRange(s.Ctx(), "m1", "-", "+")
			inTx := pipe.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"m1", "0"}, MaxSize: 1000, Block: -1})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			alone := rdTotal(read(redis.XReadArgs{Streams: []string{"m1", "0"}, MaxSize: 1000}))
			require.Greater(t, alone, 1)
			require.Equal(t, alone, rdTotal(inTx.Val()))

			// XREADGROUP: new entries and history; streams not reached create no consumer
			for _, k := range keys {
				Rec(s, s.C.XGroupCreate(s.Ctx(), k, "g", "0"))
			}
			gres := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c1", Count: 50, MaxCount: 80, Block: -1, Streams: []string{"m1", "m2", "m3", ">", ">", ">"}})).Val()
			require.Equal(t, 80, rdTotal(gres))
			require.Len(t, gres, 2)
			consumers := Rec(s, s.C.XInfoConsumers(s.Ctx(), "m3", "g")).Val()
			require.Empty(t, consumers)
			gres = Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c1", MaxCount: 25, Block: -1, Streams: []string{"m1", "m2", "m3", "0", "0", "0"}})).Val()
			require.Equal(t, 25, rdTotal(gres))
			Rec(s, s.C.XGroupCreate(s.Ctx(), "big", "bg", "0"))
			gres = Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "bg", Consumer: "c", MaxSize: 50, Block: -1, Streams: []string{"big", ">"}})).Val()
			require.Equal(t, []string{"big:[1-1]"}, streamIDs(gres))
			require.Equal(t, int64(1), Rec(s, s.C.XPending(s.Ctx(), "big", "bg")).Val().Count) // 2-2 not taken
		}},
	})
}
