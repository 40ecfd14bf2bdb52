package goredis_test

import (
	"fmt"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// groupsReadScenarios port stream-cgroups.tcl's XREADGROUP tests.
func groupsReadScenarios() []scenario {
	return []scenario{
		{Name: "tcl XREADGROUP parameter validation (arity, keywords, COUNT, BLOCK, IDs, NOGROUP)", Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "field", "value")
			gCreate(t, s, "mystream", "mygroup", "$")
			cases := []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XREADGROUP"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "GROUP"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "STREAMS"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "STREAMS", "mystream"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "mygroup", "consumer", "STREAMS", "mystream", ">"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "mystream", ">"}, "ERR wrong number of arguments for 'xreadgroup' command"},
				{[]interface{}{"XREADGROUP", "GROUPS", "mygroup", "consumer", "STREAMS", "mystream", ">"}, "ERR syntax error"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "STREAM", "mystream", ">"}, "ERR syntax error"},
				{[]interface{}{"XREADGROUP", "GROUP", "", "consumer", "STREAMS", "mystream", ">"}, "NOGROUP No such key 'mystream' or consumer group '' in XREADGROUP with GROUP option"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "COUNT", "abc", "STREAMS", "mystream", ">"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "COUNT", "1.5", "STREAMS", "mystream", ">"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "COUNT", "18446744073709551616", "STREAMS", "mystream", ">"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "BLOCK", "abc", "STREAMS", "mystream", ">"}, "ERR timeout is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "BLOCK", "1.5", "STREAMS", "mystream", ">"}, "ERR timeout is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "BLOCK", "STREAMS", "mystream", ">"}, "ERR timeout is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "BLOCK", "-1", "STREAMS", "mystream", ">"}, "ERR timeout is negative"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "BLOCK", "18446744073709551616", "STREAMS", "mystream", ">"}, "ERR timeout is not an integer or out of range"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "INVALID", "param", "STREAMS", "mystream", ">"}, "ERR syntax error"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "TIMEOUT", "1000", "STREAMS", "mystream", ">"}, "ERR syntax error"},
				{[]interface{}{"XREADGROUP", "COUNT", "1", "BLOCK", "1", "STREAMS", "mystream", ">"}, "ERR Missing GROUP option for XREADGROUP"},
				{[]interface{}{"XREADGROUP", "GROUP", "nonexistent", "consumer", "STREAMS", "mystream", ">"}, "NOGROUP No such key 'mystream' or consumer group 'nonexistent' in XREADGROUP with GROUP option"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "STREAMS", "nonexistent", ">"}, "NOGROUP No such key 'nonexistent' or consumer group 'mygroup' in XREADGROUP with GROUP option"},
				{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "STREAMS", "mystream", "$"}, "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set."},
			}
			for _, id := range []string{"invalid-id", "123-", "-123", "abc-def", "--", "123-abc"} {
				cases = append(cases, struct {
					args []interface{}
					want string
				}{[]interface{}{"XREADGROUP", "GROUP", "mygroup", "consumer", "STREAMS", "mystream", id}, "ERR Invalid stream ID specified as stream command argument"})
			}
			for _, c := range cases {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
			// None of the failed reads created a consumer.
			require.Equal(t, int64(0), groupField(t, s, "mystream", "mygroup", "consumers"))
		}},
		{Name: "tcl XREADGROUP will return only new elements", Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "foo", "bar")
			gCreate(t, s, "mystream", "mygroup", "$")
			gAdd(s, "mystream", "2-0", "a", "1")
			gAdd(s, "mystream", "3-0", "b", "2")
			sum, err := Rec(s, s.C.XPending(s.Ctx(), "mystream", "mygroup")).Result()
			require.NoError(t, err)
			require.Equal(t, int64(0), sum.Count)
			require.Empty(t, sum.Consumers)
			require.Equal(t, "", sum.Lower)
			s.Do("XPENDING", "mystream", "mygroup")
			require.Equal(t, []string{}, pendingExt(t, s, "mystream", "mygroup", "", 0))
			res := gRead(s, "mygroup", "consumer-1", 0, "mystream", ">").Val()
			require.Len(t, res, 1)
			require.Equal(t, []string{"2-0", "3-0"}, msgIDs(res[0].Messages))
			require.Equal(t, map[string]interface{}{"a": "1"}, res[0].Messages[0].Values)
		}},
		{Name: "tcl XREADGROUP can read the history of the elements we own", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "1-0", "a", "1")
			gAdd(s, "mystream", "2-0", "b", "2")
			gRead(s, "mygroup", "consumer-1", 0, "mystream", ">")
			gAdd(s, "mystream", "3-0", "c", "3")
			gAdd(s, "mystream", "4-0", "d", "4")
			res := gRead(s, "mygroup", "consumer-2", 0, "mystream", ">").Val()
			require.Equal(t, []string{"mystream:[3-0 4-0]"}, streamIDs(res))
			require.Equal(t, map[string]interface{}{"c": "3"}, res[0].Messages[0].Values)
			r1 := gRead(s, "mygroup", "consumer-1", 10, "mystream", "0").Val()
			r2 := gRead(s, "mygroup", "consumer-2", 10, "mystream", "0").Val()
			require.Equal(t, []string{"mystream:[1-0 2-0]"}, streamIDs(r1))
			require.Equal(t, []string{"mystream:[3-0 4-0]"}, streamIDs(r2))
			require.Equal(t, map[string]interface{}{"a": "1"}, r1[0].Messages[0].Values)
			// History reads bumped the delivery counts.
			require.Equal(t, []string{"1-0/consumer-1/2", "2-0/consumer-1/2", "3-0/consumer-2/2", "4-0/consumer-2/2"},
				pendingExt(t, s, "mystream", "mygroup", "", 0))
			// An ID past the PEL gives the stream with no entries; an explicit ID is exclusive.
			require.Equal(t, []string{"mystream:[]"}, streamIDs(gRead(s, "mygroup", "consumer-1", 10, "mystream", "9000").Val()))
			require.Equal(t, []string{"mystream:[2-0]"}, streamIDs(gRead(s, "mygroup", "consumer-1", 10, "mystream", "1-0").Val()))
		}},
		{Name: "tcl PEL NACK reassignment after XGROUP SETID event", Run: func(t *testing.T, s *side) {
			// Explicit IDs: "*" on a manual clock gives one millisecond.
			for i := 1; i <= 4; i++ {
				gAdd(s, "events", fmt.Sprintf("%d-0", i), "f1", "v1")
			}
			gCreate(t, s, "events", "g1", "$")
			gAdd(s, "events", "5-0", "f1", "v1")
			require.Len(t, gRead(s, "g1", "c1", 0, "events", ">").Val()[0].Messages, 1)
			require.Equal(t, "OK", Rec(s, s.C.XGroupSetID(s.Ctx(), "events", "g1", "-")).Val())
			require.Len(t, gRead(s, "g1", "c2", 0, "events", ">").Val()[0].Messages, 5)
			p := pendingExt(t, s, "events", "g1", "", 0)
			require.Len(t, p, 5)
			require.Equal(t, []string{}, pendingExt(t, s, "events", "g1", "c1", 0))
		}},
		{Name: "tcl XREADGROUP will not report data on empty history. Bug #5577", Run: func(t *testing.T, s *side) {
			gAdd(s, "events", "1-0", "a", "1")
			gAdd(s, "events", "2-0", "b", "2")
			gAdd(s, "events", "3-0", "c", "3")
			gCreate(t, s, "events", "mygroup", "0")
			require.Equal(t, []string{}, pendingExt(t, s, "events", "mygroup", "", 0))
			require.Equal(t, []string{"events:[]"}, streamIDs(gRead(s, "mygroup", "myconsumer", 3, "events", "0").Val()))
			require.Equal(t, []string{"events:[1-0 2-0 3-0]"}, streamIDs(gRead(s, "mygroup", "myconsumer", 3, "events", ">").Val()))
			require.Equal(t, []string{"events:[1-0 2-0 3-0]"}, streamIDs(gRead(s, "mygroup", "myconsumer", 3, "events", "0").Val()))
		}},
		{Name: "tcl XREADGROUP history reporting of deleted entries. Bug #5570", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "1", "field1", "A")
			gRead(s, "mygroup", "myconsumer", 0, "mystream", ">")
			s.Do("XADD", "mystream", "MAXLEN", "1", "2", "field1", "B")
			gRead(s, "mygroup", "myconsumer", 0, "mystream", ">")
			res := gRead(s, "mygroup", "myconsumer", 0, "mystream", "0-1").Val()
			require.Equal(t, []string{"mystream:[1-0 2-0]"}, streamIDs(res))
			require.Nil(t, res[0].Messages[0].Values)
			require.Equal(t, map[string]interface{}{"field1": "B"}, res[0].Messages[1].Values)
			s.Do("XREADGROUP", "GROUP", "mygroup", "myconsumer", "STREAMS", "mystream", "0-1")
			// A deleted entry's delivery count is not bumped by the history read.
			require.Equal(t, []string{"1-0/myconsumer/1", "2-0/myconsumer/3"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
		{Name: "tcl XREADGROUP of multiple entries changes dirty by one (replies)", Run: func(t *testing.T, s *side) {
			gAdd(s, "x", "1-0", "data", "a")
			gAdd(s, "x", "2-0", "data", "b")
			gAdd(s, "x", "3-0", "data", "c")
			gAdd(s, "x", "4-0", "data", "d")
			gCreate(t, s, "x", "g1", "0")
			require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "x", "g1", "Alice")).Val())
			require.Equal(t, []string{"x:[1-0 2-0]"}, streamIDs(gRead(s, "g1", "Alice", 2, "x", ">").Val()))
			require.Equal(t, []string{"x:[3-0 4-0]"}, streamIDs(gReadNoAck(s, "g1", "Alice", 2, "x", ">").Val()))
			require.Equal(t, []string{"1-0/Alice/1", "2-0/Alice/1"}, pendingExt(t, s, "x", "g1", "", 0))
			require.Equal(t, int64(4), groupField(t, s, "x", "g1", "entries-read"))
		}},
		{Name: "tcl XREADGROUP from PEL does not change dirty (replies, consumer creation)", Run: func(t *testing.T, s *side) {
			gAdd(s, "x", "1-0", "data", "a")
			gAdd(s, "x", "2-0", "data", "b")
			gAdd(s, "x", "3-0", "data", "c")
			gAdd(s, "x", "4-0", "data", "d")
			gCreate(t, s, "x", "g1", "0")
			Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "x", "g1", "Alice"))
			require.Equal(t, []string{"x:[1-0 2-0]"}, streamIDs(gRead(s, "g1", "Alice", 2, "x", ">").Val()))
			require.Equal(t, []string{"x:[1-0 2-0]"}, streamIDs(gRead(s, "g1", "Alice", 2, "x", "0").Val()))
			require.Equal(t, []string{"x:[]"}, streamIDs(gRead(s, "g1", "Alice", 2, "x", "9000").Val()))
			require.Equal(t, []string{"x:[]"}, streamIDs(gRead(s, "g1", "noconsumer", 2, "x", "0").Val()))
			// The history read created the consumer.
			require.Equal(t, []string{"Alice", "noconsumer"}, consumerNames(t, s, "x", "g1"))
		}},
		{Name: "tcl XREADGROUP with NOACK creates consumer (non-blocking part)", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "1-0", "f1", "v1")
			require.Equal(t, []string{"mystream:[1-0]"}, streamIDs(gReadNoAck(s, "mygroup", "Alice", 0, "mystream", ">").Val()))
			require.Equal(t, []string{"Alice"}, consumerNames(t, s, "mystream", "mygroup"))
			require.Equal(t, int64(0), groupField(t, s, "mystream", "mygroup", "pending"))
			require.Equal(t, "1-0", groupField(t, s, "mystream", "mygroup", "last-delivered-id"))
		}},
		{Name: "XREADGROUP several streams, COUNT per stream, nil when nothing new", Run: func(t *testing.T, s *side) {
			gAddN(s, "a", 3)
			gAddN(s, "b", 2)
			gCreate(t, s, "a", "g", "0")
			gCreate(t, s, "b", "g", "0")
			res := gRead(s, "g", "c", 2, "a", "b", ">", ">").Val()
			require.Equal(t, []string{"a:[1-0 2-0]", "b:[1-0 2-0]"}, streamIDs(res))
			require.Equal(t, []string{"a:[3-0]"}, streamIDs(gRead(s, "g", "c", 2, "a", "b", ">", ">").Val()))
			cmd := gRead(s, "g", "c", 2, "a", "b", ">", ">")
			require.Equal(t, redis.Nil, cmd.Err())
			// Mixed: history of a, new of b (nothing new): only a is in the reply.
			require.Equal(t, []string{"a:[1-0 2-0 3-0]", "b:[1-0 2-0]"}, streamIDs(gRead(s, "g", "c", 0, "a", "b", "0", "0").Val()))
			require.Equal(t, []string{"a:[2-0 3-0]"}, streamIDs(gRead(s, "g", "c", 0, "a", "b", "1-0", ">").Val()))
			// The same key twice.
			gAdd(s, "a", "4-0", "f", "v4")
			require.Equal(t, []string{"a:[4-0]"}, streamIDs(gRead(s, "g", "c", 0, "a", "a", ">", ">").Val()))
		}},
		{Name: "XREADGROUP explicit ID equal to the maximum ID acts as >", Run: func(t *testing.T, s *side) {
			gAddN(s, "s", 2)
			gCreate(t, s, "s", "g", "0")
			require.Equal(t, []string{"s:[1-0 2-0]"}, streamIDs(gRead(s, "g", "c", 0, "s", "18446744073709551615-18446744073709551615").Val()))
			require.Equal(t, []string{"1-0/c/1", "2-0/c/1"}, pendingExt(t, s, "s", "g", "", 0))
		}},
	}
}

// gCreateMk creates group at $ with MKSTREAM and requires OK.
func gCreateMk(t *testing.T, s *side, key, group string) {
	t.Helper()
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), key, group, "$")).Val())
}
