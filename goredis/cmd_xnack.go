package goredis

import (
	"math"
	"strings"

	"github.com/xstream-go/xstream"
)

// XNACK (Redis 8.8).
func init() {
	register("xnack", -7, cmdXNack)
}

// nackModes maps XNACK's mode words, lower-cased, to the core's modes.
var nackModes = map[string]xstream.NackMode{
	"silent": xstream.NackSilent,
	"fail":   xstream.NackFail,
	"fatal":  xstream.NackFatal,
}

// cmdXNack: XNACK key group SILENT|FAIL|FATAL IDS numids id [id ...]
// [RETRYCOUNT count] [FORCE] (Redis 8.8) — releases pending entries back to
// the group (unowned, in the NACK zone, delivery time 0), adjusting their
// delivery counts by the mode or to RETRYCOUNT, and returns how many were
// released. The key and group are checked first, then the mode, then the
// options (IDS, RETRYCOUNT and FORCE in any order, the last one winning),
// then the IDs. O(log p) per ID.
func cmdXNack(c *call) reply {
	g, r, ok := claimGroup(c)
	if !ok {
		return r
	}
	mode, ok := nackModes[strings.ToLower(c.argv[3])]
	if !ok {
		return errReply(xstream.ErrInvalidNackMode)
	}
	var (
		idArgs []string
		opts   xstream.NackOptions
	)
	for i := 4; i < len(c.argv); i++ {
		more := len(c.argv) - 1 - i
		opt := c.argv[i]
		switch {
		case strings.EqualFold(opt, "ids") && more > 0:
			n, valid := parseInt(c.argv[i+1])
			if !valid || n < 1 || n > math.MaxInt32 {
				return errorReply("ERR numids must be a positive integer")
			}
			first := i + 2
			if n > int64(len(c.argv)-first) {
				return errorReply("ERR number of IDs doesn't match numids")
			}
			idArgs = c.argv[first : first+int(n)]
			i = first + int(n) - 1
		case strings.EqualFold(opt, "force"):
			opts.Force = true
		case strings.EqualFold(opt, "retrycount") && more > 0:
			i++
			v, valid := parseInt(c.argv[i])
			if !valid {
				return notInteger
			}
			if v < 0 {
				return errReply(xstream.ErrNegativeRetryCount)
			}
			opts.RetryCount = &v
		default:
			return errorReply("ERR Unrecognized XNACK option '" + opt + "'")
		}
	}
	if idArgs == nil {
		return errorReply("ERR syntax error, expected IDS keyword")
	}
	ids, r, ok := parseIDs(idArgs)
	if !ok {
		return r
	}
	n, err := g.Nack(mode, ids, opts)
	if err != nil {
		return errReply(err)
	}
	if n > 0 {
		c.signal(c.argv[1])
	}
	return integer(int64(n))
}
