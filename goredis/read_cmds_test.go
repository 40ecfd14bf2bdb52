package goredis_test

// XREAD and XREADGROUP without blocking: every option and error path,
// compared with real Redis 7.0, and the Redis 8 options (CLAIM, MAXCOUNT,
// MAXSIZE, "+") asserted per spec.

import (
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// rdAdd adds entries with explicit IDs, each with one field f=v<id>.
func rdAdd(t *testing.T, s *side, key string, ids ...string) {
	t.Helper()
	for _, id := range ids {
		require.Equal(t, id, Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: key, ID: id, Values: []string{"f", "v" + id}})).Val())
	}
}

// rdErr runs a raw command and asserts its error text.
func rdErr(t *testing.T, s *side, want string, args ...interface{}) {
	t.Helper()
	require.EqualError(t, s.Do(args...).Err(), want)
}

// rdEntries returns the entries of key in a raw RESP3 XREAD/XREADGROUP
// reply.
func rdEntries(t *testing.T, cmd *redis.Cmd, key string) []interface{} {
	t.Helper()
	m, ok := cmd.Val().(map[interface{}]interface{})
	require.True(t, ok, "reply %#v", cmd.Val())
	entries, ok := m[key].([]interface{})
	require.True(t, ok, "reply %#v", cmd.Val())
	return entries
}

// rdRead runs XREAD STREAMS key... id... (no options) and returns
// streamIDs of the reply; nil for a nil reply.
func rdRead(t *testing.T, s *side, args ...string) []string {
	t.Helper()
	res, err := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: args, Block: -1})).Result()
	if err == redis.Nil {
		return nil
	}
	require.NoError(t, err)
	return streamIDs(res)
}

// rdGroupRead runs XREADGROUP with the given count and returns streamIDs of
// the reply; nil for a nil reply.
func rdGroupRead(t *testing.T, s *side, group, consumer string, count int64, noack bool, streams ...string) []string {
	t.Helper()
	res, err := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{
		Group: group, Consumer: consumer, Count: count, NoAck: noack, Block: -1, Streams: streams,
	})).Result()
	if err == redis.Nil {
		return nil
	}
	require.NoError(t, err)
	return streamIDs(res)
}

const (
	rdNoGroup   = "NOGROUP No such key '%s' or consumer group '%s' in XREADGROUP with GROUP option"
	rdBadID     = "ERR Invalid stream ID specified as stream command argument"
	rdNotInt    = "ERR value is not an integer or out of range"
	rdDollarErr = "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set."
)

// TestReadCmdsConformance compares XREAD and XREADGROUP without BLOCK with
// real Redis 7.0: every option, error and its order, and the replies.
func TestReadCmdsConformance(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "XREAD option errors", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0")
			rdErr(t, s, "ERR wrong number of arguments for 'xread' command", "XREAD", "STREAMS", "s")
			rdErr(t, s, "ERR wrong number of arguments for 'xread' command", "XREAD", "COUNT")
			rdErr(t, s, rdNotInt, "XREAD", "COUNT", "x", "STREAMS", "s", "0")
			rdErr(t, s, rdNotInt, "XREAD", "COUNT", "+1", "STREAMS", "s", "0")
			rdErr(t, s, "ERR timeout is negative", "XREAD", "BLOCK", "-1", "STREAMS", "s", "0")
			for _, bad := range []string{"x", "1.5", "-0", "01", ""} {
				rdErr(t, s, "ERR timeout is not an integer or out of range", "XREAD", "BLOCK", bad, "STREAMS", "s", "0")
			}
			rdErr(t, s, "ERR syntax error", "XREAD", "foo", "STREAMS", "s", "0")
			rdErr(t, s, "ERR syntax error", "XREAD", "COUNT", "1", "s", "0")
			rdErr(t, s, "ERR syntax error", "XREAD", "COUNT", "1", "BLOCK")
			rdErr(t, s, "ERR syntax error", "XREAD", "COUNT", "1", "STREAMS")
			rdErr(t, s, "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.", "XREAD", "GROUP", "g", "c", "STREAMS", "s", "0")
			rdErr(t, s, "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.", "XREAD", "NOACK", "STREAMS", "s", "0")
			// options are checked as they come: the first bad one wins
			rdErr(t, s, "ERR timeout is negative", "XREAD", "BLOCK", "-5", "COUNT", "x", "STREAMS", "s", "0")
			rdErr(t, s, rdNotInt, "XREAD", "COUNT", "x", "BLOCK", "-5", "STREAMS", "s", "0")
		}},
		{Name: "XREAD ID errors in key order", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0")
			rdErr(t, s, "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.", "XREAD", "STREAMS", "s", ">")
			for _, bad := range []string{"1-x", "-", "abc", "1-", "-1", "1-*", "*"} {
				rdErr(t, s, rdBadID, "XREAD", "STREAMS", "s", bad)
			}
			// the first bad ID in argument order is reported, even after a good one
			rdErr(t, s, rdBadID, "XREAD", "STREAMS", "s", "missing", "0", "x")
			rdErr(t, s, "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.", "XREAD", "STREAMS", "s", "s", ">", "x")
		}},
		{Name: "XREAD serving", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0", "3-0")
			rdAdd(t, s, "t", "5-1")
			require.Equal(t, []string{"s:[1-0 2-0 3-0]"}, rdRead(t, s, "s", "0"))
			require.Equal(t, []string{"s:[2-0 3-0]"}, rdRead(t, s, "s", "1"))              // "1" is 1-0, exclusive
			require.Equal(t, []string{"s:[3-0]"}, rdRead(t, s, "s", "2-0"))                // exclusive
			require.Nil(t, rdRead(t, s, "s", "3-0"))                                       // nothing after the last
			require.Nil(t, rdRead(t, s, "s", "$"))                                         // "$" is the last ID now
			require.Nil(t, rdRead(t, s, "s", "18446744073709551615-18446744073709551615")) // the max ID
			require.Nil(t, rdRead(t, s, "s", "007"))                                       // leading zeros parse
			require.Equal(t, []string{"s:[2-0 3-0]"}, rdRead(t, s, "s", "001-0"))
			// missing keys are skipped; the reply keeps argument order
			require.Equal(t, []string{"t:[5-1]", "s:[3-0]"}, rdRead(t, s, "nokey", "t", "s", "0", "0", "2"))
			require.Nil(t, rdRead(t, s, "nokey", "0"))
			require.Nil(t, rdRead(t, s, "nokey", "$"))
			// a key may repeat, each with its own ID
			require.Equal(t, []string{"s:[1-0 2-0 3-0]", "s:[3-0]"}, rdRead(t, s, "s", "s", "0", "2"))
			// streams with nothing to give are left out
			require.Equal(t, []string{"t:[5-1]"}, rdRead(t, s, "s", "t", "3", "0"))
			// COUNT: per stream; 0 and negative mean no limit; the last one wins
			res0, err := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"s", "t", "0", "0"}, Block: -1, Count: 1})).Result()
			require.NoError(t, err)
			require.Equal(t, []string{"s:[1-0]", "t:[5-1]"}, streamIDs(res0))
			for _, tc := range []struct {
				count string
				want  int
			}{{"1", 1}, {"2", 2}, {"0", 3}, {"-3", 3}} {
				raw := s.Do("XREAD", "COUNT", "7", "COUNT", tc.count, "STREAMS", "s", "0")
				require.Len(t, rdEntries(t, raw, "s"), tc.want, "COUNT %s", tc.count)
			}
			// the entries carry their fields
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"t", "0"}, Block: -1})).Val()
			require.Equal(t, []redis.XStream{{Stream: "t", Messages: []redis.XMessage{{ID: "5-1", Values: map[string]interface{}{"f": "v5-1"}}}}}, res)
			// raw RESP3 shape: a map of key -> entries
			raw := s.Do("XREAD", "STREAMS", "t", "0")
			require.Equal(t, map[interface{}]interface{}{"t": []interface{}{[]interface{}{"5-1", []interface{}{"f", "v5-1"}}}}, raw.Val())
			// options in any order before STREAMS
			require.Len(t, s.Do("XREAD", "BLOCK", "10", "COUNT", "1", "STREAMS", "s", "0").Val(), 1)
			require.Len(t, s.Do("xread", "count", "1", "streams", "s", "0").Val(), 1)
		}},
		{Name: "XREAD after deleting and trimming", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0", "3-0")
			Rec(s, s.C.XDel(s.Ctx(), "s", "3-0"))
			require.Nil(t, rdRead(t, s, "s", "2-0")) // the last live entry decides
			require.Nil(t, rdRead(t, s, "s", "$"))   // "$" is last-generated-id 3-0
			require.Equal(t, []string{"s:[2-0]"}, rdRead(t, s, "s", "1-0"))
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "s", 0))
			require.Nil(t, rdRead(t, s, "s", "0")) // an empty stream gives nothing
		}},
		{Name: "XREADGROUP option errors", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			rdErr(t, s, "ERR wrong number of arguments for 'xreadgroup' command", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s")
			rdErr(t, s, "ERR wrong number of arguments for 'xreadgroup' command", "XREADGROUP", "GROUP", "g", "STREAMS", "s", ">")
			rdErr(t, s, "ERR Missing GROUP option for XREADGROUP", "XREADGROUP", "COUNT", "1", "NOACK", "STREAMS", "s", ">")
			rdErr(t, s, "ERR syntax error", "XREADGROUP", "GROUPS", "g", "c", "STREAMS", "s", ">")
			rdErr(t, s, "ERR syntax error", "XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "s", ">")
			rdErr(t, s, "ERR syntax error", "XREADGROUP", "COUNT", "1", "NOACK", "NOACK", "GROUP", "g")
			rdErr(t, s, rdNotInt, "XREADGROUP", "GROUP", "g", "c", "NOACK", "COUNT", "x", "STREAMS", "s", ">")
			rdErr(t, s, "ERR timeout is negative", "XREADGROUP", "GROUP", "g", "c", "BLOCK", "-1", "STREAMS", "s", ">")
			rdErr(t, s, "ERR timeout is not an integer or out of range", "XREADGROUP", "GROUP", "g", "c", "BLOCK", "1e3", "STREAMS", "s", ">")
			// option errors come before the missing GROUP
			rdErr(t, s, rdNotInt, "XREADGROUP", "COUNT", "x", "NOACK", "STREAMS", "s", ">")
		}},
		{Name: "XREADGROUP key, group and ID checks in order", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			rdErr(t, s, "NOGROUP No such key 'nokey' or consumer group 'g' in XREADGROUP with GROUP option", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "nokey", "s", ">", ">")
			rdErr(t, s, "NOGROUP No such key 'nokey' or consumer group 'g' in XREADGROUP with GROUP option", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "nokey", ">", ">")
			rdErr(t, s, "NOGROUP No such key 's' or consumer group 'g2' in XREADGROUP with GROUP option", "XREADGROUP", "GROUP", "g2", "c", "STREAMS", "s", ">")
			rdErr(t, s, rdDollarErr, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "$")
			rdErr(t, s, rdBadID, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "1-x")
			// each stream: key and group, then its ID; the first failure wins
			rdErr(t, s, rdBadID, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "nokey", "1-x", ">")
			rdErr(t, s, "NOGROUP No such key 'nokey' or consumer group 'g' in XREADGROUP with GROUP option", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "nokey", "s", ">", "1-x")
			// a failure delivers nothing, even from the streams before it
			rdErr(t, s, "NOGROUP No such key 'nokey' or consumer group 'g' in XREADGROUP with GROUP option", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "nokey", ">", ">")
			sum := Rec(s, s.C.XPending(s.Ctx(), "s", "g")).Val()
			require.Equal(t, int64(0), sum.Count)
			groups := Rec(s, s.C.XInfoGroups(s.Ctx(), "s")).Val()
			require.Equal(t, "0-0", groups[0].LastDeliveredID)
			// GROUP given twice: the last one counts (the NOGROUP names it)
			rdErr(t, s, "NOGROUP No such key 's' or consumer group 'g3' in XREADGROUP with GROUP option", "XREADGROUP", "GROUP", "g", "c", "GROUP", "g3", "c", "STREAMS", "s", ">")
			require.Equal(t, []string{"s:[1-0 2-0]"}, streamIDs(Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "zz", Streams: []string{"s", ">"}, Block: -1})).Val()))
		}},
		{Name: "XREADGROUP serving new entries", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0", "3-0", "4-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			require.Equal(t, []string{"s:[1-0]"}, rdGroupRead(t, s, "g", "alice", 1, false, "s", ">"))
			require.Equal(t, []string{"s:[2-0 3-0]"}, rdGroupRead(t, s, "g", "bob", 2, false, "s", ">"))
			require.Len(t, s.Do("XREADGROUP", "GROUP", "g", "bob", "COUNT", "0", "STREAMS", "s", ">").Val(), 1)
			require.Nil(t, rdGroupRead(t, s, "g", "alice", 0, false, "s", ">")) // nothing new: nil
			rdAdd(t, s, "s", "5-0", "6-0")
			// COUNT -1 means no limit; an explicit max ID means ">"
			require.NoError(t, s.Do("XREADGROUP", "GROUP", "g", "carol", "COUNT", "-1", "STREAMS", "s", "18446744073709551615-18446744073709551615").Err())
			pend := Rec(s, s.C.XPending(s.Ctx(), "s", "g")).Val()
			require.Equal(t, &redis.XPending{Count: 6, Lower: "1-0", Higher: "6-0", Consumers: map[string]int64{"alice": 1, "bob": 3, "carol": 2}}, pend)
			// NOACK delivers without pending entries
			rdAdd(t, s, "s", "7-0")
			require.Equal(t, []string{"s:[7-0]"}, rdGroupRead(t, s, "g", "dave", 0, true, "s", ">"))
			require.Equal(t, int64(6), Rec(s, s.C.XPending(s.Ctx(), "s", "g")).Val().Count)
			// the GROUP/consumer may come after other options
			rdAdd(t, s, "s", "8-0")
			require.Len(t, s.Do("XREADGROUP", "COUNT", "5", "NOACK", "GROUP", "g", "erin", "STREAMS", "s", ">").Val(), 1)
		}},
		{Name: "XREADGROUP history", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "s", "1-0", "2-0", "3-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			require.Equal(t, []string{"s:[1-0 2-0 3-0]"}, rdGroupRead(t, s, "g", "alice", 0, false, "s", ">"))
			require.Equal(t, []string{"s:[1-0 2-0 3-0]"}, rdGroupRead(t, s, "g", "alice", 0, false, "s", "0"))
			require.Equal(t, []string{"s:[2-0 3-0]"}, rdGroupRead(t, s, "g", "alice", 0, false, "s", "1-0"))
			require.Equal(t, []string{"s:[1-0]"}, rdGroupRead(t, s, "g", "alice", 1, false, "s", "0"))
			require.Equal(t, []string{"s:[]"}, rdGroupRead(t, s, "g", "alice", 0, false, "s", "3"))
			require.Equal(t, []string{"s:[]"}, rdGroupRead(t, s, "g", "bob", 0, false, "s", "0")) // another consumer's PEL is empty
			// a deleted entry comes back with nil fields and keeps its count
			Rec(s, s.C.XDel(s.Ctx(), "s", "2-0"))
			res := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "alice", Streams: []string{"s", "0"}, Block: -1})).Val()
			require.Equal(t, []string{"s:[1-0 2-0 3-0]"}, streamIDs(res))
			require.Nil(t, res[0].Messages[1].Values)
			require.Equal(t, map[string]interface{}{"f": "v1-0"}, res[0].Messages[0].Values)
			raw := s.Do("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "1")
			require.Equal(t, map[interface{}]interface{}{"s": []interface{}{[]interface{}{"2-0", nil}, []interface{}{"3-0", []interface{}{"f", "v3-0"}}}}, raw.Val())
			ext := pendingExt(t, s, "s", "g", "", 0)
			require.Equal(t, []string{"1-0/alice/4", "2-0/alice/3", "3-0/alice/5"}, ext)
			// history with BLOCK does not block; ">" and history mixed
			require.Equal(t, []string{"s:[]"}, streamIDs(Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "bob", Streams: []string{"s", "0"}, Block: 0})).Val()))
			require.Equal(t, []string{"s:[]"}, rdGroupRead(t, s, "g", "bob", 0, false, "s", "s", ">", "0"))
			rdAdd(t, s, "s", "4-0")
			require.Equal(t, []string{"s:[4-0]", "s:[4-0]"}, rdGroupRead(t, s, "g", "bob", 0, false, "s", "s", ">", "0"))
		}},
		{Name: "XREADGROUP several streams", Run: func(t *testing.T, s *side) {
			rdAdd(t, s, "a", "1-0", "2-0")
			rdAdd(t, s, "b", "1-0")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "a", "g", "0"))
			Rec(s, s.C.XGroupCreate(s.Ctx(), "b", "g", "$"))
			require.Equal(t, []string{"a:[1-0]"}, rdGroupRead(t, s, "g", "c", 1, false, "a", "b", ">", ">"))
			rdAdd(t, s, "b", "9-0")
			require.Equal(t, []string{"a:[2-0]", "b:[9-0]"}, rdGroupRead(t, s, "g", "c", 5, false, "a", "b", ">", ">"))
			require.Equal(t, []string{"b:[9-0]", "a:[1-0 2-0]"}, rdGroupRead(t, s, "g", "c", 0, false, "b", "a", "0", "0"))
			require.Nil(t, rdGroupRead(t, s, "g", "c", 0, false, "a", "b", ">", ">"))
		}},
	})
}
