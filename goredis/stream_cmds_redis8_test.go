package goredis_test

// Redis8 scenarios of the stream-level commands (in process only, asserting
// the spec's replies): KEEPREF / DELREF / ACKED on XADD and XTRIM, XDELEX,
// IDMP / IDMPAUTO, XCFGSET, XIDMPRECORD, and the XADD / XSETID checks that
// changed after Redis 7.0.

import (
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// scPendingCount returns the pending count of key's group g (XPENDING).
func scPendingCount(t *testing.T, s *side, key, g string) int64 {
	t.Helper()
	p := Rec(s, s.C.XPending(s.Ctx(), key, g))
	require.NoError(t, p.Err())
	return p.Val().Count
}

// scGroupAtEnd creates group g on key at its last entry (everything read)
// and makes ids pending for consumer c (XCLAIM … FORCE JUSTID).
func scGroupAtEnd(t *testing.T, s *side, key, g string, ids ...string) {
	t.Helper()
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(s.Ctx(), key, g, "$")).Val())
	if len(ids) > 0 {
		gcDeliver(t, s, key, g, "c", ids...)
	}
}

// scInts turns an XDELEX reply into int64s.
func scInts(t *testing.T, v interface{}) []int64 {
	t.Helper()
	a, ok := v.([]interface{})
	require.True(t, ok, "not an array: %#v", v)
	out := make([]int64, len(a))
	for i, e := range a {
		out[i] = e.(int64)
	}
	return out
}

func TestStreamCmdsRedis8(t *testing.T) {
	runConformance(t, []scenario{
		{Name: "refmode-parsing", Redis8: true, Run: scRefModeParsing},
		{Name: "refmode-trim", Redis8: true, Run: scRefModeTrim},
		{Name: "refmode-approx-partial-node", Redis8: true, Run: scApproxRefPartialNode},
		{Name: "xdelex-errors", Redis8: true, Run: scXDelExErrors},
		{Name: "xdelex-modes", Redis8: true, Run: scXDelExModes},
		{Name: "idmp-errors", Redis8: true, Run: scIdmpErrors},
		{Name: "idmp", Redis8: true, Run: scIdmp},
		{Name: "idmpauto", Redis8: true, Run: scIdmpAuto},
		{Name: "xcfgset", Redis8: true, Run: scXCfgSet},
		{Name: "xidmprecord", Redis8: true, Run: scXIdmpRecord},
		// Redis 7.0 replies "ERR Elements are too large to be stored" here.
		{Name: "xadd-seq-exhausted", Redis8: true, Run: scSeqExhausted},
		// Redis 7.0 does not check XSETID against the current max-deleted ID.
		{Name: "xsetid-maxdeleted", Redis8: true, Run: scXSetIDMaxDeleted},
	})
}

// scRefModeParsing: one mode word, anywhere among the options.
func scRefModeParsing(t *testing.T, s *side) {
	require.Equal(t, "1-1", s.Do("XADD", "s", "KEEPREF", "1-1", "f", "v").Val())
	require.Equal(t, "2-1", s.Do("XADD", "s", "maxlen", "5", "acked", "nomkstream", "2-1", "f", "v").Val())
	require.Equal(t, "3-1", s.Do("XADD", "s", "DelRef", "LIMIT", "5", "MINID", "~", "0", "3-1", "f", "v").Val())
	// A second mode word is taken as the ID (XADD) or is a syntax error.
	require.Equal(t, scInvalidID, cmdErr(s.Do("XADD", "s", "KEEPREF", "ACKED", "4-1", "f", "v")))
	require.Equal(t, scInvalidID, cmdErr(s.Do("XADD", "s", "DELREF", "DELREF", "4-1", "f", "v")))
	require.Equal(t, scSyntax, cmdErr(s.Do("XTRIM", "s", "MAXLEN", "5", "KEEPREF", "ACKED")))
	require.Equal(t, scSyntax, cmdErr(s.Do("XTRIM", "s", "ACKED", "MAXLEN", "5", "ACKED")))
	require.Equal(t, "ERR syntax error, XTRIM must be called with a trimming strategy", cmdErr(s.Do("XTRIM", "s", "ACKED", "LIMIT", "0")))
	require.Equal(t, scSyntax, cmdErr(s.Do("XTRIM", "s", "MAXLEN", "5", "NOREF")))
	require.Equal(t, int64(0), s.Do("XTRIM", "s", "acked", "MAXLEN", "5").Val())
	require.Equal(t, int64(1), s.Do("XTRIM", "s", "MAXLEN", "=", "2", "KEEPREF").Val())
	require.Equal(t, int64(0), s.Do("XTRIM", "none", "DELREF", "MINID", "5").Val())
	require.Equal(t, int64(2), Rec(s, s.C.XLen(s.Ctx(), "s")).Val())
}

// scRefModeTrim: what KEEPREF, DELREF and ACKED trims do with referenced
// entries (spec §1.2, §1.5).
func scRefModeTrim(t *testing.T, s *side) {
	ctx := s.Ctx()
	// The spec's XADD case: a group that read nothing references all.
	for i := 1; i <= 5; i++ {
		recAdd(s, "s", strconv.Itoa(i)+"-0", "f", "v")
	}
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "s", "g", "0")).Val())
	require.Equal(t, "6-0", Rec(s, s.C.XAdd(ctx, &redis.XAddArgs{Stream: "s", MaxLen: 1, Mode: "ACKED", ID: "6-0", Values: []string{"f", "v"}})).Val())
	require.Equal(t, int64(6), Rec(s, s.C.XLen(ctx, "s")).Val())

	// ACKED skips referenced entries and goes on with later ones.
	for i := 1; i <= 5; i++ {
		recAdd(s, "a", strconv.Itoa(i)+"-0", "f", "v")
	}
	scGroupAtEnd(t, s, "a", "g", "1-0", "2-0")
	require.Equal(t, "6-0", s.Do("XADD", "a", "MAXLEN", "=", "1", "ACKED", "6-0", "f", "v").Val())
	require.Equal(t, []string{"1-0", "2-0", "6-0"}, msgIDs(Rec(s, s.C.XRange(ctx, "a", "-", "+")).Val()))
	require.Equal(t, int64(0), Rec(s, s.C.XTrimMaxLenMode(ctx, "a", 1, "ACKED")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.XAck(ctx, "a", "g", "1-0")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.XTrimMinIDMode(ctx, "a", "9", "ACKED")).Val())
	require.Equal(t, []string{"2-0", "6-0"}, msgIDs(Rec(s, s.C.XRange(ctx, "a", "-", "+")).Val()))
	// DELREF deletes and drops the pending references.
	require.Equal(t, int64(1), scPendingCount(t, s, "a", "g"))
	require.Equal(t, int64(1), Rec(s, s.C.XTrimMaxLenMode(ctx, "a", 1, "DELREF")).Val())
	require.Equal(t, int64(0), scPendingCount(t, s, "a", "g"))
	require.Equal(t, []string{"6-0"}, msgIDs(Rec(s, s.C.XRange(ctx, "a", "-", "+")).Val()))

	// KEEPREF (the default) leaves dangling references.
	for i := 1; i <= 3; i++ {
		recAdd(s, "k", strconv.Itoa(i)+"-0", "f", "v")
	}
	scGroupAtEnd(t, s, "k", "g", "1-0", "3-0")
	require.Equal(t, int64(2), Rec(s, s.C.XTrimMaxLenMode(ctx, "k", 1, "KEEPREF")).Val())
	require.Equal(t, int64(2), scPendingCount(t, s, "k", "g"))
	require.Equal(t, "4-0", Rec(s, s.C.XAdd(ctx, &redis.XAddArgs{Stream: "k", MaxLen: 1, ID: "4-0", Values: []string{"f", "v"}})).Val())
	require.Equal(t, int64(2), scPendingCount(t, s, "k", "g"))
	require.Equal(t, "5-0", Rec(s, s.C.XAdd(ctx, &redis.XAddArgs{Stream: "k", MinID: "9", Mode: "DELREF", ID: "5-0", Values: []string{"f", "v"}})).Val())
	require.Equal(t, int64(0), Rec(s, s.C.XLen(ctx, "k")).Val())
	// Redis up to 8.10 leaves the references of 1-0 and 3-0 (2 pending);
	// the core's DelRef trims clean them too (documented divergence, PR
	// #15581).
	require.Equal(t, int64(0), scPendingCount(t, s, "k", "g"))

	// Approximate DELREF / ACKED trims walk eligible nodes entry by entry.
	for i := 1; i <= 250; i++ {
		s.C.XAdd(ctx, &redis.XAddArgs{Stream: "n", ID: strconv.Itoa(i) + "-0", Values: []string{"f", "v"}})
	}
	scGroupAtEnd(t, s, "n", "g", "50-0")
	require.Equal(t, int64(199), Rec(s, s.C.XTrimMinIDApproxMode(ctx, "n", "201", 0, "ACKED")).Val())
	require.Equal(t, []string{"50-0", "201-0"}, msgIDs(Rec(s, s.C.XRangeN(ctx, "n", "-", "+", 2)).Val()))
	require.Equal(t, int64(1), Rec(s, s.C.XTrimMinIDApproxMode(ctx, "n", "201", 0, "DELREF")).Val())
	require.Equal(t, int64(0), scPendingCount(t, s, "n", "g"))
	require.Equal(t, int64(50), Rec(s, s.C.XLen(ctx, "n")).Val())
}

// scApproxRefPartialNode: since Redis 8.6 (#14623), an approximate DELREF
// or ACKED trim also trims inside the first node that cannot go whole
// (t_stream.c streamTrim breaks early only for KEEPREF), as exact trimming
// bounded by LIMIT does.
func scApproxRefPartialNode(t *testing.T, s *side) {
	ctx := s.Ctx()
	for i := 1; i <= 250; i++ {
		s.C.XAdd(ctx, &redis.XAddArgs{Stream: "n", ID: strconv.Itoa(i) + "-0", Values: []string{"f", "v"}})
	}
	scGroupAtEnd(t, s, "n", "g", "50-0")
	// Nodes 1-100, 101-200 go (but 50-0), then 201-241 inside the last.
	require.Equal(t, int64(240), Rec(s, s.C.XTrimMaxLenApproxMode(ctx, "n", 10, 0, "ACKED")).Val())
	require.Equal(t, []string{"50-0", "242-0"}, msgIDs(Rec(s, s.C.XRangeN(ctx, "n", "-", "+", 2)).Val()))
}

// scXDelExErrors: XDELEX's parsing (spec §1.3).
func scXDelExErrors(t *testing.T, s *side) {
	ctx := s.Ctx()
	scFill(s, "s", 3)
	const numids = "ERR Number of IDs must be a positive integer"
	for _, c := range []struct {
		args []interface{}
		want string
	}{
		{[]interface{}{"IDS", "0", "1-1"}, numids},
		{[]interface{}{"IDS", "-1", "1-1"}, numids},
		{[]interface{}{"IDS", "x", "1-1"}, numids},
		{[]interface{}{"IDS", "01", "1-1"}, numids},
		{[]interface{}{"IDS", "3", "1-1"}, "ERR The `numids` parameter must match the number of arguments"},
		{[]interface{}{"KEEPREF", "IDS", "2", "1-1"}, "ERR The `numids` parameter must match the number of arguments"},
		{[]interface{}{"IDS", "1", "1-1", "2-1"}, scSyntax},
		{[]interface{}{"KEEPREF", "ACKED", "IDS", "1", "1-1"}, scSyntax},
		{[]interface{}{"IDS", "1", "1-1", "ACKED", "ACKED"}, scSyntax},
		{[]interface{}{"IDS", "1", "1-1", "IDS"}, scSyntax},
		{[]interface{}{"FOO", "IDS", "1", "1-1"}, scSyntax},
		{[]interface{}{"IDS", "1", "1-1", "IDS", "0"}, numids},
		{[]interface{}{"IDS", "2", "1-1", "bad"}, scInvalidID},
		{[]interface{}{"IDS", "2", "1-1", "+"}, scInvalidID},
	} {
		require.Equal(t, c.want, cmdErr(s.Do(append([]interface{}{"XDELEX", "s"}, c.args...)...)), "%v", c.args)
	}
	require.Equal(t, "ERR wrong number of arguments for 'xdelex' command", cmdErr(s.Do("XDELEX", "s", "IDS", "1")))
	require.Equal(t, int64(3), Rec(s, s.C.XLen(ctx, "s")).Val(), "a bad ID changes nothing")
	// A missing key: -1 per ID, the IDs unchecked; the options are checked.
	require.Equal(t, []int64{-1, -1}, scInts(t, s.Do("XDELEX", "none", "IDS", "2", "bad", "1-1").Val()))
	require.Equal(t, []int64{-1}, scInts(t, Rec(s, s.C.XDelEx(ctx, "none", "ACKED", "1-1")).Val()))
	require.Equal(t, scSyntax, cmdErr(s.Do("XDELEX", "none", "IDS", "1", "1-1", "2-1")))
	require.Equal(t, int64(0), Rec(s, s.C.Exists(ctx, "none")).Val())
	// Valid forms: trailing mode, last IDS block wins, any case.
	require.Equal(t, []int64{1}, scInts(t, s.Do("XDELEX", "s", "IDS", "1", "1-1", "ACKED").Val()))
	require.Equal(t, []int64{1}, scInts(t, s.Do("xdelex", "s", "ids", "1", "1-1", "IDS", "1", "2-1", "delref").Val()))
	require.Equal(t, []string{"3-1"}, msgIDs(Rec(s, s.C.XRange(ctx, "s", "-", "+")).Val()))
}

// scXDelExModes: XDELEX's per-ID results (spec §1.3).
func scXDelExModes(t *testing.T, s *side) {
	ctx := s.Ctx()
	scFill(s, "s", 5)
	// No groups: ACKED deletes like KEEPREF (1, not 2); repeats give -1.
	require.Equal(t, []int64{1, -1, -1}, scInts(t, Rec(s, s.C.XDelEx(ctx, "s", "ACKED", "1-1", "1-1", "9-9")).Val()))
	require.Equal(t, []int64{1, -1}, scInts(t, Rec(s, s.C.XDelEx(ctx, "s", "KEEPREF", "2-1", "2")).Val()))
	require.Equal(t, []int64{3, 5}, []int64{Rec(s, s.C.XLen(ctx, "s")).Val(), 5})
	// A group at 3-1 with 3-1 pending: 4-1, 5-1 unread and 3-1 pending are
	// referenced; so is a missing ID above the group's last ID.
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(ctx, "s", "g", "3-1")).Val())
	require.Len(t, s.Do("XCLAIM", "s", "g", "c", "0", "3-1", "FORCE", "JUSTID").Val(), 1)
	require.Equal(t, []int64{2, 2, 2, -1}, scInts(t, Rec(s, s.C.XDelEx(ctx, "s", "ACKED", "3-1", "4-1", "7-7", "1-0")).Val()))
	require.Equal(t, int64(3), Rec(s, s.C.XLen(ctx, "s")).Val())
	// KEEPREF deletes and leaves the reference; DELREF drops it.
	require.Equal(t, []int64{1}, scInts(t, s.Do("XDELEX", "s", "IDS", "1", "3-1").Val()))
	require.Equal(t, int64(1), scPendingCount(t, s, "s", "g"))
	require.Equal(t, []int64{-1}, scInts(t, Rec(s, s.C.XDelEx(ctx, "s", "DELREF", "3-1")).Val()), "only a dangling reference: -1")
	require.Equal(t, int64(0), scPendingCount(t, s, "s", "g"))
	require.Equal(t, []int64{1, 1}, scInts(t, Rec(s, s.C.XDelEx(ctx, "s", "DELREF", "4-1", "5-1")).Val()))
	require.Equal(t, int64(0), Rec(s, s.C.XLen(ctx, "s")).Val())
	// Deletions raise the max-deleted ID.
	require.Equal(t, "5-1", Rec(s, s.C.XInfoStream(ctx, "s")).Val().MaxDeletedEntryID)
}

// scIdmpErrors: IDMP / IDMPAUTO parsing (spec §3.2, §3.8).
func scIdmpErrors(t *testing.T, s *side) {
	for _, c := range []struct {
		args []interface{}
		want string
	}{
		{[]interface{}{"IDMP", "p1", "*", "f", "v"}, scInvalidID},
		{[]interface{}{"IDMP", "p1", "iid1", "1-1", "f", "v"}, "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"},
		{[]interface{}{"IDMP", "p1", "iid1", "1-*", "f", "v"}, "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"},
		{[]interface{}{"IDMPAUTO", "p1", "1-1", "f", "v"}, "ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs"},
		{[]interface{}{"IDMP", "p1", "iid1", "bad", "f", "v"}, scInvalidID},
		{[]interface{}{"IDMP", "p1", "iid1", "IDMP", "p2", "iid2", "*", "f", "v"}, "ERR syntax error, IDMP/IDMPAUTO specified multiple times"},
		{[]interface{}{"IDMPAUTO", "p1", "IDMP", "p2", "iid2", "*", "f", "v"}, "ERR syntax error, IDMP/IDMPAUTO specified multiple times"},
		{[]interface{}{"IDMPAUTO", "p1", "IDMPAUTO", "p2", "*", "f", "v"}, "ERR syntax error, IDMP/IDMPAUTO specified multiple times"},
		{[]interface{}{"IDMP", "p1", "i", "IDMPAUTO", "p2", "*", "f", "v"}, "ERR syntax error, IDMP/IDMPAUTO specified multiple times"},
		{[]interface{}{"IDMP", "", "iid1", "*", "f", "v"}, "ERR syntax error, IDMP requires a non-empty producer ID"},
		{[]interface{}{"IDMP", "p1", "", "*", "f", "v"}, "ERR syntax error, IDMP requires a non-empty idempotent ID"},
		{[]interface{}{"IDMPAUTO", "", "*", "f", "v"}, "ERR syntax error, IDMPAUTO requires a non-empty producer ID"},
		{[]interface{}{"IDMP", "p1", "i", "*", "f"}, "ERR wrong number of arguments for 'xadd' command"},
		{[]interface{}{"IDMP", "p1", "i", "LIMIT", "5", "*", "f", "v"}, "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"},
		// IDMP with fewer than two arguments after it is taken as the ID.
		{[]interface{}{"f", "v", "IDMP", "p1"}, scInvalidID},
	} {
		require.Equal(t, c.want, cmdErr(s.Do(append([]interface{}{"XADD", "s"}, c.args...)...)), "%v", c.args)
	}
	require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "s")).Val())
}

// scIdmp: duplicate IDMP adds return the original ID and change nothing.
func scIdmp(t *testing.T, s *side) {
	ctx := s.Ctx()
	add := func(iid string, fv ...string) *redis.StringCmd {
		return Rec(s, s.C.XAdd(ctx, &redis.XAddArgs{Stream: "s", ProducerID: "p1", IdempotentID: iid, Values: fv}))
	}
	id1 := add("payment-abc", "amount", "100", "currency", "USD").Val()
	require.Regexp(t, `^\d{13}-0$`, id1)
	s.Sleep(time.Millisecond)
	require.Equal(t, id1, add("payment-abc", "amount", "200", "currency", "EUR").Val())
	msgs := Rec(s, s.C.XRange(ctx, "s", "-", "+")).Val()
	require.Equal(t, []redis.XMessage{{ID: id1, Values: map[string]interface{}{"amount": "100", "currency": "USD"}}}, msgs)
	// Any string is an iid; producers are separate namespaces.
	ids := map[string]bool{id1: true}
	for _, iid := range []string{"*", "-", "+", "$", "IDMP", "123-456", "hello世界", "\x00\x01\xff"} {
		id := add(iid, "f", "v").Val()
		require.False(t, ids[id], iid)
		ids[id] = true
		require.Equal(t, id, add(iid, "f", "other").Val(), iid)
	}
	other := Rec(s, s.C.XAdd(ctx, &redis.XAddArgs{Stream: "s", ProducerID: "p2", IdempotentID: "payment-abc", Values: []string{"f", "v"}})).Val()
	require.NotEqual(t, id1, other)
	require.Equal(t, int64(10), Rec(s, s.C.XLen(ctx, "s")).Val())
	// A duplicate does not trim; the original ID is returned even once the
	// entry is gone.
	require.Equal(t, id1, s.Do("XADD", "s", "MAXLEN", "1", "IDMP", "p1", "payment-abc", "*", "f", "v").Val())
	require.Equal(t, int64(10), Rec(s, s.C.XLen(ctx, "s")).Val())
	require.Equal(t, int64(1), Rec(s, s.C.XDel(ctx, "s", id1)).Val())
	require.Equal(t, id1, s.Do("XADD", "s", "IDMP", "p1", "payment-abc", "KEEPREF", "MAXLEN", "~", "1000", "LIMIT", "10", "*", "f", "v").Val())
	require.Equal(t, int64(9), Rec(s, s.C.XLen(ctx, "s")).Val())
	// A new iid with trimming: added, then trimmed.
	last := s.Do("XADD", "s", "MAXLEN", "=", "2", "IDMP", "p1", "req-2", "*", "f", "v").Val()
	require.Equal(t, int64(2), Rec(s, s.C.XLen(ctx, "s")).Val())
	require.Equal(t, last, s.Do("XADD", "s", "IDMP", "p1", "req-2", "MAXLEN", "0", "*", "f", "v").Val())
	require.Equal(t, int64(2), Rec(s, s.C.XLen(ctx, "s")).Val())
	// NOMKSTREAM on a missing key: nil, nothing created.
	require.ErrorIs(t, s.Do("XADD", "none", "NOMKSTREAM", "IDMP", "p1", "req-1", "*", "field", "value").Err(), redis.Nil)
	require.Equal(t, int64(0), Rec(s, s.C.Exists(ctx, "none")).Val())
	info := Rec(s, s.C.XInfoStream(ctx, "s")).Val()
	require.Equal(t, int64(2), info.PIDsTracked)
	require.Equal(t, int64(11), info.IIDsTracked)
	require.Equal(t, int64(11), info.IIDsAdded)
	require.Equal(t, int64(12), info.IIDsDuplicates)
	// Expiry: the iid is forgotten after IDMP-DURATION.
	require.Equal(t, "OK", Rec(s, s.C.XCfgSet(ctx, &redis.XCfgSetArgs{Stream: "s", Duration: 1})).Val())
	idA := add("req-x", "f", "v").Val()
	require.Equal(t, idA, add("req-x", "f", "v").Val())
	s.Sleep(2500 * time.Millisecond)
	require.NotEqual(t, idA, add("req-x", "f", "v").Val())
}

// scIdmpAuto: IDMPAUTO derives the iid from the fields, in any order.
func scIdmpAuto(t *testing.T, s *side) {
	ctx := s.Ctx()
	add := func(pid string, fv ...string) string {
		return Rec(s, s.C.XAdd(ctx, &redis.XAddArgs{Stream: "s", ProducerID: pid, IdempotentAuto: true, Values: fv})).Val()
	}
	id1 := add("p1", "amount", "100", "currency", "USD")
	require.Equal(t, id1, add("p1", "amount", "100", "currency", "USD"))
	require.Equal(t, id1, add("p1", "currency", "USD", "amount", "100"))
	require.NotEqual(t, id1, add("p1", "amount", "200", "currency", "USD"))
	require.NotEqual(t, id1, add("p2", "amount", "100", "currency", "USD"))
	a := add("p1", "field1", "value")
	require.NotEqual(t, a, add("p1", "field2", "value"), "field names matter")
	require.Equal(t, a, s.Do("XADD", "s", "idmpauto", "p1", "*", "field1", "value").Val())
	require.Equal(t, int64(5), Rec(s, s.C.XLen(ctx, "s")).Val())
	// Shared namespace with IDMP, per producer.
	e := add("p3", "", "")
	require.Equal(t, e, add("p3", "", ""))
	require.Equal(t, int64(6), Rec(s, s.C.XLen(ctx, "s")).Val())
}

// scXCfgSet: XCFGSET's checks and its clearing rule (spec §3.4).
func scXCfgSet(t *testing.T, s *side) {
	ctx := s.Ctx()
	require.Equal(t, "ERR no such key", cmdErr(Rec(s, s.C.XCfgSet(ctx, &redis.XCfgSetArgs{Stream: "none", Duration: 5}))))
	require.Equal(t, "ERR no such key", cmdErr(s.Do("XCFGSET", "none", "FOO")))
	require.Equal(t, "ERR wrong number of arguments for 'xcfgset' command", cmdErr(s.Do("XCFGSET")))
	id := s.Do("XADD", "s", "IDMP", "p1", "req-1", "*", "f", "v").Val()
	info := Rec(s, s.C.XInfoStream(ctx, "s")).Val()
	require.Equal(t, []int64{100, 100}, []int64{info.IDMPDuration, info.IDMPMaxSize})
	const dur, size = "ERR IDMP-DURATION must be between 1 and 86400 seconds", "ERR IDMP-MAXSIZE must be between 1 and 10000 entries"
	for _, c := range []struct {
		args []interface{}
		want string
	}{
		{nil, "ERR At least one parameter must be specified"},
		{[]interface{}{"IDMP-DURATION"}, scSyntax},
		{[]interface{}{"INVALID"}, scSyntax},
		{[]interface{}{"IDMP-DURATION", "5", "FOO"}, scSyntax},
		{[]interface{}{"IDMP-DURATION", "5", "IDMP-MAXSIZE"}, scSyntax},
		{[]interface{}{"IDMP-DURATION", "INVALID", "IDMP-MAXSIZE"}, scNotInteger},
		{[]interface{}{"IDMP-DURATION", "3.14"}, scNotInteger},
		{[]interface{}{"IDMP-DURATION", "000000000"}, scNotInteger},
		{[]interface{}{"IDMP-DURATION", "IDMP-DURATION"}, scNotInteger},
		{[]interface{}{"IDMP-DURATION", "86401"}, dur},
		{[]interface{}{"IDMP-DURATION", "0"}, dur},
		{[]interface{}{"IDMP-DURATION", "-100"}, dur},
		{[]interface{}{"IDMP-MAXSIZE", "10001"}, size},
		{[]interface{}{"IDMP-MAXSIZE", "0"}, size},
		{[]interface{}{"IDMP-MAXSIZE", "-50", "IDMP-DURATION", "0"}, size},
		{[]interface{}{"IDMP-DURATION", "5", "IDMP-DURATION", "6"}, "ERR IDMP-DURATION specified multiple times"},
		{[]interface{}{"IDMP-MAXSIZE", "5", "idmp-maxsize", "x"}, "ERR IDMP-MAXSIZE specified multiple times"},
		{[]interface{}{"IDMP-DURATION", "5", "IDMP-MAXSIZE", "0"}, size},
	} {
		require.Equal(t, c.want, cmdErr(s.Do(append([]interface{}{"XCFGSET", "s"}, c.args...)...)), "%v", c.args)
	}
	info = Rec(s, s.C.XInfoStream(ctx, "s")).Val()
	require.Equal(t, []int64{100, 100, 1}, []int64{info.IDMPDuration, info.IDMPMaxSize, info.IIDsTracked}, "errors change nothing")
	// The current values: a no-op, the history stays.
	require.Equal(t, "OK", s.Do("XCFGSET", "s", "IDMP-DURATION", "100", "IDMP-MAXSIZE", "100").Val())
	require.Equal(t, id, s.Do("XADD", "s", "IDMP", "p1", "req-1", "*", "f", "v").Val())
	// A change clears producers and iids, not the counters.
	require.Equal(t, "OK", s.Do("xcfgset", "s", "idmp-maxsize", "10000", "idmp-duration", "86400").Val())
	info = Rec(s, s.C.XInfoStream(ctx, "s")).Val()
	require.Equal(t, []int64{86400, 10000, 0, 0, 1, 1}, []int64{info.IDMPDuration, info.IDMPMaxSize, info.PIDsTracked, info.IIDsTracked, info.IIDsAdded, info.IIDsDuplicates})
	s.Sleep(time.Millisecond)
	require.NotEqual(t, id, s.Do("XADD", "s", "IDMP", "p1", "req-1", "*", "f", "v").Val())
	require.Equal(t, "OK", Rec(s, s.C.XCfgSet(ctx, &redis.XCfgSetArgs{Stream: "s", Duration: 1, MaxSize: 1})).Val())
	info = Rec(s, s.C.XInfoStream(ctx, "s")).Val()
	require.Equal(t, []int64{1, 1, 0, 2}, []int64{info.IDMPDuration, info.IDMPMaxSize, info.IIDsTracked, info.IIDsAdded})
	// MAXSIZE 1: a second iid evicts the first.
	r1 := s.Do("XADD", "s", "IDMP", "p1", "r1", "*", "f", "v").Val()
	require.Equal(t, r1, s.Do("XADD", "s", "IDMP", "p1", "r1", "*", "f", "v").Val())
	s.Do("XADD", "s", "IDMP", "p1", "r2", "*", "f", "v")
	require.NotEqual(t, r1, s.Do("XADD", "s", "IDMP", "p1", "r1", "*", "f", "v").Val())
}

// scXIdmpRecord: XIDMPRECORD's checks and effect (spec §3.6).
func scXIdmpRecord(t *testing.T, s *side) {
	ctx := s.Ctx()
	require.Equal(t, "ERR wrong number of arguments for 'xidmprecord' command", cmdErr(s.Do("XIDMPRECORD", "s", "p1", "i1")))
	require.Equal(t, "ERR wrong number of arguments for 'xidmprecord' command", cmdErr(s.Do("XIDMPRECORD", "s", "p1", "i1", "1-1", "x")))
	require.Equal(t, "ERR no such key", cmdErr(s.Do("XIDMPRECORD", "none", "p1", "i1", "1-1")))
	// The ID is checked first, then pid and iid, then the key.
	require.Equal(t, scInvalidID, cmdErr(s.Do("XIDMPRECORD", "none", "", "", "bad")))
	require.Equal(t, "ERR producer ID must be non-empty", cmdErr(s.Do("XIDMPRECORD", "none", "", "", "1-1")))
	require.Equal(t, "ERR idempotent ID must be non-empty", cmdErr(s.Do("XIDMPRECORD", "none", "p1", "", "1-1")))
	id := recAdd(s, "s", "*", "f", "v").Val()
	for _, bad := range []string{"bad", "1-", "-1", "+", "1-*"} {
		require.Equal(t, scInvalidID, cmdErr(s.Do("XIDMPRECORD", "s", "p1", "i1", bad)), bad)
	}
	require.Equal(t, "ERR No such message in stream", cmdErr(s.Do("XIDMPRECORD", "s", "p1", "i1", "999-999")))
	require.Equal(t, "OK", s.Do("XIDMPRECORD", "s", "p1", "req-1", id).Val())
	require.Equal(t, "OK", s.Do("xidmprecord", "s", "p1", "req-1", id).Val())
	require.Equal(t, id, s.Do("XADD", "s", "IDMP", "p1", "req-1", "*", "f", "v2").Val())
	require.Equal(t, int64(1), Rec(s, s.C.XLen(ctx, "s")).Val())
	s.Sleep(time.Millisecond)
	id2 := recAdd(s, "s", "*", "f", "v").Val()
	require.Equal(t, "ERR IID already exists for this producer with a different stream ID", cmdErr(s.Do("XIDMPRECORD", "s", "p1", "req-1", id2)))
	require.Equal(t, "OK", s.Do("XIDMPRECORD", "s", "p2", "req-1", id2).Val())
	info := Rec(s, s.C.XInfoStream(ctx, "s")).Val()
	require.Equal(t, []int64{2, 2, 2, 1}, []int64{info.PIDsTracked, info.IIDsTracked, info.IIDsAdded, info.IIDsDuplicates})
}

// scSeqExhausted: "ms-*" with the sequence of ms used up replies "equal or
// smaller" (newer Redis sets EDOM; 7.0 says "Elements are too large").
func scSeqExhausted(t *testing.T, s *side) {
	require.Equal(t, "7-18446744073709551615", recAdd(s, "s", "7-18446744073709551615", "a", "x").Val())
	require.Equal(t, "ERR The ID specified in XADD is equal or smaller than the target stream top item", cmdErr(recAdd(s, "s", "7-*", "a", "x")))
	require.Equal(t, "8-0", recAdd(s, "s", "8-*", "a", "x").Val())
}

// scXSetIDMaxDeleted: XSETID may not go below the current max-deleted ID.
func scXSetIDMaxDeleted(t *testing.T, s *side) {
	ctx := s.Ctx()
	recAdd(s, "s", "1-1", "f", "v")
	recAdd(s, "s", "10-6", "f", "v")
	require.Equal(t, int64(1), Rec(s, s.C.XDel(ctx, "s", "10-6")).Val())
	const below = "ERR The ID specified in XSETID is smaller than current max_deleted_entry_id"
	require.Equal(t, below, cmdErr(s.Do("XSETID", "s", "10-5")))
	require.Equal(t, "OK", s.Do("XSETID", "s", "10-6").Val())
	require.Equal(t, "OK", s.Do("XSETID", "s", "20-0", "MAXDELETEDID", "15-0", "ENTRIESADDED", "100").Val())
	info := Rec(s, s.C.XInfoStream(ctx, "s")).Val()
	require.Equal(t, []string{"20-0", "15-0"}, []string{info.LastGeneratedID, info.MaxDeletedEntryID})
	require.Equal(t, int64(100), info.EntriesAdded)
	require.Equal(t, below, cmdErr(s.Do("XSETID", "s", "14-0")))
	// MAXDELETEDID 0-0 leaves the max-deleted ID as it is.
	require.Equal(t, "OK", s.Do("XSETID", "s", "15-0", "MAXDELETEDID", "0-0").Val())
	require.Equal(t, "15-0", Rec(s, s.C.XInfoStream(ctx, "s")).Val().MaxDeletedEntryID)
	require.Equal(t, "15-1", recAdd(s, "s", "15-*", "f", "v").Val())
	// An emptied stream keeps its max-deleted ID: no going back to 0-0.
	require.Equal(t, int64(2), Rec(s, s.C.XTrimMaxLen(ctx, "s", 0)).Val())
	require.Equal(t, below, cmdErr(s.Do("XSETID", "s", "0-0")))
}
