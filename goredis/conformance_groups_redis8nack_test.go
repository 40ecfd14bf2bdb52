package goredis_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// llongMax is the FATAL delivery count, LLONG_MAX.
const llongMax = "9223372036854775807"

// nack runs XNACK through go-redis and returns its count.
func nack(t *testing.T, s *side, mode string, force bool, retry *uint64, idList ...string) int64 {
	t.Helper()
	n, err := Rec(s, s.C.XNack(s.Ctx(), &redis.XNackArgs{Stream: "mystream", Group: "grp", Mode: mode, IDs: idList, Force: force, RetryCount: retry})).Result()
	require.NoError(t, err)
	return n
}

// rawPending is the raw XPENDING extended reply as "id/consumer/idle/count"
// with idle shown only when it is -1 (NACKed) and "*" otherwise.
func rawPending(t *testing.T, s *side, extra ...interface{}) []string {
	t.Helper()
	args := append([]interface{}{"XPENDING", "mystream", "grp", "-", "+", "100"}, extra...)
	res, err := s.Do(args...).Slice()
	require.NoError(t, err)
	out := []string{}
	for _, e := range res {
		p := e.([]interface{})
		idle := "*"
		if p[2] == int64(-1) {
			idle = "-1"
		}
		out = append(out, fmt.Sprintf("%v/%v/%s/%v", p[0], p[1], idle, p[3]))
	}
	return out
}

// nackSetup adds n entries, creates grp at 0 and has c1 read them all.
func nackSetup(t *testing.T, s *side, n int) {
	gAddN(s, "mystream", n)
	gCreate(t, s, "mystream", "grp", "0")
	gRead(s, "grp", "c1", 0, "mystream", ">")
}

// u64 returns a pointer to v.
func u64(v uint64) *uint64 { return &v }

// groupsRedis8NackScenarios port the "XNACK …" tests (8.8), spec §4.7.
func groupsRedis8NackScenarios() []scenario {
	return []scenario{
		{Name: "redis8 tcl XNACK errors", Redis8: true, Run: func(t *testing.T, s *side) {
			for _, args := range [][]interface{}{{"XNACK"}, {"XNACK", "key"}, {"XNACK", "key", "group", "SILENT", "IDS", "1"}, {"XNACK", "mystream", "grp", "FAIL", "RETRYCOUNT"}} {
				require.EqualError(t, s.Do(args...).Err(), "ERR wrong number of arguments for 'xnack' command", "%v", args)
			}
			require.EqualError(t, s.Do("XNACK", "nosuchkey", "grp", "SILENT", "IDS", "1", "1-0").Err(), "NOGROUP No such key 'nosuchkey' or consumer group 'grp'")
			nackSetup(t, s, 2)
			require.EqualError(t, s.Do("XNACK", "mystream", "nogroup", "SILENT", "IDS", "1", "1-0").Err(), "NOGROUP No such key 'mystream' or consumer group 'nogroup'")
			cases := []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "BADOPT", "IDS", "1", "1-0"}, "ERR Unrecognized XNACK option 'BADOPT'"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "BADOPT"}, "ERR Unrecognized XNACK option 'BADOPT'"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "FORCE", "BADOPT"}, "ERR Unrecognized XNACK option 'BADOPT'"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "RETRYCOUNT", "5", "BADOPT", "IDS", "1", "1-0"}, "ERR Unrecognized XNACK option 'BADOPT'"},
				{[]interface{}{"XNACK", "mystream", "grp", "BADMODE", "IDS", "1", "1-0"}, "ERR mode must be SILENT, FAIL, or FATAL"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "FATAL", "IDS", "1", "1-0"}, "ERR Unrecognized XNACK option 'FATAL'"},
				{[]interface{}{"XNACK", "mystream", "grp", "SILENT", "NOTIDS", "1", "1-0"}, "ERR Unrecognized XNACK option 'NOTIDS'"},
				{[]interface{}{"XNACK", "mystream", "grp", "SILENT", "FORCE", "RETRYCOUNT", "5"}, "ERR syntax error, expected IDS keyword"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "abc", "1-0"}, "ERR numids must be a positive integer"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "0", "1-0"}, "ERR numids must be a positive integer"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "-1", "1-0"}, "ERR numids must be a positive integer"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "2", "1-0"}, "ERR number of IDs doesn't match numids"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "not-a-valid-id"}, "ERR Invalid stream ID specified as stream command argument"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "RETRYCOUNT", "abc"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "RETRYCOUNT", "99999999999999999999"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "RETRYCOUNT", "-1"}, "ERR Invalid RETRYCOUNT value, must be >= 0"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "RETRYCOUNT"}, "ERR Unrecognized XNACK option 'RETRYCOUNT'"},
				{[]interface{}{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "2-0"}, "ERR Unrecognized XNACK option '2-0'"},
			}
			for _, c := range cases {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
			// Nothing changed.
			require.Equal(t, []string{"1-0/c1/*/1", "2-0/c1/*/1"}, rawPending(t, s))
		}},
		{Name: "redis8 tcl XNACK SILENT, FAIL, FATAL and re-NACK adjust the delivery count", Redis8: true, Run: func(t *testing.T, s *side) {
			nackSetup(t, s, 1)
			require.Equal(t, int64(1), nack(t, s, redis.XNackModeSilent, false, nil, "1-0"))
			require.Equal(t, []string{"1-0//-1/0"}, rawPending(t, s))
			s.Do("XCLAIM", "mystream", "grp", "c2", "0", "1-0", "RETRYCOUNT", "0")
			nack(t, s, redis.XNackModeSilent, false, nil, "1-0")
			require.Equal(t, []string{"1-0//-1/0"}, rawPending(t, s))
			for i := 0; i < 3; i++ {
				s.Do("XCLAIM", "mystream", "grp", "c2", "0", "1-0")
			}
			nack(t, s, redis.XNackModeSilent, false, nil, "1-0")
			require.Equal(t, []string{"1-0//-1/2"}, rawPending(t, s))
			nack(t, s, redis.XNackModeFail, false, nil, "1-0")
			require.Equal(t, []string{"1-0//-1/2"}, rawPending(t, s))
			nack(t, s, redis.XNackModeFatal, false, nil, "1-0")
			require.Equal(t, []string{"1-0//-1/" + llongMax}, rawPending(t, s))
			nack(t, s, redis.XNackModeFail, false, u64(99), "1-0")
			require.Equal(t, []string{"1-0//-1/99"}, rawPending(t, s))
			nack(t, s, redis.XNackModeFatal, false, u64(42), "1-0")
			require.Equal(t, []string{"1-0//-1/42"}, rawPending(t, s))
		}},
		{Name: "redis8 tcl XNACK owners, consumer filter, return counts", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "mystream", 3)
			gCreate(t, s, "mystream", "grp", "0")
			gRead(s, "grp", "c1", 2, "mystream", ">")
			gRead(s, "grp", "c2", 1, "mystream", ">")
			require.Equal(t, int64(1), nack(t, s, redis.XNackModeFail, false, nil, "3-0"))
			require.Equal(t, int64(1), nack(t, s, redis.XNackModeFail, false, nil, "1-0"))
			require.Equal(t, []string{"1-0//-1/1", "2-0/c1/*/1", "3-0//-1/1"}, rawPending(t, s))
			require.Equal(t, []string{"2-0/c1/*/1"}, rawPending(t, s, "c1"))
			require.Equal(t, []string{}, rawPending(t, s, "c2"))
			require.Equal(t, int64(2), groupField(t, s, "mystream", "grp", "consumers"))
			require.Equal(t, int64(3), groupField(t, s, "mystream", "grp", "pending"))
			sum := Rec(s, s.C.XPending(s.Ctx(), "mystream", "grp")).Val()
			require.Equal(t, int64(3), sum.Count)
			require.Equal(t, map[string]int64{"c1": 1}, sum.Consumers)
			require.Equal(t, int64(0), nack(t, s, redis.XNackModeFail, false, nil, "9-9"))
			require.Equal(t, int64(3), nack(t, s, redis.XNackModeSilent, false, nil, "1-0", "2-0", "3-0"))
			s.Do("XCLAIM", "mystream", "grp", "c1", "0", "1-0", "2-0", "3-0")
			require.Equal(t, int64(3), nack(t, s, redis.XNackModeFail, false, nil, "1-0", "9-9", "2-0", "8-8", "3-0"))
			require.Equal(t, int64(2), nack(t, s, redis.XNackModeFail, false, nil, "1-0", "1-0"))
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "grp", "1-0", "2-0", "3-0"))
			require.Equal(t, int64(0), nack(t, s, redis.XNackModeFail, false, nil, "1-0"))
			// The consumers stay, with nothing pending.
			cs := Rec(s, s.C.XInfoConsumers(s.Ctx(), "mystream", "grp")).Val()
			require.Len(t, cs, 2)
			require.Equal(t, int64(0), cs[0].Pending+cs[1].Pending)
		}},
		{Name: "redis8 tcl XNACK order in XINFO STREAM FULL, ghosts, FORCE", Redis8: true, Run: func(t *testing.T, s *side) {
			nackSetup(t, s, 4)
			nack(t, s, redis.XNackModeFail, false, nil, "3-0")
			nack(t, s, redis.XNackModeFail, false, nil, "1-0")
			full := s.C.XInfoStreamFull(s.Ctx(), "mystream", 0).Val()
			g := full.Groups[0]
			require.Equal(t, uint64(2), g.NackedCount)
			require.Equal(t, int64(4), g.PelCount)
			var pend []string
			for _, p := range g.Pending {
				tm := "*"
				if p.DeliveryTime.UnixMilli() == 0 {
					tm = "0"
				}
				pend = append(pend, fmt.Sprintf("%s/%s/%s/%d", p.ID, p.Consumer, tm, p.DeliveryCount))
			}
			require.Equal(t, []string{"1-0//0/1", "2-0/c1/*/1", "3-0//0/1", "4-0/c1/*/1"}, pend)
			// Ghosts stay pending.
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "1-0"))
			require.Len(t, rawPending(t, s), 4)
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "mystream", 1))
			require.Equal(t, []string{"1-0//-1/1", "2-0/c1/*/1", "3-0//-1/1", "4-0/c1/*/1"}, rawPending(t, s))
			// The history read does not return NACKed entries.
			require.Equal(t, []string{"mystream:[2-0 4-0]"}, streamIDs(gRead(s, "grp", "c1", 0, "mystream", "0-0").Val()))
		}},
		{Name: "redis8 tcl XNACK FORCE", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "mystream", 2)
			gCreate(t, s, "mystream", "grp", "0")
			require.Equal(t, int64(1), nack(t, s, redis.XNackModeFail, true, nil, "1-0"))
			require.Equal(t, []string{"1-0//-1/0"}, rawPending(t, s))
			require.Len(t, Rec(s, s.C.XClaim(s.Ctx(), claimArgs("mystream", "grp", "c1", 0, "1-0"))).Val(), 1)
			require.Equal(t, int64(0), nack(t, s, redis.XNackModeFail, true, nil, "9-9"))
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "grp", "1-0"))
			require.Equal(t, int64(1), nack(t, s, redis.XNackModeFatal, true, nil, "1-0"))
			require.Equal(t, []string{"1-0//-1/" + llongMax}, rawPending(t, s))
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "grp", "1-0"))
			require.Equal(t, int64(2), nack(t, s, redis.XNackModeSilent, true, nil, "1-0", "2-0"))
			require.Equal(t, []string{"1-0//-1/0", "2-0//-1/0"}, rawPending(t, s))
			require.Equal(t, int64(1), nack(t, s, redis.XNackModeFail, true, u64(7), "1-0"))
			require.Equal(t, []string{"1-0//-1/7", "2-0//-1/0"}, rawPending(t, s))
			// FORCE does not move last-delivered-id: > delivers them, resetting the count.
			require.Equal(t, "0-0", groupField(t, s, "mystream", "grp", "last-delivered-id"))
			require.Equal(t, []string{"mystream:[1-0 2-0]"}, streamIDs(gRead(s, "grp", "c2", 0, "mystream", ">").Val()))
			require.Equal(t, []string{"1-0/c2/*/1", "2-0/c2/*/1"}, rawPending(t, s))
			// Flexible option order.
			for _, args := range [][]interface{}{
				{"XNACK", "mystream", "grp", "FAIL", "FORCE", "IDS", "1", "1-0"},
				{"XNACK", "mystream", "grp", "FAIL", "FORCE", "RETRYCOUNT", "42", "IDS", "1", "1-0"},
				{"XNACK", "mystream", "grp", "FAIL", "RETRYCOUNT", "5", "IDS", "1", "1-0", "FORCE"},
				{"XNACK", "mystream", "grp", "FAIL", "IDS", "1", "1-0", "RETRYCOUNT", "20", "FORCE"},
			} {
				require.Equal(t, int64(1), s.Do(args...).Val(), "%v", args)
			}
			require.Equal(t, []string{"1-0//-1/20", "2-0/c2/*/1"}, rawPending(t, s))
		}},
		{Name: "redis8 tcl XNACK zone order, claimability, ghost cleanup, blocking CLAIM wake-up", Redis8: true, Run: func(t *testing.T, s *side) {
			nackSetup(t, s, 3)
			nack(t, s, redis.XNackModeFail, false, nil, "1-0", "2-0", "3-0")
			nack(t, s, redis.XNackModeFail, false, nil, "1-0")
			full := s.C.XInfoStreamFull(s.Ctx(), "mystream", 0).Val()
			require.Equal(t, uint64(3), full.Groups[0].NackedCount)
			var got []string
			for i := 0; i < 3; i++ {
				res := claimRead(s, "grp", "c2", 1, 5*time.Millisecond, false, "mystream", ">").Val()
				require.Len(t, res[0].Messages, 1)
				m := res[0].Messages[0]
				// A NACKed entry's reported idle is the current Unix time in ms.
				require.Equal(t, s.Clock.Now().UnixMilli(), m.MillisElapsedFromDelivery)
				got = append(got, m.ID)
			}
			require.Equal(t, []string{"2-0", "3-0", "1-0"}, got)

			// XCLAIM / XAUTOCLAIM skip min-idle for NACKed entries.
			nack(t, s, redis.XNackModeFail, false, nil, "1-0")
			require.Equal(t, []interface{}{"1-0"}, s.Do("XCLAIM", "mystream", "grp", "c3", "99999", "1-0", "JUSTID").Val())
			nack(t, s, redis.XNackModeFail, false, nil, "2-0")
			require.Equal(t, []interface{}{"0-0", []interface{}{"2-0"}, []interface{}{}}, s.Do("XAUTOCLAIM", "mystream", "grp", "c3", "99999", "0-0", "JUSTID").Val())

			// Ghosts: NACKed then deleted entries are cleaned by XCLAIM / XAUTOCLAIM.
			nack(t, s, redis.XNackModeFail, false, nil, "1-0", "3-0")
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "1-0", "3-0"))
			require.Equal(t, []interface{}{}, s.Do("XCLAIM", "mystream", "grp", "c2", "0", "1-0").Val())
			require.Equal(t, []interface{}{"0-0", []interface{}{"2-0"}, []interface{}{"3-0"}}, s.Do("XAUTOCLAIM", "mystream", "grp", "c2", "0", "0-0", "JUSTID").Val())
			require.Equal(t, []string{"2-0/c2/*/2"}, rawPending(t, s))

			// Blocking: XNACK wakes a CLAIM reader.
			ch := async(func() *redis.XStreamSliceCmd {
				return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "grp", Consumer: "c4", Block: 5 * time.Second, Claim: time.Second, Streams: []string{"mystream", ">"}})
			})
			settle()
			require.Equal(t, int64(1), nack(t, s, redis.XNackModeFail, false, nil, "2-0"))
			res := Rec(s, await(t, ch)).Val()
			require.Equal(t, []string{"mystream:[2-0]"}, streamIDs(res))
			require.Equal(t, []string{"2-0/c4/*/3"}, rawPending(t, s))
		}},
		{Name: "redis8 tcl XNACK with DELCONSUMER, DESTROY and nacked-count accounting", Redis8: true, Run: func(t *testing.T, s *side) {
			nackSetup(t, s, 4)
			counts := func() string {
				g := s.C.XInfoStreamFull(s.Ctx(), "mystream", 0).Val().Groups[0]
				return fmt.Sprintf("%d/%d", g.NackedCount, g.PelCount)
			}
			require.Equal(t, "0/4", counts())
			nack(t, s, redis.XNackModeFail, false, nil, "1-0")
			require.Equal(t, "1/4", counts())
			nack(t, s, redis.XNackModeFail, false, nil, "2-0", "3-0")
			require.Equal(t, "3/4", counts())
			s.Do("XCLAIM", "mystream", "grp", "c2", "0", "1-0")
			require.Equal(t, "2/4", counts())
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "grp", "2-0"))
			require.Equal(t, "1/3", counts())
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "grp", "3-0"))
			require.Equal(t, "0/2", counts())
			// DELCONSUMER drops only owned entries.
			nack(t, s, redis.XNackModeFail, false, nil, "1-0")
			require.Equal(t, int64(1), Rec(s, s.C.XGroupDelConsumer(s.Ctx(), "mystream", "grp", "c1")).Val())
			require.Equal(t, []string{"1-0//-1/2"}, rawPending(t, s))
			require.Equal(t, "1/1", counts())
			// DESTROY drops everything.
			Rec(s, s.C.XGroupDestroy(s.Ctx(), "mystream", "grp"))
			gCreate(t, s, "mystream", "grp", "0")
			require.Equal(t, int64(0), Rec(s, s.C.XPending(s.Ctx(), "mystream", "grp")).Val().Count)
		}},
	}
}
