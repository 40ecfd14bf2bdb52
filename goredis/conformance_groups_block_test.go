package goredis_test

import (
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// blockRead starts a blocking XREADGROUP (not recorded: Rec it after await).
func blockRead(s *side, group, consumer string, block time.Duration, noack bool, streams ...string) <-chan *redis.XStreamSliceCmd {
	return async(func() *redis.XStreamSliceCmd {
		return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{
			Group: group, Consumer: consumer, Block: block, NoAck: noack, Streams: streams,
		})
	})
}

// groupsBlockScenarios port the blocking XREADGROUP tests that apply to a
// streams-only keyspace.
func groupsBlockScenarios() []scenario {
	return []scenario{
		{Name: "tcl Blocking XREADGROUP will not reply with an empty array", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "666", "f", "v")
			res := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "mygroup", Consumer: "Alice", Block: 10 * time.Millisecond, Streams: []string{"mystream", ">"}})).Val()
			require.Equal(t, []string{"mystream:[666-0]"}, streamIDs(res))
			gAdd(s, "mystream", "667", "f2", "v2")
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "667"))
			ch := blockRead(s, "mygroup", "Alice", 20*time.Millisecond, false, "mystream", ">")
			settle()
			s.Sleep(30 * time.Millisecond)
			cmd := Rec(s, await(t, ch))
			require.Equal(t, redis.Nil, cmd.Err())
		}},
		{Name: "tcl Blocking XREADGROUP for stream that ran dry (issue #5299)", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "666", "key", "value")
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "666"))
			ch := blockRead(s, "mygroup", "myconsumer", 20*time.Millisecond, false, "mystream", ">")
			settle()
			s.Sleep(30 * time.Millisecond)
			require.Equal(t, redis.Nil, Rec(s, await(t, ch)).Err())
			for _, id := range []string{"665", "666"} {
				err := s.Do("XADD", "mystream", id, "key", "value").Err()
				require.EqualError(t, err, "ERR The ID specified in XADD is equal or smaller than the target stream top item")
			}
			bk := bkStart(t, s)
			ch = blockRead(s, "mygroup", "myconsumer", 0, false, "mystream", ">")
			bk.wait(1)
			gAdd(s, "mystream", "667", "key", "value")
			res := Rec(s, await(t, ch)).Val()
			require.Equal(t, []string{"mystream:[667-0]"}, streamIDs(res))
			require.Equal(t, map[string]interface{}{"key": "value"}, res[0].Messages[0].Values)
		}},
		{Name: "tcl Blocking XREADGROUP will ignore BLOCK if ID is not >", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "666", "key", "value")
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "666"))
			read := func(id string) []string {
				return streamIDs(Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "mygroup", Consumer: "myconsumer", Block: 0, Streams: []string{"mystream", id}})).Val())
			}
			for _, id := range []string{"0", "600", "666", "700"} {
				require.Equal(t, []string{"mystream:[]"}, read(id))
			}
			gAdd(s, "mystream", "667", "key", "value")
			for _, id := range []string{"0", "600", "666", "667", "700"} {
				require.Equal(t, []string{"mystream:[]"}, read(id))
			}
			require.Equal(t, []string{"mystream:[667-0]"}, read(">"))
			for _, id := range []string{"0", "600", "666"} {
				require.Equal(t, []string{"mystream:[667-0]"}, read(id))
			}
			for _, id := range []string{"667", "700"} {
				require.Equal(t, []string{"mystream:[]"}, read(id))
			}
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "667"))
			for _, id := range []string{"0", "600", "666", "667", "700"} {
				require.Equal(t, []string{"mystream:[]"}, read(id))
			}
		}},
		{Name: "tcl Blocking XREADGROUP for stream key that has clients blocked on stream (FIFO among consumers)", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			var chans []<-chan *redis.XStreamSliceCmd
			for _, c := range []string{"c1", "c2", "c3"} {
				bk := bkStart(t, s)
				chans = append(chans, blockRead(s, "mygroup", c, 10*time.Second, false, "mystream", ">"))
				bk.wait(1)
			}
			for i, id := range []string{"1-0", "2-0", "3-0"} {
				s.Do("XADD", "mystream", "MAXLEN", "5000", id, "field1", "value1", "field2", "value2")
				res := Rec(s, await(t, chans[i])).Val()
				require.Equal(t, []string{"mystream:[" + id + "]"}, streamIDs(res))
			}
			require.Equal(t, []string{"1-0/c1/1", "2-0/c2/1", "3-0/c3/1"}, pendingExt(t, s, "mystream", "mygroup", "", 0))
		}},
		{Name: "tcl XREADGROUP with NOACK creates consumer (blocked reader served)", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			gAdd(s, "mystream", "1-0", "f1", "v1")
			gReadNoAck(s, "mygroup", "Alice", 0, "mystream", ">")
			bk := bkStart(t, s)
			ch := blockRead(s, "mygroup", "Bob", 0, true, "mystream", ">")
			bk.wait(1)
			gAdd(s, "mystream", "2-0", "f2", "v2")
			require.Equal(t, []string{"mystream:[2-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
			require.Equal(t, []string{"Alice", "Bob"}, consumerNames(t, s, "mystream", "mygroup"))
			require.Equal(t, int64(0), groupField(t, s, "mystream", "mygroup", "pending"))
		}},
		{Name: "Blocking XREADGROUP on several streams is served by the one that gets data", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "a", "g")
			gCreateMk(t, s, "b", "g")
			bk := bkStart(t, s)
			ch := blockRead(s, "g", "c", 0, false, "a", "b", ">", ">")
			bk.wait(1)
			gAdd(s, "b", "5-0", "f", "v")
			require.Equal(t, []string{"b:[5-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		{Name: "Blocked XREADGROUP is served after EXEC with every entry of the transaction", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			bk := bkStart(t, s)
			ch := async(func() *redis.XStreamSliceCmd {
				return s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "mygroup", Consumer: "c", Count: 10, Block: 10 * time.Second, Streams: []string{"mystream", ">"}})
			})
			bk.wait(1)
			pipe := s.C.TxPipeline()
			for _, id := range []string{"1-0", "2-0", "3-0"} {
				pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ID: id, Values: []string{"f", "v"}})
			}
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, []string{"mystream:[1-0 2-0 3-0]"}, streamIDs(Rec(s, await(t, ch)).Val()))
		}},
		{Name: "tcl RENAME can unblock XREADGROUP with data (as DEL + re-create in MULTI)", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			bk := bkStart(t, s)
			ch := blockRead(s, "mygroup", "Alice", 0, false, "mystream", ">")
			bk.wait(1)
			pipe := s.C.TxPipeline()
			pipe.Del(s.Ctx(), "mystream")
			pipe.XGroupCreateMkStream(s.Ctx(), "mystream", "mygroup", "$")
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ID: "100", Values: []string{"f1", "v1"}})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			res := Rec(s, await(t, ch)).Val()
			require.Equal(t, []string{"mystream:[100-0]"}, streamIDs(res))
			require.Equal(t, map[string]interface{}{"f1": "v1"}, res[0].Messages[0].Values)
		}},
		{Name: "Blocking XREADGROUP with a history ID on one stream is served at once", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "a", "g")
			gCreateMk(t, s, "b", "g")
			res := Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "g", Consumer: "c", Block: 0, Streams: []string{"a", "b", ">", "0"}})).Val()
			require.Equal(t, []string{"b:[]"}, streamIDs(res))
		}},
		{Name: "Blocked readers of two groups are both served by one XADD", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "s", "g1")
			gCreate(t, s, "s", "g2", "$")
			bk := bkStart(t, s)
			ch1 := blockRead(s, "g1", "c", 0, false, "s", ">")
			ch2 := blockRead(s, "g2", "c", 0, false, "s", ">")
			bk.wait(2)
			gAdd(s, "s", "1-0", "f", "v")
			require.Equal(t, []string{"s:[1-0]"}, streamIDs(Rec(s, await(t, ch1)).Val()))
			require.Equal(t, []string{"s:[1-0]"}, streamIDs(Rec(s, await(t, ch2)).Val()))
		}},
		{Name: "Blocking XREADGROUP inside MULTI does not block", Run: func(t *testing.T, s *side) {
			gCreateMk(t, s, "mystream", "mygroup")
			pipe := s.C.TxPipeline()
			pipe.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{Group: "mygroup", Consumer: "c", Block: 0, Streams: []string{"mystream", ">"}})
			cmds, _ := pipe.Exec(s.Ctx())
			require.Len(t, cmds, 1)
			require.Equal(t, redis.Nil, Rec(s, cmds[0].(*redis.XStreamSliceCmd)).Err())
		}},
	}
}
