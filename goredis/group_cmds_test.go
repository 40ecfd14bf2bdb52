package goredis_test

// Conformance scenarios for the consumer-group commands XGROUP, XACK,
// XPENDING, XCLAIM and XAUTOCLAIM against Redis 7.0. XINFO is in
// group_cmds_info_test.go, the Redis 8 additions in group_cmds_redis8_test.go.

import (
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

func TestGroupCmds(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "xgroup-create", Run: gcXGroupCreate},
		{Name: "xgroup-setid", Run: gcXGroupSetID},
		{Name: "xgroup-destroy-consumers", Run: gcXGroupDestroyConsumers},
		{Name: "xgroup-dispatch-help", Run: gcXGroupDispatch},
		{Name: "xack", Run: gcXAck},
		{Name: "xpending", Run: gcXPending},
		{Name: "xpending-errors", Run: gcXPendingErrors},
		{Name: "xclaim", Run: gcXClaim},
		{Name: "xclaim-idle-time", Run: gcXClaimIdleTime},
		{Name: "xclaim-errors", Run: gcXClaimErrors},
		{Name: "xautoclaim", Run: gcXAutoClaim},
		{Name: "xautoclaim-errors", Run: gcXAutoClaimErrors},
	})
}

// gcAdd adds an entry with an explicit ID and requires it to succeed.
func gcAdd(t *testing.T, s *side, key, id string, fv ...string) {
	t.Helper()
	require.Equal(t, id, recAdd(s, key, id, fv...).Val())
}

// gcAddN adds entries 1-0 … n-0, each {f: i}.
func gcAddN(t *testing.T, s *side, key string, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		gcAdd(t, s, key, strconv.Itoa(i)+"-0", "f", strconv.Itoa(i))
	}
}

// gcDeliver makes the IDs pending for consumer with delivery count 1, as a
// read would (XCLAIM … FORCE JUSTID), without depending on XREADGROUP.
func gcDeliver(t *testing.T, s *side, key, group, consumer string, ids ...string) {
	t.Helper()
	args := []interface{}{"XCLAIM", key, group, consumer, 0}
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, "FORCE", "JUSTID")
	got := s.Do(args...).Val()
	require.Len(t, got, len(ids))
}

// gcErr requires cmd to have failed with exactly text.
func gcErr(t *testing.T, cmd redis.Cmder, text string) {
	t.Helper()
	require.EqualError(t, cmd.Err(), text)
}

// gcPending returns the group's pending entries as "id consumer count".
func gcPending(t *testing.T, s *side, key, group string) []string {
	t.Helper()
	ps, err := Rec(s, s.C.XPendingExt(s.Ctx(), &redis.XPendingExtArgs{Stream: key, Group: group, Start: "-", End: "+", Count: 100})).Result()
	require.NoError(t, err)
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID + " " + p.Consumer + " " + strconv.FormatInt(p.RetryCount, 10)
	}
	return out
}

const gcNoKeyErr = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."

func gcXGroupCreate(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcErr(t, Rec(s, s.C.XGroupCreate(ctx, "k", "g", "$")), gcNoKeyErr)
	require.Equal(t, int64(0), Rec(s, s.C.Exists(ctx, "k")).Val())
	// A bad ID is refused before MKSTREAM creates the key.
	for _, id := range []string{"-", "+", "1-x", "x", ">"} {
		gcErr(t, s.Do("XGROUP", "CREATE", "k", "g", id, "MKSTREAM"), "ERR Invalid stream ID specified as stream command argument")
	}
	require.Equal(t, int64(0), Rec(s, s.C.Exists(ctx, "k")).Val())
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(ctx, "k", "g", "$")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XLen(ctx, "k")).Val())
	gcErr(t, Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")), "BUSYGROUP Consumer Group name already exists")
	gcErr(t, Rec(s, s.C.XGroupCreateMkStream(ctx, "k", "g", "0")), "BUSYGROUP Consumer Group name already exists")
	gcAddN(t, s, "k", 3)
	require.Equal(t, "OK", s.Do("xgroup", "create", "k", "atend", "$").Val())
	require.Equal(t, "OK", s.Do("XGROUP", "Create", "k", "from1", "1", "entriesread", "1").Val())
	require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "k", "ahead", "99-5", "MKSTREAM", "ENTRIESREAD", "-1").Val())
	require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "k", "twice", "2", "ENTRIESREAD", "2", "MKSTREAM").Val())
	groups, err := Rec(s, s.C.XInfoGroups(ctx, "k")).Result()
	require.NoError(t, err)
	require.Len(t, groups, 5)
	byName := map[string]redis.XInfoGroup{}
	for _, g := range groups {
		byName[g.Name] = g
	}
	require.Equal(t, "99-5", byName["ahead"].LastDeliveredID)
	require.Equal(t, "3-0", byName["atend"].LastDeliveredID)
	require.Equal(t, "1-0", byName["from1"].LastDeliveredID)
	require.Equal(t, int64(1), byName["from1"].EntriesRead)
	require.Equal(t, int64(2), byName["from1"].Lag)
	require.Equal(t, int64(2), byName["twice"].EntriesRead)
	require.Equal(t, "0-0", byName["g"].LastDeliveredID)
	// Options are parsed before the key is looked at.
	gcErr(t, s.Do("XGROUP", "CREATE", "nokey", "g", "0", "ENTRIESREAD", "x"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XGROUP", "CREATE", "nokey", "g", "0", "ENTRIESREAD", "-2"), "ERR value for ENTRIESREAD must be positive or -1")
	gcErr(t, s.Do("XGROUP", "CREATE", "nokey", "g", "0", "ENTRIESREAD", "01"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XGROUP", "CREATE", "nokey", "g", "0", "ENTRIESREAD"), "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.")
	gcErr(t, s.Do("XGROUP", "CREATE", "nokey", "g", "0", "FOO"), "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.")
	gcErr(t, s.Do("xgroup", "create", "nokey", "g", "0"), gcNoKeyErr)
	// Nine arguments pass the option loop but not CREATE's count.
	gcErr(t, s.Do("XGROUP", "CREATE", "nokey", "g", "0", "MKSTREAM", "MKSTREAM", "MKSTREAM", "MKSTREAM"), "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.")
	require.Equal(t, int64(0), Rec(s, s.C.Exists(ctx, "nokey")).Val())
	gcErr(t, s.Do("XGROUP", "CREATE", "k"), "ERR wrong number of arguments for 'xgroup|create' command")
	gcErr(t, s.Do("XGROUP", "CREATE", "k", "g"), "ERR wrong number of arguments for 'xgroup|create' command")
}

func gcXGroupSetID(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 3)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	lastID := func() string {
		gs, err := Rec(s, s.C.XInfoGroups(ctx, "k")).Result()
		require.NoError(t, err)
		return gs[0].LastDeliveredID
	}
	require.Equal(t, "OK", Rec(s, s.C.XGroupSetID(ctx, "k", "g", "2")).Val())
	require.Equal(t, "2-0", lastID())
	require.Equal(t, "OK", s.Do("XGROUP", "SETID", "k", "g", "+").Val())
	require.Equal(t, "18446744073709551615-18446744073709551615", lastID())
	require.Equal(t, "OK", s.Do("XGROUP", "SETID", "k", "g", "-").Val())
	require.Equal(t, "0-0", lastID())
	require.Equal(t, "OK", s.Do("xgroup", "setid", "k", "g", "$", "entriesread", "2").Val())
	gs, err := Rec(s, s.C.XInfoGroups(ctx, "k")).Result()
	require.NoError(t, err)
	require.Equal(t, "3-0", gs[0].LastDeliveredID)
	require.Equal(t, int64(2), gs[0].EntriesRead)
	require.Equal(t, int64(1), gs[0].Lag)
	require.Equal(t, "OK", s.Do("XGROUP", "SETID", "k", "g", "1-0").Val())
	require.Equal(t, "1-0", lastID())
	for _, id := range []string{"x", "1-", "(1", "$1"} {
		gcErr(t, s.Do("XGROUP", "SETID", "k", "g", id), "ERR Invalid stream ID specified as stream command argument")
	}
	gcErr(t, Rec(s, s.C.XGroupSetID(ctx, "k", "nogroup", "0")), "NOGROUP No such consumer group 'nogroup' for key name 'k'")
	gcErr(t, Rec(s, s.C.XGroupSetID(ctx, "nokey", "g", "0")), gcNoKeyErr)
	gcErr(t, s.Do("XGROUP", "SETID", "k", "g", "0", "ENTRIESREAD"), "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.")
	gcErr(t, s.Do("XGROUP", "SETID", "k", "g", "0", "MKSTREAM"), "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.")
	gcErr(t, s.Do("XGROUP", "SETID", "k", "g", "0", "ENTRIESREAD", "1", "ENTRIESREAD", "2"), "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.")
	gcErr(t, s.Do("XGROUP", "SETID", "k", "g", "0", "ENTRIESREAD", "-7"), "ERR value for ENTRIESREAD must be positive or -1")
	// The option loop runs before the group is looked up.
	gcErr(t, s.Do("XGROUP", "SETID", "k", "nogroup", "0", "ENTRIESREAD", "y"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XGROUP", "SETID", "k", "g"), "ERR wrong number of arguments for 'xgroup|setid' command")
	require.Equal(t, "1-0", lastID())
}

func gcXGroupDestroyConsumers(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcErr(t, Rec(s, s.C.XGroupDestroy(ctx, "k", "g")), gcNoKeyErr)
	gcErr(t, Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "g", "c")), gcNoKeyErr)
	gcErr(t, Rec(s, s.C.XGroupDelConsumer(ctx, "k", "g", "c")), gcNoKeyErr)
	gcAddN(t, s, "k", 3)
	require.Equal(t, int64(0), Rec(s, s.C.XGroupDestroy(ctx, "k", "g")).Val())
	gcErr(t, Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "g", "c")), "NOGROUP No such consumer group 'g' for key name 'k'")
	gcErr(t, Rec(s, s.C.XGroupDelConsumer(ctx, "k", "g", "c")), "NOGROUP No such consumer group 'g' for key name 'k'")
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "g", "c")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "g", "c")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "g", "")).Val())
	gcDeliver(t, s, "k", "g", "alice", "1-0", "2-0")
	gcDeliver(t, s, "k", "g", "bob", "3-0")
	cs, err := Rec(s, s.C.XInfoConsumers(ctx, "k", "g")).Result()
	require.NoError(t, err)
	require.Len(t, cs, 4)
	require.Equal(t, int64(2), Rec(s, s.C.XGroupDelConsumer(ctx, "k", "g", "alice")).Val())
	require.Equal(t, []string{"3-0 bob 1"}, gcPending(t, s, "k", "g"))
	require.Equal(t, int64(0), Rec(s, s.C.XGroupDelConsumer(ctx, "k", "g", "alice")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XGroupDelConsumer(ctx, "k", "g", "c")).Val())
	cs, err = Rec(s, s.C.XInfoConsumers(ctx, "k", "g")).Result()
	require.NoError(t, err)
	require.Len(t, cs, 2)
	require.Equal(t, int64(1), Rec(s, s.C.XGroupDestroy(ctx, "k", "g")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XGroupDestroy(ctx, "k", "g")).Val())
	gcErr(t, Rec(s, s.C.XPending(ctx, "k", "g")), "NOGROUP No such key 'k' or consumer group 'g'")
	require.Empty(t, Rec(s, s.C.XInfoGroups(ctx, "k")).Val())
	gcErr(t, s.Do("XGROUP", "DESTROY", "k"), "ERR wrong number of arguments for 'xgroup|destroy' command")
	gcErr(t, s.Do("XGROUP", "DESTROY", "k", "g", "x"), "ERR wrong number of arguments for 'xgroup|destroy' command")
	gcErr(t, s.Do("XGROUP", "CREATECONSUMER", "k", "g"), "ERR wrong number of arguments for 'xgroup|createconsumer' command")
	gcErr(t, s.Do("XGROUP", "CREATECONSUMER", "k", "g", "c", "d"), "ERR wrong number of arguments for 'xgroup|createconsumer' command")
	gcErr(t, s.Do("XGROUP", "DELCONSUMER", "k", "g"), "ERR wrong number of arguments for 'xgroup|delconsumer' command")
	gcErr(t, s.Do("xgroup", "delconsumer", "k", "g", "c", "d"), "ERR wrong number of arguments for 'xgroup|delconsumer' command")
}

func gcXGroupDispatch(t *testing.T, s *side) {
	gcErr(t, s.Do("XGROUP"), "ERR wrong number of arguments for 'xgroup' command")
	gcErr(t, s.Do("XGROUP", "foo"), "ERR unknown subcommand 'foo'. Try XGROUP HELP.")
	gcErr(t, s.Do("xgroup", "Foo", "k", "g", "0"), "ERR unknown subcommand 'Foo'. Try XGROUP HELP.")
	gcErr(t, s.Do("XGROUP", "HELP", "x"), "ERR wrong number of arguments for 'xgroup|help' command")
	help := s.Do("XGROUP", "HELP").Val().([]interface{})
	require.Len(t, help, 17)
	require.Equal(t, "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help[0])
	require.Equal(t, "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]", help[13])
	require.Equal(t, "    Prints this help.", help[16])
	require.Equal(t, "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", s.Do("xgroup", "help").Val().([]interface{})[0])
}

func gcXAck(t *testing.T, s *side) {
	ctx := s.Ctx()
	require.Equal(t, int64(0), Rec(s, s.C.XAck(ctx, "k", "g", "1-0")).Val())
	gcAddN(t, s, "k", 4)
	// A missing key or group gives 0 without checking the IDs.
	require.Equal(t, int64(0), Rec(s, s.C.XAck(ctx, "k", "g", "bad")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XAck(ctx, "nokey", "g", "bad")).Val())
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	gcDeliver(t, s, "k", "g", "c", "1-0", "2-0", "3-0", "4-0")
	// One bad ID and nothing is acknowledged.
	for _, bad := range []string{"bad", "-", "+", "1-0-0", ""} {
		gcErr(t, Rec(s, s.C.XAck(ctx, "k", "g", "1-0", bad)), "ERR Invalid stream ID specified as stream command argument")
	}
	require.Len(t, gcPending(t, s, "k", "g"), 4)
	require.Equal(t, int64(1), Rec(s, s.C.XAck(ctx, "k", "g", "1-0", "1-0", "9-0")).Val())
	require.Equal(t, int64(2), Rec(s, s.C.XAck(ctx, "k", "g", "2", "3-0")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XAck(ctx, "k", "g", "2-0", "3-0")).Val())
	// A pending entry deleted from the stream can still be acknowledged.
	require.Equal(t, int64(1), Rec(s, s.C.XDel(ctx, "k", "4-0")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.XAck(ctx, "k", "g", "4-0")).Val())
	require.Empty(t, gcPending(t, s, "k", "g"))
	require.Equal(t, int64(3), Rec(s, s.C.XLen(ctx, "k")).Val())
	gcErr(t, s.Do("XACK", "k", "g"), "ERR wrong number of arguments for 'xack' command")
}

func gcXPending(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 5)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	// The summary of an empty PEL: [0, nil, nil, nil].
	require.Equal(t, []interface{}{int64(0), nil, nil, nil}, s.Do("XPENDING", "k", "g").Val())
	sum := Rec(s, s.C.XPending(ctx, "k", "g")).Val()
	require.Equal(t, int64(0), sum.Count)
	require.Empty(t, sum.Consumers)
	gcDeliver(t, s, "k", "g", "bob", "4-0", "2-0")
	gcDeliver(t, s, "k", "g", "alice", "3-0", "1-0")
	gcDeliver(t, s, "k", "g", "carol", "5-0")
	require.Equal(t, int64(1), Rec(s, s.C.XAck(ctx, "k", "g", "5-0")).Val())
	require.Equal(t, int64(1), s.Do("XGROUP", "CREATECONSUMER", "k", "g", "dave").Val())
	sum = Rec(s, s.C.XPending(ctx, "k", "g")).Val()
	require.Equal(t, &redis.XPending{Count: 4, Lower: "1-0", Higher: "4-0", Consumers: map[string]int64{"alice": 2, "bob": 2}}, sum)
	// Per-consumer counts are bulk strings, consumers in name order.
	require.Equal(t, []interface{}{int64(4), "1-0", "4-0", []interface{}{[]interface{}{"alice", "2"}, []interface{}{"bob", "2"}}},
		s.Do("XPENDING", "k", "g").Val())
	ext := func(a redis.XPendingExtArgs) []string {
		a.Stream, a.Group = "k", "g"
		ps, err := Rec(s, s.C.XPendingExt(ctx, &a)).Result()
		require.NoError(t, err)
		out := []string{}
		for _, p := range ps {
			out = append(out, p.ID+" "+p.Consumer)
		}
		return out
	}
	require.Equal(t, []string{"1-0 alice", "2-0 bob", "3-0 alice", "4-0 bob"}, ext(redis.XPendingExtArgs{Start: "-", End: "+", Count: 10}))
	require.Equal(t, []string{"1-0 alice", "2-0 bob"}, ext(redis.XPendingExtArgs{Start: "-", End: "+", Count: 2}))
	require.Equal(t, []string{"2-0 bob", "3-0 alice"}, ext(redis.XPendingExtArgs{Start: "(1-0", End: "(4-0", Count: 10}))
	require.Equal(t, []string{"2-0 bob"}, ext(redis.XPendingExtArgs{Start: "2", End: "2", Count: 10}))
	require.Equal(t, []string{"4-0 bob"}, ext(redis.XPendingExtArgs{Start: "3-1", End: "+", Count: 10}))
	require.Equal(t, []string{}, ext(redis.XPendingExtArgs{Start: "4-0", End: "3-0", Count: 10}))
	require.Equal(t, []string{"1-0 alice", "3-0 alice"}, ext(redis.XPendingExtArgs{Start: "-", End: "+", Count: 10, Consumer: "alice"}))
	require.Equal(t, []string{"3-0 alice"}, ext(redis.XPendingExtArgs{Start: "2-0", End: "+", Count: 1, Consumer: "alice"}))
	require.Equal(t, []string{}, ext(redis.XPendingExtArgs{Start: "-", End: "+", Count: 10, Consumer: "dave"}))
	require.Equal(t, []string{}, ext(redis.XPendingExtArgs{Start: "-", End: "+", Count: 10, Consumer: "nobody"}))
	require.Equal(t, []string{}, ext(redis.XPendingExtArgs{Start: "-", End: "+", Count: 0}))
	// A negative count is 0; arguments after the consumer are ignored.
	require.Equal(t, []interface{}{}, s.Do("XPENDING", "k", "g", "-", "+", "-5").Val())
	require.Len(t, s.C.Do(ctx, "XPENDING", "k", "g", "-", "+", "10", "alice", "x", "y").Val(), 2)
	require.Len(t, s.C.Do(ctx, "XPENDING", "k", "g", "IDLE", "0", "-", "+", "10", "bob").Val(), 2)
	// Each row is [id, consumer, idle, deliveries].
	row := s.C.Do(ctx, "XPENDING", "k", "g", "-", "+", "1").Val().([]interface{})[0].([]interface{})
	require.Equal(t, "1-0", row[0])
	require.Equal(t, "alice", row[1])
	require.Equal(t, int64(1), row[3])
	// IDLE filters without using up the count.
	require.Equal(t, []string{}, ext(redis.XPendingExtArgs{Idle: 40 * time.Millisecond, Start: "-", End: "+", Count: 10}))
	require.Len(t, s.C.Do(ctx, "XPENDING", "k", "g", "IDLE", "-100", "-", "+", "10").Val(), 4)
	s.Sleep(50 * time.Millisecond)
	require.Equal(t, int64(1), s.Do("XGROUP", "CREATECONSUMER", "k", "g", "erin").Val())
	gcDeliver(t, s, "k", "g", "erin", "1-0")
	require.Equal(t, []string{"2-0 bob", "3-0 alice", "4-0 bob"}, ext(redis.XPendingExtArgs{Idle: 40 * time.Millisecond, Start: "-", End: "+", Count: 10}))
	require.Equal(t, []string{"2-0 bob", "3-0 alice"}, ext(redis.XPendingExtArgs{Idle: 40 * time.Millisecond, Start: "-", End: "+", Count: 2}))
	require.Equal(t, []string{"3-0 alice"}, ext(redis.XPendingExtArgs{Idle: 40 * time.Millisecond, Start: "-", End: "+", Count: 10, Consumer: "alice"}))
	ps := Rec(s, s.C.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "k", Group: "g", Start: "-", End: "+", Count: 10})).Val()
	require.Less(t, ps[0].Idle, 40*time.Millisecond)
	require.GreaterOrEqual(t, ps[1].Idle, 50*time.Millisecond)
	require.Equal(t, int64(1), ps[0].RetryCount)
	// XPENDING neither creates consumers nor changes anything.
	require.Len(t, Rec(s, s.C.XInfoConsumers(ctx, "k", "g")).Val(), 5)
	// A consumer may be named "": its filter lists only its entries.
	gcDeliver(t, s, "k", "g", "", "2-0")
	rows := s.C.Do(ctx, "XPENDING", "k", "g", "-", "+", "10", "").Val().([]interface{})
	require.Len(t, rows, 1)
	require.Equal(t, []interface{}{"2-0", ""}, rows[0].([]interface{})[:2])
	require.Empty(t, s.Do("XPENDING", "k", "g", "-", "+", "0", "").Val())
}

func gcXPendingErrors(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 2)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	gcErr(t, Rec(s, s.C.XPending(ctx, "nokey", "g")), "NOGROUP No such key 'nokey' or consumer group 'g'")
	gcErr(t, Rec(s, s.C.XPending(ctx, "k", "nogroup")), "NOGROUP No such key 'k' or consumer group 'nogroup'")
	gcErr(t, Rec(s, s.C.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "k", Group: "x", Start: "-", End: "+", Count: 1})), "NOGROUP No such key 'k' or consumer group 'x'")
	syntax := "ERR syntax error"
	gcErr(t, s.Do("XPENDING", "k", "g", "-"), syntax)
	gcErr(t, s.Do("XPENDING", "k", "g", "-", "+"), syntax)
	gcErr(t, s.Do("XPENDING", "k", "g", "IDLE", "1", "-", "+", "1", "c", "x"), syntax)
	gcErr(t, s.Do("XPENDING", "k", "g", "IDLE", "10", "-", "+"), syntax)
	gcErr(t, s.Do("XPENDING", "k", "g", "idle", "x", "-", "+"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XPENDING", "k", "g", "IDLE", "1.5", "-", "+", "1"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XPENDING", "k", "g", "-", "+", "x"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XPENDING", "k", "g", "-", "+", "+1"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XPENDING", "k", "g", "x", "+", "1"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, s.Do("XPENDING", "k", "g", "-", "x", "1"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, s.Do("XPENDING", "k", "g", "(-", "+", "1"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, s.Do("XPENDING", "k", "g", "(18446744073709551615-18446744073709551615", "+", "1"), "ERR invalid start ID for the interval")
	gcErr(t, s.Do("XPENDING", "k", "g", "-", "(0-0", "1"), "ERR invalid end ID for the interval")
	// Arguments are checked before the key: count, then start, then end.
	gcErr(t, s.Do("XPENDING", "nokey", "g", "x", "y", "z"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XPENDING", "nokey", "g", "x", "y", "1"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, s.Do("XPENDING", "nokey", "g", "-", "y", "1"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, s.Do("XPENDING", "nokey", "g", "-", "+", "1"), "NOGROUP No such key 'nokey' or consumer group 'g'")
	gcErr(t, s.Do("XPENDING", "k"), "ERR wrong number of arguments for 'xpending' command")
}

func gcXClaim(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 6)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	gcDeliver(t, s, "k", "g", "alice", "1-0", "2-0", "3-0", "4-0")
	claim := func(consumer string, minIdle time.Duration, ids ...string) []redis.XMessage {
		msgs, err := Rec(s, s.C.XClaim(ctx, &redis.XClaimArgs{Stream: "k", Group: "g", Consumer: consumer, MinIdle: minIdle, Messages: ids})).Result()
		require.NoError(t, err)
		return msgs
	}
	// Idle gating: nothing is idle 40 ms yet; after 50 ms everything is.
	require.Empty(t, claim("bob", 40*time.Millisecond, "1-0", "2-0"))
	s.Sleep(50 * time.Millisecond)
	msgs := claim("bob", 40*time.Millisecond, "2-0", "1-0", "9-0", "5-0")
	require.Equal(t, []string{"2-0", "1-0"}, msgIDs(msgs))
	require.Equal(t, map[string]interface{}{"f": "2"}, msgs[0].Values)
	require.Equal(t, []string{"1-0 bob 2", "2-0 bob 2", "3-0 alice 1", "4-0 alice 1"}, gcPending(t, s, "k", "g"))
	// The claimed entries' idle time restarted.
	require.Empty(t, claim("carol", 40*time.Millisecond, "1-0"))
	// min-idle 0 claims whatever its idle time; repeats are claimed twice.
	require.Equal(t, []string{"1-0", "1-0"}, msgIDs(claim("carol", 0, "1-0", "1-0")))
	require.Equal(t, []string{"1-0 carol 4", "2-0 bob 2", "3-0 alice 1", "4-0 alice 1"}, gcPending(t, s, "k", "g"))
	// JUSTID: IDs only, the delivery count unchanged.
	require.Equal(t, []string{"3-0"}, Rec(s, s.C.XClaimJustID(ctx, &redis.XClaimArgs{Stream: "k", Group: "g", Consumer: "bob", Messages: []string{"3-0"}})).Val())
	require.Equal(t, []interface{}{"4-0"}, s.Do("xclaim", "k", "g", "bob", "0", "4-0", "justid").Val())
	// RETRYCOUNT sets the count; a negative one is ignored.
	require.Len(t, s.Do("XCLAIM", "k", "g", "bob", "0", "3-0", "RETRYCOUNT", "7").Val(), 1)
	require.Len(t, s.Do("XCLAIM", "k", "g", "bob", "0", "4-0", "RETRYCOUNT", "-3").Val(), 1)
	require.Len(t, s.Do("XCLAIM", "k", "g", "bob", "0", "2-0", "RETRYCOUNT", "-3", "JUSTID").Val(), 1)
	require.Equal(t, []string{"1-0 carol 4", "2-0 bob 2", "3-0 bob 7", "4-0 bob 2"}, gcPending(t, s, "k", "g"))
	// FORCE creates pending entries for existing entries only: count 2, or 1
	// with JUSTID; without FORCE unpending IDs are skipped.
	require.Empty(t, s.Do("XCLAIM", "k", "g", "dave", "0", "5-0").Val())
	require.Equal(t, []interface{}{"5-0"}, s.Do("XCLAIM", "k", "g", "dave", "0", "5-0", "7-0", "FORCE", "JUSTID").Val())
	require.Len(t, s.Do("XCLAIM", "k", "g", "dave", "99999", "6-0", "FORCE").Val(), 1)
	require.Equal(t, []string{"1-0 carol 4", "2-0 bob 2", "3-0 bob 7", "4-0 bob 2", "5-0 dave 1", "6-0 dave 2"}, gcPending(t, s, "k", "g"))
	// A pending entry deleted from the stream is dropped, not returned.
	require.Equal(t, int64(2), Rec(s, s.C.XDel(ctx, "k", "1-0", "2-0")).Val())
	require.Equal(t, []string{"3-0"}, msgIDs(claim("erin", 0, "1-0", "3-0", "2-0")))
	require.Equal(t, []string{"3-0 erin 8", "4-0 bob 2", "5-0 dave 1", "6-0 dave 2"}, gcPending(t, s, "k", "g"))
	// LASTID raises the group's last-delivered ID, never lowers it.
	require.Len(t, s.Do("XCLAIM", "k", "g", "erin", "0", "4-0", "LASTID", "5-0", "JUSTID").Val(), 1)
	require.Equal(t, "5-0", Rec(s, s.C.XInfoGroups(ctx, "k")).Val()[0].LastDeliveredID)
	require.Empty(t, s.Do("XCLAIM", "k", "g", "erin", "0", "LASTID", "2-0").Val())
	require.Equal(t, "5-0", Rec(s, s.C.XInfoGroups(ctx, "k")).Val()[0].LastDeliveredID)
	// No IDs at all: an empty reply. Since Redis 7.2 the consumer is created
	// all the same (7.0 created it only to claim something): checked
	// unrecorded.
	require.Equal(t, []interface{}{}, s.Do("XCLAIM", "k", "g", "frank", "0", "JUSTID").Val())
	cs := s.C.XInfoConsumers(ctx, "k", "g").Val()
	names := []string{}
	for _, c := range cs {
		names = append(names, c.Name+":"+strconv.FormatInt(c.Pending, 10))
	}
	want := []string{"alice:0", "bob:0", "carol:0", "dave:2", "erin:2", "frank:0"}
	if s.Real {
		want = want[:5]
	}
	require.Equal(t, want, names)
	// Options are case-insensitive and may repeat.
	require.Equal(t, []interface{}{"6-0"}, s.Do("XCLAIM", "k", "g", "frank", "-5", "6-0", "force", "Justid", "JUSTID", "retrycount", "3", "RETRYCOUNT", "4").Val())
	require.Equal(t, []string{"3-0 erin 8", "4-0 erin 2", "5-0 dave 1", "6-0 frank 4"}, gcPending(t, s, "k", "g"))
}

func gcXClaimIdleTime(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 1)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	gcDeliver(t, s, "k", "g", "alice", "1-0")
	idle := func() time.Duration {
		ps, err := Rec(s, s.C.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "k", Group: "g", Start: "-", End: "+", Count: 1})).Result()
		require.NoError(t, err)
		return ps[0].Idle
	}
	between := func(lo, hi time.Duration) {
		t.Helper()
		d := idle()
		require.GreaterOrEqual(t, d, lo)
		require.Less(t, d, hi)
	}
	past := strconv.FormatInt(time.Now().Add(-20*time.Second).UnixMilli(), 10)
	future := strconv.FormatInt(time.Now().Add(time.Hour).UnixMilli(), 10)
	// The TIME values differ between the sides: claims are noted, not recorded.
	claim := func(opts ...interface{}) {
		t.Helper()
		require.Len(t, s.C.Do(ctx, append([]interface{}{"XCLAIM", "k", "g", "bob", "0", "1-0", "JUSTID"}, opts...)...).Val(), 1)
		s.Note("XCLAIM JUSTID %d options", len(opts))
	}
	claim("IDLE", "5000")
	between(5000*time.Millisecond, 7000*time.Millisecond)
	claim("TIME", past)
	between(19*time.Second, 22*time.Second)
	// The last of IDLE and TIME wins.
	claim("IDLE", "5000", "TIME", past)
	between(19*time.Second, 22*time.Second)
	claim("TIME", past, "IDLE", "5000")
	between(5000*time.Millisecond, 7000*time.Millisecond)
	// Negative or future times mean now.
	for _, opt := range [][]interface{}{{"IDLE", "-100"}, {"TIME", "-1"}, {"TIME", future}, {"IDLE", "9223372036854775807"}, {}} {
		claim("IDLE", "5000")
		claim(opt...)
		between(0, 2000*time.Millisecond)
	}
	// An IDLE claim makes the entry claimable with a smaller min-idle.
	claim("IDLE", "5000")
	require.Equal(t, []interface{}{"1-0"}, s.Do("XCLAIM", "k", "g", "carol", "4000", "1-0", "JUSTID").Val())
	require.Equal(t, []interface{}{}, s.Do("XCLAIM", "k", "g", "bob", "4000", "1-0", "JUSTID").Val())
	require.Equal(t, []string{"1-0 carol 1"}, gcPending(t, s, "k", "g"))
}

func gcXClaimErrors(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 2)
	// NOGROUP comes before any argument check.
	gcErr(t, s.Do("XCLAIM", "nokey", "g", "c", "x", "1-0"), "NOGROUP No such key 'nokey' or consumer group 'g'")
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	gcErr(t, s.Do("XCLAIM", "k", "nogroup", "c", "x", "1-0", "BADOPT"), "NOGROUP No such key 'k' or consumer group 'nogroup'")
	gcErr(t, Rec(s, s.C.XClaim(ctx, &redis.XClaimArgs{Stream: "k", Group: "x", Consumer: "c", Messages: []string{"1-0"}})), "NOGROUP No such key 'k' or consumer group 'x'")
	gcDeliver(t, s, "k", "g", "alice", "1-0", "2-0")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "x", "1-0"), "ERR Invalid min-idle-time argument for XCLAIM")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "1.5", "1-0"), "ERR Invalid min-idle-time argument for XCLAIM")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "IDLE", "x"), "ERR Invalid IDLE option argument for XCLAIM")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "TIME", "x"), "ERR Invalid TIME option argument for XCLAIM")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "RETRYCOUNT", "x"), "ERR Invalid RETRYCOUNT option argument for XCLAIM")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "LASTID", "x"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "FOO"), "ERR Unrecognized XCLAIM option 'FOO'")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "IDLE"), "ERR Unrecognized XCLAIM option 'IDLE'")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "JUSTID", "LASTID"), "ERR Unrecognized XCLAIM option 'LASTID'")
	// IDs stop at the first non-ID: a later ID is an unknown option.
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "JUSTID", "2-0"), "ERR Unrecognized XCLAIM option '2-0'")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "-", "1-0"), "ERR Unrecognized XCLAIM option '-'")
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0", "1-0", "IDLE", "5", "1-0"), "ERR Unrecognized XCLAIM option '1-0'")
	// A failed XCLAIM changed nothing and created no consumer.
	require.Equal(t, []string{"1-0 alice 1", "2-0 alice 1"}, gcPending(t, s, "k", "g"))
	require.Len(t, Rec(s, s.C.XInfoConsumers(ctx, "k", "g")).Val(), 1)
	gcErr(t, s.Do("XCLAIM", "k", "g", "c", "0"), "ERR wrong number of arguments for 'xclaim' command")
}

func gcXAutoClaim(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 12)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g", "0")).Val())
	gcDeliver(t, s, "k", "g", "alice", "1-0", "2-0", "3-0", "4-0", "5-0", "6-0", "7-0", "8-0", "9-0", "10-0", "11-0", "12-0")
	auto := func(a redis.XAutoClaimArgs) ([]string, string, []string) {
		a.Stream, a.Group = "k", "g"
		msgs, next, deleted, err := Rec(s, s.C.XAutoClaimWithDeleted(ctx, &a)).Result()
		require.NoError(t, err)
		return msgIDs(msgs), next, deleted
	}
	// Nothing idle enough: the scan stops after 10 × COUNT attempts.
	got, next, del := auto(redis.XAutoClaimArgs{Consumer: "bob", MinIdle: 40 * time.Millisecond, Start: "-", Count: 1})
	require.Equal(t, []string{}, got)
	require.Equal(t, "11-0", next)
	require.Empty(t, del)
	s.Sleep(50 * time.Millisecond)
	// Refresh 1-0 … 11-0 so that only 12-0 stays idle.
	require.Len(t, s.Do("XCLAIM", "k", "g", "alice", "0", "1-0", "2-0", "3-0", "4-0", "5-0", "6-0", "7-0", "8-0", "9-0", "10-0", "11-0", "JUSTID").Val(), 11)
	got, next, _ = auto(redis.XAutoClaimArgs{Consumer: "bob", MinIdle: 40 * time.Millisecond, Start: "0", Count: 1})
	require.Equal(t, []string{}, got)
	require.Equal(t, "11-0", next)
	got, next, _ = auto(redis.XAutoClaimArgs{Consumer: "bob", MinIdle: 40 * time.Millisecond, Start: next, Count: 1})
	require.Equal(t, []string{"12-0"}, got)
	require.Equal(t, "0-0", next)
	// min-idle 0 claims in ID order from start, COUNT at a time.
	got, next, _ = auto(redis.XAutoClaimArgs{Consumer: "bob", Start: "(2-0", Count: 3})
	require.Equal(t, []string{"3-0", "4-0", "5-0"}, got)
	require.Equal(t, "6-0", next)
	msgs, next, err := Rec(s, s.C.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: "k", Group: "g", Consumer: "carol", Start: "11", Count: 5})).Result()
	require.NoError(t, err)
	require.Equal(t, []string{"11-0", "12-0"}, msgIDs(msgs))
	require.Equal(t, map[string]interface{}{"f": "12"}, msgs[1].Values)
	require.Equal(t, "0-0", next)
	// Deleted entries are dropped, reported, and count against COUNT.
	require.Equal(t, int64(2), Rec(s, s.C.XDel(ctx, "k", "6-0", "8-0")).Val())
	got, next, del = auto(redis.XAutoClaimArgs{Consumer: "dave", Start: "6-0", Count: 3})
	require.Equal(t, []string{"7-0"}, got)
	require.Equal(t, "9-0", next)
	require.Equal(t, []string{"6-0", "8-0"}, del)
	// JUSTID: IDs only, counts unchanged.
	ids, next, err := Rec(s, s.C.XAutoClaimJustID(ctx, &redis.XAutoClaimArgs{Stream: "k", Group: "g", Consumer: "erin", Start: "9-0", Count: 2})).Result()
	require.NoError(t, err)
	require.Equal(t, []string{"9-0", "10-0"}, ids)
	require.Equal(t, "11-0", next)
	require.Equal(t, []interface{}{"12-0", []interface{}{"11-0"}, []interface{}{}},
		s.Do("xautoclaim", "k", "g", "erin", "-10", "(10-0", "justid", "COUNT", "1").Val())
	require.Equal(t, []string{"1-0 alice 1", "2-0 alice 1", "3-0 bob 2", "4-0 bob 2", "5-0 bob 2", "7-0 dave 2",
		"9-0 erin 1", "10-0 erin 1", "11-0 erin 2", "12-0 carol 3"}, gcPending(t, s, "k", "g"))
	// Defaults: COUNT 100; a start past the PEL gives an empty answer.
	require.Equal(t, []interface{}{"0-0", []interface{}{}, []interface{}{}}, s.Do("XAUTOCLAIM", "k", "g", "erin", "0", "+").Val())
	require.Len(t, s.Do("XAUTOCLAIM", "k", "g", "frank", "0", "0").Val().([]interface{})[1], 10)
	require.Len(t, Rec(s, s.C.XInfoConsumers(ctx, "k", "g")).Val(), 6)
}

func gcXAutoClaimErrors(t *testing.T, s *side) {
	ctx := s.Ctx()
	countErr := "ERR COUNT must be > 0"
	// Arguments are checked before the key.
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "x", "0"), "ERR Invalid min-idle-time argument for XAUTOCLAIM")
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "x"), "ERR Invalid stream ID specified as stream command argument")
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "(18446744073709551615-18446744073709551615"), "ERR invalid start ID for the interval")
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "(+"), "ERR Invalid stream ID specified as stream command argument")
	for _, n := range []string{"0", "-1", "x", "1.5", "576460752303423488", "99999999999999999999"} {
		gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "0", "COUNT", n), countErr)
	}
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "0", "COUNT"), "ERR syntax error")
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "0", "FOO"), "ERR syntax error")
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "0", "JUSTID", "COUNT", "0"), countErr)
	gcErr(t, s.Do("XAUTOCLAIM", "nokey", "g", "c", "0", "0", "COUNT", "5", "JUSTID"), "NOGROUP No such key 'nokey' or consumer group 'g'")
	gcAddN(t, s, "k", 1)
	gcErr(t, Rec(s, s.C.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: "k", Group: "g", Consumer: "c", Start: "0"})), "NOGROUP No such key 'k' or consumer group 'g'")
	gcErr(t, s.Do("XAUTOCLAIM", "k", "g", "c", "0"), "ERR wrong number of arguments for 'xautoclaim' command")
}
