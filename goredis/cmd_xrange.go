package goredis

import (
	"strings"

	"github.com/xstream-go/xstream"
)

func init() {
	register("xlen", 2, cmdXLen)
	register("xrange", -4, func(c *call) reply { return xrangeGeneric(c, false) })
	register("xrevrange", -4, func(c *call) reply { return xrangeGeneric(c, true) })
}

// cmdXLen: XLEN key — the number of entries; 0 for a missing key. O(1).
func cmdXLen(c *call) reply {
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return integer(0)
	}
	return integer(st.Len())
}

// xrangeGeneric implements XRANGE key start end [COUNT n] and XREVRANGE key
// end start [COUNT n] (rev): the entries with start <= ID <= end, in
// ascending or descending order, at most n. "-" and "+" are the smallest
// and greatest IDs, "(" makes a bound exclusive. The start is parsed first,
// then the end, then the options (COUNT may repeat; a negative COUNT is 0),
// all before the key is looked up. A missing key gives an empty array, and
// COUNT 0 Redis's null array. O(log N + M) for M entries returned.
func xrangeGeneric(c *call, rev bool) reply {
	startArg, endArg := c.argv[2], c.argv[3]
	if rev {
		startArg, endArg = endArg, startArg
	}
	start, err := xstream.ParseRangeStart(startArg)
	if err != nil {
		return errReply(err)
	}
	end, err := xstream.ParseRangeEnd(endArg)
	if err != nil {
		return errReply(err)
	}
	count := int64(-1) // no COUNT
	for j := 4; j < len(c.argv); j++ {
		if !strings.EqualFold(c.argv[j], "count") || j+1 >= len(c.argv) {
			return syntaxErr
		}
		n, ok := parseInt(c.argv[j+1])
		if !ok {
			return notInteger
		}
		count = max(n, 0)
		j++
	}
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return emptyArray
	}
	if count == 0 {
		return nilReply
	}
	limit := 0 // the core's "no limit"
	if count > 0 {
		limit = int(count)
	}
	var entries []xstream.Entry[fields]
	if rev {
		entries, err = st.RevRange(end, start, limit)
	} else {
		entries, err = st.Range(start, end, limit)
	}
	if err != nil {
		return errReply(err)
	}
	return xrangeEntries(entries)
}

// xrangeEntries is the reply of XRANGE-like commands: an array of entries,
// each [id, [field, value, ...]].
func xrangeEntries(entries []xstream.Entry[fields]) reply {
	out := make([]reply, len(entries))
	for i, e := range entries {
		out[i] = xrangeEntry(e)
	}
	return array(out...)
}

// xrangeEntry is one entry of an XRANGE reply: [id, [field, value, ...]].
func xrangeEntry(e xstream.Entry[fields]) reply {
	fv := make([]reply, len(e.Value))
	for i, s := range e.Value {
		fv[i] = bulk(s)
	}
	return array(idReply(e.ID), array(fv...))
}
