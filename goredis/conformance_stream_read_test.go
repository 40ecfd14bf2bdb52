package goredis_test

// Ports of stream.tcl's XREAD scenarios, non-blocking and blocking (and the
// XREAD-only blocking cases of stream-cgroups.tcl). Blocked calls run in a
// goroutine on the same client; entries use explicit IDs so that replies
// are identical on both sides.

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// stXRead starts XREAD [COUNT n] BLOCK ms STREAMS keys... ids... in a
// goroutine.
func stXRead(s *side, block time.Duration, count int64, streams ...string) <-chan *redis.XStreamSliceCmd {
	return stGo(s, func(ctx context.Context) *redis.XStreamSliceCmd {
		return s.C.XRead(ctx, &redis.XReadArgs{Streams: streams, Count: count, Block: block})
	})
}

// stMultiAdd adds s2's entries 2-0, 3-0, 4-0 (field one, two, three) in
// one MULTI/EXEC.
func stMultiAdd(t *testing.T, s *side) {
	t.Helper()
	pipe := s.C.TxPipeline()
	for j, v := range []string{"one", "two", "three"} {
		pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s2", ID: strconv.Itoa(j+2) + "-0", Values: []string{"field", v}})
	}
	_, err := pipe.Exec(s.Ctx())
	require.NoError(t, err)
}

// TestConformanceStreamXRead ports stream.tcl's XREAD tests (Redis8
// scenarios where Redis 7.2+ serves a blocked reader differently from 7.0,
// spec §8.6).
func TestConformanceStreamXRead(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "XREAD_with_non_empty_stream", Run: func(t *testing.T, s *side) {
			for j := 0; j < 3; j++ {
				recAdd(s, "mystream", strconv.Itoa(j+1)+"-0", "item", strconv.Itoa(j))
			}
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"mystream", "0-0"}, Count: 1, Block: -1})).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Len(t, res, 1)
			require.Equal(t, []string{"0"}, stValues(res[0].Messages, "item"))
		}},
		{Name: "Non_blocking_XREAD_with_empty_streams", Run: func(t *testing.T, s *side) {
			require.Equal(t, redis.Nil, Rec(s, s.C.XReadStreams(s.Ctx(), "s1", "s2", "0-0", "0-0")).Err())
		}},
		{Name: "XREAD_with_non_empty_second_stream", Run: func(t *testing.T, s *side) {
			for j := 0; j < 3; j++ {
				recAdd(s, "mystream", strconv.Itoa(j+1)+"-0", "item", strconv.Itoa(j))
			}
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"nostream", "mystream", "0-0", "0-0"}, Count: 1, Block: -1})).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Len(t, res, 1)
			require.Equal(t, "mystream", res[0].Stream)
			require.Equal(t, []string{"0"}, stValues(res[0].Messages, "item"))
		}},
		{Name: "Blocking_XREAD_waiting_new_data", Run: func(t *testing.T, s *side) {
			recAdd(s, "s2", "1-0", "old", "abcd1234")
			bk := bkStart(t, s)
			ch := stXRead(s, 20*time.Second, 0, "s1", "s2", "s3", "$", "$", "$")
			bk.wait(1)
			recAdd(s, "s2", "2-0", "new", "abcd1234")
			res := Rec(s, stWoken(s, ch)).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Len(t, res, 1)
			require.Equal(t, "s2", res[0].Stream)
			require.Equal(t, "2-0", res[0].Messages[0].ID)
			require.Equal(t, "abcd1234", res[0].Messages[0].Values["new"])
		}},
		{Name: "Blocking_XREAD_waiting_old_data", Run: func(t *testing.T, s *side) {
			recAdd(s, "s2", "1-0", "old", "abcd1234")
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"s1", "s2", "s3", "$", "0-0", "$"}, Block: 20 * time.Second})).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Len(t, res, 1)
			require.Equal(t, "s2", res[0].Stream)
			require.Equal(t, "abcd1234", res[0].Messages[0].Values["old"])
		}},
		{Name: "Blocking_XREAD_will_not_reply_with_an_empty_array", Run: func(t *testing.T, s *side) {
			recAdd(s, "s1", "666", "f", "v")
			recAdd(s, "s1", "667", "f2", "v2")
			Rec(s, s.C.XDel(s.Ctx(), "s1", "667"))
			c := Rec(s, stTimeout(s, stXRead(s, 10*time.Millisecond, 0, "s1", "666")))
			require.Equal(t, redis.Nil, c.Err())
		}},
		{Name: "Blocking_XREAD_for_stream_that_ran_dry_(issue_#5299)", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "666", "key", "value")
			Rec(s, s.C.XDel(s.Ctx(), "mystream", "666"))
			c := Rec(s, stTimeout(s, stXRead(s, 10*time.Millisecond, 0, "mystream", "665")))
			require.Equal(t, redis.Nil, c.Err())
			smaller := "ERR The ID specified in XADD is equal or smaller than the target stream top item"
			require.Equal(t, smaller, cmdErr(recAdd(s, "mystream", "665", "key", "value")))
			require.Equal(t, smaller, cmdErr(recAdd(s, "mystream", "666", "key", "value")))
			bk := bkStart(t, s)
			ch := stXRead(s, 0, 0, "mystream", "665")
			bk.wait(1)
			recAdd(s, "mystream", "667", "key", "value")
			res := Rec(s, stWoken(s, ch)).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []redis.XStream{{Stream: "mystream", Messages: []redis.XMessage{{ID: "667-0", Values: map[string]interface{}{"key": "value"}}}}}, res)
		}},
		{Name: "XREAD:_XADD_+_DEL_should_not_awake_client", Run: func(t *testing.T, s *side) {
			bk := bkStart(t, s)
			ch := stXRead(s, 20*time.Second, 0, "s1", "$")
			bk.wait(1)
			pipe := s.C.TxPipeline()
			pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s1", ID: "1-0", Values: []string{"old", "abcd1234"}})
			pipe.Del(s.Ctx(), "s1")
			cmds, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			for _, c := range cmds {
				Rec(s, c)
			}
			recAdd(s, "s1", "2-0", "new", "abcd1234")
			res := Rec(s, stWoken(s, ch)).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, "s1", res[0].Stream)
			require.Equal(t, "abcd1234", res[0].Messages[0].Values["new"])
		}},
		{Name: "XREAD_with_same_stream_name_multiple_times_should_work", Run: func(t *testing.T, s *side) {
			// The blocked form is a Redis8 scenario below; a non-blocking
			// read repeats the key in both versions.
			recAdd(s, "s2", "1-0", "old", "abcd1234")
			recAdd(s, "s2", "2-0", "new", "abcd1234")
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"s2", "s2", "s2", "1-0", "1-0", "1-0"}, Block: -1})).Val()
			require.Equal(t, []string{"s2:[2-0]", "s2:[2-0]", "s2:[2-0]"}, streamIDs(res))
			require.Equal(t, "abcd1234", res[0].Messages[0].Values["new"])
		}},
		// Redis 7.0 replies with s2 once: [s2 [2-0 new abcd1234]].
		{Name: "redis8_XREAD_with_same_stream_name_multiple_times_should_work", Redis8: true, Run: func(t *testing.T, s *side) {
			recAdd(s, "s2", "1-0", "old", "abcd1234")
			bk := bkStart(t, s)
			ch := stXRead(s, 20*time.Second, 0, "s2", "s2", "s2", "$", "$", "$")
			bk.wait(1)
			recAdd(s, "s2", "2-0", "new", "abcd1234")
			res := Rec(s, stWoken(s, ch)).Val()
			require.Equal(t, []string{"s2:[2-0]", "s2:[2-0]", "s2:[2-0]"}, streamIDs(res))
			require.Equal(t, "abcd1234", res[0].Messages[0].Values["new"])
		}},
		{Name: "XREAD_+_multiple_XADD_inside_transaction", Run: func(t *testing.T, s *side) {
			// With the key named once both versions serve every entry of
			// the transaction; the tcl form (s2 named three times) is a
			// Redis8 scenario below.
			recAdd(s, "s2", "1-0", "old", "abcd1234")
			bk := bkStart(t, s)
			ch := stXRead(s, 20*time.Second, 0, "s2", "$")
			bk.wait(1)
			stMultiAdd(t, s)
			res := Rec(s, stWoken(s, ch)).Val()
			require.Len(t, res, 1)
			require.Equal(t, "s2", res[0].Stream)
			require.Equal(t, []string{"one", "two", "three"}, stValues(res[0].Messages, "field"))
		}},
		// Redis 7.0 replies with s2 once (its three entries).
		{Name: "redis8_XREAD_+_multiple_XADD_inside_transaction", Redis8: true, Run: func(t *testing.T, s *side) {
			recAdd(s, "s2", "1-0", "old", "abcd1234")
			bk := bkStart(t, s)
			ch := stXRead(s, 20*time.Second, 0, "s2", "s2", "s2", "$", "$", "$")
			bk.wait(1)
			stMultiAdd(t, s)
			res := Rec(s, stWoken(s, ch)).Val()
			require.Equal(t, []string{"s2:[2-0 3-0 4-0]", "s2:[2-0 3-0 4-0]", "s2:[2-0 3-0 4-0]"}, streamIDs(res))
			require.Equal(t, []string{"one", "two", "three"}, stValues(res[0].Messages, "field"))
		}},
		{Name: "XREAD_streamID_edge_(no-blocking)", Run: func(t *testing.T, s *side) {
			recAdd(s, "x", "1-1", "f", "v")
			recAdd(s, "x", "1-18446744073709551615", "f", "v")
			recAdd(s, "x", "2-1", "f", "v")
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"x", "1-18446744073709551615"}, Block: 0})).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []string{"2-1"}, msgIDs(res[0].Messages))
		}},
		{Name: "XREAD_streamID_edge_(blocking)", Run: func(t *testing.T, s *side) {
			bk := bkStart(t, s)
			ch := stXRead(s, 0, 0, "x", "1-18446744073709551615")
			bk.wait(1)
			recAdd(s, "x", "1-1", "f", "v")
			recAdd(s, "x", "1-18446744073709551615", "f", "v")
			recAdd(s, "x", "2-1", "f", "v")
			res := Rec(s, stWoken(s, ch)).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, "2-1", res[0].Messages[0].ID)
		}},
		{Name: "Blocking_XREAD:_key_deleted", Run: func(t *testing.T, s *side) {
			// stream-cgroups.tcl
			recAdd(s, "mystream", "666", "f", "v")
			bk := bkStart(t, s)
			ch := stXRead(s, 0, 0, "mystream", "$")
			bk.wait(1)
			Rec(s, s.C.Del(s.Ctx(), "mystream"))
			recAdd(s, "mystream", "667", "f", "v")
			res := Rec(s, stWoken(s, ch)).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []string{"667-0"}, msgIDs(res[0].Messages))
			require.Equal(t, []string{"mystream:[667-0]"}, streamIDs(res))
		}},
		{Name: "Blocking_XREAD:_key_created_while_blocked_and_timeout", Run: func(t *testing.T, s *side) {
			// Not a tcl test of its own: a key that does not exist when the
			// client blocks, an XADD on another key that does not wake it, then
			// a timeout.
			ch := stXRead(s, 50*time.Millisecond, 0, "a", "b", "0-0", "0-0")
			stSettle()
			recAdd(s, "other", "1-0", "f", "v")
			require.Equal(t, redis.Nil, Rec(s, stTimeout(s, ch)).Err())
			bk := bkStart(t, s)
			ch = stXRead(s, 20*time.Second, 0, "a", "b", "0-0", "0-0")
			bk.wait(1)
			recAdd(s, "b", "5-0", "f", "v")
			res := Rec(s, stWoken(s, ch)).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, "b", res[0].Stream)
		}},
		{Name: "XREAD_and_XREADGROUP_against_wrong_parameter", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "666", "f", "v")
			// The Unbalanced error text differs since 7.4 (it names '+'): see
			// the Redis8 scenario.
			s.Do("XREAD", "COUNT", "x", "STREAMS", "mystream", "0")
			s.Do("XREAD", "COUNT", "-1", "STREAMS", "mystream", "0")
			s.Do("XREAD", "COUNT", "0", "STREAMS", "mystream", "0")
			s.Do("XREAD", "BLOCK", "x", "STREAMS", "mystream", "0")
			s.Do("XREAD", "BLOCK", "-1", "STREAMS", "mystream", "0")
			s.Do("XREAD", "STREAMS", "mystream", ">")
			s.Do("XREAD", "STREAMS", "mystream", "bad")
			s.Do("XREAD", "GROUP", "g", "c", "STREAMS", "mystream", "0")
			s.Do("XREAD", "NOACK", "STREAMS", "mystream", "0")
			s.Do("XREAD", "FOO", "STREAMS", "mystream", "0")
			s.Do("XREAD", "COUNT", "1", "mystream", "0")
			s.Do("XREAD", "STREAMS")
		}},
	})
}
