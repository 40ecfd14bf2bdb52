package goredis_test

// Redis8 (in-process only) stream-level scenarios: the cases of
// /work/shared/spec/redis8-streams.md §1.2/§1.3/§1.5 (KEEPREF/DELREF/ACKED,
// XDELEX), §3 (IDMP/IDMPAUTO, XCFGSET, XIDMPRECORD, XINFO STREAM's IDMP
// fields) and the stream-level cases where newer Redis differs from 7.0
// (XREAD "+", the Unbalanced error text). They assert the documented replies.

import (
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
	"github.com/xstream-go/xstream/goredis"
)

// stInts returns a SliceCmd's integers.
func stInts(t *testing.T, cmd *redis.SliceCmd) []int64 {
	t.Helper()
	vals, err := cmd.Result()
	require.NoError(t, err)
	return scInts(t, vals)
}

// TestConformanceStreamRedis8 holds the Redis 8 stream-level scenarios.
func TestConformanceStreamRedis8(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "XREAD_last_element_from_non-empty_stream", Redis8: true, Run: func(t *testing.T, s *side) {
			recAdd(s, "lestream", "1-0", "k1", "v1")
			recAdd(s, "lestream", "2-0", "k2", "v2")
			recAdd(s, "lestream", "3-0", "k3", "v3")
			res := Rec(s, s.C.XReadStreams(s.Ctx(), "lestream", "+")).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []redis.XStream{{Stream: "lestream", Messages: []redis.XMessage{{ID: "3-0", Values: map[string]interface{}{"k3": "v3"}}}}}, res)
			recAdd(s, "lestream", "3-18446744073709551614", "k4", "v4")
			recAdd(s, "lestream", "3-18446744073709551615", "k5", "v5")
			res = Rec(s, s.C.XReadStreams(s.Ctx(), "lestream", "+")).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []string{"3-18446744073709551615"}, msgIDs(res[0].Messages))
		}},
		{Name: "XREAD_last_element_from_empty_stream", Redis8: true, Run: func(t *testing.T, s *side) {
			require.Equal(t, redis.Nil, Rec(s, s.C.XReadStreams(s.Ctx(), "lestream", "+")).Err())
			recAdd(s, "lestream", "1-0", "k1", "v1")
			Rec(s, s.C.XDel(s.Ctx(), "lestream", "1-0"))
			require.Equal(t, redis.Nil, Rec(s, s.C.XReadStreams(s.Ctx(), "lestream", "+")).Err())
			Rec(s, s.C.Del(s.Ctx(), "lestream"))
			require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "lestream", "legroup", "$")).Val())
			require.Equal(t, redis.Nil, Rec(s, s.C.XReadStreams(s.Ctx(), "lestream", "+")).Err())
		}},
		{Name: "XREAD_last_element_blocking_from_empty_stream", Redis8: true, Run: func(t *testing.T, s *side) {
			bk := bkStart(t, s)
			ch := stXRead(s, 20*time.Second, 0, "lestream", "+")
			bk.wait(1)
			recAdd(s, "lestream", "1-0", "k1", "v1")
			res := Rec(s, stWoken(s, ch)).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []redis.XStream{{Stream: "lestream", Messages: []redis.XMessage{{ID: "1-0", Values: map[string]interface{}{"k1": "v1"}}}}}, res)
		}},
		{Name: "XREAD_last_element_blocking_from_non-empty_stream", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "lestream", 3)
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"lestream", "+"}, Block: 1000 * time.Second})).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []string{"3-0"}, msgIDs(res[0].Messages))
		}},
		{Name: "XREAD_last_element_from_multiple_streams", Redis8: true, Run: func(t *testing.T, s *side) {
			for j := 1; j <= 3; j++ {
				recAdd(s, "{lestream}1", strconv.Itoa(j)+"-0", "k"+strconv.Itoa(j), "v"+strconv.Itoa(j))
				recAdd(s, "{lestream}2", strconv.Itoa(j)+"-0", "k"+strconv.Itoa(j), "v"+strconv.Itoa(j+3))
			}
			res := Rec(s, s.C.XReadStreams(s.Ctx(), "{lestream}1", "{lestream}2", "{lestream}3", "+", "+", "+")).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Len(t, res, 2)
			byKey := map[string]redis.XMessage{}
			for _, r := range res {
				require.Len(t, r.Messages, 1)
				byKey[r.Stream] = r.Messages[0]
			}
			require.Equal(t, redis.XMessage{ID: "3-0", Values: map[string]interface{}{"k3": "v3"}}, byKey["{lestream}1"])
			require.Equal(t, redis.XMessage{ID: "3-0", Values: map[string]interface{}{"k3": "v6"}}, byKey["{lestream}2"])
		}},
		{Name: "XREAD_last_element_with_count_>_1", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "lestream", 3)
			res := Rec(s, s.C.XRead(s.Ctx(), &redis.XReadArgs{Streams: []string{"lestream", "+"}, Count: 3, Block: -1})).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []string{"3-0"}, msgIDs(res[0].Messages))
		}},
		{Name: "XREAD:_read_last_element_after_XDEL_(issue_#13628)", Redis8: true, Run: func(t *testing.T, s *side) {
			recAdd(s, "stream", "1-0", "f", "1")
			recAdd(s, "stream", "2-0", "f", "2")
			Rec(s, s.C.XDel(s.Ctx(), "stream", "2-0"))
			res := Rec(s, s.C.XReadStreams(s.Ctx(), "stream", "+")).Val()
			require.NotEmpty(t, res)
			require.NotEmpty(t, res[0].Messages)
			require.Equal(t, []redis.XStream{{Stream: "stream", Messages: []redis.XMessage{{ID: "1-0", Values: map[string]interface{}{"f": "1"}}}}}, res)
		}},
		{Name: "XREAD_and_XREADGROUP_against_wrong_parameter_(Unbalanced_text)", Redis8: true, Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "666", "f", "v")
			require.Equal(t, "ERR Unbalanced 'xread' list of streams: for each stream key an ID, '+', or '$' must be specified.",
				cmdErr(s.Do("XREAD", "COUNT", "1", "STREAMS", "mystream")))
		}},
		{Name: "XADD_with_MAXLEN_option_and_ACKED_option", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "mystream", 5)
			gCreate(t, s, "mystream", "mygroup", "0")
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MaxLen: 1, Mode: "ACKED", ID: "6-0", Values: []string{"f", "v"}}))
			require.Equal(t, int64(6), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			s.Do("XREADGROUP", "GROUP", "mygroup", "consumer1", "COUNT", "1", "STREAMS", "mystream", ">")
			require.Equal(t, int64(1), Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "1-0")).Val())
			require.Equal(t, int64(0), scPendingCount(t, s, "mystream", "mygroup"))
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MaxLen: 1, Mode: "ACKED", ID: "7-0", Values: []string{"f", "v"}}))
			require.Equal(t, int64(6), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			s.Do("XREADGROUP", "GROUP", "mygroup", "consumer1", "STREAMS", "mystream", ">")
			require.Equal(t, int64(6), Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "2-0", "3-0", "4-0", "5-0", "6-0", "7-0")).Val())
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MaxLen: 1, Mode: "ACKED", Values: []string{"f", "v"}}))
			require.Equal(t, int64(1), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XADD_with_MAXLEN_option_and_DELREF_option", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "mystream", 5)
			gCreate(t, s, "mystream", "mygroup", "0")
			s.Do("XREADGROUP", "GROUP", "mygroup", "consumer1", "COUNT", "1", "STREAMS", "mystream", ">")
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MaxLen: 1, Mode: "DELREF", Values: []string{"f", "v"}}))
			require.Equal(t, int64(1), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			require.Equal(t, int64(0), scPendingCount(t, s, "mystream", "mygroup"))
			emptySummary(t, s, "mystream", "mygroup")
		}},
		{Name: "XTRIM_with_approx_and_ACKED_deletes_entries_correctly", Redis8: true, Run: func(t *testing.T, s *side) {
			stNodeSize(t, s, 2)
			gAddN(s, "mystream", 5)
			gCreate(t, s, "mystream", "mygroup", "0")
			require.NoError(t, s.Do("XREADGROUP", "GROUP", "mygroup", "consumer1", "STREAMS", "mystream", ">").Err())
			require.Equal(t, int64(3), Rec(s, s.C.XAck(s.Ctx(), "mystream", "mygroup", "1-0", "2-0", "4-0")).Val())
			require.Equal(t, int64(3), Rec(s, s.C.XTrimMinIDApproxMode(s.Ctx(), "mystream", "6-0", 0, "ACKED")).Val())
			require.Equal(t, []string{"3-0", "5-0"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "mystream", "-", "+")).Val()))
		}},
		{Name: "XTRIM_with_approx_and_DELREF_deletes_entries_correctly", Redis8: true, Run: func(t *testing.T, s *side) {
			stNodeSize(t, s, 2)
			gAddN(s, "mystream", 4)
			gCreate(t, s, "mystream", "mygroup", "0")
			s.Do("XREADGROUP", "GROUP", "mygroup", "consumer1", "STREAMS", "mystream", ">")
			require.Equal(t, int64(4), Rec(s, s.C.XTrimMinIDApproxMode(s.Ctx(), "mystream", "5-0", 0, "DELREF")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			require.Equal(t, int64(0), scPendingCount(t, s, "mystream", "mygroup"))
			emptySummary(t, s, "mystream", "mygroup")
		}},
		{Name: "XADD/XTRIM_mode_word_parsing", Redis8: true, Run: func(t *testing.T, s *side) {
			// §1.2: a second mode word is read as the ID by XADD, a syntax
			// error for XTRIM; XTRIM without a strategy.
			require.Equal(t, "ERR Invalid stream ID specified as stream command argument", cmdErr(s.Do("XADD", "s", "KEEPREF", "ACKED", "*", "f", "v")))
			require.Equal(t, "ERR Invalid stream ID specified as stream command argument", cmdErr(s.Do("XADD", "s", "DELREF", "DELREF", "*", "f", "v")))
			require.Equal(t, "ERR syntax error", cmdErr(s.Do("XTRIM", "s", "MAXLEN", "1", "ACKED", "DELREF")))
			require.Equal(t, "ERR wrong number of arguments for 'xtrim' command", cmdErr(s.Do("XTRIM", "s", "ACKED")))
			require.Equal(t, "1-0", s.Do("XADD", "s", "ACKED", "MAXLEN", "5", "1-0", "f", "v").Val())
			require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLenMode(s.Ctx(), "s", 5, "KEEPREF")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLenMode(s.Ctx(), "nokey", 0, "ACKED")).Val())
		}},
		{Name: "XDELEX_argument_errors", Redis8: true, Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR wrong number of arguments for 'xdelex' command", cmdErr(s.Do("XDELEX", "s", "DELREF")))
			require.Equal(t, []int64{-1, -1}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "nonexist", "KEEPREF", "1-1", "2-2"))))
			recAdd(s, "s", "1-0", "f", "v")
			Rec(s, s.C.XGroupCreate(s.Ctx(), "s", "g", "0"))
			for _, n := range []string{"abc", "0", "-5"} {
				require.Equal(t, "ERR Number of IDs must be a positive integer", cmdErr(s.Do("XDELEX", "s", "IDS", n, "1-1")))
			}
			require.Equal(t, "ERR The `numids` parameter must match the number of arguments", cmdErr(s.Do("XDELEX", "s", "IDS", "3", "1-1", "2-2")))
			require.Equal(t, "ERR syntax error", cmdErr(s.Do("XDELEX", "s", "IDS", "1", "1-1", "2-2")))
			require.Equal(t, []interface{}{int64(-1), int64(-1)}, s.Do("XDELEX", "s", "IDS", "2", "1-1", "2-2").Val())
			for _, pair := range [][2]string{{"KEEPREF", "DELREF"}, {"ACKED", "KEEPREF"}, {"DELREF", "ACKED"}, {"ACKED", "ACKED"}} {
				require.Equal(t, "ERR syntax error", cmdErr(s.Do("XDELEX", "s", pair[0], pair[1], "IDS", "1", "1-1")))
			}
			require.Equal(t, "ERR Invalid stream ID specified as stream command argument", cmdErr(s.Do("XDELEX", "s", "IDS", "2", "1-0", "bad")))
			require.Equal(t, int64(1), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
			// IDS 1 1-0 ACKED: the surplus argument is an option.
			require.Equal(t, []interface{}{int64(2)}, s.Do("XDELEX", "s", "IDS", "1", "1-0", "ACKED").Val())
		}},
		{Name: "XDELEX_DELREF_ACKED_KEEPREF", Redis8: true, Run: func(t *testing.T, s *side) {
			gAddN(s, "mystream", 2)
			for _, g := range []string{"group1", "group2"} {
				gCreate(t, s, "mystream", g, "0")
				s.Do("XREADGROUP", "GROUP", g, "consumer1", "STREAMS", "mystream", ">")
			}
			require.Equal(t, []int64{1, 1}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "DELREF", "1-0", "2-0"))))
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			require.Equal(t, int64(0), scPendingCount(t, s, "mystream", "group1"))
			require.Equal(t, int64(0), scPendingCount(t, s, "mystream", "group2"))
			emptySummary(t, s, "mystream", "group1")
			emptySummary(t, s, "mystream", "group2")
			info := stInfo(s, "mystream")
			require.Equal(t, "2-0", info.MaxDeletedEntryID)

			// ACKED with three groups.
			Rec(s, s.C.Del(s.Ctx(), "mystream"))
			gAddN(s, "mystream", 2)
			for _, g := range []string{"group1", "group2", "group3"} {
				gCreate(t, s, "mystream", g, "0")
			}
			s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "STREAMS", "mystream", ">")
			s.Do("XREADGROUP", "GROUP", "group2", "consumer2", "STREAMS", "mystream", ">")
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "group1", "1-0", "2-0"))
			require.Equal(t, []int64{2, 2}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", "1-0", "2-0"))))
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "group2", "1-0", "2-0"))
			require.Equal(t, []int64{2, 2}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", "1-0", "2-0"))))
			s.Do("XREADGROUP", "GROUP", "group3", "consumer3", "STREAMS", "mystream", ">")
			require.Equal(t, []int64{2, 2}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", "1-0", "2-0"))))
			Rec(s, s.C.XAck(s.Ctx(), "mystream", "group3", "1-0", "2-0"))
			require.Equal(t, []int64{1, 1}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", "1-0", "2-0"))))
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())

			// ACKED and a group created later.
			Rec(s, s.C.Del(s.Ctx(), "mystream"))
			gAddN(s, "mystream", 3)
			gCreate(t, s, "mystream", "group1", "0")
			s.Do("XREADGROUP", "GROUP", "group1", "consumer1", "STREAMS", "mystream", ">")
			require.Equal(t, int64(3), Rec(s, s.C.XAck(s.Ctx(), "mystream", "group1", "1-0", "2-0", "3-0")).Val())
			require.Equal(t, []int64{1}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", "1-0"))))
			gCreate(t, s, "mystream", "group2", "0")
			require.Equal(t, []int64{2}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", "2-0"))))
			s.Do("XREADGROUP", "GROUP", "group2", "consumer1", "STREAMS", "mystream", ">")
			require.Equal(t, int64(2), Rec(s, s.C.XAck(s.Ctx(), "mystream", "group2", "2-0", "3-0")).Val())
			require.Equal(t, []int64{1, 1}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "ACKED", "2-0", "3-0"))))

			// KEEPREF keeps the PEL references.
			Rec(s, s.C.Del(s.Ctx(), "mystream"))
			gAddN(s, "mystream", 2)
			for _, g := range []string{"group1", "group2"} {
				gCreate(t, s, "mystream", g, "0")
				s.Do("XREADGROUP", "GROUP", g, "consumer1", "STREAMS", "mystream", ">")
			}
			require.Equal(t, []int64{1, 1}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "mystream", "KEEPREF", "1-0", "2-0"))))
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			p := Rec(s, s.C.XPending(s.Ctx(), "mystream", "group1")).Val()
			require.Equal(t, &redis.XPending{Count: 2, Lower: "1-0", Higher: "2-0", Consumers: map[string]int64{"consumer1": 2}}, p)
			require.Equal(t, []interface{}{int64(2), "1-0", "2-0", []interface{}{[]interface{}{"consumer1", "2"}}}, s.Do("XPENDING", "mystream", "group1").Val())
			// No groups: ACKED acts as KEEPREF (1, or -1 when absent).
			recAdd(s, "plain", "1-0", "f", "v")
			require.Equal(t, []int64{1, -1}, stInts(t, Rec(s, s.C.XDelEx(s.Ctx(), "plain", "ACKED", "1-0", "9-0"))))
		}},
		{Name: "XADD_IDMP_with_invalid_syntax", Redis8: true, Run: func(t *testing.T, s *side) {
			bad := "ERR Invalid stream ID specified as stream command argument"
			require.Equal(t, bad, cmdErr(s.Do("XADD", "mystream", "IDMP", "p1", "*", "f", "v")))
			only := "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"
			require.Equal(t, only, cmdErr(s.Do("XADD", "mystream", "IDMP", "p1", "iid1", "1-1", "f", "v")))
			require.Equal(t, only, cmdErr(s.Do("XADD", "mystream", "IDMPAUTO", "p1", "1-1", "f", "v")))
			require.Equal(t, only, cmdErr(s.Do("XADD", "mystream", "IDMPAUTO", "p1", "1-*", "f", "v")))
			twice := "ERR syntax error, IDMP/IDMPAUTO specified multiple times"
			require.Equal(t, twice, cmdErr(s.Do("XADD", "mystream", "IDMP", "p1", "iid1", "IDMP", "p2", "iid2", "*", "f", "v")))
			require.Equal(t, twice, cmdErr(s.Do("XADD", "mystream", "IDMPAUTO", "p1", "IDMP", "p2", "iid2", "*", "f", "v")))
			require.Equal(t, twice, cmdErr(s.Do("XADD", "mystream", "IDMPAUTO", "p1", "IDMPAUTO", "p2", "*", "f", "v")))
			require.Equal(t, twice, cmdErr(s.Do("XADD", "mystream", "IDMP", "p1", "iid1", "IDMPAUTO", "p2", "*", "f", "v")))
			require.Equal(t, "ERR syntax error, IDMP requires a non-empty producer ID", cmdErr(s.Do("XADD", "mystream", "IDMP", "", "iid1", "*", "f", "v")))
			require.Equal(t, "ERR syntax error, IDMP requires a non-empty idempotent ID", cmdErr(s.Do("XADD", "mystream", "IDMP", "p1", "", "*", "f", "v")))
			require.Equal(t, "ERR syntax error, IDMPAUTO requires a non-empty producer ID", cmdErr(s.Do("XADD", "mystream", "IDMPAUTO", "", "*", "f", "v")))
			require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XADD_IDMP_basic_addition_and_duplicates", Redis8: true, Run: func(t *testing.T, s *side) {
			iids := []string{"1", "A", "B", "-", "+", "*", "^", "$", "#", "@", "?", "\\", "IDMP", "123-456",
				"9999999999999-9999999999999", "hello世界", "héllo", "line1\nline2", "tab\there", "quote\"test",
				"with spaces", "special!@#$%^&*()", "path/to/file", "key:value", "\x00\x01\x02\xff", string(make([]byte, 65536))}
			seen := map[string]bool{}
			for _, iid := range iids {
				id, err := s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ProducerID: "p1", IdempotentID: iid, Values: []string{"f", "v"}}).Result()
				require.NoError(t, err, "iid %q", iid)
				require.False(t, seen[id])
				seen[id] = true
				s.Sleep(time.Millisecond)
			}
			require.Equal(t, int64(len(iids)), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			// A duplicate returns the original ID and keeps the original fields.
			id1 := s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "pay", ProducerID: "p1", IdempotentID: "payment-abc", Values: []string{"amount", "100", "currency", "USD"}}).Val()
			s.Sleep(time.Millisecond)
			require.Equal(t, id1, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "pay", ProducerID: "p1", IdempotentID: "payment-abc", Values: []string{"amount", "200", "currency", "EUR"}}).Val())
			items := s.C.XRange(s.Ctx(), "pay", "-", "+").Val()
			require.Len(t, items, 1)
			require.Equal(t, map[string]interface{}{"amount": "100", "currency": "USD"}, items[0].Values)
			// Producers are isolated namespaces.
			a := s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "pay", ProducerID: "p2", IdempotentID: "payment-abc", Values: []string{"f", "v"}}).Val()
			require.NotEqual(t, id1, a)
			info := s.C.XInfoStream(s.Ctx(), "pay").Val()
			require.Equal(t, int64(2), info.PIDsTracked)
			require.Equal(t, int64(2), info.IIDsTracked)
			require.Equal(t, int64(2), info.IIDsAdded)
			require.Equal(t, int64(1), info.IIDsDuplicates)
			require.Equal(t, int64(100), info.IDMPDuration)
			require.Equal(t, int64(100), info.IDMPMaxSize)
			// NOMKSTREAM on a missing key: nil, nothing created.
			require.Equal(t, redis.Nil, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "none", NoMkStream: true, ProducerID: "p1", IdempotentID: "r", Values: []string{"f", "v"}}).Err())
			require.Equal(t, int64(0), s.C.Exists(s.Ctx(), "none").Val())
			// Duplicates inside MULTI; a duplicate with trimming options does not trim.
			pipe := s.C.TxPipeline()
			r1 := pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "m", ProducerID: "p1", IdempotentID: "req-1", Values: []string{"field", "value1"}})
			r2 := pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "m", ProducerID: "p1", IdempotentID: "req-2", Values: []string{"field", "value2"}})
			r3 := pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "m", ProducerID: "p1", IdempotentID: "req-1", Values: []string{"field", "value3"}})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, r1.Val(), r3.Val())
			require.NotEqual(t, r1.Val(), r2.Val())
			require.Equal(t, r1.Val(), s.Do("XADD", "m", "IDMP", "p1", "req-1", "MAXLEN", "0", "*", "f", "v").Val())
			require.Equal(t, int64(2), s.C.XLen(s.Ctx(), "m").Val())
			require.Equal(t, r2.Val(), s.Do("XADD", "m", "KEEPREF", "MAXLEN", "~", "100", "IDMP", "p1", "req-2", "*", "f", "v").Val())
		}},
		{Name: "XADD_IDMPAUTO_deduplication", Redis8: true, Run: func(t *testing.T, s *side) {
			add := func(pid string, fv ...string) string {
				s.Sleep(time.Millisecond)
				id, err := s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ProducerID: pid, IdempotentAuto: true, Values: fv}).Result()
				require.NoError(t, err)
				return id
			}
			id1 := add("p1", "amount", "100", "currency", "USD")
			require.Equal(t, id1, add("p1", "amount", "100", "currency", "USD"))
			require.Equal(t, id1, add("p1", "currency", "USD", "amount", "100"))
			require.NotEqual(t, id1, add("p1", "amount", "200", "currency", "USD"))
			require.NotEqual(t, id1, add("p2", "amount", "100", "currency", "USD"))
			f1 := add("p1", "field1", "value")
			require.NotEqual(t, f1, add("p1", "field2", "value"))
			e := add("p1", "field", "")
			require.Equal(t, e, add("p1", "field", ""))
			require.Equal(t, int64(6), s.C.XLen(s.Ctx(), "mystream").Val())
			info := s.C.XInfoStream(s.Ctx(), "mystream").Val()
			require.Equal(t, int64(2), info.PIDsTracked)
			require.Equal(t, int64(6), info.IIDsAdded)
			require.Equal(t, int64(3), info.IIDsDuplicates)
		}},
		{Name: "XIDMP_MAXSIZE_eviction_and_DURATION_expiry", Redis8: true, Run: func(t *testing.T, s *side) {
			add := func(iid string) string {
				s.Sleep(time.Millisecond)
				return s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ProducerID: "p1", IdempotentID: iid, Values: []string{"f", iid}}).Val()
			}
			add("init")
			require.Equal(t, "OK", Rec(s, s.C.XCfgSet(s.Ctx(), &redis.XCfgSetArgs{Stream: "mystream", MaxSize: 3, Duration: 60})).Val())
			id1, id2, id3 := add("req-1"), add("req-2"), add("req-3")
			require.Equal(t, []string{id1, id2, id3}, []string{add("req-1"), add("req-2"), add("req-3")})
			add("req-4")
			require.NotEqual(t, id1, add("req-1"))
			require.Equal(t, id3, add("req-3"))
			require.Equal(t, int64(6), s.C.XLen(s.Ctx(), "mystream").Val())
			info := s.C.XInfoStream(s.Ctx(), "mystream").Val()
			require.Equal(t, int64(3), info.IIDsTracked)
			require.Equal(t, int64(60), info.IDMPDuration)
			require.Equal(t, int64(3), info.IDMPMaxSize)
			// Expiry: DURATION 1, then 2.5 s later the iid is new again.
			require.Equal(t, "OK", s.Do("XCFGSET", "mystream", "IDMP-DURATION", "1").Val())
			d1 := add("dur")
			require.Equal(t, d1, add("dur"))
			s.Sleep(2500 * time.Millisecond)
			require.NotEqual(t, d1, add("dur"))
		}},
		{Name: "XCFGSET_semantics_and_errors", Redis8: true, Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR no such key", cmdErr(s.Do("XCFGSET", "missing", "IDMP-DURATION", "5")))
			s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ProducerID: "p1", IdempotentID: "req-1", Values: []string{"f", "v"}})
			dup := func() int64 {
				return s.C.XInfoStream(s.Ctx(), "mystream").Val().IIDsDuplicates
			}
			require.Equal(t, "OK", s.Do("XCFGSET", "mystream", "IDMP-DURATION", "100", "IDMP-MAXSIZE", "100").Val())
			// Same values: history kept.
			s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ProducerID: "p1", IdempotentID: "req-1", Values: []string{"f", "v"}})
			require.Equal(t, int64(1), dup())
			require.Equal(t, int64(1), s.C.XLen(s.Ctx(), "mystream").Val())
			require.Equal(t, "OK", s.Do("XCFGSET", "mystream", "IDMP-DURATION", "5").Val())
			info := s.C.XInfoStream(s.Ctx(), "mystream").Val()
			require.Equal(t, int64(5), info.IDMPDuration)
			require.Equal(t, int64(0), info.PIDsTracked)
			require.Equal(t, int64(0), info.IIDsTracked)
			require.Equal(t, int64(1), info.IIDsAdded)
			require.Equal(t, int64(1), info.IIDsDuplicates)
			require.Equal(t, "OK", s.Do("XCFGSET", "mystream", "IDMP-DURATION", "3", "IDMP-MAXSIZE", "10000").Val())
			require.Equal(t, "OK", s.Do("XCFGSET", "mystream", "IDMP-DURATION", "86400").Val())
			require.Equal(t, "OK", s.Do("XCFGSET", "mystream", "IDMP-MAXSIZE", "1").Val())
			for _, v := range []string{"86401", "0", "-100"} {
				require.Equal(t, "ERR IDMP-DURATION must be between 1 and 86400 seconds", cmdErr(s.Do("XCFGSET", "mystream", "IDMP-DURATION", v)))
			}
			for _, v := range []string{"10001", "0", "-50"} {
				require.Equal(t, "ERR IDMP-MAXSIZE must be between 1 and 10000 entries", cmdErr(s.Do("XCFGSET", "mystream", "IDMP-MAXSIZE", v)))
			}
			require.Equal(t, int64(86400), s.C.XInfoStream(s.Ctx(), "mystream").Val().IDMPDuration)
			require.Equal(t, "ERR At least one parameter must be specified", cmdErr(s.Do("XCFGSET", "mystream")))
			require.Equal(t, "ERR syntax error", cmdErr(s.Do("XCFGSET", "mystream", "IDMP-DURATION")))
			require.Equal(t, "ERR syntax error", cmdErr(s.Do("XCFGSET", "mystream", "INVALID", "5")))
			for _, v := range []string{"A", "AAA", "*", "-", "+", "120-5", "3.14", "000000000", "IDMP-DURATION"} {
				require.Equal(t, "ERR value is not an integer or out of range", cmdErr(s.Do("XCFGSET", "mystream", "IDMP-DURATION", v)), v)
			}
			require.Equal(t, "ERR value is not an integer or out of range", cmdErr(s.Do("XCFGSET", "mystream", "IDMP-DURATION", "INVALID", "IDMP-MAXSIZE")))
			require.Equal(t, "ERR IDMP-DURATION specified multiple times", cmdErr(s.Do("XCFGSET", "mystream", "IDMP-DURATION", "5", "IDMP-DURATION", "6")))
			require.Equal(t, "ERR IDMP-MAXSIZE specified multiple times", cmdErr(s.Do("XCFGSET", "mystream", "IDMP-MAXSIZE", "5", "IDMP-MAXSIZE", "6")))
		}},
		{Name: "XIDMPRECORD", Redis8: true, Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR wrong number of arguments for 'xidmprecord' command", cmdErr(s.Do("XIDMPRECORD", "mystream", "p1", "i1")))
			require.Equal(t, "ERR wrong number of arguments for 'xidmprecord' command", cmdErr(s.Do("XIDMPRECORD", "mystream", "p1", "i1", "1-1", "x")))
			require.Equal(t, "ERR no such key", cmdErr(s.Do("XIDMPRECORD", "nosuchkey", "p1", "i1", "1-1")))
			id := recAdd(s, "mystream", "", "f", "v").Val()
			for _, bad := range []string{"bad", "1-", "-1"} {
				require.Equal(t, "ERR Invalid stream ID specified as stream command argument", cmdErr(s.Do("XIDMPRECORD", "mystream", "p1", "i1", bad)))
			}
			require.Equal(t, "ERR producer ID must be non-empty", cmdErr(s.Do("XIDMPRECORD", "mystream", "", "i1", "1-1")))
			require.Equal(t, "ERR idempotent ID must be non-empty", cmdErr(s.Do("XIDMPRECORD", "mystream", "p1", "", "1-1")))
			require.Equal(t, "ERR No such message in stream", cmdErr(s.Do("XIDMPRECORD", "mystream", "p1", "i1", "999-999")))
			require.Equal(t, "OK", s.Do("XIDMPRECORD", "mystream", "p1", "req-1", id).Val())
			require.Equal(t, "OK", s.Do("XIDMPRECORD", "mystream", "p1", "req-1", id).Val())
			require.Equal(t, id, s.Do("XADD", "mystream", "IDMP", "p1", "req-1", "*", "f", "v2").Val())
			require.Equal(t, int64(1), s.C.XLen(s.Ctx(), "mystream").Val())
			s.Sleep(time.Millisecond)
			id2 := recAdd(s, "mystream", "", "f", "v").Val()
			require.Equal(t, "ERR IID already exists for this producer with a different stream ID", cmdErr(s.Do("XIDMPRECORD", "mystream", "p1", "req-1", id2)))
		}},
		{Name: "XINFO_STREAM_IDMP_fields", Redis8: true, Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "1-0", "f", "v")
			raw := s.Do("XINFO", "STREAM", "mystream").Val()
			m, ok := raw.(map[interface{}]interface{})
			require.True(t, ok, "RESP3 XINFO STREAM is a map: %T", raw)
			require.Len(t, m, 16)
			for k, v := range map[string]int64{"idmp-duration": 100, "idmp-maxsize": 100, "pids-tracked": 0, "iids-tracked": 0, "iids-added": 0, "iids-duplicates": 0} {
				require.Equal(t, v, m[k], k)
			}
			full := s.Do("XINFO", "STREAM", "mystream", "FULL").Val().(map[interface{}]interface{})
			require.Len(t, full, 15)
			require.Equal(t, int64(100), full["idmp-duration"])
			// The RESP2 order of the 16 pairs.
			c2 := goredis.NewClient(&goredis.Options{Clock: s.Clock, Protocol: 2})
			defer c2.Close()
			require.NoError(t, c2.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ID: "1-0", Values: []string{"f", "v"}}).Err())
			keys := flatKeys(c2.Do(s.Ctx(), "XINFO", "STREAM", "mystream").Val())
			require.Equal(t, []string{"length", "radix-tree-keys", "radix-tree-nodes", "last-generated-id", "max-deleted-entry-id",
				"entries-added", "recorded-first-entry-id", "idmp-duration", "idmp-maxsize", "pids-tracked", "iids-tracked",
				"iids-added", "iids-duplicates", "groups", "first-entry", "last-entry"}, keys)
		}},
	})
}
