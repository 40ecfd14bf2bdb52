package goredis_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// noteFull records the group-level parts of XINFO STREAM FULL (the parts
// Redis 7.0 and the spec share: not the IDMP fields, not active-time).
func noteFull(t *testing.T, s *side, key string, count int) {
	t.Helper()
	full, err := s.C.XInfoStreamFull(s.Ctx(), key, count).Result()
	require.NoError(t, err)
	s.Note("FULL %s length=%d entries=%v", key, full.Length, msgIDs(full.Entries))
	for _, g := range full.Groups {
		var pend []string
		for _, p := range g.Pending {
			pend = append(pend, fmt.Sprintf("%s/%s/%d", p.ID, p.Consumer, p.DeliveryCount))
		}
		s.Note(" group %s last=%s entries-read=%d lag=%d pel=%d pending=%v", g.Name, g.LastDeliveredID, g.EntriesRead, g.Lag, g.PelCount, pend)
		for _, c := range g.Consumers {
			var cp []string
			for _, p := range c.Pending {
				cp = append(cp, fmt.Sprintf("%s/%d", p.ID, p.DeliveryCount))
			}
			s.Note("  consumer %s pel=%d pending=%v", c.Name, c.PelCount, cp)
		}
	}
}

// readLag returns a group's entries-read and lag from XINFO GROUPS, as
// "entries-read/lag" with nil for a null.
func readLag(t *testing.T, s *side, key, group string) string {
	t.Helper()
	return fmt.Sprintf("%v/%v", groupField(t, s, key, group, "entries-read"), groupField(t, s, key, group, "lag"))
}

// groupsInfoScenarios port the XINFO and entries-read/lag tests that
// Redis 7.0 and the spec agree on.
func groupsInfoScenarios() []scenario {
	return []scenario{
		{Name: "tcl XINFO FULL output", Run: func(t *testing.T, s *side) {
			gAdd(s, "x", "100", "a", "1")
			gAdd(s, "x", "101", "b", "1")
			gAdd(s, "x", "102", "c", "1")
			gAdd(s, "x", "103", "e", "1")
			gAdd(s, "x", "104", "f", "1")
			gCreate(t, s, "x", "g1", "0")
			gCreate(t, s, "x", "g2", "0")
			gRead(s, "g1", "Alice", 1, "x", ">")
			gRead(s, "g1", "Bob", 1, "x", ">")
			gReadNoAck(s, "g1", "Bob", 1, "x", ">")
			gRead(s, "g2", "Charlie", 4, "x", ">")
			Rec(s, s.C.XDel(s.Ctx(), "x", "103"))
			full, err := s.C.XInfoStreamFull(s.Ctx(), "x", 0).Result()
			require.NoError(t, err)
			require.Equal(t, int64(4), full.Length)
			require.Equal(t, []string{"100-0", "101-0", "102-0", "104-0"}, msgIDs(full.Entries))
			require.Equal(t, "g1", full.Groups[0].Name)
			require.Equal(t, "100-0", full.Groups[0].Pending[0].ID)
			require.Equal(t, "Alice", full.Groups[0].Consumers[0].Name)
			require.Equal(t, "100-0", full.Groups[0].Consumers[0].Pending[0].ID)
			require.Equal(t, "g2", full.Groups[1].Name)
			require.Equal(t, "Charlie", full.Groups[1].Consumers[0].Name)
			require.Equal(t, "101-0", full.Groups[1].Consumers[0].Pending[1].ID)
			noteFull(t, s, "x", 0)
			noteFull(t, s, "x", 1)
			full, _ = s.C.XInfoStreamFull(s.Ctx(), "x", 1).Result()
			require.Equal(t, []string{"100-0"}, msgIDs(full.Entries))
			require.EqualError(t, s.Do("XINFO", "STREAM", "nokey").Err(), "ERR no such key")
			require.EqualError(t, s.Do("XINFO", "STREAM", "x", "FULL", "COUNT", "x").Err(), "ERR value is not an integer or out of range")
			require.EqualError(t, s.Do("XINFO", "STREAM", "x", "FOO").Err(), "ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.")
			require.EqualError(t, s.Do("XINFO", "CONSUMERS", "x", "nog").Err(), "NOGROUP No such consumer group 'nog' for key name 'x'")
			require.EqualError(t, s.Do("XINFO", "GROUPS", "nokey").Err(), "ERR no such key")
		}},
		{Name: "tcl Consumer seen-time (idle) through explicit bounds", Run: func(t *testing.T, s *side) {
			// Redis 7.0 creates the consumer only when the read is served
			// (the spec: always), so the first read gets an entry.
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "1-0", "f", "v")
			gRead(s, "mygroup", "Alice", 1, "mystream", ">")
			s.Sleep(50 * time.Millisecond)
			cs := Rec(s, s.C.XInfoConsumers(s.Ctx(), "mystream", "mygroup")).Val()
			require.Len(t, cs, 1)
			require.GreaterOrEqual(t, cs[0].Idle, 50*time.Millisecond)
			gAdd(s, "mystream", "2-0", "f", "v")
			gRead(s, "mygroup", "Alice", 1, "mystream", ">")
			cs = Rec(s, s.C.XInfoConsumers(s.Ctx(), "mystream", "mygroup")).Val()
			require.Less(t, cs[0].Idle, 50*time.Millisecond)
			require.Equal(t, int64(2), cs[0].Pending)
		}},
		{Name: "XINFO STREAM FULL seen-time and delivery times through explicit bounds", Run: func(t *testing.T, s *side) {
			now := func() int64 {
				if s.Real {
					return time.Now().UnixMilli()
				}
				return s.Clock.Now().UnixMilli()
			}
			gAddN(s, "x", 2)
			gCreate(t, s, "x", "g", "0")
			before := now()
			gRead(s, "g", "Alice", 1, "x", ">")
			after := now()
			s.Sleep(30 * time.Millisecond)
			full, err := s.C.XInfoStreamFull(s.Ctx(), "x", 0).Result()
			require.NoError(t, err)
			c := full.Groups[0].Consumers[0]
			require.Equal(t, "Alice", c.Name)
			require.GreaterOrEqual(t, c.SeenTime.UnixMilli(), before)
			require.LessOrEqual(t, c.SeenTime.UnixMilli(), after)
			p := full.Groups[0].Pending[0]
			require.GreaterOrEqual(t, p.DeliveryTime.UnixMilli(), before)
			require.LessOrEqual(t, p.DeliveryTime.UnixMilli(), after)
			require.Equal(t, p.DeliveryTime.UnixMilli(), c.Pending[0].DeliveryTime.UnixMilli())
			// XPENDING's idle and XINFO CONSUMERS' idle agree with the sleep.
			pe := Rec(s, s.C.XPendingExt(s.Ctx(), &redis.XPendingExtArgs{Stream: "x", Group: "g", Start: "-", End: "+", Count: 10})).Val()
			require.GreaterOrEqual(t, pe[0].Idle, 30*time.Millisecond)
			cs := Rec(s, s.C.XInfoConsumers(s.Ctx(), "x", "g")).Val()
			require.GreaterOrEqual(t, cs[0].Idle, 30*time.Millisecond)
		}},
		{Name: "tcl Consumer group read counter and lag in empty streams", Run: func(t *testing.T, s *side) {
			require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "x", "g1", "0")).Val())
			require.Equal(t, "<nil>/0", readLag(t, s, "x", "g1"))
			gAdd(s, "x", "1-0", "data", "a")
			Rec(s, s.C.XDel(s.Ctx(), "x", "1-0"))
			require.Equal(t, "<nil>/0", readLag(t, s, "x", "g1"))
			noteFull(t, s, "x", 0)
		}},
		{Name: "tcl Consumer group read counter and lag sanity", Run: func(t *testing.T, s *side) {
			for i, d := range []string{"a", "b", "c", "d", "e"} {
				gAdd(s, "x", fmt.Sprintf("%d-0", i+1), "data", d)
			}
			gCreate(t, s, "x", "g1", "0")
			require.Equal(t, "<nil>/5", readLag(t, s, "x", "g1"))
			gRead(s, "g1", "c11", 1, "x", ">")
			require.Equal(t, "1/4", readLag(t, s, "x", "g1"))
			gRead(s, "g1", "c12", 10, "x", ">")
			require.Equal(t, "5/0", readLag(t, s, "x", "g1"))
			gAdd(s, "x", "6-0", "data", "f")
			require.Equal(t, "5/1", readLag(t, s, "x", "g1"))
		}},
		{Name: "tcl Consumer group lag with XDELs", Run: func(t *testing.T, s *side) {
			for i, d := range []string{"a", "b", "c", "d", "e"} {
				gAdd(s, "x", fmt.Sprintf("%d-0", i+1), "data", d)
			}
			Rec(s, s.C.XDel(s.Ctx(), "x", "3-0"))
			gCreate(t, s, "x", "g1", "0")
			gCreate(t, s, "x", "g2", "0")
			require.Equal(t, "<nil>/<nil>", readLag(t, s, "x", "g1"))
			for i := 0; i < 3; i++ {
				gRead(s, "g1", "c11", 1, "x", ">")
				require.Equal(t, "<nil>/<nil>", readLag(t, s, "x", "g1"))
			}
			gRead(s, "g1", "c11", 1, "x", ">")
			require.Equal(t, "5/0", readLag(t, s, "x", "g1"))
			gAdd(s, "x", "6-0", "data", "f")
			require.Equal(t, "5/1", readLag(t, s, "x", "g1"))
			require.Equal(t, int64(2), Rec(s, s.C.XTrimMinID(s.Ctx(), "x", "3-0")).Val())
			require.Equal(t, "5/1", readLag(t, s, "x", "g1"))
			require.Equal(t, "<nil>/3", readLag(t, s, "x", "g2"))
			require.Equal(t, int64(1), Rec(s, s.C.XTrimMinID(s.Ctx(), "x", "5-0")).Val())
			require.Equal(t, "5/1", readLag(t, s, "x", "g1"))
			require.Equal(t, "<nil>/2", readLag(t, s, "x", "g2"))
		}},
		{Name: "tcl XREADGROUP ACK would propagate entries-read (master side)", Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "a", "b", "c", "d", "e", "f")
			gCreate(t, s, "mystream", "mygroup", "$")
			gRead(s, "mygroup", "ryan", 1, "mystream", ">")
			gAdd(s, "mystream", "2-0", "a1", "b1", "a1", "b2")
			gAdd(s, "mystream", "3-0", "name", "v1", "name", "v1")
			gRead(s, "mygroup", "ryan", 1, "mystream", ">")
			gRead(s, "mygroup", "ryan", 1, "mystream", ">")
			require.Equal(t, "3/0", readLag(t, s, "mystream", "mygroup"))
		}},
		{Name: "tcl XREADGROUP from PEL inside MULTI", Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "a", "b", "c", "d", "e", "f")
			gCreate(t, s, "mystream", "mygroup", "0")
			require.Equal(t, []string{"mystream:[1-0]"}, streamIDs(gRead(s, "mygroup", "ryan", 1, "mystream", ">").Val()))
			pipe := s.C.TxPipeline()
			pipe.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "mygroup", Consumer: "ryan", Count: 1, Block: noBlock, Streams: []string{"mystream", "0"}})
			cmds, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			for _, c := range cmds {
				Rec(s, c)
			}
			require.Equal(t, []string{"1-0/ryan/2"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
	}
}
