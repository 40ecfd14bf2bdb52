package goredis

import (
	"context"
	"math"
	"strings"

	"github.com/xstream-go/xstream"
)

func init() {
	register("xread", -4, cmdXRead)
	register("xreadgroup", -7, cmdXReadGroup)
}

// idKind says how a read's ID argument is served.
type idKind uint8

const (
	idAfter idKind = iota // an explicit ID, or "$" resolved when called: entries after it (XREAD) or history (XREADGROUP)
	idNew                 // ">": the group's new entries
	idLast                // "+" (XREAD): the last entry, resolved at each execution
)

// readTarget is one stream of a read: its key and what to read from it.
type readTarget struct {
	key   string
	kind  idKind
	after xstream.ID
}

// readArgs are the parsed options of an XREAD or XREADGROUP.
type readArgs struct {
	group, consumer string
	isGroup         bool  // XREADGROUP
	count           int   // COUNT; 0 means no limit
	maxCount        int64 // MAXCOUNT; 0 means none
	maxSize         int64 // MAXSIZE; 0 means none
	block           int64 // BLOCK in ms; -1 when not given
	noAck           bool
	claim           bool  // CLAIM given
	minIdle         int64 // CLAIM's min-idle-time in ms
	streamsAt       int   // argv index of the first key
	streams         int   // number of keys
}

// cmdXRead: XREAD [COUNT n] [MAXCOUNT n] [MAXSIZE bytes] [BLOCK ms] STREAMS
// key [key ...] id [id ...] — the entries after each ID, keyed by stream,
// for the streams that have any; nil if none has (or, with BLOCK, once one
// has). "$" is the stream's last ID, "+" its last entry. Options are parsed
// first, then each key and ID in order; missing keys are skipped. O(M) per
// stream for M entries returned.
func cmdXRead(c *call) reply { return xreadGeneric(c) }

// cmdXReadGroup: XREADGROUP GROUP group consumer [COUNT n] [MAXCOUNT n]
// [MAXSIZE bytes] [BLOCK ms] [NOACK] [CLAIM min-idle] STREAMS key [key ...]
// id [id ...] — ">" delivers the group's new entries (claiming idle
// pending ones first with CLAIM), another ID the consumer's own pending
// entries after it; keyed by stream. Every key and group is checked, in
// order, before anything is delivered. nil if nothing is served (or, with
// BLOCK, once something is). O(M) per stream for M entries returned.
func cmdXReadGroup(c *call) reply { return xreadGeneric(c) }

// xreadGeneric runs XREAD and XREADGROUP: parse, resolve the IDs, serve,
// and block when there is nothing to serve and BLOCK was given (never inside
// MULTI, where the reply is nil at once, as in Redis).
func xreadGeneric(c *call) reply {
	a, r, ok := parseReadArgs(c.argv, c.name == "xreadgroup", c.srv.opts.Clock)
	if !ok {
		return r
	}
	targets, r, ok := c.srv.resolveReadTargets(c.argv, &a)
	if !ok {
		return r
	}
	r = c.srv.serveRead(&a, targets)
	if r.k != kNil || a.block < 0 || c.multi {
		return r
	}
	c.srv.blockRead(c, &a, targets)
	return nilReply
}

// parseReadArgs parses the options of XREAD (isGroup false) or XREADGROUP
// in Redis's order: the options in any order up to STREAMS (the last of a
// repeated one wins), each checked as it comes, then the missing GROUP and
// the COUNT/MAXCOUNT relation. BLOCK is added to clock's time, read only
// when BLOCK is given.
func parseReadArgs(argv []string, isGroup bool, clock xstream.Clock) (readArgs, reply, bool) {
	a := readArgs{isGroup: isGroup, block: -1}
	groupGiven := false
	for i := 1; i < len(argv); i++ {
		more := len(argv) - i - 1
		switch opt := strings.ToLower(argv[i]); {
		case opt == "claim" && more > 0:
			if !isGroup {
				return a, errorReply("ERR The CLAIM option is only supported by XREADGROUP. You called XREAD instead."), false
			}
			i++
			n, ok := parseInt(argv[i])
			if !ok {
				return a, errorReply("ERR min-idle-time is not an integer or out of range"), false
			}
			if n < 0 {
				return a, errorReply("ERR min-idle-time must be a positive integer"), false
			}
			a.claim, a.minIdle = true, n
		case opt == "block" && more > 0:
			i++
			ms, r, ok := parseTimeout(argv[i], clock.Now().UnixMilli())
			if !ok {
				return a, r, false
			}
			a.block = ms
		case opt == "count" && more > 0:
			i++
			n, ok := parseInt(argv[i])
			if !ok {
				return a, notInteger, false
			}
			a.count = int(min(max(n, 0), math.MaxInt))
		case (opt == "maxcount" || opt == "maxsize") && more > 0:
			i++
			n, ok := parseInt(argv[i])
			if !ok {
				return a, notInteger, false
			}
			if n <= 0 {
				return a, errorReply("ERR " + strings.ToUpper(opt) + " must be a positive integer"), false
			}
			if opt == "maxcount" {
				a.maxCount = n
			} else {
				a.maxSize = n
			}
		case opt == "streams" && more > 0:
			a.streamsAt = i + 1
			if more%2 != 0 {
				return a, unbalancedStreams(isGroup), false
			}
			a.streams = more / 2
			i = len(argv)
		case opt == "group" && more >= 2:
			if !isGroup {
				return a, errorReply("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead."), false
			}
			a.group, a.consumer, groupGiven = argv[i+1], argv[i+2], true
			i += 2
		case opt == "noack":
			if !isGroup {
				return a, errorReply("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead."), false
			}
			a.noAck = true
		default:
			return a, syntaxErr, false
		}
	}
	if a.streamsAt == 0 {
		return a, syntaxErr, false
	}
	if isGroup && !groupGiven {
		return a, errorReply("ERR Missing GROUP option for XREADGROUP"), false
	}
	if a.maxCount > 0 && a.count > 0 && int64(a.count) > a.maxCount {
		return a, errorReply("ERR MAXCOUNT must be greater than or equal to COUNT"), false
	}
	return a, reply{}, true
}

// unbalancedStreams is the error for an odd number of arguments after
// STREAMS, in the text of Redis 7.4 and later (7.0 says "Unbalanced XREAD
// list of streams: for each stream key an ID or '$' must be specified." for
// both commands).
func unbalancedStreams(isGroup bool) reply {
	if isGroup {
		return errorReply("ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified.")
	}
	return errorReply("ERR Unbalanced 'xread' list of streams: for each stream key an ID, '+', or '$' must be specified.")
}

// parseTimeout parses BLOCK's milliseconds as Redis's
// getTimeoutFromObjectOrReply does: an integer, not negative, and not so
// large that now plus it overflows (0 means forever).
func parseTimeout(s string, nowMs int64) (int64, reply, bool) {
	ms, ok := parseInt(s)
	switch {
	case !ok:
		return 0, errorReply("ERR timeout is not an integer or out of range"), false
	case ms < 0:
		return 0, errorReply("ERR timeout is negative"), false
	case ms > 0 && ms > math.MaxInt64-nowMs:
		return 0, errorReply("ERR timeout is out of range"), false
	}
	return ms, reply{}, true
}

// meaninglessID is XREADGROUP's error for "$" and "+".
func meaninglessID(id string) reply {
	return errorReply("ERR The " + id + " ID is meaningless in the context of XREADGROUP: you want to read the history " +
		"of this consumer by specifying a proper ID, or use the > ID to get new messages. The " + id +
		" ID would just return an empty result set.")
}

// resolveReadTargets checks each stream in argument order as Redis does —
// for XREADGROUP the key and group exist, then the ID — and resolves "$" to
// the stream's last ID now.
func (s *server) resolveReadTargets(argv []string, a *readArgs) ([]readTarget, reply, bool) {
	targets := make([]readTarget, a.streams)
	for i := range targets {
		key, id := argv[a.streamsAt+i], argv[a.streamsAt+a.streams+i]
		t := &targets[i]
		t.key = key
		st := s.lookup(key)
		if a.isGroup {
			if _, r, ok := s.readGroupOf(key, a.group); !ok {
				return nil, r, false
			}
		}
		switch id {
		case "$":
			if a.isGroup {
				return nil, meaninglessID("$"), false
			}
			if st != nil {
				t.after = st.LastID()
			}
		case "+":
			if a.isGroup {
				return nil, meaninglessID("+"), false
			}
			t.kind = idLast
		case ">":
			if !a.isGroup {
				return nil, errorReply("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option."), false
			}
			t.kind = idNew
		default:
			parsed, err := xstream.ParseID(id)
			if err != nil {
				return nil, errReply(err), false
			}
			t.after = parsed
			if a.isGroup && parsed == xstream.MaxID { // Redis's internal mark for ">"
				t.kind = idNew
			}
		}
	}
	return targets, reply{}, true
}

// readGroupOf returns the group of an XREADGROUP stream, or XREADGROUP's
// NOGROUP error if key or its group does not exist.
func (s *server) readGroupOf(key, group string) (*xstream.Group[fields], reply, bool) {
	if g := s.group(key, group); g != nil {
		return g, reply{}, true
	}
	return nil, errorReply(xstream.NoGroupText(key, group, true)), false
}

// serveRead executes a read once, without blocking: the reply, or nilReply
// when no stream is served. It is also how a blocked reader that Redis
// re-executes (CLAIM, MAXCOUNT, MAXSIZE, "+") is retried; keys and groups
// are then checked again.
func (s *server) serveRead(a *readArgs, targets []readTarget) reply {
	if a.isGroup {
		return s.serveGroupRead(a, targets)
	}
	reads := make([]xstream.StreamRead[fields], 0, len(targets))
	for _, t := range targets {
		st := s.lookup(t.key)
		if st == nil {
			continue
		}
		after := t.after
		if t.kind == idLast {
			after = xstream.MinID
			if last, ok := st.Last(); ok {
				after, _ = last.ID.Prev()
			}
		}
		reads = append(reads, xstream.StreamRead[fields]{Stream: st, After: after})
	}
	if len(reads) == 0 {
		return nilReply
	}
	res, err := xstream.Read(context.Background(), reads, xstream.ReadOptions{
		Count: a.count, MaxCount: a.maxCount, MaxSize: a.maxSize,
	})
	if err != nil {
		return errReply(err)
	}
	if len(res) == 0 {
		return nilReply
	}
	kv := make([]reply, 0, 2*len(res))
	for _, r := range res {
		kv = append(kv, bulk(r.Stream.Name()), xrangeEntries(r.Entries))
	}
	return streamsReply(kv...)
}

// serveGroupRead is serveRead for XREADGROUP.
func (s *server) serveGroupRead(a *readArgs, targets []readTarget) reply {
	reads := make([]xstream.GroupRead[fields], len(targets))
	for i, t := range targets {
		g, r, ok := s.readGroupOf(t.key, a.group)
		if !ok {
			return r
		}
		reads[i] = xstream.GroupRead[fields]{Stream: g.Stream(), History: t.kind == idAfter, After: t.after}
	}
	res, err := xstream.ReadGroup(context.Background(), a.group, a.consumer, reads, xstream.ReadGroupOptions{
		Count: a.count, NoAck: a.noAck, Claim: a.claim, MinIdle: msDuration(a.minIdle),
		MaxCount: a.maxCount, MaxSize: a.maxSize,
	})
	if err != nil {
		return errReply(err)
	}
	if len(res) == 0 {
		return nilReply
	}
	kv := make([]reply, 0, 2*len(res))
	j := 0 // the next target a result may belong to (results keep argument order)
	for _, r := range res {
		for j < len(targets)-1 && reads[j].Stream != r.Stream {
			j++
		}
		kv = append(kv, bulk(r.Stream.Name()), groupEntries(r.Messages, a.claim && claimApplies(targets, j)))
		j++
	}
	return streamsReply(kv...)
}

// claimApplies reports whether CLAIM applies to the i-th stream: as in
// Redis, it is switched off for the rest of the command at the first
// history read.
func claimApplies(targets []readTarget, i int) bool {
	for _, t := range targets[:min(i+1, len(targets))] {
		if t.kind == idAfter {
			return false
		}
	}
	return true
}

// groupEntries is one stream's entries in an XREADGROUP reply: [id,
// fields], [id, nil] for a pending entry deleted from the stream, and with
// CLAIM [id, fields, idle-ms, delivery-count] (0, 0 for new entries).
func groupEntries(msgs []xstream.Message[fields], claim bool) reply {
	out := make([]reply, len(msgs))
	for i, m := range msgs {
		switch {
		case m.Deleted:
			out[i] = array(idReply(m.ID), nilReply)
		case claim:
			e := xrangeEntry(xstream.Entry[fields]{ID: m.ID, Value: m.Value})
			out[i] = array(e.a[0], e.a[1], integer(m.Idle.Milliseconds()), integer(m.Deliveries))
		default:
			out[i] = xrangeEntry(xstream.Entry[fields]{ID: m.ID, Value: m.Value})
		}
	}
	return array(out...)
}
