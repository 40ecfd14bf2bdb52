package goredis

import (
	"strings"

	"github.com/xstream-go/xstream"
)

func init() {
	register("xtrim", -4, cmdXTrim)
}

// addTrimArgs are the parsed options of XADD and XTRIM (Redis's
// streamAddTrimArgs): the trimming options both commands take, and the
// XADD-only ones.
type addTrimArgs struct {
	trim xstream.TrimOptions

	// XADD only.
	noMkStream bool
	producer   string // IDMP / IDMPAUTO producer; "" when not given
	iid        string // IDMP's idempotent ID
	auto       bool   // IDMPAUTO
	idPos      int    // index of the ID argument in argv
	id         xstream.IDSpec
}

// parseAddTrimArgs parses the options of XADD (xadd set) or XTRIM from
// argv[2] on, in any order, in Redis's order of checks: the argument errors
// as the loop meets them, then the combinations (LIMIT without a strategy,
// XTRIM without a strategy, LIMIT without "~"). For XADD the loop ends at
// the ID, whose position is returned in idPos. ok is false when the reply r
// is an error to send.
func parseAddTrimArgs(argv []string, xadd bool) (a addTrimArgs, r reply, ok bool) {
	refGiven, limitGiven := false, false
	var limit int64
	i := 2
loop:
	for ; i < len(argv); i++ {
		more := len(argv) - 1 - i
		opt := argv[i]
		switch {
		case xadd && opt == "*":
			a.id = xstream.AutoID()
			break loop
		case strings.EqualFold(opt, "maxlen") && more > 0, strings.EqualFold(opt, "minid") && more > 0:
			if a.trim.Strategy != xstream.NoTrim {
				return a, errorReply("ERR syntax error, MAXLEN and MINID options at the same time are not compatible"), false
			}
			a.trim.Approx = false
			if next := argv[i+1]; more >= 2 && (next == "~" || next == "=") {
				a.trim.Approx = next == "~"
				i++
			}
			if strings.EqualFold(opt, "maxlen") {
				n, okInt := parseInt(argv[i+1])
				if !okInt {
					return a, notInteger, false
				}
				if n < 0 {
					return a, errReply(xstream.ErrMaxLenNegative), false
				}
				a.trim.Strategy, a.trim.MaxLen = xstream.TrimMaxLen, n
			} else {
				id, err := xstream.ParseID(argv[i+1])
				if err != nil {
					return a, errReply(err), false
				}
				a.trim.Strategy, a.trim.MinID = xstream.TrimMinID, id
			}
			i++
		case strings.EqualFold(opt, "limit") && more > 0:
			n, okInt := parseInt(argv[i+1])
			if !okInt {
				return a, notInteger, false
			}
			if n < 0 {
				return a, errReply(xstream.ErrLimitNegative), false
			}
			limit, limitGiven = n, true
			i++
		case !refGiven && refMode(opt) >= 0:
			a.trim.Ref, refGiven = xstream.RefMode(refMode(opt)), true
		case xadd && strings.EqualFold(opt, "nomkstream"):
			a.noMkStream = true
		case xadd && strings.EqualFold(opt, "idmpauto") && more > 0:
			if a.producer != "" {
				return a, errReply(xstream.ErrIdempotencyTwice), false
			}
			if argv[i+1] == "" {
				return a, errorReply("ERR syntax error, IDMPAUTO requires a non-empty producer ID"), false
			}
			a.producer, a.auto = argv[i+1], true
			i++
		case xadd && strings.EqualFold(opt, "idmp") && more > 1:
			if a.producer != "" {
				return a, errReply(xstream.ErrIdempotencyTwice), false
			}
			if argv[i+1] == "" {
				return a, errReply(xstream.ErrEmptyProducer), false
			}
			if argv[i+2] == "" {
				return a, errReply(xstream.ErrEmptyIdempotentID), false
			}
			a.producer, a.iid = argv[i+1], argv[i+2]
			i += 2
		case xadd:
			// Anything else is the ID, or an error.
			spec, err := xstream.ParseIDSpec(opt)
			if err != nil {
				return a, errReply(err), false
			}
			if a.producer != "" {
				return a, errReply(xstream.ErrIdempotencyNeedsAutoID), false
			}
			a.id = spec
			break loop
		default:
			return a, syntaxErr, false
		}
	}
	a.idPos = i // for XADD with no ID, len(argv): the arity check answers
	switch {
	case limit != 0 && a.trim.Strategy == xstream.NoTrim:
		return a, errReply(xstream.ErrLimitWithoutStrategy), false
	case !xadd && a.trim.Strategy == xstream.NoTrim:
		return a, errReply(xstream.ErrNoTrimStrategy), false
	case limitGiven && !a.trim.Approx:
		return a, errReply(xstream.ErrLimitWithoutApprox), false
	}
	switch {
	case limitGiven && limit == 0:
		a.trim.Limit = xstream.NoLimit
	case limitGiven:
		a.trim.Limit = limit
	}
	return a, reply{}, true
}

// refMode returns the xstream.RefMode a KEEPREF, DELREF or ACKED token names
// (case-insensitively), or -1 for any other token.
func refMode(tok string) int {
	switch {
	case strings.EqualFold(tok, "keepref"):
		return int(xstream.KeepRef)
	case strings.EqualFold(tok, "delref"):
		return int(xstream.DelRef)
	case strings.EqualFold(tok, "acked"):
		return int(xstream.Acked)
	}
	return -1
}

// cmdXTrim: XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]
// [KEEPREF|DELREF|ACKED] — the number of entries removed; 0 for a missing
// key. The arguments are checked before the key is looked up. O(N) for N
// entries removed.
func cmdXTrim(c *call) reply {
	a, r, ok := parseAddTrimArgs(c.argv, false)
	if !ok {
		return r
	}
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return integer(0)
	}
	n, err := st.Trim(a.trim)
	if err != nil {
		return errReply(err)
	}
	return integer(n)
}
