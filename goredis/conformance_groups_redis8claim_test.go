package goredis_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// claimRead is XREADGROUP … CLAIM minIdle STREAMS streams (non-blocking).
func claimRead(s *side, group, consumer string, count int64, minIdle time.Duration, noack bool, streams ...string) *redis.XStreamSliceCmd {
	return Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{
		Group: group, Consumer: consumer, Count: count, Block: noBlock, NoAck: noack, Claim: minIdle, Streams: streams,
	}))
}

// claimed renders CLAIM entries as "id/idle-ms/delivery-count" (the idle
// is exact on the manual clock).
func claimed(msgs []redis.XMessage) []string {
	out := []string{}
	for _, m := range msgs {
		out = append(out, fmt.Sprintf("%s/%d/%d", m.ID, m.MillisElapsedFromDelivery, m.DeliveredCount))
	}
	return out
}

// claimBase adds n entries 1-0 … n-0 (f v<i>) and creates group1 at 0.
func claimBase(t *testing.T, s *side, n int) {
	gAddN(s, "mystream", n)
	gCreate(t, s, "mystream", "group1", "0")
}

// groupsRedis8ClaimScenarios port the "XREADGROUP CLAIM …" tests (8.4),
// spec §2.3, with the manual clock in place of real waits.
func groupsRedis8ClaimScenarios() []scenario {
	return []scenario{
		{Name: "redis8 tcl XREADGROUP CLAIM returns unacknowledged messages", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 2)
			require.Len(t, gRead(s, "group1", "consumer1", 0, "mystream", ">").Val()[0].Messages, 2)
			require.Equal(t, int64(2), Rec(s, s.C.XPending(s.Ctx(), "mystream", "group1")).Val().Count)
			s.Sleep(100 * time.Millisecond)
			res := claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "mystream", ">").Val()
			require.Equal(t, "mystream", res[0].Stream)
			require.Equal(t, []string{"1-0/100/1", "2-0/100/1"}, claimed(res[0].Messages))
			require.Equal(t, map[string]interface{}{"f": "v1"}, res[0].Messages[0].Values)
			require.Equal(t, []string{"1-0/consumer2/2", "2-0/consumer2/2"}, pendingExt(t, s, "mystream", "group1", "", 0))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM message response format (raw)", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 1)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			s.Sleep(100 * time.Millisecond)
			raw := s.Do("XREADGROUP", "GROUP", "group1", "consumer2", "CLAIM", "50", "STREAMS", "mystream", ">").Val()
			require.Equal(t, map[interface{}]interface{}{"mystream": []interface{}{
				[]interface{}{"1-0", []interface{}{"f", "v1"}, int64(100), int64(1)},
			}}, raw)
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM respects min-idle-time threshold / without messages", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 2)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			s.Sleep(99 * time.Millisecond)
			require.Equal(t, redis.Nil, claimRead(s, "group1", "consumer2", 0, 100*time.Millisecond, false, "mystream", ">").Err())
			// A stream whose only entry was deleted, group at 0.
			gAdd(s, "other", "1-0", "f", "v1")
			Rec(s, s.C.XDel(s.Ctx(), "other", "1-0"))
			gCreate(t, s, "other", "group1", "0")
			require.Equal(t, redis.Nil, claimRead(s, "group1", "consumer1", 0, 100*time.Millisecond, false, "other", ">").Err())
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with COUNT limit", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 3)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			s.Sleep(100 * time.Millisecond)
			res := claimRead(s, "group1", "consumer2", 2, 50*time.Millisecond, false, "mystream", ">").Val()
			require.Equal(t, []string{"1-0/100/1", "2-0/100/1"}, claimed(res[0].Messages))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM without pending messages / mixed claimed and new", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 2)
			res := claimRead(s, "group1", "consumer1", 0, 100*time.Millisecond, false, "mystream", ">").Val()
			require.Equal(t, []string{"1-0/0/0", "2-0/0/0"}, claimed(res[0].Messages))
			gAdd(s, "m", "1-0", "f", "v1")
			gAdd(s, "m", "2-0", "f", "v2")
			gCreate(t, s, "m", "group1", "0")
			gRead(s, "group1", "consumer1", 1, "m", ">")
			s.Sleep(100 * time.Millisecond)
			res = claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "m", ">").Val()
			require.Equal(t, []string{"1-0/100/1", "2-0/0/0"}, claimed(res[0].Messages))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM delivery count / idle time", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 1)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			step := func(consumer string, wait, min time.Duration) string {
				s.Sleep(wait)
				return claimed(claimRead(s, "group1", consumer, 0, min, false, "mystream", ">").Val()[0].Messages)[0]
			}
			require.Equal(t, "1-0/100/1", step("consumer2", 100*time.Millisecond, 50*time.Millisecond))
			step("consumer3", 100*time.Millisecond, 50*time.Millisecond)
			step("consumer3", 100*time.Millisecond, 50*time.Millisecond)
			require.Equal(t, "1-0/100/4", step("consumer3", 100*time.Millisecond, 50*time.Millisecond))
			step("consumer4", 100*time.Millisecond, 50*time.Millisecond)
			require.Equal(t, "1-0/70/6", step("consumer5", 70*time.Millisecond, 60*time.Millisecond))
			require.Equal(t, "1-0/20/7", step("consumer5", 20*time.Millisecond, 10*time.Millisecond))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with NOACK (with and without pending)", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 2)
			s.Sleep(100 * time.Millisecond)
			require.Len(t, claimRead(s, "group1", "consumer1", 0, 50*time.Millisecond, true, "mystream", ">").Val()[0].Messages, 2)
			require.Equal(t, int64(0), Rec(s, s.C.XPending(s.Ctx(), "mystream", "group1")).Val().Count)
			require.Equal(t, redis.Nil, claimRead(s, "group1", "consumer1", 0, 50*time.Millisecond, true, "mystream", ">").Err())

			gAdd(s, "m", "1-0", "f", "v1")
			gAdd(s, "m", "2-0", "f", "v2")
			gCreate(t, s, "m", "group1", "0")
			gRead(s, "group1", "consumer1", 1, "m", ">")
			s.Sleep(100 * time.Millisecond)
			require.Equal(t, []string{"1-0/100/1", "2-0/0/0"}, claimed(claimRead(s, "group1", "consumer1", 0, 50*time.Millisecond, true, "m", ">").Val()[0].Messages))
			require.Equal(t, int64(1), Rec(s, s.C.XPending(s.Ctx(), "m", "group1")).Val().Count)
			s.Sleep(100 * time.Millisecond)
			require.Equal(t, []string{"1-0/100/2"}, claimed(claimRead(s, "group1", "consumer1", 0, 50*time.Millisecond, true, "m", ">").Val()[0].Messages))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with multiple streams", Redis8: true, Run: func(t *testing.T, s *side) {
			for i, k := range []string{"mystream1", "mystream2", "mystream3"} {
				gAdd(s, k, fmt.Sprintf("%d-0", 2*i+1), "f", "v1")
				gAdd(s, k, fmt.Sprintf("%d-0", 2*i+2), "f", "v2")
				gCreate(t, s, k, "group1", "0")
			}
			gRead(s, "group1", "consumer1", 1, "mystream1", "mystream2", "mystream3", ">", ">", ">")
			s.Sleep(100 * time.Millisecond)
			res := claimRead(s, "group1", "consumer1", 0, 50*time.Millisecond, false, "mystream1", "mystream2", "mystream3", ">", ">", ">").Val()
			require.Len(t, res, 3)
			require.Equal(t, []string{"1-0/100/1", "2-0/0/0"}, claimed(res[0].Messages))
			require.Equal(t, []string{"3-0/100/1", "4-0/0/0"}, claimed(res[1].Messages))
			require.Equal(t, []string{"5-0/100/1", "6-0/0/0"}, claimed(res[2].Messages))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with min-idle-time equal to zero / large", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 2)
			gRead(s, "group1", "consumer1", 1, "mystream", ">")
			raw := s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "0", "STREAMS", "mystream", ">").Val()
			require.Equal(t, map[interface{}]interface{}{"mystream": []interface{}{
				[]interface{}{"1-0", []interface{}{"f", "v1"}, int64(0), int64(1)},
				[]interface{}{"2-0", []interface{}{"f", "v2"}, int64(0), int64(0)},
			}}, raw)
			gAdd(s, "m", "1-0", "f", "v1")
			gAdd(s, "m", "2-0", "f", "v2")
			gCreate(t, s, "m", "group1", "0")
			gRead(s, "group1", "consumer1", 1, "m", ">")
			s.Sleep(100 * time.Millisecond)
			raw = s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "9223372036854775807", "STREAMS", "m", ">").Val()
			require.Equal(t, map[interface{}]interface{}{"m": []interface{}{
				[]interface{}{"2-0", []interface{}{"f", "v2"}, int64(0), int64(0)},
			}}, raw)
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with not integer / negative min-idle-time", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 2)
			gRead(s, "group1", "consumer1", 1, "mystream", ">")
			for _, v := range []string{"test", "5.5", "5,5", "10e", "+10", "*10", "10/2", "10*2", "10€", "-0", "-5.5", "-5,5", "-10e", "-10/2", "-10*2", "(-10)*2"} {
				require.EqualError(t, s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", v, "STREAMS", "mystream", ">").Err(),
					"ERR min-idle-time is not an integer or out of range", v)
			}
			for _, v := range []string{"-10", "-42"} {
				require.EqualError(t, s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", v, "STREAMS", "mystream", ">").Err(),
					"ERR min-idle-time must be a positive integer", v)
			}
			require.EqualError(t, s.Do("XREAD", "COUNT", "2", "CLAIM", "10", "STREAMS", "mystream", "0-0").Err(),
				"ERR The CLAIM option is only supported by XREADGROUP. You called XREAD instead.")
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with different position", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 2)
			gRead(s, "group1", "consumer1", 1, "mystream", ">")
			for i, args := range [][]interface{}{
				{"XREADGROUP", "GROUP", "group1", "consumer1", "COUNT", "1", "CLAIM", "50", "STREAMS", "mystream", ">"},
				{"XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "50", "COUNT", "1", "STREAMS", "mystream", ">"},
				{"XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "50", "COUNT", "1", "CLAIM", "60", "STREAMS", "mystream", ">"},
				{"XREADGROUP", "CLAIM", "50", "GROUP", "group1", "consumer1", "COUNT", "1", "STREAMS", "mystream", ">"},
			} {
				s.Sleep(100 * time.Millisecond)
				require.Equal(t, map[interface{}]interface{}{"mystream": []interface{}{
					[]interface{}{"1-0", []interface{}{"f", "v1"}, int64(100), int64(i + 1)},
				}}, s.Do(args...).Val(), "%v", args)
			}
			// The last CLAIM wins: 60 > idle 59, so 1-0 is not claimed and
			// COUNT 1 is left for the new entry.
			s.Sleep(59 * time.Millisecond)
			require.Equal(t, map[interface{}]interface{}{"mystream": []interface{}{
				[]interface{}{"2-0", []interface{}{"f", "v2"}, int64(0), int64(0)},
			}}, s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "10", "COUNT", "1", "CLAIM", "60", "STREAMS", "mystream", ">").Val())
			for _, c := range []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "10", "CLAIM", "COUNT", "1", "STREAMS", "mystream", ">"}, "ERR min-idle-time is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "CLAIM", "GROUP", "group1", "consumer1", "COUNT", "1", "STREAMS", "mystream", ">"}, "ERR min-idle-time is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "group1", "consumer1", "COUNT", "1", "STREAMS", "mystream", "CLAIM", "50", ">"}, "NOGROUP No such key 'CLAIM' or consumer group 'group1' in XREADGROUP with GROUP option"},
				{[]interface{}{"XREADGROUP", "GROUP", "group1", "consumer1", "COUNT", "1", "STREAMS", "mystream", "CLAIM", ">"}, "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified."},
				{[]interface{}{"XREADGROUP", "GROUP", "group1", "consumer1", "COUNT", "1", "STREAMS", "mystream", ">", "CLAIM", "50"}, "ERR Invalid stream ID specified as stream command argument"},
				{[]interface{}{"XREADGROUP", "GROUP", "group1", "consumer1", "COUNT", "1", "STREAMS", "mystream", ">", "CLAIM"}, "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified."},
				{[]interface{}{"XREADGROUP", "GROUP", "group1", "CLAIM", "50", "consumer1", "STREAMS", "mystream", ">"}, "ERR syntax error"},
				{[]interface{}{"XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "STREAMS", "mystream", ">"}, "ERR min-idle-time is not an integer or out of range"},
			} {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with specific ID / non-existing group / non-existing consumer", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 3)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			s.Sleep(100 * time.Millisecond)
			raw := s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "CLAIM", "1000", "STREAMS", "mystream", "0").Val()
			entries := raw.(map[interface{}]interface{})["mystream"].([]interface{})
			require.Len(t, entries, 3)
			require.Len(t, entries[0], 2)
			require.EqualError(t, s.Do("XREADGROUP", "GROUP", "not_existing_group", "consumer1", "CLAIM", "50", "STREAMS", "mystream", ">").Err(),
				noGroupRead("mystream", "not_existing_group"))
			// The history read reset the idle times.
			s.Sleep(100 * time.Millisecond)
			res := claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "mystream", ">").Val()
			require.Len(t, res[0].Messages, 3)
			require.Equal(t, []string{"1-0/consumer2/3", "2-0/consumer2/3", "3-0/consumer2/3"}, pendingExt(t, s, "mystream", "group1", "", 0))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM verify ownership transfer and delivery count updates / XACK removes", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 3)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			s.Sleep(100 * time.Millisecond)
			require.Len(t, claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "mystream", ">").Val()[0].Messages, 3)
			require.Equal(t, []string{"1-0/consumer2/2", "2-0/consumer2/2", "3-0/consumer2/2"}, pendingExt(t, s, "mystream", "group1", "", 0))
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "group1", "1-0", "3-0"))
			s.Sleep(100 * time.Millisecond)
			require.Equal(t, []string{"2-0/100/2"}, claimed(claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "mystream", ">").Val()[0].Messages))
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "group1", "2-0"))
			s.Sleep(100 * time.Millisecond)
			require.Equal(t, redis.Nil, claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "mystream", ">").Err())
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM verify that XCLAIM updates delivery count / forced entries are claimable", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 3)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			s.Sleep(100 * time.Millisecond)
			Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "group1", "consumer3", 50*time.Millisecond, "2-0", "3-0")))
			s.Sleep(100 * time.Millisecond)
			res := claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "mystream", ">").Val()
			require.Equal(t, []string{"1-0/200/1", "2-0/100/2", "3-0/100/2"}, claimed(res[0].Messages))

			gAddN(s, "m", 3)
			gCreate(t, s, "m", "group1", "0")
			s.Do("XCLAIM", "m", "group1", "consumer3", "0", "1-0", "2-0", "FORCE", "JUSTID")
			// go-redis sends no CLAIM for a zero Claim duration: raw command.
			require.Equal(t, map[interface{}]interface{}{"m": []interface{}{
				[]interface{}{"1-0", []interface{}{"f", "v1"}, int64(0), int64(1)},
				[]interface{}{"2-0", []interface{}{"f", "v2"}, int64(0), int64(1)},
			}}, s.Do("XREADGROUP", "GROUP", "group1", "consumer2", "COUNT", "2", "CLAIM", "0", "STREAMS", "m", ">").Val())
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with BLOCK zero (manual clock)", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 3)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			block := func(b, claim time.Duration) <-chan *redis.XStreamSliceCmd {
				return async(func() *redis.XStreamSliceCmd {
					return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "group1", Consumer: "consumer1", Block: b, Claim: claim, Streams: []string{"mystream", ">"}})
				})
			}
			ch := block(time.Millisecond, 0)
			settle()
			s.Sleep(5 * time.Millisecond)
			require.Equal(t, redis.Nil, Rec(s, await(t, ch)).Err())
			s.Sleep(100 * time.Millisecond)
			res := Rec(s, await(t, block(10*time.Second, 50*time.Millisecond))).Val()
			require.Len(t, res[0].Messages, 3)
			s.Sleep(100 * time.Millisecond)
			res = Rec(s, await(t, block(0, 50*time.Millisecond))).Val()
			require.Len(t, res[0].Messages, 3)
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM new message wakes a blocked CLAIM reader before min-idle", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 1)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			ch := async(func() *redis.XStreamSliceCmd {
				return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "group1", Consumer: "consumer2", Block: 5 * time.Second, Claim: time.Second, Streams: []string{"mystream", ">"}})
			})
			settle()
			gAdd(s, "mystream", "2-0", "f", "v2")
			require.Equal(t, []string{"2-0/0/0"}, claimed(Rec(s, await(t, ch)).Val()[0].Messages))
		}},
		{Name: "redis8 tcl XREADGROUP CLAIM with two blocked clients", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "f", "v1")
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "1-0"))
			require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "mystream", "group1", "0")).Val())
			ch1 := blockRead(s, "group1", "consumer1", 0, false, "mystream", ">")
			settle()
			ch2 := async(func() *redis.XStreamSliceCmd {
				return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "group1", Consumer: "consumer2", Block: 0, Claim: 100 * time.Millisecond, Streams: []string{"mystream", ">"}})
			})
			settle()
			gAdd(s, "mystream", "2-0", "f", "v2")
			require.Equal(t, []string{"mystream:[2-0]"}, streamIDs(Rec(s, await(t, ch1)).Val()))
			// rd2 claims it once it has been idle 100 ms.
			s.Sleep(100 * time.Millisecond)
			res := Rec(s, await(t, ch2)).Val()
			require.Len(t, res, 1)
			require.Equal(t, []string{"2-0/100/1"}, claimed(res[0].Messages))
		}},
		{Name: "redis8 XREADGROUP CLAIM order, DELCONSUMER, SETID, trimmed ghosts (spec 2.3)", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 6)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			now := s.Clock.Now().UnixMilli()
			for i, ago := range []int64{50000, 40000, 30000, 20000, 2000, 1000} {
				s.Do("XCLAIM", "mystream", "group1", "consumer1", "0", fmt.Sprintf("%d-0", i+1), "TIME", now-ago, "JUSTID")
			}
			ids10 := func(min time.Duration, count int64) []string {
				return msgIDs(claimRead(s, "group1", "consumer2", count, min, false, "mystream", ">").Val()[0].Messages)
			}
			require.Equal(t, []string{"1-0", "2-0", "3-0", "4-0"}, ids10(10*time.Second, 10))
			require.Equal(t, []string{"5-0"}, ids10(1500*time.Millisecond, 0))
			require.Equal(t, []string{"6-0"}, ids10(500*time.Millisecond, 0))

			gAddN(s, "d", 2)
			gCreate(t, s, "d", "group1", "0")
			gRead(s, "group1", "consumer1", 0, "d", ">")
			Rec(s, s.C.XGroupDelConsumer(s.Ctx(), "d", "group1", "consumer1"))
			s.Sleep(100 * time.Millisecond)
			require.Equal(t, redis.Nil, claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "d", ">").Err())

			gAddN(s, "r", 2)
			gCreate(t, s, "r", "group1", "0")
			gRead(s, "group1", "consumer1", 0, "r", ">")
			s.Sleep(100 * time.Millisecond)
			claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "r", ">")
			Rec(s, s.C.XGroupSetID(s.Ctx(), "r", "group1", "0"))
			s.Sleep(100 * time.Millisecond)
			res := claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "r", ">").Val()
			require.Equal(t, []string{"1-0/100/2", "2-0/100/2", "1-0/0/0", "2-0/0/0"}, claimed(res[0].Messages))
			s.Sleep(100 * time.Millisecond)
			res = claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "r", ">").Val()
			require.Equal(t, []string{"1-0/100/1", "2-0/100/1"}, claimed(res[0].Messages))

			gAddN(s, "tr", 2)
			gCreate(t, s, "tr", "group1", "0")
			gRead(s, "group1", "consumer1", 0, "tr", ">")
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "tr", 0))
			s.Sleep(100 * time.Millisecond)
			require.Equal(t, redis.Nil, claimRead(s, "group1", "consumer2", 0, 50*time.Millisecond, false, "tr", ">").Err())
			// Ghosts are skipped, not removed.
			require.Len(t, pendingExt(t, s, "tr", "group1", "", 0), 2)
		}},
		{Name: "redis8 XREADGROUP CLAIM inside MULTI", Redis8: true, Run: func(t *testing.T, s *side) {
			claimBase(t, s, 1)
			gRead(s, "group1", "consumer1", 0, "mystream", ">")
			s.Sleep(100 * time.Millisecond)
			pipe := s.C.TxPipeline()
			rg := pipe.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "group1", Consumer: "consumer2", Block: noBlock, Claim: 50 * time.Millisecond, Streams: []string{"mystream", ">"}})
			p := pipe.XPending(s.Ctx(), "mystream", "group1")
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, []string{"1-0/100/1"}, claimed(rg.Val()[0].Messages))
			require.Equal(t, int64(1), p.Val().Count)
			require.Equal(t, map[string]int64{"consumer2": 1}, p.Val().Consumers)
		}},
	}
}
