package goredis_test

// Ports of the XADD / XTRIM / XLEN scenarios of Redis's
// tests/unit/type/stream.tcl (our own Go, one scenario per tcl test; the
// scenario name quotes the tcl test it ports).

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// TestConformanceStreamXAdd ports stream.tcl's XADD tests.
func TestConformanceStreamXAdd(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "XADD_wrong_number_of_args", Run: func(t *testing.T, s *side) {
			want := "ERR wrong number of arguments for 'xadd' command"
			require.Equal(t, want, cmdErr(s.Do("XADD", "mystream")))
			require.Equal(t, want, cmdErr(s.Do("XADD", "mystream", "*")))
			require.Equal(t, want, cmdErr(s.Do("XADD", "mystream", "*", "field")))
		}},
		{Name: "XADD_can_add_entries_into_a_stream_that_XRANGE_can_fetch", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "", "item", "1", "value", "a")
			s.Sleep(stStep)
			recAdd(s, "mystream", "", "item", "2", "value", "b")
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			items := Rec(s, s.C.XRange(s.Ctx(), "mystream", "-", "+")).Val()
			require.Len(t, items, 2)
			require.Equal(t, map[string]interface{}{"item": "1", "value": "a"}, items[0].Values)
			require.Equal(t, map[string]interface{}{"item": "2", "value": "b"}, items[1].Values)
			// The raw reply keeps field order.
			raw := s.Do("XRANGE", "mystream", "-", "+").Val().([]interface{})
			require.Equal(t, []interface{}{"item", "1", "value", "a"}, raw[0].([]interface{})[1])
		}},
		{Name: "XADD_IDs_are_incremental", Run: func(t *testing.T, s *side) {
			var ids []string
			for j := 1; j <= 3; j++ {
				ids = append(ids, recAdd(s, "mystream", "", "item", strconv.Itoa(j)).Val())
				s.Sleep(stStep)
			}
			require.Equal(t, -1, stCmpID(ids[0], ids[1]))
			require.Equal(t, -1, stCmpID(ids[1], ids[2]))
		}},
		{Name: "XADD_IDs_are_incremental_when_ms_is_the_same_as_well", Run: func(t *testing.T, s *side) {
			pipe := s.C.TxPipeline()
			a := pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", Values: []string{"item", "1"}})
			b := pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", Values: []string{"item", "2"}})
			c := pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", Values: []string{"item", "3"}})
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, -1, stCmpID(a.Val(), b.Val()))
			require.Equal(t, -1, stCmpID(b.Val(), c.Val()))
			s.Note("three IDs from one MULTI are increasing")
		}},
		{Name: "XADD_IDs_correctly_report_an_error_when_overflowing", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "18446744073709551615-18446744073709551615", "a", "b")
			require.Equal(t, "ERR The stream has exhausted the last possible ID, unable to add more items",
				cmdErr(recAdd(s, "mystream", "*", "c", "d")))
		}},
		{Name: "XADD_auto-generated_sequence_is_incremented_for_last_ID", Run: func(t *testing.T, s *side) {
			require.Equal(t, "123-456", recAdd(s, "mystream", "123-456", "item", "1", "value", "a").Val())
			require.Equal(t, "123-457", recAdd(s, "mystream", "123-*", "item", "2", "value", "b").Val())
		}},
		{Name: "XADD_auto-generated_sequence_is_zero_for_future_timestamp_ID", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "123-456", "item", "1", "value", "a")
			require.Equal(t, "789-0", recAdd(s, "mystream", "789-*", "item", "2", "value", "b").Val())
		}},
		{Name: "XADD_auto-generated_sequence_can't_be_smaller_than_last_ID", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "123-456", "item", "1", "value", "a")
			require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item",
				cmdErr(recAdd(s, "mystream", "42-*", "item", "2", "value", "b")))
		}},
		{Name: "XADD_auto-generated_sequence_can't_overflow", Redis8: true, Run: // 7.0.15 replies "ERR Elements are too large to be stored"
		func(t *testing.T, s *side) {
			recAdd(s, "mystream", "1-18446744073709551615", "a", "b")
			require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item",
				cmdErr(recAdd(s, "mystream", "1-*", "c", "d")))
		}},
		{Name: "XADD_0-*_should_succeed", Run: func(t *testing.T, s *side) {
			require.Equal(t, "0-1", recAdd(s, "mystream", "0-*", "a", "b").Val())
		}},
		{Name: "XADD_with_MAXLEN_option", Run: func(t *testing.T, s *side) {
			rng := rand.New(rand.NewPCG(1, 2))
			for j := 0; j < 1000; j++ {
				f := "xitem"
				if rng.Float64() >= 0.9 {
					f = "yitem"
				}
				require.NoError(t, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MaxLen: 5, Values: []string{f, strconv.Itoa(j)}}).Err())
			}
			require.Equal(t, int64(5), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			items := s.C.XRange(s.Ctx(), "mystream", "-", "+").Val()
			var got []string
			for _, m := range items {
				for _, v := range m.Values {
					got = append(got, fmt.Sprint(v))
				}
			}
			require.Equal(t, []string{"995", "996", "997", "998", "999"}, got)
			s.Note("values %v", got)
		}},
		{Name: "XADD_with_MAXLEN_option_and_the_'='_argument", Run: func(t *testing.T, s *side) {
			stAddN(s, "mystream", 1000, func(int) string { return "xitem" }, "MAXLEN", "=", "5")
			require.Equal(t, int64(5), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XADD_with_MAXLEN_option_and_the_'~'_argument", Run: func(t *testing.T, s *side) {
			stAddN(s, "mystream", 1000, func(j int) string { return "xitem" }, "MAXLEN", "~", "555")
			require.Equal(t, int64(600), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XADD_with_NOMKSTREAM_option", Run: func(t *testing.T, s *side) {
			c := Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", NoMkStream: true, ID: "1-1", Values: []string{"item", "1", "value", "a"}}))
			require.Equal(t, redis.Nil, c.Err())
			require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "mystream")).Val())
			recAdd(s, "mystream", "1-1", "item", "1", "value", "a")
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", NoMkStream: true, ID: "1-2", Values: []string{"item", "2", "value", "b"}}))
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			items := Rec(s, s.C.XRange(s.Ctx(), "mystream", "-", "+")).Val()
			require.Equal(t, []string{"1-1", "1-2"}, msgIDs(items))
			require.Equal(t, []string{"a", "b"}, stValues(items, "value"))
			// With automatic IDs too.
			require.Equal(t, redis.Nil, Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "other", NoMkStream: true, Values: []string{"f", "v"}})).Err())
		}},
		{Name: "XADD_with_MINID_option", Run: func(t *testing.T, s *side) {
			for j := 1; j < 1001; j++ {
				minid := 1000
				if j >= 5 {
					minid = j - 5
				}
				require.NoError(t, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MinID: strconv.Itoa(minid), ID: strconv.Itoa(j), Values: []string{"xitem", strconv.Itoa(j)}}).Err())
			}
			require.Equal(t, int64(6), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			items := Rec(s, s.C.XRange(s.Ctx(), "mystream", "-", "+")).Val()
			require.Equal(t, []string{"995", "996", "997", "998", "999", "1000"}, stValues(items, "xitem"))
		}},
		{Name: "XADD_mass_insertion_and_XLEN+XRANGE_COUNT+iterate+XREVRANGE", Run: func(t *testing.T, s *side) {
			// Ports "XADD mass insertion and XLEN", "XRANGE COUNT works as
			// expected", "XREVRANGE COUNT works as expected", "XRANGE can be
			// used to iterate the whole stream" and "XREVRANGE returns the
			// reverse of XRANGE" (they share the 10000-entry stream).
			stInsert(s, "mystream", 10000, rand.New(rand.NewPCG(3, 4)))
			items := s.C.XRange(s.Ctx(), "mystream", "-", "+").Val()
			require.Len(t, items, 10000)
			for j, m := range items {
				require.Equal(t, strconv.Itoa(j), m.Values["item"])
			}
			require.Equal(t, int64(10000), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			require.Len(t, s.C.XRangeN(s.Ctx(), "mystream", "-", "+", 10).Val(), 10)
			require.Len(t, s.C.XRevRangeN(s.Ctx(), "mystream", "+", "-", 10).Val(), 10)
			last, j := "-", 0
			for {
				els, err := s.C.XRangeN(s.Ctx(), "mystream", last, "+", 100).Result()
				require.NoError(t, err)
				if len(els) == 0 {
					break
				}
				for _, e := range els {
					require.Equal(t, strconv.Itoa(j), e.Values["item"])
					j++
				}
				last = stNextID(els[len(els)-1].ID)
			}
			require.Equal(t, 10000, j)
			rev := s.C.XRevRange(s.Ctx(), "mystream", "+", "-").Val()
			require.Len(t, rev, len(items))
			for i := range rev {
				require.Equal(t, items[len(items)-1-i].ID, rev[i].ID)
			}
			s.Note("iterated %d entries; XREVRANGE is the reverse", j)
		}},
		{Name: "XADD_with_ID_0-0", Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR The ID specified in XADD must be greater than 0-0", cmdErr(recAdd(s, "otherstream", "0-0", "k", "v")))
			require.Equal(t, "ERR The ID specified in XADD must be greater than 0-0", cmdErr(recAdd(s, "otherstream", "0", "k", "v")))
			require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "otherstream")).Val())
		}},
		{Name: "XADD_with_LIMIT_delete_entries_no_more_than_limit", Run: func(t *testing.T, s *side) {
			for j := 1; j <= 3; j++ {
				recAdd(s, "yourstream", strconv.Itoa(j), "xitem", "v")
			}
			s.Do("XADD", "yourstream", "MAXLEN", "~", "0", "limit", "1", "4", "xitem", "v")
			require.Equal(t, int64(4), Rec(s, s.C.XLen(s.Ctx(), "yourstream")).Val())
		}},
		{Name: "XADD_streamID_edge", Run: func(t *testing.T, s *side) {
			recAdd(s, "x", "2577343934890-18446744073709551615", "f", "v")
			require.Equal(t, "2577343934891-0", recAdd(s, "x", "*", "f2", "v2").Val())
			items := Rec(s, s.C.XRange(s.Ctx(), "x", "-", "+")).Val()
			require.Equal(t, []string{"2577343934890-18446744073709551615", "2577343934891-0"}, msgIDs(items))
		}},
		{Name: "XADD_with_LIMIT_consecutive_calls", Run: func(t *testing.T, s *side) {
			stNodeSize(t, s, 10)
			stAddN(s, "mystream", 100, func(int) string { return "xitem" })
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MaxLen: 55, Approx: true, Limit: 30, ID: "9999999999999-1", Values: []string{"xitem", "v"}}))
			require.Equal(t, int64(71), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", MaxLen: 55, Approx: true, Limit: 30, ID: "9999999999999-2", Values: []string{"xitem", "v"}}))
			require.Equal(t, int64(62), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XADD_can_CREATE_an_empty_stream", Run: func(t *testing.T, s *side) {
			s.Do("XADD", "mystream", "MAXLEN", "0", "5-5", "a", "b")
			info := stInfo(s, "mystream")
			require.Equal(t, int64(0), info.Length)
			require.Equal(t, "5-5", info.LastGeneratedID)
			require.Equal(t, int64(1), info.EntriesAdded)
			require.Equal(t, int64(1), Rec(s, s.C.Exists(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XADD_with_artial_ID_with_maximal_seq", Redis8: true, Run: // 7.0.15 replies "ERR Elements are too large to be stored"
		func(t *testing.T, s *side) {
			recAdd(s, "x", "1-18446744073709551615", "f1", "v1")
			require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item",
				cmdErr(recAdd(s, "x", "1-*", "f2", "v2")))
		}},
		{Name: "XADD_option_errors", Run: func(t *testing.T, s *side) {
			// Not a tcl test: the parse errors the tcl tests match with ERR*.
			s.Do("XADD", "s", "MAXLEN", "5", "MINID", "1", "*", "f", "v")
			s.Do("XADD", "s", "MAXLEN", "-1", "*", "f", "v")
			s.Do("XADD", "s", "MAXLEN", "x", "*", "f", "v")
			s.Do("XADD", "s", "MAXLEN", "=", "5", "LIMIT", "10", "*", "f", "v")
			s.Do("XADD", "s", "LIMIT", "10", "*", "f", "v")
			s.Do("XADD", "s", "MAXLEN", "~", "5", "LIMIT", "-1", "*", "f", "v")
			s.Do("XADD", "s", "MINID", "-", "*", "f", "v")
			s.Do("XADD", "s", "NOMKSTREAM", "1-x", "f", "v")
			s.Do("XADD", "s", "1-1", "f", "v", "g")
			require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "s")).Val())
		}},
	})
}

// TestConformanceStreamXTrim ports stream.tcl's XTRIM tests.
func TestConformanceStreamXTrim(t *testing.T) {
	fill5 := func(s *side) {
		for j := 1; j <= 5; j++ {
			recAdd(s, "mystream", strconv.Itoa(j)+"-0", "f", "v")
		}
	}
	runConformance(t, []scenario{
		{Name: "XTRIM_with_MINID_option", Run: func(t *testing.T, s *side) {
			fill5(s)
			require.Equal(t, int64(2), Rec(s, s.C.XTrimMinID(s.Ctx(), "mystream", "3-0")).Val())
			items := Rec(s, s.C.XRange(s.Ctx(), "mystream", "-", "+")).Val()
			require.Equal(t, []string{"3-0", "4-0", "5-0"}, msgIDs(items))
		}},
		{Name: "XTRIM_with_MINID_option,_big_delta_from_master_record", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "1-0", "f", "v")
			recAdd(s, "mystream", "1641544570597-0", "f", "v")
			recAdd(s, "mystream", "1641544570597-1", "f", "v")
			require.Equal(t, int64(1), s.Do("XTRIM", "mystream", "MINID", "1641544570597-0").Val())
			items := Rec(s, s.C.XRange(s.Ctx(), "mystream", "-", "+")).Val()
			require.Equal(t, []string{"1641544570597-0", "1641544570597-1"}, msgIDs(items))
		}},
		{Name: "XTRIM_with_MAXLEN_option_basic_test", Run: func(t *testing.T, s *side) {
			stAddN(s, "mystream", 1000, func(int) string { return "xitem" })
			require.Equal(t, int64(334), Rec(s, s.C.XTrimMaxLen(s.Ctx(), "mystream", 666)).Val())
			require.Equal(t, int64(666), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			require.Equal(t, int64(111), s.Do("XTRIM", "mystream", "MAXLEN", "=", "555").Val())
			require.Equal(t, int64(555), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			Rec(s, s.C.XTrimMaxLenApprox(s.Ctx(), "mystream", 444, 0))
			require.Equal(t, int64(500), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			Rec(s, s.C.XTrimMaxLenApprox(s.Ctx(), "mystream", 400, 0))
			require.Equal(t, int64(400), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XTRIM_with_~_is_limited", Run: func(t *testing.T, s *side) {
			stNodeSize(t, s, 1)
			stAddN(s, "mystream", 102, func(int) string { return "xitem" })
			require.Equal(t, int64(100), Rec(s, s.C.XTrimMaxLenApprox(s.Ctx(), "mystream", 1, 0)).Val())
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XTRIM_with_~_is_limited_(default_node_size)", Run: func(t *testing.T, s *side) {
			// The same rule at the default node size: the implicit LIMIT is
			// 100 * 100 entries.
			stInsert(s, "mystream", 10200, rand.New(rand.NewPCG(5, 6)))
			require.Equal(t, int64(10000), Rec(s, s.C.XTrimMaxLenApprox(s.Ctx(), "mystream", 1, 0)).Val())
			require.Equal(t, int64(200), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			require.Equal(t, int64(100), Rec(s, s.C.XTrimMaxLenApprox(s.Ctx(), "mystream", 1, -1)).Val())
		}},
		{Name: "XTRIM_without_~_is_not_limited", Run: func(t *testing.T, s *side) {
			stNodeSize(t, s, 1)
			stAddN(s, "mystream", 102, func(int) string { return "xitem" })
			require.Equal(t, int64(101), Rec(s, s.C.XTrimMaxLen(s.Ctx(), "mystream", 1)).Val())
			require.Equal(t, int64(1), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XTRIM_without_~_and_with_LIMIT", Run: func(t *testing.T, s *side) {
			stNodeSize(t, s, 1)
			stAddN(s, "mystream", 102, func(int) string { return "xitem" })
			require.Equal(t, "ERR syntax error, LIMIT cannot be used without the special ~ option",
				cmdErr(s.Do("XTRIM", "mystream", "MAXLEN", "1", "LIMIT", "30")))
			require.Equal(t, int64(102), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
		}},
		{Name: "XTRIM_with_LIMIT_delete_entries_no_more_than_limit", Run: func(t *testing.T, s *side) {
			stNodeSize(t, s, 2)
			stAddN(s, "mystream", 3, func(int) string { return "xitem" })
			require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLenApprox(s.Ctx(), "mystream", 0, 1)).Val())
			require.Equal(t, int64(2), Rec(s, s.C.XTrimMaxLenApprox(s.Ctx(), "mystream", 0, 2)).Val())
		}},
		{Name: "XTRIM_option_errors_and_missing_key", Run: func(t *testing.T, s *side) {
			// Not a tcl test: the parse errors and replies around the tcl cases.
			require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLen(s.Ctx(), "nokey", 0)).Val())
			s.Do("XTRIM", "nokey")
			s.Do("XTRIM", "nokey", "LIMIT", "5")
			s.Do("XTRIM", "nokey", "MAXLEN", "1", "MINID", "1")
			s.Do("XTRIM", "nokey", "MAXLEN", "-1")
			s.Do("XTRIM", "nokey", "MAXLEN", "~", "1", "LIMIT", "-1")
			s.Do("XTRIM", "nokey", "MAXLEN", "1", "FOO")
			s.Do("XTRIM", "nokey", "MINID", "+")
			s.Do("XTRIM", "nokey", "MINID", "~", "5", "LIMIT", "0")
		}},
	})
}

// stCmpID compares two stream IDs ms-seq numerically, like strcmp.
func stCmpID(a, b string) int {
	am, as := stSplitID(a)
	bm, bs := stSplitID(b)
	switch {
	case am != bm:
		if am < bm {
			return -1
		}
		return 1
	case as != bs:
		if as < bs {
			return -1
		}
		return 1
	}
	return 0
}

// stSplitID parses ms-seq (a missing seq is 0).
func stSplitID(id string) (uint64, uint64) {
	var ms, seq uint64
	if i := strings.IndexByte(id, '-'); i >= 0 {
		ms, _ = strconv.ParseUint(id[:i], 10, 64)
		seq, _ = strconv.ParseUint(id[i+1:], 10, 64)
	} else {
		ms, _ = strconv.ParseUint(id, 10, 64)
	}
	return ms, seq
}

// stNextID is the ID right after id (no seq overflow handling, as in the tcl).
func stNextID(id string) string {
	ms, seq := stSplitID(id)
	return fmt.Sprintf("%d-%d", ms, seq+1)
}
