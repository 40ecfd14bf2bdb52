package goredis_test

// Ports of stream.tcl's XRANGE / XREVRANGE / XDEL / XSETID / XINFO STREAM
// scenarios.

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// TestConformanceStreamRange ports stream.tcl's XRANGE / XREVRANGE tests.
func TestConformanceStreamRange(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "XRANGE_exclusive_ranges", Run: func(t *testing.T, s *side) {
			ids := []string{"0-1", "0-18446744073709551615", "1-0", "42-0", "42-42",
				"18446744073709551615-18446744073709551614", "18446744073709551615-18446744073709551615"}
			pipe := s.C.TxPipeline()
			pipe.Del(s.Ctx(), "vipstream")
			for _, id := range ids {
				pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "vipstream", ID: id, Values: []string{"foo", "bar"}})
			}
			cmds, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			for _, c := range cmds {
				Rec(s, c)
			}
			n := len(ids)
			require.Len(t, Rec(s, s.C.XRange(s.Ctx(), "vipstream", "-", "+")).Val(), n)
			require.Len(t, Rec(s, s.C.XRange(s.Ctx(), "vipstream", "("+ids[0], "+")).Val(), n-1)
			require.Len(t, Rec(s, s.C.XRange(s.Ctx(), "vipstream", "-", "("+ids[n-1])).Val(), n-1)
			require.Equal(t, []string{"0-18446744073709551615"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "(0-1", "(1-0")).Val()))
			require.Equal(t, []string{"42-0"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "(1-0", "(42-42")).Val()))
			require.Equal(t, []string{"42-0"}, msgIDs(Rec(s, s.C.XRevRange(s.Ctx(), "vipstream", "(42-42", "(1-0")).Val()))
			bad := "ERR Invalid stream ID specified as stream command argument"
			require.Equal(t, bad, cmdErr(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "(-", "+"))))
			require.Equal(t, bad, cmdErr(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "-", "(+"))))
			require.Equal(t, "ERR invalid start ID for the interval",
				cmdErr(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "(18446744073709551615-18446744073709551615", "+"))))
			require.Equal(t, "ERR invalid end ID for the interval", cmdErr(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "-", "(0-0"))))
			require.Equal(t, "ERR invalid end ID for the interval", cmdErr(s.Do("XREVRANGE", "vipstream", "(0-0", "-")))
			require.Equal(t, "ERR invalid start ID for the interval", cmdErr(s.Do("XREVRANGE", "vipstream", "+", "(18446744073709551615-18446744073709551615")))
			// Incomplete IDs: a missing seq is 0 for the start, max for the end.
			require.Equal(t, []string{"42-0", "42-42"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "42", "42")).Val()))
			require.Equal(t, []string{"42-42"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "vipstream", "(42", "(42")).Val()))
		}},
		{Name: "XRANGE_fuzzing", Run: func(t *testing.T, s *side) {
			// The tcl fuzzes XRANGE against a linear scan of the entries; here
			// a few hundred entries with seeded random IDs (ms in [low, high],
			// seq below 1000) and 100 seeded random ranges.
			rng := rand.New(rand.NewPCG(7, 8))
			set := map[string]bool{}
			var all []string
			for len(all) < 300 {
				id := fmt.Sprintf("%d-%d", 1000+rng.IntN(200), rng.IntN(1000))
				if !set[id] {
					set[id] = true
					all = append(all, id)
				}
			}
			sort.Slice(all, func(i, j int) bool { return stCmpID(all[i], all[j]) < 0 })
			pipe := s.C.Pipeline()
			for i, id := range all {
				pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "mystream", ID: id, Values: []string{"item", strconv.Itoa(i)}})
			}
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			require.Equal(t, int64(300), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			randID := func() string { return fmt.Sprintf("%d-%d", 1000+rng.IntN(200), rng.IntN(1000)) }
			for j := 0; j < 100; j++ {
				start, end := randID(), randID()
				var want []string
				for _, id := range all {
					if stCmpID(id, start) >= 0 && stCmpID(id, end) <= 0 {
						want = append(want, id)
					}
				}
				got := msgIDs(Rec(s, s.C.XRange(s.Ctx(), "mystream", start, end)).Val())
				require.Equal(t, fmt.Sprint(want), fmt.Sprint(got), "XRANGE %s %s", start, end)
				rev := msgIDs(Rec(s, s.C.XRevRange(s.Ctx(), "mystream", end, start)).Val())
				require.Len(t, rev, len(want))
				for i := range rev {
					require.Equal(t, want[len(want)-1-i], rev[i])
				}
			}
		}},
		{Name: "XREVRANGE_regression_test_for_issue_#5006", Run: func(t *testing.T, s *side) {
			recAdd(s, "teststream", "1234567891230", "key1", "value1")
			recAdd(s, "teststream", "1234567891240", "key2", "value2")
			recAdd(s, "teststream", "1234567891250", "key3", "value3")
			recAdd(s, "teststream2", "1234567891230", "key1", "value1")
			recAdd(s, "teststream2", "1234567891240", "key1", "value2")
			recAdd(s, "teststream2", "1234567891250", "key1", "value3")
			r1 := Rec(s, s.C.XRevRange(s.Ctx(), "teststream", "1234567891245", "-")).Val()
			require.Equal(t, []string{"1234567891240-0", "1234567891230-0"}, msgIDs(r1))
			require.Equal(t, []string{"value2", "value1"}, []string{fmt.Sprint(r1[0].Values["key2"]), fmt.Sprint(r1[1].Values["key1"])})
			r2 := Rec(s, s.C.XRevRange(s.Ctx(), "teststream2", "1234567891245", "-")).Val()
			require.Equal(t, []string{"1234567891240-0", "1234567891230-0"}, msgIDs(r2))
			require.Equal(t, []string{"value2", "value1"}, stValues(r2, "key1"))
		}},
		{Name: "XRANGE_COUNT_and_option_edge_cases", Run: func(t *testing.T, s *side) {
			// Not a tcl test: COUNT 0 / negative, repeated COUNT, bad options,
			// a missing key, start after end.
			for j := 1; j <= 5; j++ {
				recAdd(s, "s", strconv.Itoa(j), "f", strconv.Itoa(j))
			}
			s.Do("XRANGE", "s", "-", "+", "COUNT", "0")
			s.Do("XRANGE", "s", "-", "+", "COUNT", "-3")
			s.Do("XREVRANGE", "s", "+", "-", "COUNT", "0")
			require.Len(t, Rec(s, s.C.XRangeN(s.Ctx(), "s", "-", "+", 2)).Val(), 2)
			require.Equal(t, []string{"5-0", "4-0"}, msgIDs(Rec(s, s.C.XRevRangeN(s.Ctx(), "s", "+", "-", 2)).Val()))
			s.Do("XRANGE", "s", "-", "+", "COUNT", "1", "COUNT", "3")
			s.Do("XRANGE", "s", "-", "+", "COUNT")
			s.Do("XRANGE", "s", "-", "+", "COUNT", "x")
			s.Do("XRANGE", "s", "-", "+", "LIMIT", "1")
			s.Do("XRANGE", "s", "x", "+")
			s.Do("XRANGE", "s", "-", "1-*")
			require.Empty(t, Rec(s, s.C.XRange(s.Ctx(), "s", "4", "2")).Val())
			require.Empty(t, Rec(s, s.C.XRange(s.Ctx(), "nokey", "-", "+")).Val())
			s.Do("XRANGE", "nokey", "-", "+", "COUNT", "0")
			s.Do("XRANGE", "s", "-")
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "nokey")).Val())
			s.Do("XLEN", "s", "t")
		}},
	})
}

// TestConformanceStreamXDel ports stream.tcl's XDEL tests.
func TestConformanceStreamXDel(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "XDEL_basic_test", Run: func(t *testing.T, s *side) {
			recAdd(s, "somestream", "", "foo", "value0")
			s.Sleep(stStep)
			id := recAdd(s, "somestream", "", "foo", "value1").Val()
			s.Sleep(stStep)
			recAdd(s, "somestream", "", "foo", "value2")
			require.Equal(t, int64(1), Rec(s, s.C.XDel(s.Ctx(), "somestream", id)).Val())
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "somestream")).Val())
			res := Rec(s, s.C.XRange(s.Ctx(), "somestream", "-", "+")).Val()
			require.Equal(t, []string{"value0", "value2"}, stValues(res, "foo"))
		}},
		{Name: "XDEL_multiply_id_test", Run: func(t *testing.T, s *side) {
			for j, f := range []string{"a", "b", "c", "d", "e"} {
				recAdd(s, "somestream", "1-"+strconv.Itoa(j+1), f, strconv.Itoa(j+1))
			}
			require.Equal(t, int64(5), Rec(s, s.C.XLen(s.Ctx(), "somestream")).Val())
			require.Equal(t, int64(3), Rec(s, s.C.XDel(s.Ctx(), "somestream", "1-1", "1-4", "1-5", "2-1")).Val())
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "somestream")).Val())
			res := Rec(s, s.C.XRange(s.Ctx(), "somestream", "-", "+")).Val()
			require.Equal(t, "2", res[0].Values["b"])
			require.Equal(t, "3", res[1].Values["c"])
		}},
		{Name: "XDEL_fuzz_test", Run: func(t *testing.T, s *side) {
			// The tcl adds until the stream has more than 20 radix-tree keys
			// (nodes of 100 entries); 2150 entries give 22 nodes.
			const n = 2150
			var ids []string
			for j := 0; j < n; j++ {
				ids = append(ids, fmt.Sprintf("%d-%d", 1+j/7, j%7))
			}
			pipe := s.C.Pipeline()
			for j, id := range ids {
				pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "somestream", ID: id, Values: []string{"item", strconv.Itoa(j)}})
			}
			_, err := pipe.Exec(s.Ctx())
			require.NoError(t, err)
			x := int64(n)
			require.Equal(t, x, Rec(s, s.C.XLen(s.Ctx(), "somestream")).Val())
			rng := rand.New(rand.NewPCG(9, 10))
			rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
			for _, id := range ids {
				require.Equal(t, int64(1), s.C.XDel(s.Ctx(), "somestream", id).Val(), "XDEL %s", id)
				x--
				require.Equal(t, x, s.C.XLen(s.Ctx(), "somestream").Val())
				if x%100 == 0 {
					res := Rec(s, s.C.XRange(s.Ctx(), "somestream", "-", "+")).Val()
					require.Len(t, res, int(x))
				}
			}
			stInfo(s, "somestream")
		}},
		{Name: "XDEL_edge_cases", Run: func(t *testing.T, s *side) {
			// Not a tcl test: a missing key (IDs not validated), one bad ID
			// (nothing deleted), repeated IDs.
			require.Equal(t, int64(0), Rec(s, s.C.XDel(s.Ctx(), "nokey", "bad")).Val())
			recAdd(s, "s", "1-1", "f", "v")
			recAdd(s, "s", "1-2", "f", "v")
			require.Equal(t, "ERR Invalid stream ID specified as stream command argument", cmdErr(Rec(s, s.C.XDel(s.Ctx(), "s", "1-1", "bad"))))
			require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
			require.Equal(t, int64(1), Rec(s, s.C.XDel(s.Ctx(), "s", "1-1", "1-1")).Val())
			s.Do("XDEL", "s")
			require.Equal(t, int64(1), Rec(s, s.C.XDel(s.Ctx(), "s", "1-2")).Val())
			// An emptied stream still exists and keeps its last ID.
			require.Equal(t, int64(1), Rec(s, s.C.Exists(s.Ctx(), "s")).Val())
			info := stInfo(s, "s")
			require.Equal(t, "1-2", info.LastGeneratedID)
			require.Equal(t, "1-2", info.MaxDeletedEntryID)
			require.Equal(t, "0-0", info.RecordedFirstEntryID)
		}},
	})
}

// TestConformanceStreamXSetID ports stream.tcl's XSETID tests.
func TestConformanceStreamXSetID(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "XSETID_can_set_a_specific_ID", Run: func(t *testing.T, s *side) {
			s.Do("XADD", "mystream", "MAXLEN", "0", "*", "a", "b")
			require.Equal(t, "OK", s.Do("XSETID", "mystream", "200-0").Val())
			info := stInfo(s, "mystream")
			require.Equal(t, "200-0", info.LastGeneratedID)
			require.Equal(t, int64(1), info.EntriesAdded)
		}},
		{Name: "XSETID_cannot_SETID_with_smaller_ID", Run: func(t *testing.T, s *side) {
			recAdd(s, "mystream", "5-0", "a", "b")
			require.Equal(t, "ERR The ID specified in XSETID is smaller than the target stream top item", cmdErr(s.Do("XSETID", "mystream", "1-1")))
			s.Do("XADD", "mystream", "MAXLEN", "0", "6-0", "a", "b")
			// Once the stream is empty, a smaller ID is accepted.
			require.Equal(t, "OK", s.Do("XSETID", "mystream", "1-1").Val())
			stInfo(s, "mystream")
		}},
		{Name: "XSETID_cannot_SETID_on_non-existent_key", Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR no such key", cmdErr(s.Do("XSETID", "stream", "1-1")))
		}},
		{Name: "XSETID_cannot_run_with_an_offset_but_without_a_maximal_tombstone", Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR syntax error", cmdErr(s.Do("XSETID", "stream", "1-1", "0")))
		}},
		{Name: "XSETID_cannot_run_with_a_maximal_tombstone_but_without_an_offset", Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR syntax error", cmdErr(s.Do("XSETID", "stream", "1-1", "0-0")))
		}},
		{Name: "XSETID_errors_on_negstive_offset", Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR entries_added must be positive", cmdErr(s.Do("XSETID", "stream", "1-1", "ENTRIESADDED", "-1", "MAXDELETEDID", "0-0")))
		}},
		{Name: "XSETID_cannot_set_the_maximal_tombstone_with_larger_ID", Run: func(t *testing.T, s *side) {
			recAdd(s, "x", "1-0", "a", "b")
			require.Equal(t, "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id",
				cmdErr(s.Do("XSETID", "x", "1-0", "ENTRIESADDED", "1", "MAXDELETEDID", "2-0")))
		}},
		{Name: "XSETID_cannot_set_the_offset_to_less_than_the_length", Run: func(t *testing.T, s *side) {
			recAdd(s, "x", "1-0", "a", "b")
			require.Equal(t, "ERR The entries_added specified in XSETID is smaller than the target stream length",
				cmdErr(s.Do("XSETID", "x", "1-0", "ENTRIESADDED", "0", "MAXDELETEDID", "0-0")))
		}},
		{Name: "XSETID_cannot_set_smaller_ID_than_current_MAXDELETEDID", Redis8: true, Run: // 7.0.15 accepts it
		func(t *testing.T, s *side) {
			recAdd(s, "x", "1-1", "a", "1")
			recAdd(s, "x", "1-2", "b", "2")
			recAdd(s, "x", "1-3", "c", "3")
			Rec(s, s.C.XDel(s.Ctx(), "x", "1-2"))
			Rec(s, s.C.XDel(s.Ctx(), "x", "1-3"))
			require.Equal(t, "1-3", stInfo(s, "x").MaxDeletedEntryID)
			require.Equal(t, "ERR The ID specified in XSETID is smaller than current max_deleted_entry_id", cmdErr(s.Do("XSETID", "x", "1-2")))
			require.Equal(t, "OK", s.Do("XSETID", "x", "1-3").Val())
			require.Equal(t, "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id", cmdErr(s.Do("XSETID", "x", "2-0", "MAXDELETEDID", "4-0")))
			require.Equal(t, "ERR entries_added must be positive", cmdErr(s.Do("XSETID", "x", "2-0", "ENTRIESADDED", "-1")))
		}},
		{Name: "XSETID_options_and_argument_order", Run: func(t *testing.T, s *side) {
			// Not a tcl test: the remaining checks, in Redis's order.
			recAdd(s, "x", "1-1", "a", "1")
			s.Do("XSETID", "x", "bad")
			s.Do("XSETID", "x", "$")
			s.Do("XSETID", "nokey", "bad")
			s.Do("XSETID", "nokey", "1-1", "ENTRIESADDED", "x")
			s.Do("XSETID", "nokey", "1-1", "MAXDELETEDID", "bad")
			s.Do("XSETID", "nokey", "1-1", "ENTRIESADDED")
			s.Do("XSETID", "x", "5-5", "ENTRIESADDED", "7", "MAXDELETEDID", "3-3")
			info := stInfo(s, "x")
			require.Equal(t, "5-5", info.LastGeneratedID)
			require.Equal(t, int64(7), info.EntriesAdded)
			require.Equal(t, "3-3", info.MaxDeletedEntryID)
			s.Do("XSETID", "x", "5-5", "MAXDELETEDID", "4-0", "ENTRIESADDED", "9")
			stInfo(s, "x")
			require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item", cmdErr(recAdd(s, "x", "5-5", "f", "v")))
			require.Equal(t, "5-6", recAdd(s, "x", "5-*", "f", "v").Val())
			s.Do("XSETID", "x")
		}},
	})
}

// TestConformanceStreamXInfo ports stream.tcl's XINFO STREAM tests (the
// entries-added / recorded-first-entry-id / max-deleted-entry-id fields) and
// the HELP arity checks.
func TestConformanceStreamXInfo(t *testing.T) {
	add5 := func(s *side) {
		for j := 1; j <= 5; j++ {
			recAdd(s, "x", strconv.Itoa(j)+"-0", "data", "a")
		}
	}
	runConformance(t, []scenario{
		{Name: "XADD_advances_the_entries-added_counter_and_sets_the_recorded-first-entry-id", Run: func(t *testing.T, s *side) {
			recAdd(s, "x", "1-0", "data", "a")
			info := stInfoFull(s, "x")
			require.Equal(t, int64(1), info.EntriesAdded)
			require.Equal(t, "1-0", info.RecordedFirstEntryID)
			recAdd(s, "x", "2-0", "data", "a")
			info = stInfoFull(s, "x")
			require.Equal(t, int64(2), info.EntriesAdded)
			require.Equal(t, "1-0", info.RecordedFirstEntryID)
		}},
		{Name: "XDEL/TRIM_are_reflected_by_recorded_first_entry", Run: func(t *testing.T, s *side) {
			add5(s)
			info := stInfoFull(s, "x")
			require.Equal(t, int64(5), info.EntriesAdded)
			require.Equal(t, "1-0", info.RecordedFirstEntryID)
			Rec(s, s.C.XDel(s.Ctx(), "x", "2-0"))
			require.Equal(t, "1-0", stInfoFull(s, "x").RecordedFirstEntryID)
			Rec(s, s.C.XDel(s.Ctx(), "x", "1-0"))
			require.Equal(t, "3-0", stInfoFull(s, "x").RecordedFirstEntryID)
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "x", 2))
			require.Equal(t, "4-0", stInfoFull(s, "x").RecordedFirstEntryID)
		}},
		{Name: "Maximum_XDEL_ID_behaves_correctly", Run: func(t *testing.T, s *side) {
			recAdd(s, "x", "1-0", "data", "a")
			recAdd(s, "x", "2-0", "data", "b")
			recAdd(s, "x", "3-0", "data", "c")
			require.Equal(t, "0-0", stInfoFull(s, "x").MaxDeletedEntryID)
			Rec(s, s.C.XDel(s.Ctx(), "x", "2-0"))
			require.Equal(t, "2-0", stInfoFull(s, "x").MaxDeletedEntryID)
			Rec(s, s.C.XDel(s.Ctx(), "x", "1-0"))
			require.Equal(t, "2-0", stInfoFull(s, "x").MaxDeletedEntryID)
			// Trimming does not move it.
			Rec(s, s.C.XTrimMaxLen(s.Ctx(), "x", 0))
			info := stInfoFull(s, "x")
			require.Equal(t, "2-0", info.MaxDeletedEntryID)
			require.Equal(t, "0-0", info.RecordedFirstEntryID)
		}},
		{Name: "XINFO_STREAM_basics", Run: func(t *testing.T, s *side) {
			// Not a tcl test of its own: first/last entry, FULL COUNT, errors.
			add5(s)
			info := stInfo(s, "x")
			require.Equal(t, "1-0", info.FirstEntry.ID)
			require.Equal(t, "5-0", info.LastEntry.ID)
			full, err := s.C.XInfoStreamFull(s.Ctx(), "x", 2).Result()
			require.NoError(t, err)
			require.Equal(t, []string{"1-0", "2-0"}, msgIDs(full.Entries))
			s.Note("FULL COUNT 2 entries %v", msgIDs(full.Entries))
			require.Equal(t, "ERR no such key", cmdErr(s.C.XInfoStream(s.Ctx(), "nokey")))
			s.Do("XINFO", "STREAM", "nokey")
			s.Do("XINFO", "STREAM", "x", "FULL", "COUNT", "x")
			s.Do("XINFO", "STREAM", "x", "FULLX")
			s.Do("XINFO", "STREAM", "x", "FULL", "COUNT")
			s.Do("XINFO", "STREAM")
			s.Do("XINFO", "NOSUCH", "x")
		}},
		{Name: "XGROUP_HELP_should_not_have_unexpected_options", Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR wrong number of arguments for 'xgroup|help' command", cmdErr(s.Do("XGROUP", "help", "xxx")))
		}},
		{Name: "XINFO_HELP_should_not_have_unexpected_options", Run: func(t *testing.T, s *side) {
			require.Equal(t, "ERR wrong number of arguments for 'xinfo|help' command", cmdErr(s.Do("XINFO", "help", "xxx")))
		}},
	})
}
