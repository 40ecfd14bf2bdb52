package goredis

import (
	"math"
	"strings"
	"time"

	"github.com/xstream-go/xstream"
)

// XCLAIM and XAUTOCLAIM.
func init() {
	register("xclaim", -6, cmdXClaim)
	register("xautoclaim", -6, cmdXAutoClaim)
}

// maxDurationMs is the greatest whole number of milliseconds a
// time.Duration holds.
const maxDurationMs = math.MaxInt64 / int64(time.Millisecond)

// msDuration converts Redis milliseconds to a Duration, saturating instead
// of overflowing.
func msDuration(ms int64) time.Duration {
	return time.Duration(min(max(ms, -maxDurationMs), maxDurationMs)) * time.Millisecond
}

// cmdXClaim: XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms]
// [TIME ms-unix] [RETRYCOUNT n] [FORCE] [JUSTID] [LASTID id] — transfers
// the pending entries idle at least min-idle-time to the consumer and
// returns them ([id, fields], or IDs with JUSTID). As in Redis: the key and
// group are checked first; IDs are taken up to the first argument that is
// not one, the rest are options; a negative min-idle is 0, a negative
// RETRYCOUNT is not given, and of IDLE and TIME the last one wins. O(log p)
// per ID.
func cmdXClaim(c *call) reply {
	g, r, ok := claimGroup(c)
	if !ok {
		return r
	}
	minIdle, ok := parseInt(c.argv[4])
	if !ok {
		return errorReply("ERR Invalid min-idle-time argument for XCLAIM")
	}
	var ids []xstream.ID
	j := 5
	for ; j < len(c.argv); j++ {
		id, err := xstream.ParseID(c.argv[j])
		if err != nil {
			break
		}
		ids = append(ids, id)
	}
	var opts xstream.ClaimOptions
	for ; j < len(c.argv); j++ {
		more := len(c.argv) - 1 - j
		opt := c.argv[j]
		switch {
		case strings.EqualFold(opt, "force"):
			opts.Force = true
		case strings.EqualFold(opt, "justid"):
			opts.JustID = true
		case strings.EqualFold(opt, "idle") && more > 0:
			j++
			v, ok := parseInt(c.argv[j])
			if !ok {
				return errorReply("ERR Invalid IDLE option argument for XCLAIM")
			}
			idle := msDuration(v)
			opts.Idle, opts.Time = &idle, nil
		case strings.EqualFold(opt, "time") && more > 0:
			j++
			v, ok := parseInt(c.argv[j])
			if !ok {
				return errorReply("ERR Invalid TIME option argument for XCLAIM")
			}
			t := time.UnixMilli(v)
			opts.Time, opts.Idle = &t, nil
		case strings.EqualFold(opt, "retrycount") && more > 0:
			j++
			v, ok := parseInt(c.argv[j])
			if !ok {
				return errorReply("ERR Invalid RETRYCOUNT option argument for XCLAIM")
			}
			opts.RetryCount = nil
			if v >= 0 {
				opts.RetryCount = &v
			}
		case strings.EqualFold(opt, "lastid") && more > 0:
			j++
			id, err := xstream.ParseID(c.argv[j])
			if err != nil {
				return errReply(err)
			}
			opts.LastID = &id
		default:
			return errorReply("ERR Unrecognized XCLAIM option '" + opt + "'")
		}
	}
	entries, err := g.Consumer(c.argv[3]).Claim(msDuration(max(minIdle, 0)), ids, opts)
	if err != nil {
		return errReply(err)
	}
	if opts.JustID {
		return entryIDs(entries)
	}
	return xrangeEntries(entries)
}

// entryIDs is the JUSTID form of a claim's reply: the IDs only.
func entryIDs(entries []xstream.Entry[fields]) reply {
	out := make([]reply, len(entries))
	for i, e := range entries {
		out[i] = idReply(e.ID)
	}
	return array(out...)
}

// maxAutoClaimCount is XAUTOCLAIM's greatest COUNT, LONG_MAX / 16.
const maxAutoClaimCount = math.MaxInt64 / 16

// cmdXAutoClaim: XAUTOCLAIM key group consumer min-idle-time start [COUNT
// count] [JUSTID] — claims for the consumer the pending entries from start
// idle at least min-idle-time, at most COUNT (default 100) and examining at
// most 10 × COUNT; the reply is [next cursor, claimed entries (IDs with
// JUSTID), IDs of pending entries found deleted and dropped]. Arguments are
// checked before the key, as in Redis. O(1) for a small COUNT.
func cmdXAutoClaim(c *call) reply {
	minIdle, ok := parseInt(c.argv[4])
	if !ok {
		return errorReply("ERR Invalid min-idle-time argument for XAUTOCLAIM")
	}
	start, err := xstream.ParseRangeStart(c.argv[5])
	if err != nil {
		return errReply(err)
	}
	opts := xstream.AutoClaimOptions{Count: 100}
	for j := 6; j < len(c.argv); j++ {
		more := len(c.argv) - 1 - j
		opt := c.argv[j]
		switch {
		case strings.EqualFold(opt, "count") && more > 0:
			n, ok := parseInt(c.argv[j+1])
			if !ok || n < 1 || n > maxAutoClaimCount {
				return errReply(xstream.ErrAutoClaimCount)
			}
			opts.Count = int(n)
			j++
		case strings.EqualFold(opt, "justid"):
			opts.JustID = true
		default:
			return syntaxErr
		}
	}
	g, r, ok := claimGroup(c)
	if !ok {
		return r
	}
	res, err := g.Consumer(c.argv[3]).AutoClaim(msDuration(max(minIdle, 0)), start, opts)
	if err != nil {
		return errReply(err)
	}
	claimed := xrangeEntries(res.Claimed)
	if opts.JustID {
		claimed = entryIDs(res.Claimed)
	}
	deleted := make([]reply, len(res.Deleted))
	for i, id := range res.Deleted {
		deleted[i] = idReply(id)
	}
	return array(idReply(res.Next), claimed, array(deleted...))
}
