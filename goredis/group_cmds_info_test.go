package goredis_test

// Conformance scenarios for XINFO against Redis 7.0. The in-process engine
// replies with Redis 8's field set; the typed go-redis structs compare the
// fields 7.0 shares (the 8.x IDMP fields and the rax-internal node count are
// zeroed before recording and asserted in group_cmds_redis8_test.go).

import (
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

func TestGroupCmdsXInfo(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "xinfo-errors-help", Run: gcXInfoErrors},
		{Name: "xinfo-stream", Run: gcXInfoStream},
		{Name: "xinfo-stream-full", Run: gcXInfoStreamFull},
		{Name: "xinfo-groups-consumers", Run: gcXInfoGroupsConsumers},
	})
}

// gcInfo runs XINFO STREAM key and records the fields Redis 7.0 has too.
func gcInfo(t *testing.T, s *side, key string) *redis.XInfoStream {
	t.Helper()
	cmd := s.C.XInfoStream(s.Ctx(), key)
	if v := cmd.Val(); v != nil {
		c := *v
		c.RadixTreeNodes, c.IDMPDuration, c.IDMPMaxSize = 0, 0, 0
		c.PIDsTracked, c.IIDsTracked, c.IIDsAdded, c.IIDsDuplicates = 0, 0, 0, 0
		cmd.SetVal(&c)
	}
	return Rec(s, cmd).Val()
}

// gcInfoFull runs XINFO STREAM key FULL [COUNT count] and records the
// fields Redis 7.0 has too.
func gcInfoFull(t *testing.T, s *side, key string, count int) *redis.XInfoStreamFull {
	t.Helper()
	cmd := s.C.XInfoStreamFull(s.Ctx(), key, count)
	if v := cmd.Val(); v != nil {
		c := *v
		c.RadixTreeNodes, c.IDMPDuration, c.IDMPMaxSize = 0, 0, 0
		c.PIDsTracked, c.IIDsTracked, c.IIDsAdded, c.IIDsDuplicates = 0, 0, 0, 0
		cmd.SetVal(&c)
	}
	return Rec(s, cmd).Val()
}

func gcXInfoErrors(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcErr(t, Rec(s, s.C.XInfoStream(ctx, "nokey")), "ERR no such key")
	gcErr(t, Rec(s, s.C.XInfoStreamFull(ctx, "nokey", 3)), "ERR no such key")
	gcErr(t, Rec(s, s.C.XInfoGroups(ctx, "nokey")), "ERR no such key")
	gcErr(t, Rec(s, s.C.XInfoConsumers(ctx, "nokey", "g")), "ERR no such key")
	gcErr(t, s.Do("XINFO", "STREAM", "nokey", "BAD"), "ERR no such key")
	gcAddN(t, s, "k", 1)
	gcErr(t, Rec(s, s.C.XInfoConsumers(ctx, "k", "g")), "NOGROUP No such consumer group 'g' for key name 'k'")
	full := gcInfoFull(t, s, "k", 0)
	require.Empty(t, full.Groups)
	require.Len(t, full.Entries, 1)
	require.Equal(t, []redis.XInfoGroup{}, Rec(s, s.C.XInfoGroups(ctx, "k")).Val())
	syntax := func(sub string) string {
		return "ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try XINFO HELP."
	}
	gcErr(t, s.Do("XINFO", "STREAM", "k", "BAD"), syntax("STREAM"))
	gcErr(t, s.Do("xinfo", "stream", "k", "full", "count"), syntax("stream"))
	gcErr(t, s.Do("XINFO", "STREAM", "k", "FULL", "LIMIT", "1"), syntax("STREAM"))
	gcErr(t, s.Do("XINFO", "STREAM", "k", "COUNT", "1", "FULL"), syntax("STREAM"))
	gcErr(t, s.Do("XINFO", "STREAM", "k", "FULL", "COUNT", "1", "x"), syntax("STREAM"))
	gcErr(t, s.Do("XINFO", "STREAM", "k", "FULL", "COUNT", "x"), "ERR value is not an integer or out of range")
	gcErr(t, s.Do("XINFO"), "ERR wrong number of arguments for 'xinfo' command")
	gcErr(t, s.Do("XINFO", "foo", "k"), "ERR unknown subcommand 'foo'. Try XINFO HELP.")
	gcErr(t, s.Do("XINFO", "HELP", "x"), "ERR wrong number of arguments for 'xinfo|help' command")
	gcErr(t, s.Do("XINFO", "STREAM"), "ERR wrong number of arguments for 'xinfo|stream' command")
	gcErr(t, s.Do("XINFO", "GROUPS"), "ERR wrong number of arguments for 'xinfo|groups' command")
	gcErr(t, s.Do("XINFO", "GROUPS", "k", "x"), "ERR wrong number of arguments for 'xinfo|groups' command")
	gcErr(t, s.Do("XINFO", "CONSUMERS", "k"), "ERR wrong number of arguments for 'xinfo|consumers' command")
	gcErr(t, s.Do("XINFO", "CONSUMERS", "k", "g", "x"), "ERR wrong number of arguments for 'xinfo|consumers' command")
	require.Equal(t, []interface{}{
		"XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
		"CONSUMERS <key> <groupname>",
		"    Show consumers of <groupname>.",
		"GROUPS <key>",
		"    Show the stream consumer groups.",
		"STREAM <key> [FULL [COUNT <count>]",
		"    Show information about the stream.",
		"HELP",
		"    Prints this help.",
	}, s.Do("XINFO", "HELP").Val())
}

func gcXInfoStream(t *testing.T, s *side) {
	ctx := s.Ctx()
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(ctx, "k", "g", "$")).Val())
	info := gcInfo(t, s, "k")
	require.Equal(t, redis.XInfoStream{Groups: 1, LastGeneratedID: "0-0", MaxDeletedEntryID: "0-0", RecordedFirstEntryID: "0-0"}, *info)
	gcAddN(t, s, "k", 12)
	require.Equal(t, int64(1), Rec(s, s.C.XDel(ctx, "k", "12-0")).Val())
	info = gcInfo(t, s, "k")
	require.Equal(t, int64(11), info.Length)
	require.Equal(t, int64(1), info.RadixTreeKeys)
	require.Equal(t, "12-0", info.LastGeneratedID)
	require.Equal(t, "12-0", info.MaxDeletedEntryID)
	require.Equal(t, int64(12), info.EntriesAdded)
	require.Equal(t, "1-0", info.RecordedFirstEntryID)
	require.Equal(t, redis.XMessage{ID: "1-0", Values: map[string]interface{}{"f": "1"}}, info.FirstEntry)
	require.Equal(t, redis.XMessage{ID: "11-0", Values: map[string]interface{}{"f": "11"}}, info.LastEntry)
	require.Equal(t, int64(1), Rec(s, s.C.XDel(ctx, "k", "1-0")).Val())
	require.Equal(t, "2-0", gcInfo(t, s, "k").RecordedFirstEntryID)
	// Both edge entries in the RESP3 map, the counts as integers.
	raw := s.C.Do(ctx, "XINFO", "STREAM", "k").Val().(map[interface{}]interface{})
	require.Equal(t, []interface{}{"2-0", []interface{}{"f", "2"}}, raw["first-entry"])
	require.Equal(t, int64(10), raw["length"])
	require.Equal(t, int64(1), raw["groups"])
}

func gcXInfoStreamFull(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 12)
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g2", "$")).Val())
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "g1", "0")).Val())
	gcDeliver(t, s, "k", "g1", "bob", "1-0", "3-0", "5-0", "7-0", "9-0", "11-0")
	gcDeliver(t, s, "k", "g1", "alice", "2-0", "4-0", "6-0", "8-0", "10-0", "12-0")
	require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "g2", "carol")).Val())
	// No COUNT: 10 entries and pending entries per list.
	full := gcInfoFull(t, s, "k", 0)
	require.Len(t, full.Entries, 10)
	require.Len(t, full.Groups, 2)
	g1 := full.Groups[0]
	require.Equal(t, "g1", g1.Name)
	require.Equal(t, int64(12), g1.PelCount)
	require.Len(t, g1.Pending, 10)
	require.Equal(t, "1-0", g1.Pending[0].ID)
	require.Equal(t, "bob", g1.Pending[0].Consumer)
	require.Equal(t, int64(1), g1.Pending[0].DeliveryCount)
	require.Equal(t, "alice", g1.Consumers[0].Name)
	require.Equal(t, int64(6), g1.Consumers[0].PelCount)
	require.Len(t, g1.Consumers[0].Pending, 6)
	g2 := full.Groups[1]
	require.Equal(t, "g2", g2.Name)
	require.Equal(t, "12-0", g2.LastDeliveredID)
	require.Empty(t, g2.Pending)
	require.Equal(t, "carol", g2.Consumers[0].Name)
	require.Empty(t, g2.Consumers[0].Pending)
	full = gcInfoFull(t, s, "k", 3)
	require.Len(t, full.Entries, 3)
	require.Len(t, full.Groups[0].Pending, 3)
	require.Len(t, full.Groups[0].Consumers[1].Pending, 3)
	require.Equal(t, "5-0", full.Groups[0].Consumers[1].Pending[2].ID)
	// COUNT 0 lists everything; a negative COUNT means 10.
	entries := func(args ...interface{}) (int, int) {
		t.Helper()
		m := s.C.Do(ctx, append([]interface{}{"XINFO", "STREAM", "k", "FULL"}, args...)...).Val().(map[interface{}]interface{})
		g := m["groups"].([]interface{})[0].(map[interface{}]interface{})
		s.Note("XINFO STREAM k FULL %v => %d entries, %d pending", args, len(m["entries"].([]interface{})), len(g["pending"].([]interface{})))
		return len(m["entries"].([]interface{})), len(g["pending"].([]interface{}))
	}
	n, p := entries("COUNT", "0")
	require.Equal(t, 12, n)
	require.Equal(t, 12, p)
	n, p = entries("count", "-1")
	require.Equal(t, 10, n)
	require.Equal(t, 10, p)
	n, _ = entries("COUNT", "11")
	require.Equal(t, 11, n)
	// Deleted pending entries stay listed; the times are Unix milliseconds.
	require.Equal(t, int64(1), Rec(s, s.C.XDel(ctx, "k", "1-0")).Val())
	full = gcInfoFull(t, s, "k", 1)
	require.Equal(t, "2-0", full.Entries[0].ID)
	require.Equal(t, "1-0", full.Groups[0].Pending[0].ID)
	raw := s.C.Do(ctx, "XINFO", "STREAM", "k", "FULL", "COUNT", "1").Val().(map[interface{}]interface{})
	g := raw["groups"].([]interface{})[0].(map[interface{}]interface{})
	row := g["pending"].([]interface{})[0].([]interface{})
	require.InDelta(t, time.Now().UnixMilli(), row[2], 60000)
	c := g["consumers"].([]interface{})[0].(map[interface{}]interface{})
	require.InDelta(t, time.Now().UnixMilli(), c["seen-time"], 60000)
}

func gcXInfoGroupsConsumers(t *testing.T, s *side) {
	ctx := s.Ctx()
	gcAddN(t, s, "k", 4)
	require.Equal(t, []redis.XInfoGroup{}, Rec(s, s.C.XInfoGroups(ctx, "k")).Val())
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "b", "0")).Val())
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "k", "a", "$")).Val())
	res, err := Rec(s, s.C.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "b", Consumer: "bob", Streams: []string{"k", ">"}, Count: 3, Block: -1})).Result()
	require.NoError(t, err)
	require.Len(t, res[0].Messages, 3)
	gcDeliver(t, s, "k", "b", "alice", "4-0")
	groups := Rec(s, s.C.XInfoGroups(ctx, "k")).Val()
	require.Equal(t, []redis.XInfoGroup{
		{Name: "a", Consumers: 0, Pending: 0, LastDeliveredID: "4-0", EntriesRead: 0, Lag: 0},
		{Name: "b", Consumers: 2, Pending: 4, LastDeliveredID: "3-0", EntriesRead: 3, Lag: 1},
	}, groups)
	s.Sleep(50 * time.Millisecond)
	require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(ctx, "k", "b", "carol")).Val())
	cs := Rec(s, s.C.XInfoConsumers(ctx, "k", "b")).Val()
	require.Len(t, cs, 3)
	require.Equal(t, []string{"alice", "bob", "carol"}, []string{cs[0].Name, cs[1].Name, cs[2].Name})
	require.Equal(t, []int64{1, 3, 0}, []int64{cs[0].Pending, cs[1].Pending, cs[2].Pending})
	require.GreaterOrEqual(t, cs[1].Idle, 50*time.Millisecond)
	require.Less(t, cs[2].Idle, 50*time.Millisecond)
	if !s.Real { // inactive is Redis 7.2's
		require.GreaterOrEqual(t, cs[1].Inactive, 50*time.Millisecond)
		require.Equal(t, -time.Millisecond, cs[2].Inactive)
	}
	require.Equal(t, []redis.XInfoConsumer{}, Rec(s, s.C.XInfoConsumers(ctx, "k", "a")).Val())
}
