package goredis_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// claimArgs builds XClaimArgs.
func claimArgs(key, group, consumer string, minIdle time.Duration, msgs ...string) *redis.XClaimArgs {
	return &redis.XClaimArgs{Stream: key, Group: group, Consumer: consumer, MinIdle: minIdle, Messages: msgs}
}

// autoArgs builds XAutoClaimArgs.
func autoArgs(key, group, consumer string, minIdle time.Duration, start string, count int64) *redis.XAutoClaimArgs {
	return &redis.XAutoClaimArgs{Stream: key, Group: group, Consumer: consumer, MinIdle: minIdle, Start: start, Count: count}
}

// claimSetup adds 1-0 a 1, 2-0 b 2, 3-0 c 3 (and 4-0 d 4 when four) and
// creates mygroup at 0.
func claimSetup(t *testing.T, s *side, four bool) {
	gAdd(s, "mystream", "1-0", "a", "1")
	gAdd(s, "mystream", "2-0", "b", "2")
	gAdd(s, "mystream", "3-0", "c", "3")
	if four {
		gAdd(s, "mystream", "4-0", "d", "4")
	}
	gCreate(t, s, "mystream", "mygroup", "0")
}

// groupsClaimScenarios port the XCLAIM and XAUTOCLAIM tests.
func groupsClaimScenarios() []scenario {
	return []scenario{
		{Name: "tcl XCLAIM can claim PEL items from another consumer", Run: func(t *testing.T, s *side) {
			claimSetup(t, s, false)
			res := gRead(s, "mygroup", "consumer1", 1, "mystream", ">").Val()
			require.Equal(t, map[string]interface{}{"a": "1"}, res[0].Messages[0].Values)
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "", 0), 1)
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "consumer1", 0), 1)
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "consumer2", 0), 0)
			// Not idle long enough yet: nothing is claimed.
			require.Empty(t, Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "mygroup", "consumer2", 10*time.Second, "1-0"))).Val())
			s.Sleep(20 * time.Millisecond)
			msgs := Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, "1-0"))).Val()
			require.Equal(t, []string{"1-0"}, msgIDs(msgs))
			require.Equal(t, map[string]interface{}{"a": "1"}, msgs[0].Values)
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "", 0), 1)
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "consumer1", 0), 0)
			require.Len(t, pendingExt(t, s, "mystream", "mygroup", "consumer2", 0), 1)
			gRead(s, "mygroup", "consumer1", 2, "mystream", ">")
			s.Sleep(20 * time.Millisecond)
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "2-0"))
			require.Empty(t, Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, "2-0"))).Val())
			s.Sleep(20 * time.Millisecond)
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "3-0"))
			require.Empty(t, Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, "3-0"))).Val())
			// The deleted entries left the PEL.
			require.Equal(t, []string{"1-0/consumer2/2"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
		{Name: "tcl XCLAIM without JUSTID increments delivery count", Run: func(t *testing.T, s *side) {
			claimSetup(t, s, false)
			gRead(s, "mygroup", "consumer1", 1, "mystream", ">")
			s.Sleep(20 * time.Millisecond)
			msgs := Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, "1-0"))).Val()
			require.Equal(t, []string{"1-0"}, msgIDs(msgs))
			require.Equal(t, []string{"1-0/consumer2/2"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
			s.Sleep(20 * time.Millisecond)
			justIDs := Rec(s, s.C.XClaimJustID(s.Ctx(), claimArgs("mystream", "mygroup", "consumer3", 10*time.Millisecond, "1-0"))).Val()
			require.Equal(t, []string{"1-0"}, justIDs)
			require.Equal(t, []string{"1-0/consumer3/2"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
		{Name: "tcl XCLAIM same consumer", Run: func(t *testing.T, s *side) {
			claimSetup(t, s, false)
			gRead(s, "mygroup", "consumer1", 1, "mystream", ">")
			s.Sleep(20 * time.Millisecond)
			require.Len(t, Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "mygroup", "consumer1", 10*time.Millisecond, "1-0"))).Val(), 1)
			require.Equal(t, []string{"1-0/consumer1/2"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
		{Name: "XCLAIM options via Do: IDLE, TIME, RETRYCOUNT, FORCE, JUSTID, LASTID", Run: func(t *testing.T, s *side) {
			claimSetup(t, s, true)
			gRead(s, "mygroup", "c1", 2, "mystream", ">")
			// IDLE sets the idle time; RETRYCOUNT the count; JUSTID leaves it.
			require.Equal(t, []interface{}{"1-0"}, s.Do("XCLAIM", "mystream", "mygroup", "c2", "0", "1-0", "IDLE", "5000", "RETRYCOUNT", "7", "JUSTID").Val())
			require.Equal(t, []string{"1-0/c2/7"}, pendingExt(t, s, "mystream", "mygroup", "", 4*time.Second))
			// TIME in the past makes it idle; the last of IDLE/TIME wins.
			past := time.Now().Add(-time.Hour).UnixMilli()
			if !s.Real {
				past = s.Clock.Now().Add(-time.Hour).UnixMilli()
			}
			// TIME's argument depends on the clock: run it unrecorded.
			require.Equal(t, []interface{}{"2-0"}, s.C.Do(s.Ctx(), "XCLAIM", "mystream", "mygroup", "c3", "0", "2-0", "IDLE", "1", "TIME", past, "JUSTID").Val())
			require.Equal(t, []string{"2-0/c3/1"}, pendingExt(t, s, "mystream", "mygroup", "", 50*time.Minute))
			// A future TIME is clamped to now.
			require.Equal(t, []interface{}{"2-0"}, s.C.Do(s.Ctx(), "XCLAIM", "mystream", "mygroup", "c3", "0", "2-0", "TIME", past+10*3600*1000, "JUSTID").Val())
			require.Equal(t, []string{}, pendingExt(t, s, "mystream", "mygroup", "c3", 50*time.Minute))
			// FORCE creates the PEL entry of an undelivered entry: count 2 (1 with JUSTID).
			s.Do("XCLAIM", "mystream", "mygroup", "c4", "0", "3-0", "FORCE")
			s.Do("XCLAIM", "mystream", "mygroup", "c4", "0", "4-0", "FORCE", "JUSTID")
			require.Equal(t, []string{"3-0/c4/2", "4-0/c4/1"}, pendingExt(t, s, "mystream", "mygroup", "c4", 0))
			// FORCE of an ID not in the stream: nothing.
			require.Equal(t, []interface{}{}, s.Do("XCLAIM", "mystream", "mygroup", "c4", "0", "9-0", "FORCE").Val())
			// Without FORCE an ID not pending is skipped.
			gAdd(s, "mystream", "5-0", "e", "5")
			require.Equal(t, []interface{}{}, s.Do("XCLAIM", "mystream", "mygroup", "c4", "0", "5-0").Val())
			// LASTID raises last-delivered-id only forward.
			s.Do("XCLAIM", "mystream", "mygroup", "c4", "0", "1-0", "LASTID", "4-0", "JUSTID")
			require.Equal(t, "4-0", groupField(t, s, "mystream", "mygroup", "last-delivered-id"))
			s.Do("XCLAIM", "mystream", "mygroup", "c4", "0", "1-0", "LASTID", "2-0", "JUSTID")
			require.Equal(t, "4-0", groupField(t, s, "mystream", "mygroup", "last-delivered-id"))
			require.Equal(t, []string{"mystream:[5-0]"}, streamIDs(gRead(s, "mygroup", "c1", 0, "mystream", ">").Val()))
			// Duplicated IDs and a negative min-idle (treated as 0).
			s.Do("XCLAIM", "mystream", "mygroup", "c5", "-100", "1-0", "1-0")
			require.Equal(t, []string{"1-0/c5/9"}, pendingExt(t, s, "mystream", "mygroup", "c5", 0))
			// No IDs at all: empty reply.
			require.Equal(t, []interface{}{}, s.Do("XCLAIM", "mystream", "mygroup", "c6", "0", "JUSTID").Val())
		}},
		{Name: "XCLAIM errors", Run: func(t *testing.T, s *side) {
			claimSetup(t, s, false)
			gRead(s, "mygroup", "c1", 0, "mystream", ">")
			cases := []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XCLAIM", "mystream", "nog", "c", "0", "1-0"}, "NOGROUP No such key 'mystream' or consumer group 'nog'"},
				{[]interface{}{"XCLAIM", "nokey", "mygroup", "c", "x", "1-0"}, "NOGROUP No such key 'nokey' or consumer group 'mygroup'"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "x", "1-0"}, "ERR Invalid min-idle-time argument for XCLAIM"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0", "1-0", "IDLE", "x"}, "ERR Invalid IDLE option argument for XCLAIM"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0", "1-0", "TIME", "x"}, "ERR Invalid TIME option argument for XCLAIM"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0", "1-0", "RETRYCOUNT", "x"}, "ERR Invalid RETRYCOUNT option argument for XCLAIM"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0", "1-0", "LASTID", "x"}, "ERR Invalid stream ID specified as stream command argument"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0", "1-0", "IDLE"}, "ERR Unrecognized XCLAIM option 'IDLE'"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0", "1-0", "FOO"}, "ERR Unrecognized XCLAIM option 'FOO'"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0", "1-0", "JUSTID", "2-0"}, "ERR Unrecognized XCLAIM option '2-0'"},
				{[]interface{}{"XCLAIM", "mystream", "mygroup", "c", "0"}, "ERR wrong number of arguments for 'xclaim' command"},
			}
			for _, c := range cases {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
			require.Equal(t, []string{"1-0/c1/1", "2-0/c1/1", "3-0/c1/1"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
		{Name: "tcl XAUTOCLAIM can claim PEL items from another consumer", Run: func(t *testing.T, s *side) {
			claimSetup(t, s, true)
			res := gRead(s, "mygroup", "consumer1", 1, "mystream", ">").Val()
			require.Equal(t, map[string]interface{}{"a": "1"}, res[0].Messages[0].Values)
			s.Sleep(20 * time.Millisecond)
			msgs, cursor, err := Rec(s, s.C.XAutoClaim(s.Ctx(), autoArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, "-", 1))).Result()
			require.NoError(t, err)
			require.Equal(t, "0-0", cursor)
			require.Equal(t, []string{"1-0"}, msgIDs(msgs))
			require.Equal(t, map[string]interface{}{"a": "1"}, msgs[0].Values)
			gRead(s, "mygroup", "consumer1", 3, "mystream", ">")
			s.Sleep(20 * time.Millisecond)
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "2-0"))
			// 1-0 and 3-0 are claimed, 2-0 is deleted: the cursor points to 4-0.
			raw, err := s.Do("XAUTOCLAIM", "mystream", "mygroup", "consumer2", "10", "-", "COUNT", "3").Slice()
			require.NoError(t, err)
			require.Equal(t, "4-0", raw[0])
			require.Len(t, raw[1], 2)
			require.Equal(t, []interface{}{"2-0"}, raw[2])
			s.Sleep(20 * time.Millisecond)
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "4-0"))
			justIDs, cursor, err := Rec(s, s.C.XAutoClaimJustID(s.Ctx(), autoArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, "-", 0))).Result()
			require.NoError(t, err)
			require.Equal(t, "0-0", cursor)
			require.Equal(t, []string{"1-0", "3-0"}, justIDs)
			s.Do("XAUTOCLAIM", "mystream", "mygroup", "consumer2", "0", "-", "JUSTID")
			require.Equal(t, []string{"1-0/consumer2/3", "3-0/consumer2/2"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
		{Name: "tcl XAUTOCLAIM as an iterator", Run: func(t *testing.T, s *side) {
			claimSetup(t, s, true)
			gAdd(s, "mystream", "5-0", "e", "5")
			gRead(s, "mygroup", "consumer1", 90, "mystream", ">")
			s.Sleep(20 * time.Millisecond)
			msgs, cursor := Rec(s, s.C.XAutoClaim(s.Ctx(), autoArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, "-", 2))).Val()
			require.Equal(t, "3-0", cursor)
			require.Equal(t, []string{"1-0", "2-0"}, msgIDs(msgs))
			msgs, cursor = Rec(s, s.C.XAutoClaim(s.Ctx(), autoArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, cursor, 2))).Val()
			require.Equal(t, "5-0", cursor)
			require.Equal(t, []string{"3-0", "4-0"}, msgIDs(msgs))
			require.Equal(t, map[string]interface{}{"c": "3"}, msgs[0].Values)
			msgs, cursor = Rec(s, s.C.XAutoClaim(s.Ctx(), autoArgs("mystream", "mygroup", "consumer2", 10*time.Millisecond, cursor, 1))).Val()
			require.Equal(t, "0-0", cursor)
			require.Equal(t, []string{"5-0"}, msgIDs(msgs))
			// An exclusive start and an incomplete ID.
			s.Do("XAUTOCLAIM", "mystream", "mygroup", "consumer3", "0", "(2-0", "COUNT", "2", "JUSTID")
			s.Do("XAUTOCLAIM", "mystream", "mygroup", "consumer3", "0", "5", "JUSTID")
		}},
		{Name: "tcl XAUTOCLAIM COUNT must be > 0 (+ other errors)", Run: func(t *testing.T, s *side) {
			cases := []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "1", "COUNT", "0"}, "ERR COUNT must be > 0"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "1", "COUNT", "x"}, "ERR COUNT must be > 0"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "1", "COUNT", "8070450532247928833"}, "ERR COUNT must be > 0"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "x", "1"}, "ERR Invalid min-idle-time argument for XAUTOCLAIM"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "x"}, "ERR Invalid stream ID specified as stream command argument"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "(18446744073709551615-18446744073709551615"}, "ERR invalid start ID for the interval"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "1", "FOO"}, "ERR syntax error"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "1", "COUNT"}, "ERR syntax error"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1", "1"}, "NOGROUP No such key 'key' or consumer group 'group'"},
				{[]interface{}{"XAUTOCLAIM", "key", "group", "consumer", "1"}, "ERR wrong number of arguments for 'xautoclaim' command"},
			}
			for _, c := range cases {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
		}},
		{Name: "tcl XCLAIM with XDEL", Run: func(t *testing.T, s *side) {
			gAddN(s, "x", 3)
			gCreate(t, s, "x", "grp", "0")
			require.Equal(t, []string{"x:[1-0 2-0 3-0]"}, streamIDs(gRead(s, "grp", "Alice", 0, "x", ">").Val()))
			Rec(s, s.C.XDel(s.Ctx(), "x", "2-0"))
			require.Equal(t, []string{"1-0", "3-0"}, msgIDs(Rec(s, s.C.XClaim(s.Ctx(), claimArgs("x", "grp", "Bob", 0, "1-0", "2-0", "3-0"))).Val()))
			require.Equal(t, []string{}, pendingExt(t, s, "x", "grp", "Alice", 0))
			require.Equal(t, []string{"1-0/Bob/2", "3-0/Bob/2"}, pendingExt(t, s, "x", "grp", "", 0))
		}},
		{Name: "tcl XCLAIM with trimming", Run: func(t *testing.T, s *side) {
			gAddN(s, "x", 3)
			gCreate(t, s, "x", "grp", "0")
			gRead(s, "grp", "Alice", 0, "x", ">")
			require.Equal(t, int64(2), Rec(s, s.C.XTrimMaxLen(s.Ctx(), "x", 1)).Val())
			require.Equal(t, []string{"3-0"}, msgIDs(Rec(s, s.C.XClaim(s.Ctx(), claimArgs("x", "grp", "Bob", 0, "1-0", "2-0", "3-0"))).Val()))
			require.Equal(t, []string{}, pendingExt(t, s, "x", "grp", "Alice", 0))
		}},
		{Name: "tcl XAUTOCLAIM with XDEL", Run: func(t *testing.T, s *side) {
			gAddN(s, "x", 3)
			gCreate(t, s, "x", "grp", "0")
			gRead(s, "grp", "Alice", 0, "x", ">")
			Rec(s, s.C.XDel(s.Ctx(), "x", "2-0"))
			msgs, cursor, deleted, err := Rec(s, s.C.XAutoClaimWithDeleted(s.Ctx(), autoArgs("x", "grp", "Bob", 0, "0-0", 0))).Result()
			require.NoError(t, err)
			require.Equal(t, "0-0", cursor)
			require.Equal(t, []string{"1-0", "3-0"}, msgIDs(msgs))
			require.Equal(t, []string{"2-0"}, deleted)
			require.Equal(t, []string{}, pendingExt(t, s, "x", "grp", "Alice", 0))
		}},
		{Name: "tcl XAUTOCLAIM with XDEL and count", Run: func(t *testing.T, s *side) {
			gAddN(s, "x", 3)
			gCreate(t, s, "x", "grp", "0")
			gRead(s, "grp", "Alice", 0, "x", ">")
			Rec(s, s.C.XDel(s.Ctx(), "x", "1-0"))
			Rec(s, s.C.XDel(s.Ctx(), "x", "2-0"))
			for _, c := range []struct{ start, cursor, deleted string }{{"0-0", "2-0", "1-0"}, {"2-0", "3-0", "2-0"}} {
				raw, err := s.Do("XAUTOCLAIM", "x", "grp", "Bob", "0", c.start, "COUNT", "1").Slice()
				require.NoError(t, err)
				require.Equal(t, []interface{}{c.cursor, []interface{}{}, []interface{}{c.deleted}}, raw)
			}
			msgs, cursor, deleted, _ := Rec(s, s.C.XAutoClaimWithDeleted(s.Ctx(), autoArgs("x", "grp", "Bob", 0, "3-0", 1))).Result()
			require.Equal(t, "0-0", cursor)
			require.Equal(t, []string{"3-0"}, msgIDs(msgs))
			require.Empty(t, deleted)
			require.Equal(t, []string{}, pendingExt(t, s, "x", "grp", "Alice", 0))
		}},
		{Name: "tcl XAUTOCLAIM with out of range count", Run: func(t *testing.T, s *side) {
			err := s.Do("XAUTOCLAIM", "x", "grp", "Bob", "0", "3-0", "COUNT", "8070450532247928833").Err()
			require.EqualError(t, err, "ERR COUNT must be > 0")
			require.Equal(t, "NOGROUP No such key 'x' or consumer group 'grp'",
				errText(s.Do("XAUTOCLAIM", "x", "grp", "Bob", "0", "3-0", "COUNT", "576460752303423487").Err()))
			require.EqualError(t, s.Do("XAUTOCLAIM", "x", "grp", "Bob", "0", "3-0", "COUNT", "576460752303423488").Err(), "ERR COUNT must be > 0")
		}},
		{Name: "tcl XAUTOCLAIM with trimming (tcl: XCLAIM with trimming, 2nd)", Run: func(t *testing.T, s *side) {
			gAddN(s, "x", 3)
			gCreate(t, s, "x", "grp", "0")
			gRead(s, "grp", "Alice", 0, "x", ">")
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "x", 1))
			msgs, cursor, deleted, _ := Rec(s, s.C.XAutoClaimWithDeleted(s.Ctx(), autoArgs("x", "grp", "Bob", 0, "0-0", 0))).Result()
			require.Equal(t, "0-0", cursor)
			require.Equal(t, []string{"3-0"}, msgIDs(msgs))
			require.Equal(t, []string{"1-0", "2-0"}, deleted)
			require.Equal(t, []string{}, pendingExt(t, s, "x", "grp", "Alice", 0))
		}},
		{Name: "XAUTOCLAIM attempts cap: COUNT*10 PEL entries examined", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "s", "g")
			for i := 1; i <= 25; i++ {
				gAdd(s, "s", fmt.Sprintf("%d-0", i), "f", "v")
			}
			gRead(s, "g", "c1", 0, "s", ">")
			// Nothing is idle enough: COUNT 1 examines 10 entries, COUNT 2 twenty.
			raw, err := s.Do("XAUTOCLAIM", "s", "g", "c2", "3600000", "0", "COUNT", "1").Slice()
			require.NoError(t, err)
			require.Equal(t, []interface{}{"11-0", []interface{}{}, []interface{}{}}, raw)
			raw, _ = s.Do("XAUTOCLAIM", "s", "g", "c2", "3600000", "11-0", "COUNT", "2").Slice()
			require.Equal(t, "0-0", raw[0])
			raw, _ = s.Do("XAUTOCLAIM", "s", "g", "c2", "3600000", "0", "COUNT", "2").Slice()
			require.Equal(t, "21-0", raw[0])
			// Deleted entries count against COUNT.
			Rec(s, s.C.XDel(s.Ctx(), "s", "1-0", "2-0", "3-0"))
			raw, _ = s.Do("XAUTOCLAIM", "s", "g", "c2", "0", "0", "COUNT", "2", "JUSTID").Slice()
			require.Equal(t, []interface{}{"3-0", []interface{}{}, []interface{}{"1-0", "2-0"}}, raw)
		}},
	}
}
