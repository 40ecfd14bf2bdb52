package goredis_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// noGroupRead is the spec's NOGROUP reply of XREADGROUP.
func noGroupRead(key, group string) string {
	return fmt.Sprintf("NOGROUP No such key '%s' or consumer group '%s' in XREADGROUP with GROUP option", key, group)
}

// ints is an integer array reply as []interface{}.
func ints(v ...int64) []interface{} {
	out := []interface{}{}
	for _, x := range v {
		out = append(out, x)
	}
	return out
}

// twoGroupsRead sets up 1-0, 2-0 read fully by group1/consumer1 and
// group2/consumer2 (the XACKDEL/XDELEX tests' setup).
func twoGroupsRead(t *testing.T, s *side) {
	gAdd(s, "mystream", "1-0", "f", "v")
	gAdd(s, "mystream", "2-0", "f", "v")
	gCreate(t, s, "mystream", "group1", "0")
	gCreate(t, s, "mystream", "group2", "0")
	gRead(s, "group1", "consumer1", 0, "mystream", ">")
	gRead(s, "group2", "consumer2", 0, "mystream", ">")
}

// emptySummary asserts XPENDING's summary of an empty PEL.
func emptySummary(t *testing.T, s *side, key, group string) {
	t.Helper()
	require.Equal(t, []interface{}{int64(0), nil, nil, nil}, s.Do("XPENDING", key, group).Val())
}

// groupsRedis8Scenarios are the cases where the spec (newer Redis) differs
// from Redis 7.0, and the 8.2 group-level additions (XACKDEL, reference-
// aware trimming and deletion with groups, MAXCOUNT/MAXSIZE).
func groupsRedis8Scenarios() []scenario {
	return []scenario{
		// Redis 7.0 stores ENTRIESREAD 9999 as given (lag -9998).
		{Name: "redis8 tcl XGROUP CREATE with ENTRIESREAD larger than stream entries should cap the value", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "*", "field", "value")
			require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "mystream", "mygroup", "$", "ENTRIESREAD", "9999").Val())
			require.Equal(t, "1/0", readLag(t, s, "mystream", "mygroup"))
		}},
		{Name: "redis8 tcl XGROUP SETID with ENTRIESREAD larger than stream entries should cap the value", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "*", "field", "value")
			gCreate(t, s, "mystream", "mygroup", "$")
			require.Equal(t, "OK", s.Do("XGROUP", "SETID", "mystream", "mygroup", "$", "ENTRIESREAD", "9999").Val())
			require.Equal(t, "1/0", readLag(t, s, "mystream", "mygroup"))
		}},
		// Redis 7.0: "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified." for both.
		{Name: "redis8 tcl XREAD and XREADGROUP against wrong parameter / stream and ID pairing", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "666", "f", "v")
			gCreate(t, s, "mystream", "mygroup", "$")
			gAdd(s, "stream2", "1-0", "field", "value")
			gCreate(t, s, "stream2", "mygroup", "$")
			const xg = "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified."
			require.EqualError(t, s.Do("XREADGROUP", "GROUP", "mygroup", "Alice", "COUNT", "1", "STREAMS", "mystream").Err(), xg)
			require.EqualError(t, s.Do("XREADGROUP", "GROUP", "mygroup", "consumer", "STREAMS", "mystream", ">", "stream2").Err(), xg)
			require.EqualError(t, s.Do("XREADGROUP", "GROUP", "mygroup", "consumer", "STREAMS", "mystream", "stream2", ">").Err(), xg)
			// XREAD's text: conformance_stream_redis8_test.go.
		}},
		// Redis 7.0 parses "+" as an ID: "ERR Invalid stream ID specified as stream command argument".
		{Name: "redis8 XREADGROUP with the + ID is refused", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "f", "v")
			gCreate(t, s, "mystream", "mygroup", "0")
			require.EqualError(t, s.Do("XREADGROUP", "GROUP", "mygroup", "c", "STREAMS", "mystream", "+").Err(),
				"ERR The + ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The + ID would just return an empty result set.")
		}},
		// Redis 7.0 replies "UNBLOCKED the stream key no longer exists".
		{Name: "redis8 tcl Blocking XREADGROUP: key deleted", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "666", "f", "v")
			gCreate(t, s, "mystream", "mygroup", "$")
			bk := bkStart(t, s)
			ch := blockRead(s, "mygroup", "Alice", 0, false, "mystream", ">")
			bk.wait(1)
			Rec(s, s.C.Del(s.Ctx(), "mystream"))
			require.EqualError(t, Rec(s, await(t, ch)).Err(), noGroupRead("mystream", "mygroup"))
		}},
		// Redis 7.0 replies "UNBLOCKED the stream key no longer exists".
		{Name: "redis8 tcl Blocking XREADGROUP: flushed DB", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "666", "f", "v")
			gCreate(t, s, "mystream", "mygroup", "$")
			bk := bkStart(t, s)
			ch := blockRead(s, "mygroup", "Alice", 0, false, "mystream", ">")
			bk.wait(1)
			s.Do("FLUSHALL")
			require.EqualError(t, Rec(s, await(t, ch)).Err(), noGroupRead("mystream", "mygroup"))
		}},
		// The tcl test replaces the stream by a set in MULTI; in a streams-only
		// keyspace the key becomes a stream without the group. Redis 7.0 replies
		// "NOGROUP the consumer group this client was blocked on no longer exists".
		{Name: "redis8 tcl Blocking XREADGROUP: key type changed with transaction (re-created without group)", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "666", "f", "v")
			gCreate(t, s, "mystream", "mygroup", "$")
			bk := bkStart(t, s)
			ch := blockRead(s, "mygroup", "Alice", 0, false, "mystream", ">")
			bk.wait(1)
			pipe := s.C.TxPipeline()
			pipe.Del(s.Ctx(), "mystream")
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ID: "667", Values: []string{"f", "v"}})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.EqualError(t, Rec(s, await(t, ch)).Err(), noGroupRead("mystream", "mygroup"))
		}},
		// Redis 7.0 replies "NOGROUP the consumer group this client was blocked on no longer exists".
		{Name: "redis8 tcl XGROUP DESTROY should unblock XREADGROUP with -NOGROUP", Redis8: true, Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			bk := bkStart(t, s)
			ch := blockRead(s, "mygroup", "Alice", 0, false, "mystream", ">")
			bk.wait(1)
			require.Equal(t, int64(1), Rec(s, s.C.XGroupDestroy(s.Ctx(), "mystream", "mygroup")).Val())
			require.EqualError(t, Rec(s, await(t, ch)).Err(), noGroupRead("mystream", "mygroup"))
		}},
		// Redis 7.0 creates XREADGROUP's consumer only when it is served.
		{Name: "redis8 tcl Consumer without PEL is present (XREADGROUP creates the consumer, even blocked)", Redis8: true, Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "1-0", "f", "v")
			gReadNoAck(s, "mygroup", "Alice", 0, "mystream", ">")
			bk := bkStart(t, s)
			ch := blockRead(s, "mygroup", "Bob", 0, true, "mystream", ">")
			bk.wait(1)
			require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "mystream", "mygroup", "Charlie")).Val())
			require.Equal(t, int64(3), groupField(t, s, "mystream", "mygroup", "consumers"))
			require.Equal(t, []string{"Alice", "Bob", "Charlie"}, consumerNames(t, s, "mystream", "mygroup"))
			gAdd(s, "mystream", "2-0", "f", "v")
			require.Equal(t, []string{"mystream:[2-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
			// A read that returns nothing creates its consumer too.
			require.Equal(t, redis.Nil, gRead(s, "mygroup", "Dave", 0, "mystream", ">").Err())
			require.Equal(t, []string{"Alice", "Bob", "Charlie", "Dave"}, consumerNames(t, s, "mystream", "mygroup"))
		}},
		// Redis 7.0 has no inactive / active-time.
		{Name: "redis8 tcl Consumer seen-time and active-time", Redis8: true, Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gRead(s, "mygroup", "Alice", 1, "mystream", ">")
			s.Sleep(100 * time.Millisecond)
			cs := Rec(s, s.C.XInfoConsumers(s.Ctx(), "mystream", "mygroup")).Val()
			require.Len(t, cs, 1)
			require.Equal(t, 100*time.Millisecond, cs[0].Idle)
			require.Equal(t, -time.Millisecond, cs[0].Inactive)
			gAdd(s, "mystream", "*", "f", "v")
			gRead(s, "mygroup", "Alice", 1, "mystream", ">")
			cs = Rec(s, s.C.XInfoConsumers(s.Ctx(), "mystream", "mygroup")).Val()
			require.Equal(t, "Alice", cs[0].Name)
			require.Equal(t, time.Duration(0), cs[0].Idle)
			require.Equal(t, time.Duration(0), cs[0].Inactive)
			s.Sleep(100 * time.Millisecond)
			gRead(s, "mygroup", "Alice", 1, "mystream", ">")
			cs = Rec(s, s.C.XInfoConsumers(s.Ctx(), "mystream", "mygroup")).Val()
			require.Equal(t, time.Duration(0), cs[0].Idle)
			require.Equal(t, 100*time.Millisecond, cs[0].Inactive)
			full := s.C.XInfoStreamFull(s.Ctx(), "mystream", 0).Val()
			c := full.Groups[0].Consumers[0]
			require.Equal(t, s.Clock.Now().UnixMilli(), c.SeenTime.UnixMilli())
			require.Equal(t, s.Clock.Now().Add(-100*time.Millisecond).UnixMilli(), c.ActiveTime.UnixMilli())
		}},
		// Redis 7.0 creates the consumer of XCLAIM / XAUTOCLAIM only when
		// something is claimed.
		{Name: "redis8 XCLAIM and XAUTOCLAIM create their consumer even when nothing is claimed", Redis8: true, Run: func(t *testing.T, s *side) {
			gAdd(s, "s", "1-0", "f", "v")
			gCreate(t, s, "s", "g", "0")
			require.Equal(t, []interface{}{}, s.Do("XCLAIM", "s", "g", "Bob", "0", "9-9").Val())
			require.Equal(t, []interface{}{"0-0", []interface{}{}, []interface{}{}}, s.Do("XAUTOCLAIM", "s", "g", "Carl", "0", "0").Val())
			require.Equal(t, []string{"Bob", "Carl"}, consumerNames(t, s, "s", "g"))
			cs := Rec(s, s.C.XInfoConsumers(s.Ctx(), "s", "g")).Val()
			require.Equal(t, -time.Millisecond, cs[0].Inactive)
		}},
		// Redis 7.0 lacks the fixes for a tombstone after the group's last_id
		// (#13473, #13958).
		{Name: "redis8 tcl Consumer Group Lag with XDELs and tombstone after the last_id of consume group", Redis8: true, Run: func(t *testing.T, s *side) {
			require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "x", "g1", "$")).Val())
			gAdd(s, "x", "1-0", "data", "a")
			gRead(s, "g1", "alice", 0, "x", ">")
			gAdd(s, "x", "2-0", "data", "c")
			gAdd(s, "x", "3-0", "data", "d")
			Rec(s, s.C.XDel(s.Ctx(), "x", "2-0"))
			require.Equal(t, "1/<nil>", readLag(t, s, "x", "g1"))
			Rec(s, s.C.XDel(s.Ctx(), "x", "1-0"))
			require.Equal(t, "1/1", readLag(t, s, "x", "g1"))
			gRead(s, "g1", "alice", 0, "x", ">")
			require.Equal(t, "3/0", readLag(t, s, "x", "g1"))
		}},
		// Redis 7.0 replies lag 6 here (it lacks #13473): the group's
		// last-id and the only tombstone are behind the first entry, so the
		// spec's lag is the stream length.
		{Name: "redis8 lag = length when last-id and tombstone are behind the first entry", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "s", 6)
			s.Do("XGROUP", "CREATE", "s", "g3", "0", "ENTRIESREAD", "0")
			Rec(s, s.C.XDel(s.Ctx(), "s", "1-0"))
			require.Equal(t, "0/5", readLag(t, s, "s", "g3"))
			require.Equal(t, []string{"s:[2-0]"}, streamIDs(gRead(s, "g3", "c", 1, "s", ">").Val()))
			require.Equal(t, "2/4", readLag(t, s, "s", "g3"))
		}},
		{Name: "redis8 tcl Consumer group lag with XTRIM", Redis8: true, Run: func(t *testing.T, s *side) {
			require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "x", "mygroup", "$")).Val())
			gAddN(s, "x", 5)
			gRead(s, "mygroup", "alice", 1, "x", ">")
			require.Equal(t, "1/4", readLag(t, s, "x", "mygroup"))
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "x", 1))
			require.Equal(t, "0-0", s.C.XInfoStreamFull(s.Ctx(), "x", 0).Val().MaxDeletedEntryID)
			require.Equal(t, "1/1", readLag(t, s, "x", "mygroup"))
			gRead(s, "mygroup", "alice", 0, "x", ">")
			require.Equal(t, "5/0", readLag(t, s, "x", "mygroup"))
			gAdd(s, "x", "6-0", "data", "f")
			require.Equal(t, "5/1", readLag(t, s, "x", "mygroup"))
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "x", 0))
			require.Equal(t, int64(0), groupField(t, s, "x", "mygroup", "lag"))
		}},
		{Name: "redis8 tcl XGROUP DESTROY removes all consumer group references", Redis8: true, Run: func(t *testing.T, s *side) {
			for j := 0; j < 5; j++ {
				gAdd(s, "mystream", fmt.Sprintf("%d-1", j), "item", fmt.Sprint(j))
			}
			gCreate(t, s, "mystream", "mygroup", "0")
			gRead(s, "mygroup", "consumer1", 0, "mystream", ">")
			require.Equal(t, int64(5), Rec(s, s.C.XPending(s.Ctx(), "mystream", "mygroup")).Val().Count)
			all := []string{"0-1", "1-1", "2-1", "3-1", "4-1"}
			require.Equal(t, ints(2, 2, 2, 2, 2), Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", all...)).Val())
			Rec(s, s.C.XGroupDestroy(s.Ctx(), "mystream", "mygroup"))
			require.Equal(t, ints(1, 1, 1, 1, 1), Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", all...)).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "redis8 tcl XACKDEL wrong number of args, missing key or group, IDS validation, modes", Redis8: true, Run: func(t *testing.T, s *side) {
			for _, args := range [][]interface{}{{"XACKDEL"}, {"XACKDEL", "s"}, {"XACKDEL", "s", "g"}, {"XACKDEL", "s", "g", "IDS", "1"}} {
				require.EqualError(t, s.Do(args...).Err(), "ERR wrong number of arguments for 'xackdel' command")
			}
			require.Equal(t, ints(-1, -1), s.Do("XACKDEL", "s", "g", "IDS", "2", "1-1", "2-2").Val())
			require.Equal(t, ints(-1, -1), s.Do("XACKDEL", "s", "g", "IDS", "2", "bad", "2-2").Val())
			gAdd(s, "s", "1-0", "f", "v")
			require.Equal(t, ints(-1, -1), s.Do("XACKDEL", "s", "g", "IDS", "2", "1-1", "2-2").Val())
			gCreate(t, s, "s", "g", "0")
			for _, n := range []string{"abc", "0", "-5"} {
				require.EqualError(t, s.Do("XACKDEL", "s", "g", "IDS", n, "1-1").Err(), "ERR Number of IDs must be a positive integer")
			}
			require.EqualError(t, s.Do("XACKDEL", "s", "g", "IDS", "3", "1-1", "2-2").Err(), "ERR The `numids` parameter must match the number of arguments")
			require.EqualError(t, s.Do("XACKDEL", "s", "g", "IDS", "1", "1-1", "2-2").Err(), "ERR syntax error")
			for _, m := range [][2]string{{"KEEPREF", "DELREF"}, {"KEEPREF", "ACKED"}, {"DELREF", "ACKED"}, {"ACKED", "ACKED"}} {
				require.EqualError(t, s.Do("XACKDEL", "s", "g", m[0], m[1], "IDS", "1", "1-1").Err(), "ERR syntax error")
			}
			require.EqualError(t, s.Do("XACKDEL", "s", "g", "KEEPREF", "FOO", "BAR").Err(), "ERR syntax error")
			require.EqualError(t, s.Do("XACKDEL", "s", "g", "KEEPREF", "ACKED", "BAR").Err(), "ERR syntax error")
			require.EqualError(t, s.Do("XACKDEL", "s", "g", "KEEPREF", "FOO").Err(), "ERR wrong number of arguments for 'xackdel' command")
			require.EqualError(t, s.Do("XACKDEL", "s", "g", "IDS", "1", "bad").Err(), "ERR Invalid stream ID specified as stream command argument")
			// IDS last one wins; a surplus after numids is an option.
			require.Equal(t, ints(-1), s.Do("XACKDEL", "s", "g", "IDS", "1", "1-0", "ACKED").Val())
			require.Equal(t, ints(-1), s.Do("XACKDEL", "s", "g", "IDS", "1", "5-0", "IDS", "1", "1-0").Val())
			// Not in the PEL: -1 and the entry stays.
			require.Equal(t, int64(1), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
		}},
		{Name: "redis8 tcl XACKDEL with DELREF option acknowledges will remove entry from all PELs", Redis8: true, Run: func(t *testing.T, s *side) {
			twoGroupsRead(t, s)
			require.Equal(t, ints(1, 1), Rec(s, s.C.XAckDel(s.Ctx(), "mystream", "group1", "DELREF", "1-0", "2-0")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			emptySummary(t, s, "mystream", "group1")
			emptySummary(t, s, "mystream", "group2")
			require.Equal(t, ints(-1, -1), Rec(s, s.C.XAckDel(s.Ctx(), "mystream", "group2", "DELREF", "1-0", "2-0")).Val())
		}},
		{Name: "redis8 tcl XACKDEL with ACKED option only deletes messages acknowledged by all groups", Redis8: true, Run: func(t *testing.T, s *side) {
			twoGroupsRead(t, s)
			require.Equal(t, ints(2, 2), Rec(s, s.C.XAckDel(s.Ctx(), "mystream", "group1", "ACKED", "1-0", "2-0")).Val())
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			emptySummary(t, s, "mystream", "group1")
			require.Equal(t, []interface{}{int64(2), "1-0", "2-0", []interface{}{[]interface{}{"consumer2", "2"}}}, s.Do("XPENDING", "mystream", "group2").Val())
			require.Equal(t, ints(1, 1), Rec(s, s.C.XAckDel(s.Ctx(), "mystream", "group2", "ACKED", "1-0", "2-0")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			emptySummary(t, s, "mystream", "group2")
		}},
		{Name: "redis8 tcl XACKDEL with KEEPREF", Redis8: true, Run: func(t *testing.T, s *side) {
			twoGroupsRead(t, s)
			require.Equal(t, ints(1, 1), Rec(s, s.C.XAckDel(s.Ctx(), "mystream", "group1", "KEEPREF", "1-0", "2-0")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			emptySummary(t, s, "mystream", "group1")
			require.Equal(t, []interface{}{int64(2), "1-0", "2-0", []interface{}{[]interface{}{"consumer2", "2"}}}, s.Do("XPENDING", "mystream", "group2").Val())
			require.Equal(t, ints(1, 1), Rec(s, s.C.XAckDel(s.Ctx(), "mystream", "group2", "KEEPREF", "1-0", "2-0")).Val())
			emptySummary(t, s, "mystream", "group2")
			// Deletions raise max-deleted-entry-id.
			require.Equal(t, "2-0", s.C.XInfoStreamFull(s.Ctx(), "mystream", 0).Val().MaxDeletedEntryID)
		}},
		{Name: "redis8 XACKDEL of 50 IDs on an empty group (default mode)", Redis8: true, Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			args := []interface{}{"XACKDEL", "mystream", "mygroup", "IDS", "50"}
			for i := 0; i < 50; i++ {
				args = append(args, fmt.Sprintf("%d-1", i))
			}
			res, err := s.Do(args...).Slice()
			require.NoError(t, err)
			require.Len(t, res, 50)
			for _, v := range res {
				require.Equal(t, int64(-1), v)
			}
		}},
		{Name: "redis8 XREADGROUP MAXCOUNT / MAXSIZE errors and caps (spec 5.3)", Redis8: true, Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream1", "mygroup")
			for _, c := range []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "c", "MAXCOUNT", "0", "STREAMS", "mystream1", ">"}, "ERR MAXCOUNT must be a positive integer"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "c", "MAXCOUNT", "-1", "STREAMS", "mystream1", ">"}, "ERR MAXCOUNT must be a positive integer"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "c", "MAXSIZE", "-1", "STREAMS", "mystream1", ">"}, "ERR MAXSIZE must be a positive integer"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "c", "MAXSIZE", "0", "STREAMS", "mystream1", ">"}, "ERR MAXSIZE must be a positive integer"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "c", "COUNT", "50", "MAXCOUNT", "10", "STREAMS", "mystream1", ">"}, "ERR MAXCOUNT must be greater than or equal to COUNT"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "c", "MAXCOUNT", "foo", "STREAMS", "mystream1", ">"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XREAD", "COUNT", "50", "MAXCOUNT", "10", "STREAMS", "mystream1", "0"}, "ERR MAXCOUNT must be greater than or equal to COUNT"},
				{[]interface{}{"XREAD", "MAXSIZE", "-5", "STREAMS", "mystream1", "0"}, "ERR MAXSIZE must be a positive integer"},
				// Parse errors come before the group lookup.
				{[]interface{}{"XREADGROUP", "GROUP", "nog", "c", "MAXCOUNT", "0", "STREAMS", "nokey", ">"}, "ERR MAXCOUNT must be a positive integer"},
			} {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
			// COUNT 0 MAXCOUNT 5 is fine.
			require.Equal(t, redis.Nil, s.Do("XREADGROUP", "GROUP", "mygroup", "c", "COUNT", "0", "MAXCOUNT", "5", "STREAMS", "mystream1", ">").Err())

			for _, k := range []string{"s1", "s2", "s3"} {
				for i := 1; i <= 100; i++ {
					gAdd(s, k, fmt.Sprintf("%d-0", i), "f", fmt.Sprintf("v%d", i))
				}
				gCreate(t, s, k, "g", "0")
			}
			count := func(res []redis.XStream) int {
				n := 0
				for _, st := range res {
					n += len(st.Messages)
				}
				return n
			}
			res := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c1", Count: 50, MaxCount: 80, Block: noBlock, Streams: []string{"s1", "s2", "s3", ">", ">", ">"}})).Val()
			require.Equal(t, 80, count(res))
			require.Equal(t, []string{"s1", "s2"}, []string{res[0].Stream, res[1].Stream})
			require.Len(t, res[1].Messages, 30)
			// s3 was not reached: nothing read there, its consumer not created.
			require.Equal(t, []string{}, consumerNames(t, s, "s3", "g"))
			res = Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c1", MaxCount: 25, Block: noBlock, Streams: []string{"s1", "s2", "s3", "0", "0", "0"}})).Val()
			require.Equal(t, 25, count(res))
			// MAXSIZE lets at least the first entry through and stops early.
			res = Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c2", MaxSize: 200, Block: noBlock, Streams: []string{"s3", ">"}})).Val()
			require.GreaterOrEqual(t, count(res), 1)
			require.Less(t, count(res), 100)
			// XREAD MAXCOUNT fills from the first stream.
			xr := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{MaxCount: 7, Block: noBlock, Streams: []string{"s1", "s2", "s3", "0", "0", "0"}})).Val()
			require.Len(t, xr, 1)
			require.Equal(t, 7, count(xr))
			xr = Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Count: 2, MaxCount: 3, Block: noBlock, Streams: []string{"s1", "s2", "s3", "0", "0", "0"}})).Val()
			require.Equal(t, []string{"s1:[1-0 2-0]", "s2:[1-0]"}, streamIDs(xr))
			// An oversized first entry is returned alone.
			big := make([]byte, 5000)
			for i := range big {
				big[i] = 'x'
			}
			gAdd(s, "bigstream", "1-1", "f", string(big))
			gAdd(s, "bigstream", "2-2", "f", "v")
			gCreate(t, s, "bigstream", "bg", "0")
			res = Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "bg", Consumer: "c", MaxSize: 50, Block: noBlock, Streams: []string{"bigstream", ">"}})).Val()
			require.Equal(t, []string{"bigstream:[1-1]"}, streamIDs(res))
			// The entry skipped by MAXSIZE was not delivered.
			require.Equal(t, []string{"1-1/c/1"}, pendingExt(t, s, "bigstream", "bg", "", 0))
			require.Equal(t, "1-1", groupField(t, s, "bigstream", "bg", "last-delivered-id"))
		}},
		// Redis 7.0 serves a blocked reader on the signalled key alone (its
		// reply would hold only "a"); the spec re-executes the whole command.
		{Name: "redis8 blocked XREADGROUP on two streams is re-executed whole after EXEC", Redis8: true, Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "a", "g")
			gCreateMk(t, s, "b", "g")
			bk := bkStart(t, s)
			ch := blockRead(s, "g", "c", 10*time.Second, false, "a", "b", ">", ">")
			bk.wait(1)
			pipe := s.C.TxPipeline()
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "a", ID: "1-0", Values: []string{"f", "v"}})
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "b", ID: "1-0", Values: []string{"f", "v"}})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, []string{"a:[1-0]", "b:[1-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		{Name: "redis8 XREAD MAXSIZE counts the same inside MULTI as alone", Redis8: true, Run: func(t *testing.T, s *side) {
			for i := 1; i <= 50; i++ {
				gAdd(s, "stream", fmt.Sprintf("%d-0", i), "field", fmt.Sprintf("value-%d", i))
			}
			alone := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{MaxSize: 1000, Block: noBlock, Streams: []string{"stream", "0"}})).Val()
			require.Len(t, alone, 1)
			n := len(alone[0].Messages)
			require.Greater(t, n, 1)
			require.Less(t, n, 50)
			pipe := s.C.TxPipeline()
			pipe.XRange(s.Ctx(), "stream", "-", "+")
			xr := pipe.XRead(s.Ctx(), &redis.XReadArgs{MaxSize: 1000, Block: noBlock, Streams: []string{"stream", "0"}})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Len(t, xr.Val()[0].Messages, n)
			// The same for XREADGROUP.
			gCreate(t, s, "stream", "g", "0")
			res := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c", MaxSize: 1000, Block: noBlock, Streams: []string{"stream", ">"}})).Val()
			require.Len(t, res[0].Messages, n)
		}},
		{Name: "redis8 Blocked XREADGROUP with MAXCOUNT served by a MULTI of XADDs", Redis8: true, Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "s1", "bg")
			gCreateMk(t, s, "s2", "bg")
			bk := bkStart(t, s)
			ch := async(func() *redis.XStreamSliceCmd {
				return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "bg", Consumer: "c", Count: 2, MaxCount: 3, Block: 20 * time.Second, Streams: []string{"s1", "s2", ">", ">"}})
			})
			bk.wait(1)
			pipe := s.C.TxPipeline()
			for i := 1; i <= 10; i++ {
				pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s1", ID: fmt.Sprintf("%d-0", i), Values: []string{"f", "v"}})
				pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s2", ID: fmt.Sprintf("%d-0", i), Values: []string{"f", "v"}})
			}
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, []string{"s1:[1-0 2-0]", "s2:[1-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
	}
}
