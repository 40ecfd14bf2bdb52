package goredis_test

// Redis 8 scenarios (in process only) for XACKDEL (8.2), the ENTRIESREAD
// clamp (8.2.2), XNACK (8.8) and its effects on XPENDING, XCLAIM,
// XAUTOCLAIM and XINFO, and the Redis 8 XINFO field set, per
// /work/shared/spec/redis8-streams.md.

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
	"github.com/xstream-go/xstream"
	"github.com/xstream-go/xstream/goredis"
)

func TestGroupCmdsRedis8(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "xackdel", Redis8: true, Run: gcXAckDel},
		{Name: "xackdel-errors", Redis8: true, Run: gcXAckDelErrors},
		{Name: "entriesread-clamp", Redis8: true, Run: gcEntriesReadClamp},
		{Name: "xnack-errors", Redis8: true, Run: gcXNackErrors},
		{Name: "xnack-modes", Redis8: true, Run: gcXNackModes},
		{Name: "xnack-force", Redis8: true, Run: gcXNackForce},
		{Name: "xnack-claims-and-info", Redis8: true, Run: gcXNackClaims},
		{Name: "xinfo-redis8-fields", Redis8: true, Run: gcXInfoRedis8},
	})
}

// gcPendingRaw returns XPENDING key group - + 100 as [id consumer idle count]
// rows, for the NACKed rows' "" and -1.
func gcPendingRaw(t *testing.T, s *side, key, group string) [][]interface{} {
	t.Helper()
	rows := s.Do("XPENDING", key, group, "-", "+", "100").Val().([]interface{})
	out := make([][]interface{}, len(rows))
	for i, r := range rows {
		out[i] = r.([]interface{})
	}
	return out
}

func gcXAckDel(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 5)
	for _, g := range []string{"g1", "g2"} {
		require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", g, "0")).Val())
		gcDeliver(t, s, "k", g, "c", "1-0", "2-0", "3-0", "4-0")
		require.Equal(t, "OK", s.Do("XGROUP", "SETID", "k", g, "$").Val())
	}
	// Missing key or group: -1 per ID, IDs unchecked.
	require.Equal(t, []interface{}{int64(-1), int64(-1)}, Rec(s, s.C.XAckDel(ctx, "nokey", "g1", "KEEPREF", "1-0", "bad")).Val())
	require.Equal(t, []interface{}{int64(-1)}, s.Do("XACKDEL", "k", "nogroup", "IDS", "1", "bad").Val())
	// KEEPREF (the default): acked and deleted; the other group keeps its reference.
	require.Equal(t, []interface{}{int64(1), int64(-1)}, s.Do("XACKDEL", "k", "g1", "IDS", "2", "1-0", "1-0").Val())
	require.Equal(t, int64(4), Rec(s, s.C.XLen(ctx, "k")).Val())
	require.Equal(t, []string{"1-0 c 1", "2-0 c 1", "3-0 c 1", "4-0 c 1"}, gcPending(t, s, "k", "g2"))
	// Not pending in this group: -1, and the entry is not deleted.
	require.Equal(t, []interface{}{int64(-1)}, Rec(s, s.C.XAckDel(ctx, "k", "g1", "DELREF", "5-0")).Val())
	require.Equal(t, int64(4), Rec(s, s.C.XLen(ctx, "k")).Val())
	// ACKED: kept (2) while g2 still holds it, deleted (1) once nobody does.
	require.Equal(t, []interface{}{int64(2)}, Rec(s, s.C.XAckDel(ctx, "k", "g1", "ACKED", "2-0")).Val())
	require.Equal(t, []interface{}{int64(1)}, s.Do("xackdel", "k", "g2", "acked", "ids", "1", "2-0").Val())
	require.Equal(t, int64(3), Rec(s, s.C.XLen(ctx, "k")).Val())
	// DELREF: the other groups' references go too.
	require.Equal(t, []interface{}{int64(1)}, s.Do("XACKDEL", "k", "g1", "IDS", "1", "3-0", "DELREF").Val())
	require.Equal(t, []string{"1-0 c 1", "4-0 c 1"}, gcPending(t, s, "k", "g2"))
	// A pending entry already deleted from the stream still gives 1.
	require.Equal(t, []interface{}{int64(1)}, s.Do("XACKDEL", "k", "g2", "IDS", "1", "1-0").Val())
	require.Equal(t, []string{"4-0 c 1"}, gcPending(t, s, "k", "g2"))
	require.Equal(t, []string{"4-0 c 1"}, gcPending(t, s, "k", "g1"))
}

func gcXAckDelErrors(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 2)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	gcDeliver(t, s, "k", "g", "c", "1-0", "2-0")
	// Options are parsed before the key and group are looked up.
	for _, key := range []string{"k", "nokey"} {
		gcErr(t, s.Do("XACKDEL", key, "g", "IDS", "0", "1-0"), "ERR Number of IDs must be a positive integer")
		gcErr(t, s.Do("XACKDEL", key, "g", "IDS", "-1", "1-0"), "ERR Number of IDs must be a positive integer")
		gcErr(t, s.Do("XACKDEL", key, "g", "IDS", "x", "1-0"), "ERR Number of IDs must be a positive integer")
		gcErr(t, s.Do("XACKDEL", key, "g", "IDS", "3", "1-0", "2-0"), "ERR The `numids` parameter must match the number of arguments")
		gcErr(t, s.Do("XACKDEL", key, "g", "IDS", "1", "1-0", "2-0"), "ERR syntax error")
		gcErr(t, s.Do("XACKDEL", key, "g", "KEEPREF", "ACKED", "IDS", "1", "1-0"), "ERR syntax error")
		gcErr(t, s.Do("XACKDEL", key, "g", "FOO", "IDS", "1", "1-0"), "ERR syntax error")
		gcErr(t, s.Do("XACKDEL", key, "g", "KEEPREF", "IDS", "1"), "ERR The `numids` parameter must match the number of arguments")
		gcErr(t, s.Do("XACKDEL", key, "g", "IDS", "1", "1-0", "IDS"), "ERR syntax error")
	}
	// A bad ID fails the command before anything is acknowledged.
	gcErr(t, s.Do("XACKDEL", "k", "g", "IDS", "2", "1-0", "bad"), "ERR Invalid stream ID specified as stream command argument")
	require.Len(t, gcPending(t, s, "k", "g"), 2)
	require.Equal(t, int64(2), Rec(s, s.C.XLen(ctx, "k")).Val())
	gcErr(t, s.Do("XACKDEL", "k", "g", "IDS", "1"), "ERR wrong number of arguments for 'xackdel' command")
}

func gcEntriesReadClamp(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 3)
	require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "k", "g", "0", "ENTRIESREAD", "10").Val())
	gs := Rec(s, s.C.XInfoGroups(ctx, "k")).Val()
	require.Equal(t, int64(3), gs[0].EntriesRead)
	require.Equal(t, "OK", s.Do("XGROUP", "SETID", "k", "g", "$", "ENTRIESREAD", "99").Val())
	gs = Rec(s, s.C.XInfoGroups(ctx, "k")).Val()
	require.Equal(t, int64(3), gs[0].EntriesRead)
	require.Equal(t, int64(0), gs[0].Lag)
	// A group behind the first entry of an untouched stream lags by its length.
	require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "k", "h", "0", "ENTRIESREAD", "2").Val())
	require.Equal(t, int64(3), Rec(s, s.C.XInfoGroups(ctx, "k")).Val()[1].Lag)
}

func gcXNackErrors(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcErr(t, s.Do("XNACK", "nokey", "grp", "SILENT", "IDS", "1", "1-0"), "NOGROUP No such key 'nokey' or consumer group 'grp'")
	gcAddN(t, s, "mystream", 2)
	gcErr(t, s.Do("XNACK", "mystream", "nogroup", "BADMODE", "IDS", "1", "1-0"), "NOGROUP No such key 'mystream' or consumer group 'nogroup'")
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "mystream", "grp", "0")).Val())
	gcDeliver(t, s, "mystream", "grp", "c1", "1-0", "2-0")
	nack := func(args ...interface{}) redis.Cmder {
		return s.Do(append([]interface{}{"XNACK", "mystream", "grp"}, args...)...)
	}
	gcErr(t, nack("BADMODE", "IDS", "1", "1-0"), "ERR mode must be SILENT, FAIL, or FATAL")
	gcErr(t, nack("FAIL", "FATAL", "IDS", "1", "1-0"), "ERR Unrecognized XNACK option 'FATAL'")
	for _, args := range [][]interface{}{
		{"FAIL", "BADOPT", "IDS", "1", "1-0"},
		{"FAIL", "IDS", "1", "1-0", "BADOPT"},
		{"FAIL", "FORCE", "BADOPT", "IDS", "1", "1-0"},
		{"FAIL", "RETRYCOUNT", "5", "BADOPT", "IDS", "1", "1-0"},
	} {
		gcErr(t, nack(args...), "ERR Unrecognized XNACK option 'BADOPT'")
	}
	gcErr(t, nack("SILENT", "NOTIDS", "1", "1-0"), "ERR Unrecognized XNACK option 'NOTIDS'")
	gcErr(t, nack("SILENT", "FORCE", "RETRYCOUNT", "5"), "ERR syntax error, expected IDS keyword")
	for _, n := range []string{"abc", "0", "-1", "2147483648"} {
		gcErr(t, nack("SILENT", "IDS", n, "1-0"), "ERR numids must be a positive integer")
	}
	gcErr(t, nack("SILENT", "IDS", "2", "1-0"), "ERR number of IDs doesn't match numids")
	gcErr(t, nack("SILENT", "IDS", "1", "not-a-valid-id"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, nack("SILENT", "IDS", "1", "1-0", "RETRYCOUNT", "abc"), "ERR value is not an integer or out of range")
	gcErr(t, nack("SILENT", "IDS", "1", "1-0", "RETRYCOUNT", "99999999999999999999"), "ERR value is not an integer or out of range")
	gcErr(t, nack("SILENT", "IDS", "1", "1-0", "RETRYCOUNT", "-1"), "ERR Invalid RETRYCOUNT value, must be >= 0")
	gcErr(t, nack("SILENT", "IDS", "1", "1-0", "RETRYCOUNT"), "ERR Unrecognized XNACK option 'RETRYCOUNT'")
	gcErr(t, nack("FAIL", "IDS", "1", "1-0", "2-0"), "ERR Unrecognized XNACK option '2-0'")
	gcErr(t, nack("FAIL", "IDS", "2", "1-0", "bad", "FORCE"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, nack("FAIL", "RETRYCOUNT"), "ERR wrong number of arguments for 'xnack' command")
	gcErr(t, s.Do("XNACK", "mystream", "grp", "SILENT", "IDS", "1"), "ERR wrong number of arguments for 'xnack' command")
	// Nothing was released by the failed commands.
	require.Equal(t, []string{"1-0 c1 1", "2-0 c1 1"}, gcPending(t, s, "mystream", "grp"))
}

func gcXNackModes(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 4)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "grp", "0")).Val())
	gcDeliver(t, s, "k", "grp", "c1", "1-0", "2-0", "4-0")
	gcDeliver(t, s, "k", "grp", "c2", "3-0")
	nack := func(mode string, retry *uint64, force bool, ids ...string) int64 {
		t.Helper()
		n, err := Rec(s, s.C.XNack(ctx, &redis.XNackArgs{Stream: "k", Group: "grp", Mode: mode, IDs: ids, RetryCount: retry, Force: force})).Result()
		require.NoError(t, err)
		return n
	}
	// SILENT takes one delivery back (not below 0), FAIL keeps the count,
	// FATAL sets it to the maximum; RETRYCOUNT overrides the mode.
	require.Equal(t, int64(1), nack("SILENT", nil, false, "1-0"))
	require.Equal(t, []interface{}{"1-0", "", int64(-1), int64(0)}, gcPendingRaw(t, s, "k", "grp")[0])
	require.Equal(t, int64(1), nack("SILENT", nil, false, "1-0"))
	require.Equal(t, int64(0), gcPendingRaw(t, s, "k", "grp")[0][3])
	require.Equal(t, int64(1), nack("FATAL", nil, false, "1-0"))
	require.Equal(t, int64(math.MaxInt64), gcPendingRaw(t, s, "k", "grp")[0][3])
	require.Equal(t, int64(1), nack("FAIL", nil, false, "1-0"))
	require.Equal(t, int64(math.MaxInt64), gcPendingRaw(t, s, "k", "grp")[0][3])
	ten := uint64(10)
	require.Equal(t, int64(1), nack("FATAL", &ten, false, "1-0"))
	require.Equal(t, int64(10), gcPendingRaw(t, s, "k", "grp")[0][3])
	// Repeats count again; unknown and not-pending IDs count 0.
	require.Equal(t, int64(3), nack("FAIL", nil, false, "3-0", "9-9", "3-0", "2-0"))
	require.Equal(t, int64(0), nack("FAIL", nil, false, "9-9"))
	rows := gcPendingRaw(t, s, "k", "grp")
	require.Equal(t, [][]interface{}{
		{"1-0", "", int64(-1), int64(10)},
		{"2-0", "", int64(-1), int64(1)},
		{"3-0", "", int64(-1), int64(1)},
	}, rows[:3])
	require.Equal(t, "c1", rows[3][1])
	// Consumer filters and the summary: NACKed entries belong to no one.
	require.Equal(t, []string{"4-0 c1"}, func() []string {
		ps := Rec(s, s.C.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "k", Group: "grp", Start: "-", End: "+", Count: 10, Consumer: "c1"})).Val()
		out := []string{}
		for _, p := range ps {
			out = append(out, p.ID+" "+p.Consumer)
		}
		return out
	}())
	require.Equal(t, []interface{}{int64(4), "1-0", "4-0", []interface{}{[]interface{}{"c1", "1"}}}, s.Do("XPENDING", "k", "grp").Val())
	cs := Rec(s, s.C.XInfoConsumers(ctx, "k", "grp")).Val()
	require.Len(t, cs, 2)
	require.Equal(t, int64(0), cs[1].Pending)
	// The IDLE filter always lets NACKed entries through.
	require.Len(t, s.Do("XPENDING", "k", "grp", "IDLE", "100000", "-", "+", "10").Val(), 3)
	// XACK works on NACKed entries.
	require.Equal(t, int64(1), Rec(s, s.C.XAck(ctx, "k", "grp", "2-0")).Val())
	require.Equal(t, int64(0), nack("FAIL", nil, false, "2-0"))
	// Options in any order, the last RETRYCOUNT winning.
	require.Equal(t, int64(1), s.Do("XNACK", "k", "grp", "fail", "RETRYCOUNT", "5", "IDS", "1", "4-0", "retrycount", "7").Val())
	require.Equal(t, int64(7), gcPendingRaw(t, s, "k", "grp")[2][3])
	// DELCONSUMER leaves NACKed entries pending.
	require.Equal(t, int64(0), Rec(s, s.C.XGroupDelConsumer(ctx, "k", "grp", "c1")).Val())
	require.Len(t, gcPendingRaw(t, s, "k", "grp"), 3)
}

func gcXNackForce(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 3)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(ctx, "empty", "grp", "0")).Val())
	require.Equal(t, int64(0), s.Do("XNACK", "empty", "grp", "FAIL", "IDS", "1", "1-0", "FORCE").Val())
	require.Equal(t, int64(0), Rec(s, s.C.XPending(ctx, "empty", "grp")).Val().Count)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "grp", "0")).Val())
	// FORCE creates unowned entries for existing entries only, base count 0.
	require.Equal(t, int64(1), s.Do("XNACK", "k", "grp", "FAIL", "FORCE", "IDS", "1", "1-0").Val())
	require.Equal(t, int64(0), s.Do("XNACK", "k", "grp", "FAIL", "IDS", "1", "9-9", "FORCE").Val())
	require.Equal(t, int64(1), s.Do("XNACK", "k", "grp", "FATAL", "IDS", "1", "2-0", "FORCE").Val())
	require.Equal(t, int64(1), s.Do("XNACK", "k", "grp", "SILENT", "IDS", "1", "3-0", "RETRYCOUNT", "5", "FORCE").Val())
	// Already NACKed + FORCE: handled as pending, no duplicate.
	require.Equal(t, int64(1), s.Do("XNACK", "k", "grp", "FAIL", "IDS", "1", "1-0", "FORCE").Val())
	require.Equal(t, [][]interface{}{
		{"1-0", "", int64(-1), int64(0)},
		{"2-0", "", int64(-1), int64(math.MaxInt64)},
		{"3-0", "", int64(-1), int64(5)},
	}, gcPendingRaw(t, s, "k", "grp"))
	// FORCE does not move the group's last-delivered ID.
	require.Equal(t, "0-0", Rec(s, s.C.XInfoGroups(ctx, "k")).Val()[0].LastDeliveredID)
}

func gcXNackClaims(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 4)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "grp", "0")).Val())
	gcDeliver(t, s, "k", "grp", "c1", "1-0", "2-0", "3-0", "4-0")
	require.Equal(t, int64(2), s.Do("XNACK", "k", "grp", "FAIL", "IDS", "2", "3-0", "1-0").Val())
	// XINFO STREAM FULL: nacked-count, and NACKed rows with "" and time 0.
	full := s.C.Do(ctx, "XINFO", "STREAM", "k", "FULL").Val().(map[interface{}]interface{})
	g := full["groups"].([]interface{})[0].(map[interface{}]interface{})
	require.Equal(t, int64(2), g["nacked-count"])
	require.Equal(t, int64(4), g["pel-count"])
	pend := g["pending"].([]interface{})
	require.Equal(t, []interface{}{"1-0", "", int64(0), int64(1)}, pend[0])
	require.Equal(t, "c1", pend[1].([]interface{})[1])
	require.NotEqual(t, int64(0), pend[1].([]interface{})[2])
	c1 := g["consumers"].([]interface{})[0].(map[interface{}]interface{})
	require.Equal(t, int64(2), c1["pel-count"])
	// The typed reply reads nacked-count too.
	require.Equal(t, uint64(2), Rec(s, s.C.XInfoStreamFull(ctx, "k", 0)).Val().Groups[0].NackedCount)
	require.Equal(t, int64(4), Rec(s, s.C.XInfoGroups(ctx, "k")).Val()[0].Pending)
	// XCLAIM and XAUTOCLAIM skip the idle check for NACKed entries.
	require.Equal(t, []string{"1-0"}, msgIDs(Rec(s, s.C.XClaim(ctx, &redis.XClaimArgs{Stream: "k", Group: "grp", Consumer: "c2", MinIdle: 99999 * time.Millisecond, Messages: []string{"1-0", "2-0"}})).Val()))
	ids, next, err := Rec(s, s.C.XAutoClaimJustID(ctx, &redis.XAutoClaimArgs{Stream: "k", Group: "grp", Consumer: "c3", MinIdle: time.Hour, Start: "0"})).Result()
	require.NoError(t, err)
	require.Equal(t, []string{"3-0"}, ids)
	require.Equal(t, "0-0", next)
	// NACKed ghosts: XCLAIM drops them, XAUTOCLAIM reports them deleted.
	require.Equal(t, int64(2), s.Do("XNACK", "k", "grp", "SILENT", "IDS", "2", "2-0", "4-0").Val())
	require.Equal(t, int64(2), Rec(s, s.C.XDel(ctx, "k", "2-0", "4-0")).Val())
	require.Len(t, gcPendingRaw(t, s, "k", "grp"), 4)
	require.Empty(t, s.Do("XCLAIM", "k", "grp", "c2", "0", "2-0").Val())
	got, next, deleted, err := Rec(s, s.C.XAutoClaimWithDeleted(ctx, &redis.XAutoClaimArgs{Stream: "k", Group: "grp", Consumer: "c2", Start: "0"})).Result()
	require.NoError(t, err)
	require.Equal(t, []string{"1-0", "3-0"}, msgIDs(got))
	require.Equal(t, "0-0", next)
	require.Equal(t, []string{"4-0"}, deleted)
	require.Equal(t, []string{"1-0 c2 3", "3-0 c2 2"}, gcPending(t, s, "k", "grp"))
}

// gcXInfoRedis8 checks the Redis 8 XINFO fields through the typed replies.
func gcXInfoRedis8(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 2)
	info := Rec(s, s.C.XInfoStream(ctx, "k")).Val()
	require.Equal(t, int64(100), info.IDMPDuration)
	require.Equal(t, int64(100), info.IDMPMaxSize)
	require.Equal(t, int64(0), info.PIDsTracked+info.IIDsTracked+info.IIDsAdded+info.IIDsDuplicates)
	require.Equal(t, int64(2), info.RadixTreeNodes)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "g", "never")).Val())
	gcDeliver(t, s, "k", "g", "alice", "1-0")
	s.Sleep(30 * time.Millisecond)
	cs := Rec(s, s.C.XInfoConsumers(ctx, "k", "g")).Val()
	require.Equal(t, 30*time.Millisecond, cs[0].Inactive)
	require.Equal(t, -time.Millisecond, cs[1].Inactive)
	full := Rec(s, s.C.XInfoStreamFull(ctx, "k", 0)).Val()
	require.Equal(t, int64(100), full.IDMPDuration)
	require.Equal(t, s.Clock.Now().Add(-30*time.Millisecond).UnixMilli(), full.Groups[0].Consumers[0].ActiveTime.UnixMilli())
	require.Equal(t, s.Clock.Now().Add(-30*time.Millisecond).UnixMilli(), full.Groups[0].Pending[0].DeliveryTime.UnixMilli())
}

// TestGroupCmdsXInfoFieldOrder checks the field names and their order in
// XINFO's RESP2 replies (the RESP3 maps lose the order in go-redis's Do).
func TestGroupCmdsXInfoFieldOrder(t *testing.T) {
	ctx := context.Background()
	c := goredis.NewClient(&goredis.Options{Clock: xstream.NewManualClock(time.Now()), Protocol: 2})
	defer c.Close()
	require.Equal(t, "1-0", c.XAdd(ctx, &redis.XAddArgs{Stream: "k", ID: "1-0", Values: []string{"f", "v"}}).Val())
	require.Equal(t, "OK", c.XGroupCreate(ctx, "k", "g", "0").Val())
	require.Len(t, c.Do(ctx, "XCLAIM", "k", "g", "alice", "0", "1-0", "FORCE").Val(), 1)
	head := []string{"length", "radix-tree-keys", "radix-tree-nodes", "last-generated-id", "max-deleted-entry-id",
		"entries-added", "recorded-first-entry-id", "idmp-duration", "idmp-maxsize", "pids-tracked", "iids-tracked",
		"iids-added", "iids-duplicates"}
	require.Equal(t, append(append([]string{}, head...), "groups", "first-entry", "last-entry"), flatKeys(c.Do(ctx, "XINFO", "STREAM", "k").Val()))
	full := c.Do(ctx, "XINFO", "STREAM", "k", "FULL").Val()
	require.Equal(t, append(append([]string{}, head...), "entries", "groups"), flatKeys(full))
	group := full.([]interface{})[29].([]interface{})[0]
	require.Equal(t, []string{"name", "last-delivered-id", "entries-read", "lag", "pel-count", "nacked-count", "pending", "consumers"}, flatKeys(group))
	consumer := group.([]interface{})[15].([]interface{})[0]
	require.Equal(t, []string{"name", "seen-time", "active-time", "pel-count", "pending"}, flatKeys(consumer))
	require.Equal(t, []string{"name", "consumers", "pending", "last-delivered-id", "entries-read", "lag"}, flatKeys(c.Do(ctx, "XINFO", "GROUPS", "k").Val().([]interface{})[0]))
	require.Equal(t, []string{"name", "pending", "idle", "inactive"}, flatKeys(c.Do(ctx, "XINFO", "CONSUMERS", "k", "g").Val().([]interface{})[0]))
}
