package goredis_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// pendingSetup is the state of the tcl file's XPENDING/XACK tests:
// consumer-1 owns 1-0 and 2-0, consumer-2 owns 3-0 and 4-0.
func pendingSetup(t *testing.T, s *side) {
	gCreateMk(t, s, "mystream", "mygroup")
	gAdd(s, "mystream", "1-0", "a", "1")
	gAdd(s, "mystream", "2-0", "b", "2")
	gRead(s, "mygroup", "consumer-1", 0, "mystream", ">")
	gAdd(s, "mystream", "3-0", "c", "3")
	gAdd(s, "mystream", "4-0", "d", "4")
	gRead(s, "mygroup", "consumer-2", 0, "mystream", ">")
}

// pendRaw runs a raw extended XPENDING without recording its clock-dependent
// idle times, notes it as "id/consumer/count" entries and returns them.
func pendRaw(t *testing.T, s *side, args ...interface{}) []string {
	t.Helper()
	res, err := s.C.Do(s.Ctx(), args...).Slice()
	require.NoError(t, err, "%v", args)
	out := []string{}
	for _, e := range res {
		p, ok := e.([]interface{})
		require.True(t, ok, "%v", e)
		require.Len(t, p, 4)
		out = append(out, fmt.Sprintf("%v/%v/%v", p[0], p[1], p[3]))
	}
	s.Note("%v => %v", args, out)
	return out
}

// groupsPendingAckScenarios port the XPENDING and XACK tests.
func groupsPendingAckScenarios() []scenario {
	return []scenario{
		{Name: "tcl XPENDING is able to return pending items / single consumer / only group", Run: func(t *testing.T, s *side) {
			pendingSetup(t, s)
			require.Equal(t, []string{"1-0/consumer-1/1", "2-0/consumer-1/1", "3-0/consumer-2/1", "4-0/consumer-2/1"},
				pendingExt(t, s, "mystream", "mygroup", "", 0))
			require.Equal(t, []string{"1-0/consumer-1/1", "2-0/consumer-1/1"}, pendingExt(t, s, "mystream", "mygroup", "consumer-1", 0))
			require.Equal(t, []string{}, pendingExt(t, s, "mystream", "mygroup", "nobody", 0))
			sum := Rec(s, s.C.XPending(s.Ctx(), "mystream", "mygroup")).Val()
			require.Equal(t, &redis.XPending{Count: 4, Lower: "1-0", Higher: "4-0",
				Consumers: map[string]int64{"consumer-1": 2, "consumer-2": 2}}, sum)
			s.Do("XPENDING", "mystream", "mygroup")
			require.Equal(t, []string{"1-0/consumer-1/1", "2-0/consumer-1/1"}, pendRaw(t, s, "XPENDING", "mystream", "mygroup", "-", "+", "2"))
			require.Equal(t, []string{}, pendRaw(t, s, "XPENDING", "mystream", "mygroup", "-", "+", "0"))
			require.Equal(t, []string{}, pendRaw(t, s, "XPENDING", "mystream", "mygroup", "-", "+", "-5"))
			require.Equal(t, []string{"2-0/consumer-1/1", "3-0/consumer-2/1"}, pendRaw(t, s, "XPENDING", "mystream", "mygroup", "2-0", "3", "10"))
			require.Equal(t, []string{"3-0/consumer-2/1", "4-0/consumer-2/1"}, pendRaw(t, s, "XPENDING", "mystream", "mygroup", "-", "+", "10", "consumer-2", "extra"))
		}},
		{Name: "tcl XPENDING with IDLE", Run: func(t *testing.T, s *side) {
			pendingSetup(t, s)
			s.Sleep(20 * time.Millisecond)
			require.Equal(t, []string{}, pendingExt(t, s, "mystream", "mygroup", "consumer-1", 99999999*time.Millisecond))
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "consumer-1", time.Millisecond), 2)
			require.Equal(t, []string{}, pendingExt(t, s, "mystream", "mygroup", "", 99999999*time.Millisecond))
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "", time.Millisecond), 4)
			// Idle is at least the time slept.
			res := Rec(s, s.C.XPendingExt(s.Ctx(), &redis.XPendingExtArgs{Stream: "mystream", Group: "mygroup", Start: "-", End: "+", Count: 10})).Val()
			for _, p := range res {
				require.GreaterOrEqual(t, p.Idle, 20*time.Millisecond)
			}
			// A history read resets the idle time of the entries it delivers.
			gRead(s, "mygroup", "consumer-1", 0, "mystream", "0")
			require.Equal(t, []string{"3-0/consumer-2/1", "4-0/consumer-2/1"}, pendingExt(t, s, "mystream", "mygroup", "", 15*time.Millisecond))
		}},
		{Name: "tcl XPENDING with exclusive range intervals works as expected", Run: func(t *testing.T, s *side) {
			pendingSetup(t, s)
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "", 0), 4)
			res := Rec(s, s.C.XPendingExt(s.Ctx(), &redis.XPendingExtArgs{Stream: "mystream", Group: "mygroup", Start: "(1-0", End: "(4-0", Count: 10})).Val()
			require.Len(t, res, 2)
			require.Equal(t, "2-0", res[0].ID)
			require.Equal(t, "3-0", res[1].ID)
		}},
		{Name: "XPENDING errors", Run: func(t *testing.T, s *side) {
			pendingSetup(t, s)
			cases := []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XPENDING", "mystream", "nog"}, "NOGROUP No such key 'mystream' or consumer group 'nog'"},
				{[]interface{}{"XPENDING", "nokey", "mygroup", "-", "+", "10"}, "NOGROUP No such key 'nokey' or consumer group 'mygroup'"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "-"}, "ERR syntax error"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "-", "+"}, "ERR syntax error"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "IDLE", "10", "-", "+"}, "ERR syntax error"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "IDLE", "x", "-", "+", "10"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "-", "+", "x"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "x", "+", "10"}, "ERR Invalid stream ID specified as stream command argument"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "(18446744073709551615-18446744073709551615", "+", "10"}, "ERR invalid start ID for the interval"},
				{[]interface{}{"XPENDING", "mystream", "mygroup", "-", "(0-0", "10"}, "ERR invalid end ID for the interval"},
			}
			for _, c := range cases {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
		}},
		{Name: "tcl XACK is able to remove items from the consumer/group PEL (+ repeats, several IDs)", Run: func(t *testing.T, s *side) {
			pendingSetup(t, s)
			require.Equal(t, int64(1), Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "1-0")).Val())
			require.Equal(t, []string{"2-0/consumer-1/1"}, pendingExt(t, s, "mystream", "mygroup", "consumer-1", 0))
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "", 0), 3)
			// XACK can't remove the same item multiple times.
			require.Equal(t, int64(0), Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "1-0")).Val())
			// XACK is able to accept multiple arguments.
			require.Equal(t, int64(1), Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "1-0", "2-0")).Val())
			require.Equal(t, int64(2), Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "3-0", "3-0", "4-0", "9-0")).Val())
			// Missing group or key: 0, IDs not validated.
			require.Equal(t, int64(0), Rec(s, s.C.XAck(s.Ctx(), "mystream", "nog", "1-0")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XAck(s.Ctx(), "nokey", "mygroup", "bad")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XAck(s.Ctx(), "mystream", "nog", "bad")).Val())
			require.Equal(t, int64(4), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			require.EqualError(t, s.Do("XACK", "mystream", "mygroup").Err(), "ERR wrong number of arguments for 'xack' command")
		}},
		{Name: "tcl XACK should fail if got at least one invalid ID", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "s", "g")
			gAdd(s, "s", "*", "f1", "v1")
			res := gRead(s, "g", "c", 0, "s", ">").Val()
			require.Len(t, res[0].Messages, 1)
			id := res[0].Messages[0].ID
			require.Len(t, pendingExt(t, s, "s", "g", "c", 0), 1)
			err := Rec(s, s.C.XAck(s.Ctx(), "s", "g", id, "invalid-id")).Err()
			require.EqualError(t, err, "ERR Invalid stream ID specified as stream command argument")
			require.Equal(t, int64(1), Rec(s, s.C.XAck(s.Ctx(), "s", "g", id)).Val())
		}},
		{Name: "XACK of a deleted entry still acknowledges it", Run: func(t *testing.T, s *side) {
			gAddN(s, "s", 2)
			gCreate(t, s, "s", "g", "0")
			gRead(s, "g", "c", 0, "s", ">")
			require.Equal(t, int64(1), Rec(s, s.C.XDel(s.Ctx(), "s", "1-0")).Val())
			require.Equal(t, []string{"1-0/c/1", "2-0/c/1"}, pendingExt(t, s, "s", "g", "", 0))
			require.Equal(t, int64(1), Rec(s, s.C.XAck(s.Ctx(), "s", "g", "1-0")).Val())
			require.Equal(t, []string{"2-0/c/1"}, pendingExt(t, s, "s", "g", "", 0))
		}},
	}
}
