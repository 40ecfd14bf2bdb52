package goredis

import (
	"strings"

	"github.com/xstream-go/xstream"
)

func init() {
	register("xdel", -3, cmdXDel)
	register("xdelex", -5, cmdXDelEx)
}

// cmdXDel: XDEL key id [id ...] — how many of the entries existed and were
// deleted; 0 for a missing key (whose IDs are not checked). Every ID is
// parsed before anything is deleted, so a bad ID changes nothing. O(log N)
// per ID.
func cmdXDel(c *call) reply {
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return integer(0)
	}
	ids, r, ok := parseIDs(c.argv[2:])
	if !ok {
		return r
	}
	return integer(int64(st.Delete(ids...)))
}

// parseIDs parses strict entry IDs (as XDEL and XDELEX take them), all or
// none: ok is false, with the error reply r, at the first bad one.
func parseIDs(args []string) (ids []xstream.ID, r reply, ok bool) {
	ids = make([]xstream.ID, len(args))
	for i, s := range args {
		id, err := xstream.ParseID(s)
		if err != nil {
			return nil, errReply(err), false
		}
		ids[i] = id
	}
	return ids, reply{}, true
}

// delExArgs are the parsed options of XDELEX and XACKDEL.
type delExArgs struct {
	mode xstream.RefMode
	ids  []string // the IDS block's IDs, unparsed
}

// parseDelExArgs parses the options of XDELEX and XACKDEL from argv[start]
// on (Redis's streamParseAckDelArgsOrReply): at most one of KEEPREF, DELREF
// and ACKED (KEEPREF by default), and IDS numids id ..., in any order; a
// later IDS block replaces an earlier one, and arguments after the block's
// IDs are parsed as options again. ok is false, with the error reply r, for
// a numids that is not a positive integer, one greater than the arguments
// left, any other token or a second mode (syntax error), and a missing IDS
// block.
func parseDelExArgs(argv []string, start int) (a delExArgs, r reply, ok bool) {
	modeGiven, idsGiven := false, false
	for j := start; j < len(argv); {
		switch opt := argv[j]; {
		case !modeGiven && refMode(opt) >= 0:
			a.mode, modeGiven = xstream.RefMode(refMode(opt)), true
			j++
		case strings.EqualFold(opt, "ids") && j+1 < len(argv):
			n, okInt := parseInt(argv[j+1])
			if !okInt || n < 1 {
				return a, errorReply("ERR Number of IDs must be a positive integer"), false
			}
			if n > int64(len(argv)-j-2) {
				return a, errorReply("ERR The `numids` parameter must match the number of arguments"), false
			}
			a.ids, idsGiven = argv[j+2:j+2+int(n)], true
			j += 2 + int(n)
		default:
			return a, syntaxErr, false
		}
	}
	if !idsGiven {
		return a, errorReply("ERR IDS option is required"), false
	}
	return a, reply{}, true
}

// cmdXDelEx: XDELEX key [KEEPREF|DELREF|ACKED] IDS numids id [id ...]
// (Redis 8.2) — one result per ID: 1 deleted, -1 not in the stream, 2 kept
// because a consumer group still references it (ACKED). The options are
// checked first; a missing key then gives -1 for every ID, unchecked;
// otherwise every ID is parsed before anything changes. O(1) per ID, plus
// the reference clean-up of DELREF and ACKED.
func cmdXDelEx(c *call) reply {
	a, r, ok := parseDelExArgs(c.argv, 2)
	if !ok {
		return r
	}
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return delExReply(allNotFound(len(a.ids)))
	}
	ids, r, ok := parseIDs(a.ids)
	if !ok {
		return r
	}
	res, err := st.DeleteEx(a.mode, ids...)
	if err != nil {
		return errReply(err)
	}
	return delExReply(res)
}

// allNotFound is n NotFound results: what XDELEX and XACKDEL answer for a
// missing key or group, without checking the IDs.
func allNotFound(n int) []xstream.DeleteResult {
	res := make([]xstream.DeleteResult, n)
	for i := range res {
		res[i] = xstream.NotFound
	}
	return res
}

// delExReply is the reply of XDELEX and XACKDEL: one integer per ID, its
// result code (-1 not found, 1 deleted, 2 still referenced).
func delExReply(res []xstream.DeleteResult) reply {
	out := make([]reply, len(res))
	for i, d := range res {
		out[i] = integer(int64(d))
	}
	return array(out...)
}
