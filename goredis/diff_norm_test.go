package goredis_test

// Rendering and normalization of the replies TestDiff compares.

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
	"github.com/xstream-go/xstream/internal/redistest"
)

// diffRender renders a Do reply (value and error) as one canonical line:
// strings quoted, maps with their keys sorted (go-redis returns RESP3 maps
// as Go maps, which have no order; Redis does not promise one either).
func diffRender(v interface{}, err error) string {
	switch {
	case errors.Is(err, redis.Nil):
		return "(nil)"
	case err != nil:
		return "-" + err.Error()
	}
	var b strings.Builder
	diffRenderTo(&b, v)
	return b.String()
}

func diffRenderTo(b *strings.Builder, v interface{}) {
	switch v := v.(type) {
	case nil:
		b.WriteString("(nil)")
	case string:
		b.WriteString(strconv.Quote(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case []interface{}:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			diffRenderTo(b, e)
		}
		b.WriteByte(']')
	case map[interface{}]interface{}:
		type kv struct{ k, v string }
		var kvs []kv
		for k, e := range v {
			var kb, vb strings.Builder
			diffRenderTo(&kb, k)
			diffRenderTo(&vb, e)
			kvs = append(kvs, kv{kb.String(), vb.String()})
		}
		slices.SortFunc(kvs, func(a, b kv) int { return strings.Compare(a.k, b.k) })
		b.WriteByte('{')
		for i, e := range kvs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(e.k + ": " + e.v)
		}
		b.WriteByte('}')
	case *diffFlat:
		diffRenderTo(b, v.kv) // exactly as the RESP2 array it stands for
	case error:
		b.WriteString("-" + v.Error())
	default:
		fmt.Fprintf(b, "%T(%v)", v, v)
	}
}

// Placeholders the normalization writes in place of clock-dependent values.
const (
	diffIdle = "<idle ms>" // an idle time: now - delivery or seen time
	diffTime = "<unix ms>" // a delivery or seen time
	diffLag  = "<lag: each side follows its version's rule>"
)

// diffNormalize rewrites the clock-dependent and version-dependent parts of
// a reply to the command args, in place, and returns it. side is "redis" or
// "xstream"; st is the stream's state (from Redis) for the lag rule of XINFO
// GROUPS (nil otherwise). Every rewrite, and why it cannot hide a real
// divergence:
//
//   - XPENDING (extended form): the idle time (3rd element of each entry)
//     becomes diffIdle. Redis runs on the real clock, the client on a manual
//     one, so idle times are incomparable. The ID, owner and delivery count
//     of every entry are still compared, and so is which entries an IDLE
//     filter selects: its thresholds are 0 or 10 hours, and entries are only
//     made old by XCLAIM IDLE 20h / TIME 1000, so both clocks agree.
//   - XINFO CONSUMERS: "idle" becomes diffIdle (same reason); "inactive" is
//     dropped from the client's reply: Redis 7.0 does not have the field
//     (added in 7.2) and its value is a duration, never comparable anyway.
//   - XINFO STREAM FULL: the delivery times in the groups' and consumers'
//     "pending" lists and the consumers' "seen-time" become diffTime (clock
//     values); "active-time" is dropped from the client's reply (7.2+, a
//     clock value). IDs, owners and counts in those lists are compared.
//   - XINFO STREAM / GROUPS: fields newer than 7.0 (diffNewFields) are
//     dropped from the client's reply, see dropNewFields.
//   - "lag" in XINFO GROUPS / XINFO STREAM FULL: where Redis 7.0's lag rule
//     and the spec's (§9.4) give different values for the group's state,
//     each side's value is checked against its own version's rule (computed
//     by diffLagState from the stream's XINFO STREAM counters and the
//     group's own last-delivered-id and entries-read) and replaced by
//     diffLag only when it matches; a wrong value stays in the reply, with
//     the rule's value next to it, and shows as a divergence.
//
// RESP2. The same rewrites, and only them, apply to the RESP2 shapes, where
// every XINFO object is a flat field, value, … array instead of a map
// (diffRecordOf turns each into a *diffFlat at the positions listed above:
// XINFO STREAM's reply, FULL's "groups" and their "consumers", each element
// of XINFO GROUPS and CONSUMERS). A *diffFlat renders exactly as its array,
// so the ORDER of the fields is compared: a field is only ever replaced in
// its place (idle, times, lag) or deleted from the client's reply (a field
// 7.0 lacks), and what remains of the client's array must then be Redis's
// array, in Redis's order. XPENDING entries are arrays in both protocols.
// XREAD / XREADGROUP need no rewrite: RESP3 sends a map keyed by stream
// (order invisible), RESP2 an array of [key, entries] pairs, compared as is,
// order of the keys included. The error-text pairs of diffVersionError do
// not depend on the protocol.
func (d *diffRun) normalize(args []string, v interface{}, side string, st *diffLagState) interface{} {
	name := strings.ToUpper(args[0])
	switch {
	case name == "XPENDING" && len(args) > 3:
		for _, e := range diffSlice(v) {
			if p := diffSlice(e); len(p) == 4 {
				p[2] = diffIdle
			}
		}
	case name == "XINFO" && len(args) >= 3 && strings.EqualFold(args[1], "CONSUMERS"):
		for _, c := range diffRecords(v) {
			c.set("idle", diffIdle)
			if _, ok := c.get("inactive"); ok && side == "xstream" {
				c.del("inactive")
				d.skip("XINFO CONSUMERS: client's \"inactive\" dropped (Redis 7.2+ field, a duration)")
			}
		}
	case name == "XINFO" && len(args) >= 3 && strings.EqualFold(args[1], "STREAM"):
		m, repl, ok := diffRecordOf(v)
		if !ok {
			break
		}
		v = repl
		if side == "xstream" {
			d.dropNewFields(m, "XINFO STREAM")
		}
		fst := diffLagStateOf(m)
		groups, _ := m.get("groups")
		for _, gm := range diffRecords(groups) {
			if side == "xstream" {
				d.dropNewFields(gm, "XINFO STREAM FULL group")
			}
			pending, _ := gm.get("pending")
			for _, p := range diffSlice(pending) {
				if pe := diffSlice(p); len(pe) == 4 {
					pe[2] = diffTime
				}
			}
			consumers, _ := gm.get("consumers")
			for _, cm := range diffRecords(consumers) {
				cm.set("seen-time", diffTime)
				if _, ok := cm.get("active-time"); ok && side == "xstream" {
					cm.del("active-time")
					d.skip("XINFO STREAM FULL: client's \"active-time\" dropped (Redis 7.2+ field, a clock value)")
				}
				pending, _ := cm.get("pending")
				for _, p := range diffSlice(pending) {
					if pe := diffSlice(p); len(pe) == 3 {
						pe[1] = diffTime
					}
				}
			}
			if fst != nil {
				d.fixLag(gm, *fst, side)
			}
		}
	case name == "XINFO" && len(args) >= 3 && strings.EqualFold(args[1], "GROUPS"):
		if st == nil {
			break
		}
		for _, gm := range diffRecords(v) {
			if side == "xstream" {
				d.dropNewFields(gm, "XINFO GROUPS")
			}
			d.fixLag(gm, *st, side)
		}
	}
	return v
}

// diffNewFields are XINFO fields newer than Redis 7.0 (the spec's 8.6 IDMP
// counters, 8.8 XNACK's nacked-count), by the version that added them.
var diffNewFields = map[string]string{
	"idmp-duration": "8.6", "idmp-maxsize": "8.6", "pids-tracked": "8.6", "iids-tracked": "8.6",
	"iids-added": "8.6", "iids-duplicates": "8.6", "nacked-count": "8.8",
}

// dropNewFields removes from a client's XINFO object the fields Redis 7.0
// does not have (diffNewFields): there is nothing to compare them with. Their
// values are Redis-8-only features the generator never uses (IDMP, XNACK),
// so they are constant here; the conformance scenarios assert them. In RESP2
// the other fields keep their order (see diffFlat.del).
func (d *diffRun) dropNewFields(m diffRecord, where string) {
	for _, k := range m.keys() {
		if ver, ok := diffNewFields[k]; ok {
			m.del(k)
			d.skip(fmt.Sprintf("%s: client's %q dropped (Redis %s field)", where, k, ver))
		}
	}
}

// diffSlice is v as an array, or nil.
func diffSlice(v interface{}) []interface{} {
	s, _ := v.([]interface{})
	return s
}

// fixLag replaces group gm's lag (in place, in either protocol) by diffLag when Redis 7.0's rule and the
// spec's disagree on the state and the side's value is its version's.
func (d *diffRun) fixLag(gm diffRecord, st diffLagState, side string) {
	ld, _ := gm.get("last-delivered-id")
	last, err := xstream.ParseID(fmt.Sprint(ld))
	if err != nil {
		return
	}
	er := int64(-1)
	if n, ok := diffGet(gm, "entries-read").(int64); ok {
		er = n
	}
	l70, lspec := st.Lag(er, last, true), st.Lag(er, last, false)
	if diffRender(l70, nil) == diffRender(lspec, nil) {
		return
	}
	d.skip("lag checked against each version's rule (Redis 7.0 vs spec §9.4)")
	want, rule := lspec, "spec's"
	if side == "redis" {
		want, rule = l70, "7.0"
	}
	if got := diffGet(gm, "lag"); diffRender(got, nil) == diffRender(want, nil) {
		gm.set("lag", diffLag)
	} else {
		gm.set("lag", fmt.Sprintf("<lag %s, but the %s rule gives %s>", diffRender(got, nil), rule, diffRender(want, nil)))
	}
}

// diffLagState is what the entries-read and lag rules read of a stream
// (XINFO STREAM's counters); the rules are shared with the core's
// differential test.
type diffLagState = redistest.LagState[xstream.ID]

// diffLagStateOf reads the state from an XINFO STREAM (or FULL) reply, a
// RESP3 map or a RESP2 record, or returns nil if it is not one.
func diffLagStateOf(v interface{}) *diffLagState {
	m, _, ok := diffRecordOf(v)
	if !ok {
		return nil
	}
	var st diffLagState
	var ok1, ok2 bool
	st.Length, ok1 = diffGet(m, "length").(int64)
	st.Added, ok2 = diffGet(m, "entries-added").(int64)
	if !ok1 || !ok2 {
		return nil
	}
	var err1, err2, err3 error
	st.First, err1 = xstream.ParseID(fmt.Sprint(diffGet(m, "recorded-first-entry-id")))
	st.Last, err2 = xstream.ParseID(fmt.Sprint(diffGet(m, "last-generated-id")))
	st.MaxDel, err3 = xstream.ParseID(fmt.Sprint(diffGet(m, "max-deleted-entry-id")))
	if err1 != nil || err2 != nil || err3 != nil {
		return nil
	}
	return &st
}

// streamState queries Redis (d.query, RESP3) for key's XINFO STREAM and
// returns its state, or nil if the query fails or the reply lacks it.
func (d *diffRun) streamState(key string) *diffLagState {
	v, err := d.query("XINFO", "STREAM", key)
	if err != nil {
		return nil
	}
	return diffLagStateOf(v)
}

// diffGet is field k of record m, or nil.
func diffGet(m diffRecord, k string) interface{} {
	v, _ := m.get(k)
	return v
}
