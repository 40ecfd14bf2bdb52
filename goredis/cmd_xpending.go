package goredis

import (
	"math"
	"strconv"
	"strings"

	"github.com/xstream-go/xstream"
)

// XPENDING.
func init() {
	register("xpending", -3, cmdXPending)
}

// cmdXPending: XPENDING key group [[IDLE min-idle] start end count [consumer]]
// — the group's pending summary [count, lowest, highest, [[consumer,
// "count"], ...]], or in the extended form its pending entries [id, owner,
// idle ms, deliveries] from start to end, at most count. Arguments are
// checked before the key, as in Redis; a negative count or min-idle is 0.
// O(c) for c consumers (summary); O(log p + n) for n entries scanned.
func cmdXPending(c *call) reply {
	argc := len(c.argv)
	if argc != 3 && (argc < 6 || argc > 9) {
		return syntaxErr
	}
	var (
		start, end xstream.ID
		count      int64
		minIdle    int64
		consumer   string
		byConsumer bool
	)
	if argc >= 6 {
		i := 3
		if strings.EqualFold(c.argv[3], "idle") {
			v, ok := parseInt(c.argv[4])
			if !ok {
				return notInteger
			}
			if argc < 8 {
				return syntaxErr
			}
			minIdle = v
			i += 2
		}
		n, ok := parseInt(c.argv[i+2])
		if !ok {
			return notInteger
		}
		count = max(n, 0)
		var err error
		if start, err = xstream.ParseRangeStart(c.argv[i]); err != nil {
			return errReply(err)
		}
		if end, err = xstream.ParseRangeEnd(c.argv[i+1]); err != nil {
			return errReply(err)
		}
		if i+3 < argc {
			consumer, byConsumer = c.argv[i+3], true
		}
	}
	g, r, ok := claimGroup(c)
	if !ok {
		return r
	}
	if argc == 3 {
		return pendingSummary(g)
	}
	if byConsumer {
		if _, found, _ := g.Consumer(consumer).Info(); !found {
			return emptyArray
		}
	}
	// Redis skips the idle check for a min-idle of 0 or less.
	f := xstream.PendingFilter{Consumer: consumer, MinIdle: msDuration(max(minIdle, 0))}
	n := int(min(count, math.MaxInt))
	if byConsumer && consumer == "" {
		n = 0 // the core reads "" as no filter: scan everything, filter below
		if count > 0 {
			n = math.MaxInt
		}
	}
	entries, err := g.PendingRange(start, end, n, f)
	if err != nil {
		return errReply(err)
	}
	if byConsumer && consumer == "" {
		entries = ownedByEmptyName(entries, count)
	}
	out := make([]reply, len(entries))
	for i, e := range entries {
		out[i] = array(idReply(e.ID), bulk(e.Consumer), integer(e.Idle.Milliseconds()), integer(e.Deliveries))
	}
	return array(out...)
}

// ownedByEmptyName keeps the entries owned by the consumer named "" (not
// the released ones, which have no owner and an idle time of -1 ms), at most
// count of them.
func ownedByEmptyName(entries []xstream.PendingEntry, count int64) []xstream.PendingEntry {
	out := []xstream.PendingEntry{}
	for _, e := range entries {
		if int64(len(out)) == count {
			break
		}
		if e.Consumer == "" && e.Idle >= 0 {
			out = append(out, e)
		}
	}
	return out
}

// pendingSummary is XPENDING's short form: [0, nil, nil, nil] when nothing
// is pending.
func pendingSummary(g *xstream.Group[fields]) reply {
	sum, err := g.Pending()
	if err != nil {
		return errReply(err)
	}
	if sum.Count == 0 {
		return array(integer(0), nilReply, nilReply, nilReply)
	}
	cs := make([]reply, len(sum.Consumers))
	for i, cp := range sum.Consumers {
		cs[i] = array(bulk(cp.Name), bulk(strconv.Itoa(cp.Count)))
	}
	return array(integer(int64(sum.Count)), idReply(sum.Lowest), idReply(sum.Highest), array(cs...))
}

// claimGroup returns the group argv[2] of the stream at argv[1], or the
// NOGROUP error XPENDING, XCLAIM, XAUTOCLAIM and XNACK reply with when the
// key or the group is missing.
func claimGroup(c *call) (*xstream.Group[fields], reply, bool) {
	if g := c.srv.group(c.argv[1], c.argv[2]); g != nil {
		return g, reply{}, true
	}
	return nil, errorReply(xstream.NoGroupText(c.argv[1], c.argv[2], false)), false
}
