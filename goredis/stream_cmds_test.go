package goredis_test

// Conformance scenarios of the stream-level commands: XADD, XLEN, XRANGE,
// XREVRANGE, XDEL, XTRIM and XSETID, against real Redis 7.0 and in process.

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// scRawIDs returns the IDs of a raw XRANGE reply (from Do).
func scRawIDs(t *testing.T, v interface{}) []string {
	t.Helper()
	entries, ok := v.([]interface{})
	require.True(t, ok, "not an array: %#v", v)
	out := make([]string, len(entries))
	for i, e := range entries {
		pair := e.([]interface{})
		require.Len(t, pair, 2)
		out[i] = pair[0].(string)
	}
	return out
}

// scFill adds entries ms-1 for ms in 1..n to key.
func scFill(s *side, key string, n int) {
	for i := 1; i <= n; i++ {
		Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: key, ID: strconv.Itoa(i) + "-1", Values: []string{"f", strconv.Itoa(i)}}))
	}
}

const (
	scInvalidID  = "ERR Invalid stream ID specified as stream command argument"
	scNotInteger = "ERR value is not an integer or out of range"
	scSyntax     = "ERR syntax error"
)

func TestStreamCmdsConformance(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "xadd-ids", Run: scXAddIDs},
		{Name: "xadd-options", Run: scXAddOptions},
		{Name: "xadd-trim", Run: scXAddTrim},
		{Name: "xrange", Run: scXRange},
		{Name: "xdel-xlen", Run: scXDel},
		{Name: "xtrim", Run: scXTrim},
		{Name: "xsetid", Run: scXSetID},
		{Name: "arity", Run: scArity},
	})
}

// scXAddIDs: explicit, "ms-*", automatic IDs and the ID errors.
func scXAddIDs(t *testing.T, s *side) {
	require.Equal(t, "1-1", recAdd(s, "s", "1-1", "a", "1").Val())
	require.Equal(t, "1-2", recAdd(s, "s", "1-*", "a", "2").Val())
	require.Equal(t, "2-0", recAdd(s, "s", "2", "a", "3").Val())
	require.Equal(t, "5-0", recAdd(s, "s", "5-*", "a", "4").Val())
	require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item",
		cmdErr(recAdd(s, "s", "5-0", "a", "x")))
	require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item",
		cmdErr(recAdd(s, "s", "4-*", "a", "x")))
	require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item",
		cmdErr(recAdd(s, "s", "3", "a", "x")))
	for _, bad := range []string{"abc", "1-x", "-", "+", "1-", "-1", "1-2-3", "*-1", "1-**", "18446744073709551616-0"} {
		require.Equal(t, scInvalidID, cmdErr(recAdd(s, "s", bad, "a", "x")), bad)
	}
	// 0-0 is refused before the key is looked up: no key is created.
	require.Equal(t, "ERR The ID specified in XADD must be greater than 0-0", cmdErr(recAdd(s, "z", "0-0", "a", "x")))
	require.Equal(t, "ERR The ID specified in XADD must be greater than 0-0", cmdErr(recAdd(s, "z", "0", "a", "x")))
	require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "z")).Val())
	require.Equal(t, "0-1", recAdd(s, "z", "0-*", "a", "x").Val())
	require.Equal(t, "0-2", recAdd(s, "z", "0-*", "a", "x").Val())
	// Automatic IDs are time based (placeholders in the transcript).
	auto := recAdd(s, "t", "*", "a", "1").Val()
	require.Regexp(t, `^\d{13}-0$`, auto)
	s.Sleep(2 * time.Millisecond)
	require.Regexp(t, `^\d{13}-0$`, s.Do("XADD", "t", "*", "a", "2").Val())
	// The last ID bounds explicit IDs even when the entry is deleted.
	require.Equal(t, int64(1), Rec(s, s.C.XDel(s.Ctx(), "s", "5-0")).Val())
	require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item",
		cmdErr(recAdd(s, "s", "5-0", "a", "x")))
	require.Equal(t, "5-1", recAdd(s, "s", "5-*", "a", "x").Val())
	// The greatest ID, then exhaustion (also for "ms-*" and "*").
	require.Equal(t, "18446744073709551615-18446744073709551614", recAdd(s, "s", "18446744073709551615-18446744073709551614", "a", "x").Val())
	require.Equal(t, "18446744073709551615-18446744073709551615", recAdd(s, "s", "18446744073709551615-*", "a", "x").Val())
	const exhausted = "ERR The stream has exhausted the last possible ID, unable to add more items"
	require.Equal(t, exhausted, cmdErr(recAdd(s, "s", "*", "a", "x")))
	require.Equal(t, exhausted, cmdErr(recAdd(s, "s", "18446744073709551615-*", "a", "x")))
	require.Equal(t, exhausted, cmdErr(recAdd(s, "s", "1-1", "a", "x")))
	// ("ms-*" with its sequence used up: a Redis8 scenario, 7.0 differs.)
	recAdd(s, "u", "7-18446744073709551615", "a", "x")
	s.Sleep(2 * time.Millisecond)
	require.Regexp(t, `^\d{13}-0$`, recAdd(s, "u", "*", "a", "x").Val())
	// Field order and repeated fields are kept as given.
	recAdd(s, "f", "1-0", "b", "1", "a", "2", "b", "3")
	require.Equal(t, []interface{}{[]interface{}{"1-0", []interface{}{"b", "1", "a", "2", "b", "3"}}},
		s.Do("XRANGE", "f", "-", "+").Val())
}

// scXAddOptions: NOMKSTREAM, option order and case, the field count.
func scXAddOptions(t *testing.T, s *side) {
	nomk := Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", NoMkStream: true, ID: "1-1", Values: []string{"f", "v"}}))
	require.ErrorIs(t, nomk.Err(), redis.Nil)
	require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "s")).Val())
	require.Nil(t, s.Do("XADD", "s", "nomkstream", "*", "f", "v").Val())
	require.Equal(t, "1-1", s.Do("XADD", "s", "1-1", "f", "v").Val())
	require.Equal(t, "2-1", s.Do("xadd", "s", "NoMkStream", "2-1", "f", "v").Val())
	// Options in any order, any case, repeated NOMKSTREAM.
	require.Equal(t, "3-1", s.Do("XADD", "s", "limit", "5", "NOMKSTREAM", "maxlen", "~", "10", "nomkstream", "3-1", "f", "v").Val())
	require.Equal(t, "4-1", s.Do("XADD", "s", "MINID", "=", "0", "NOMKSTREAM", "4-1", "f", "v").Val())
	require.Equal(t, int64(4), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
	// The field/value count: after the options, before the key lookup.
	const arity = "ERR wrong number of arguments for 'xadd' command"
	require.Equal(t, arity, cmdErr(s.Do("XADD", "s", "9-1", "f")))
	require.Equal(t, arity, cmdErr(s.Do("XADD", "s", "9-1", "f", "v", "g")))
	require.Equal(t, arity, cmdErr(s.Do("XADD", "s", "NOMKSTREAM", "MAXLEN", "5")))
	require.Equal(t, arity, cmdErr(s.Do("XADD", "missing", "MAXLEN", "5", "*")))
	require.Equal(t, arity, cmdErr(s.Do("XADD", "s", "0-0", "f")))
	// The ID is parsed before the field count.
	require.Equal(t, scInvalidID, cmdErr(s.Do("XADD", "s", "NOMKSTREAM", "bad", "f")))
	// A lone MAXLEN / LIMIT / MINID at the end is taken as the ID.
	require.Equal(t, scInvalidID, cmdErr(s.Do("XADD", "s", "f", "v", "MAXLEN")))
	require.Equal(t, scInvalidID, cmdErr(s.Do("XADD", "s", "NOMKSTREAM", "NOMKSTREAM", "LIMIT")))
	// An empty field name and value are fine.
	require.Equal(t, "5-1", s.Do("XADD", "s", "5-1", "", "").Val())
	require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "missing")).Val())
}

// scXAddTrim: XADD's MAXLEN / MINID / LIMIT options and their errors.
func scXAddTrim(t *testing.T, s *side) {
	scFill(s, "s", 5)
	// Exact MAXLEN, "=" and bare.
	require.Equal(t, "6-1", s.Do("XADD", "s", "MAXLEN", "3", "6-1", "f", "6").Val())
	require.Equal(t, []string{"4-1", "5-1", "6-1"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "s", "-", "+")).Val()))
	require.Equal(t, "7-1", Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", MaxLen: 2, ID: "7-1", Values: []string{"f", "7"}})).Val())
	require.Equal(t, []string{"6-1", "7-1"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "s", "-", "+")).Val()))
	// MINID, exact: entries below the threshold go, the new one may too.
	require.Equal(t, "8-1", Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "s", MinID: "7-1", ID: "8-1", Values: []string{"f", "8"}})).Val())
	require.Equal(t, []string{"7-1", "8-1"}, msgIDs(Rec(s, s.C.XRange(s.Ctx(), "s", "-", "+")).Val()))
	require.Equal(t, "9-1", s.Do("XADD", "s", "MINID", "100", "9-1", "f", "9").Val())
	require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
	require.Equal(t, "10-1", s.Do("XADD", "s", "MAXLEN", "0", "10-1", "f", "10").Val())
	require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
	// Approximate: only whole nodes (100 entries) go; LIMIT caps the work.
	for i := 1; i <= 250; i++ {
		s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "a", ID: strconv.Itoa(i) + "-0", Values: []string{"f", "v"}})
	}
	require.Equal(t, "251-0", Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "a", MaxLen: 120, Approx: true, ID: "251-0", Values: []string{"f", "v"}})).Val())
	require.Equal(t, int64(151), Rec(s, s.C.XLen(s.Ctx(), "a")).Val())
	require.Equal(t, "252-0", s.Do("XADD", "a", "MAXLEN", "~", "10", "LIMIT", "50", "252-0", "f", "v").Val())
	require.Equal(t, int64(152), Rec(s, s.C.XLen(s.Ctx(), "a")).Val(), "LIMIT 50 < one node")
	require.Equal(t, "253-0", Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: "a", MinID: "300", Approx: true, Limit: 100, ID: "253-0", Values: []string{"f", "v"}})).Val())
	require.Equal(t, int64(53), Rec(s, s.C.XLen(s.Ctx(), "a")).Val())
	require.Equal(t, "254-0", s.Do("XADD", "a", "LIMIT", "0", "MINID", "~", "300", "254-0", "f", "v").Val())
	require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "a")).Val(), "a whole tail node goes too")
	// Errors, in Redis's order.
	for _, c := range []struct {
		args []interface{}
		want string
	}{
		{[]interface{}{"MAXLEN", "-1"}, "ERR The MAXLEN argument must be >= 0."},
		{[]interface{}{"MAXLEN", "~", "-1"}, "ERR The MAXLEN argument must be >= 0."},
		{[]interface{}{"MAXLEN", "x"}, scNotInteger},
		{[]interface{}{"MAXLEN", "01"}, scNotInteger},
		{[]interface{}{"MAXLEN", "+1"}, scNotInteger},
		{[]interface{}{"MAXLEN", "~", "*"}, scNotInteger},
		{[]interface{}{"MAXLEN", "1", "MINID", "1"}, "ERR syntax error, MAXLEN and MINID options at the same time are not compatible"},
		{[]interface{}{"MINID", "1", "MAXLEN", "x"}, "ERR syntax error, MAXLEN and MINID options at the same time are not compatible"},
		{[]interface{}{"MAXLEN", "1", "MAXLEN", "2"}, "ERR syntax error, MAXLEN and MINID options at the same time are not compatible"},
		{[]interface{}{"MINID", "bad"}, scInvalidID},
		{[]interface{}{"MINID", "-"}, scInvalidID},
		{[]interface{}{"MINID", "~", "+"}, scInvalidID},
		{[]interface{}{"LIMIT", "-1", "MAXLEN", "~", "1"}, "ERR The LIMIT argument must be >= 0."},
		{[]interface{}{"LIMIT", "x"}, scNotInteger},
		{[]interface{}{"LIMIT", "5"}, "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"},
		{[]interface{}{"LIMIT", "0"}, "ERR syntax error, LIMIT cannot be used without the special ~ option"},
		{[]interface{}{"MAXLEN", "1", "LIMIT", "5"}, "ERR syntax error, LIMIT cannot be used without the special ~ option"},
		{[]interface{}{"MAXLEN", "=", "1", "LIMIT", "0"}, "ERR syntax error, LIMIT cannot be used without the special ~ option"},
		// The combination checks come after the ID is parsed.
		{[]interface{}{"LIMIT", "5", "bad"}, scInvalidID},
		{[]interface{}{"MAXLEN", "-1", "bad"}, "ERR The MAXLEN argument must be >= 0."},
	} {
		args := append([]interface{}{"XADD", "e"}, c.args...)
		if c.args[len(c.args)-1] != "bad" {
			args = append(args, "1-1")
		}
		args = append(args, "f", "v")
		require.Equal(t, c.want, cmdErr(s.Do(args...)), "%v", c.args)
	}
	require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "e")).Val())
	// A limit error beats the field count.
	require.Equal(t, "ERR syntax error, LIMIT cannot be used without the special ~ option", cmdErr(s.Do("XADD", "e", "LIMIT", "0", "1-1", "f")))
}

// scXRange: XRANGE / XREVRANGE bounds, COUNT and errors.
func scXRange(t *testing.T, s *side) {
	scFill(s, "s", 5)
	recAdd(s, "s", "5-2", "f", "5b")
	ctx := s.Ctx()
	require.Equal(t, []string{"1-1", "2-1", "3-1", "4-1", "5-1", "5-2"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "-", "+")).Val()))
	msgs := Rec(s, s.C.XRange(ctx, "s", "2", "3")).Val()
	require.Equal(t, []redis.XMessage{{ID: "2-1", Values: map[string]interface{}{"f": "2"}}, {ID: "3-1", Values: map[string]interface{}{"f": "3"}}}, msgs)
	require.Equal(t, []string{"5-1", "5-2"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "5", "5")).Val()))
	require.Equal(t, []string{"5-2"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "(5-1", "+")).Val()))
	require.Equal(t, []string{"1-1", "2-1"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "-", "(3-1")).Val()))
	require.Equal(t, []string{"2-1"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "(1-1", "(3-1")).Val()))
	require.Equal(t, []string{"1-1"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "(1", "1")).Val()))
	require.Empty(t, Rec(s, s.C.XRange(ctx, "s", "(5-2", "+")).Val())
	require.Empty(t, Rec(s, s.C.XRange(ctx, "s", "4", "2")).Val())
	require.Equal(t, []string{"1-1"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "-", "(1")).Val()), "(1 is (1-18446744073709551615")
	require.Empty(t, Rec(s, s.C.XRange(ctx, "s", "-", "(1-0")).Val())
	require.Equal(t, []string{"1-1", "2-1"}, msgIDs(Rec(s, s.C.XRangeN(ctx, "s", "-", "+", 2)).Val()))
	require.Equal(t, []string{"5-2", "5-1", "4-1"}, msgIDs(Rec(s, s.C.XRevRangeN(ctx, "s", "+", "-", 3)).Val()))
	require.Equal(t, []string{"3-1", "2-1"}, msgIDs(Rec(s, s.C.XRevRange(ctx, "s", "(4-1", "(1-1")).Val()))
	require.Equal(t, []string{"5-2", "5-1"}, msgIDs(Rec(s, s.C.XRevRange(ctx, "s", "5", "5")).Val()))
	// COUNT: repeated (last wins), case-insensitive; 0 and negative give
	// a null array.
	require.Equal(t, []string{"1-1", "2-1", "3-1"}, scRawIDs(t, s.Do("XRANGE", "s", "-", "+", "COUNT", "1", "count", "3").Val()))
	for _, n := range []string{"0", "-1", "-100"} {
		require.ErrorIs(t, s.Do("XRANGE", "s", "-", "+", "COUNT", n).Err(), redis.Nil, n)
		require.ErrorIs(t, s.Do("XREVRANGE", "s", "+", "-", "COUNT", n).Err(), redis.Nil, n)
	}
	require.ErrorIs(t, Rec(s, s.C.XRangeN(ctx, "s", "-", "+", 0)).Err(), redis.Nil)
	require.Equal(t, []string{"5-2", "5-1", "4-1", "3-1", "2-1", "1-1"}, scRawIDs(t, s.Do("XREVRANGE", "s", "+", "-", "COUNT", "9223372036854775807").Val()))
	// A missing key: an empty array, even with COUNT 0.
	require.Equal(t, []interface{}{}, s.Do("XRANGE", "none", "-", "+").Val())
	require.Equal(t, []interface{}{}, s.Do("XRANGE", "none", "-", "+", "COUNT", "0").Val())
	require.Empty(t, Rec(s, s.C.XRevRange(ctx, "none", "+", "-")).Val())
	// Errors: the start is parsed first (for XREVRANGE, its 2nd ID), then
	// the end, then the options; all before the key.
	for _, c := range []struct {
		args []interface{}
		want string
	}{
		{[]interface{}{"XRANGE", "none", "bad", "+"}, scInvalidID},
		{[]interface{}{"XRANGE", "none", "-", "bad"}, scInvalidID},
		{[]interface{}{"XRANGE", "none", "(-", "+"}, scInvalidID},
		{[]interface{}{"XRANGE", "none", "-", "(+"}, scInvalidID},
		{[]interface{}{"XRANGE", "none", "1-*", "+"}, scInvalidID},
		{[]interface{}{"XRANGE", "none", "(18446744073709551615-18446744073709551615", "+"}, "ERR invalid start ID for the interval"},
		{[]interface{}{"XRANGE", "none", "(18446744073709551615-18446744073709551615", "bad"}, "ERR invalid start ID for the interval"},
		{[]interface{}{"XRANGE", "none", "-", "(0-0"}, "ERR invalid end ID for the interval"},
		{[]interface{}{"XRANGE", "none", "-", "(0-0", "COUNT", "x"}, "ERR invalid end ID for the interval"},
		{[]interface{}{"XREVRANGE", "none", "(0-0", "(18446744073709551615-18446744073709551615"}, "ERR invalid start ID for the interval"},
		{[]interface{}{"XREVRANGE", "none", "bad", "(18446744073709551615-18446744073709551615"}, "ERR invalid start ID for the interval"},
		{[]interface{}{"XREVRANGE", "none", "(0-0", "bad"}, scInvalidID},
		{[]interface{}{"XREVRANGE", "none", "(0-0", "-"}, "ERR invalid end ID for the interval"},
		{[]interface{}{"XRANGE", "s", "-", "+", "COUNT"}, scSyntax},
		{[]interface{}{"XRANGE", "s", "-", "+", "LIMIT", "1"}, scSyntax},
		{[]interface{}{"XRANGE", "s", "-", "+", "COUNT", "1", "x"}, scSyntax},
		{[]interface{}{"XRANGE", "s", "-", "+", "COUNT", "x"}, scNotInteger},
		{[]interface{}{"XRANGE", "none", "-", "+", "COUNT", "1.5"}, scNotInteger},
		{[]interface{}{"XRANGE", "none", "-", "+", "COUNT", "-0"}, scNotInteger},
		{[]interface{}{"XREVRANGE", "s", "+", "-", "COUNT", "x", "COUNT"}, scNotInteger},
	} {
		require.Equal(t, c.want, cmdErr(s.Do(c.args...)), "%v", c.args)
	}
}

// scXDel: XDEL and XLEN.
func scXDel(t *testing.T, s *side) {
	ctx := s.Ctx()
	require.Equal(t, int64(0), Rec(s, s.C.XLen(ctx, "s")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XDel(ctx, "s", "1-1")).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XDel(ctx, "s", "bad", "+")).Val(), "IDs of a missing key are not checked")
	scFill(s, "s", 5)
	require.Equal(t, int64(5), Rec(s, s.C.XLen(ctx, "s")).Val())
	// A bad ID anywhere: an error and nothing deleted.
	require.Equal(t, scInvalidID, cmdErr(Rec(s, s.C.XDel(ctx, "s", "1-1", "2-1", "bad"))))
	require.Equal(t, scInvalidID, cmdErr(Rec(s, s.C.XDel(ctx, "s", "1-1", "-"))))
	require.Equal(t, scInvalidID, cmdErr(Rec(s, s.C.XDel(ctx, "s", "1-*"))))
	require.Equal(t, int64(5), Rec(s, s.C.XLen(ctx, "s")).Val())
	// Missing and repeated IDs are not counted; "2" means 2-0.
	require.Equal(t, int64(2), Rec(s, s.C.XDel(ctx, "s", "1-1", "1-1", "9-9", "3-1", "2")).Val())
	require.Equal(t, int64(3), Rec(s, s.C.XLen(ctx, "s")).Val())
	require.Equal(t, []string{"2-1", "4-1", "5-1"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "-", "+")).Val()))
	require.Equal(t, int64(3), Rec(s, s.C.XDel(ctx, "s", "5-1", "2-1", "4-1")).Val())
	// An emptied stream stays a key.
	require.Equal(t, int64(0), Rec(s, s.C.XLen(ctx, "s")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.Exists(ctx, "s")).Val())
	require.Empty(t, Rec(s, s.C.XRange(ctx, "s", "-", "+")).Val())
	require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item", cmdErr(recAdd(s, "s", "5-1", "f", "v")))
}

// scXTrim: XTRIM's options, errors and replies.
func scXTrim(t *testing.T, s *side) {
	ctx := s.Ctx()
	// A missing key gives 0, but only once the arguments are valid.
	require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLen(ctx, "none", 0)).Val())
	require.Equal(t, scNotInteger, cmdErr(s.Do("XTRIM", "none", "MAXLEN", "x")))
	require.Equal(t, int64(0), Rec(s, s.C.Exists(ctx, "none")).Val())
	scFill(s, "s", 10)
	require.Equal(t, int64(2), Rec(s, s.C.XTrimMaxLen(ctx, "s", 8)).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLen(ctx, "s", 8)).Val())
	require.Equal(t, int64(3), Rec(s, s.C.XTrimMinID(ctx, "s", "6")).Val())
	require.Equal(t, []string{"6-1", "7-1", "8-1", "9-1", "10-1"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "-", "+")).Val()))
	require.Equal(t, int64(1), s.Do("xtrim", "s", "minid", "=", "7-1").Val())
	require.Equal(t, int64(1), s.Do("XTRIM", "s", "MAXLEN", "=", "3").Val())
	// Approximate trimming drops whole nodes, the tail one too.
	require.Equal(t, int64(3), Rec(s, s.C.XTrimMaxLenApprox(ctx, "s", 0, 0)).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XTrimMinIDApprox(ctx, "s", "100", 10)).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLen(ctx, "s", 0)).Val())
	require.Equal(t, int64(1), Rec(s, s.C.Exists(ctx, "s")).Val())
	for i := 1; i <= 350; i++ {
		s.C.XAdd(ctx, &redis.XAddArgs{Stream: "a", ID: strconv.Itoa(i) + "-0", Values: []string{"f", "v"}})
	}
	require.Equal(t, int64(200), Rec(s, s.C.XTrimMaxLenApprox(ctx, "a", 120, 0)).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLenApprox(ctx, "a", 0, 99)).Val(), "LIMIT below one node")
	require.Equal(t, int64(100), s.Do("XTRIM", "a", "LIMIT", "100", "MAXLEN", "~", "0").Val(), "options in any order")
	require.Equal(t, int64(50), Rec(s, s.C.XLen(ctx, "a")).Val())
	// Errors, in Redis's order; all before the key is looked up.
	for _, c := range []struct {
		args []interface{}
		want string
	}{
		{[]interface{}{"MAXLEN", "-1"}, "ERR The MAXLEN argument must be >= 0."},
		{[]interface{}{"MAXLEN", "~", "x"}, scNotInteger},
		{[]interface{}{"MAXLEN", "~"}, scNotInteger},
		{[]interface{}{"MAXLEN", "="}, scNotInteger},
		{[]interface{}{"MINID", "~"}, scInvalidID},
		{[]interface{}{"MINID", "+"}, scInvalidID},
		{[]interface{}{"MINID", "1", "MAXLEN", "1"}, "ERR syntax error, MAXLEN and MINID options at the same time are not compatible"},
		{[]interface{}{"MAXLEN", "1", "MINID"}, scSyntax},
		{[]interface{}{"MAXLEN", "1", "NOMKSTREAM"}, scSyntax},
		{[]interface{}{"MAXLEN", "1", "*"}, scSyntax},
		{[]interface{}{"MAXLEN", "1", "LIMIT"}, scSyntax},
		{[]interface{}{"MAXLEN", "1", "1-1"}, scSyntax},
		{[]interface{}{"FOO", "MAXLEN", "x"}, scSyntax},
		{[]interface{}{"LIMIT", "-5", "MAXLEN", "1"}, "ERR The LIMIT argument must be >= 0."},
		{[]interface{}{"LIMIT", "1", "x"}, scSyntax},
		{[]interface{}{"LIMIT", "1"}, "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"},
		{[]interface{}{"LIMIT", "0"}, "ERR syntax error, XTRIM must be called with a trimming strategy"},
		{[]interface{}{"NOMKSTREAM", "MAXLEN", "1"}, scSyntax},
		{[]interface{}{"MAXLEN", "1", "LIMIT", "0"}, "ERR syntax error, LIMIT cannot be used without the special ~ option"},
		{[]interface{}{"MINID", "=", "1", "LIMIT", "10"}, "ERR syntax error, LIMIT cannot be used without the special ~ option"},
		{[]interface{}{"LIMIT", "10", "MAXLEN", "~", "1", "MAXLEN", "1"}, "ERR syntax error, MAXLEN and MINID options at the same time are not compatible"},
	} {
		for _, key := range []string{"a", "none"} {
			args := append([]interface{}{"XTRIM", key}, c.args...)
			require.Equal(t, c.want, cmdErr(s.Do(args...)), "%v", args)
		}
	}
	require.Equal(t, int64(50), Rec(s, s.C.XLen(ctx, "a")).Val())
}

// scXSetID: XSETID's checks, in Redis's order, and its effect on XADD.
func scXSetID(t *testing.T, s *side) {
	ctx := s.Ctx()
	for _, c := range []struct {
		args []interface{}
		want string
	}{
		{[]interface{}{"none", "bad"}, scInvalidID},
		{[]interface{}{"none", "-"}, scInvalidID},
		{[]interface{}{"none", "$"}, scInvalidID},
		{[]interface{}{"none", "1-1", "ENTRIESADDED"}, scSyntax},
		{[]interface{}{"none", "1-1", "0"}, scSyntax},
		{[]interface{}{"none", "1-1", "FOO", "1"}, scSyntax},
		{[]interface{}{"none", "1-1", "ENTRIESADDED", "x"}, scNotInteger},
		{[]interface{}{"none", "1-1", "ENTRIESADDED", "-1"}, "ERR entries_added must be positive"},
		{[]interface{}{"none", "1-1", "MAXDELETEDID", "bad"}, scInvalidID},
		{[]interface{}{"none", "1-1", "MAXDELETEDID", "1-2"}, "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id"},
		{[]interface{}{"none", "1-1", "MAXDELETEDID", "1-2", "ENTRIESADDED", "-1"}, "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id"},
		{[]interface{}{"none", "1-1", "ENTRIESADDED", "5", "MAXDELETEDID", "1-0", "X"}, scSyntax},
		{[]interface{}{"none", "1-1"}, "ERR no such key"},
		{[]interface{}{"none", "1-1", "entriesadded", "3", "maxdeletedid", "1"}, "ERR no such key"},
	} {
		require.Equal(t, c.want, cmdErr(s.Do(append([]interface{}{"XSETID"}, c.args...)...)), "%v", c.args)
	}
	scFill(s, "s", 3)
	require.Equal(t, "ERR The ID specified in XSETID is smaller than the target stream top item", cmdErr(s.Do("XSETID", "s", "3-0")))
	require.Equal(t, "ERR The entries_added specified in XSETID is smaller than the target stream length", cmdErr(s.Do("XSETID", "s", "3-1", "ENTRIESADDED", "2")))
	require.Equal(t, "OK", s.Do("XSETID", "s", "3-1", "ENTRIESADDED", "3").Val())
	require.Equal(t, "OK", s.Do("XSETID", "s", "10-5").Val())
	require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item", cmdErr(recAdd(s, "s", "10-5", "f", "v")))
	require.Equal(t, "10-6", recAdd(s, "s", "10-*", "f", "v").Val())
	// (Redis 7.0 does not check the current max-deleted ID: see
	// scXSetIDMaxDeleted, a Redis8 scenario.)
	require.Equal(t, "OK", s.Do("XSETID", "s", "20-0", "MAXDELETEDID", "15-0", "ENTRIESADDED", "100").Val())
	require.Equal(t, "OK", s.Do("XSETID", "s", "20-0", "MAXDELETEDID", "0-0").Val())
	require.Equal(t, "20-1", recAdd(s, "s", "20-*", "f", "v").Val())
	// An emptied (trimmed) stream can go back to 0-0.
	scFill(s, "t", 2)
	require.Equal(t, int64(2), Rec(s, s.C.XTrimMaxLen(ctx, "t", 0)).Val())
	require.Equal(t, "OK", s.Do("XSETID", "t", "0-0").Val())
	require.Equal(t, "1-1", recAdd(s, "t", "1-1", "f", "v").Val())
}

// scArity: the command table's arities.
func scArity(t *testing.T, s *side) {
	for _, args := range [][]interface{}{
		{"XADD", "s", "*", "f"},
		{"XLEN"},
		{"XLEN", "s", "t"},
		{"XRANGE", "s", "-"},
		{"XREVRANGE", "s", "+"},
		{"XDEL", "s"},
		{"XTRIM", "s", "MAXLEN"},
		{"XSETID", "s"},
	} {
		name := args[0].(string)
		want := "ERR wrong number of arguments for '" + strings.ToLower(name) + "' command"
		require.Equal(t, want, cmdErr(s.Do(args...)), "%v", args)
	}
}
