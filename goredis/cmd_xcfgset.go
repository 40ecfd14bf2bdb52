package goredis

import (
	"strings"
	"time"

	"github.com/xstream-go/xstream"
)

func init() {
	register("xcfgset", -2, cmdXCfgSet)
	register("xidmprecord", 5, cmdXIdmpRecord)
}

// Ranges of XCFGSET's settings (Redis's CONFIG_STREAM_IDMP_* bounds).
const (
	idmpMinDuration, idmpMaxDuration = 1, 86400
	idmpMinMaxSize, idmpMaxMaxSize   = 1, 10000
)

// cmdXCfgSet: XCFGSET key [IDMP-DURATION seconds] [IDMP-MAXSIZE n] (Redis
// 8.6) — OK. Changes the stream's idempotency settings; a setting that
// really changes clears the remembered producers and idempotent IDs. The key
// must exist ("ERR no such key") and is looked up before the arguments are
// parsed; each option may appear once. O(1), plus freeing the cleared IDs.
func cmdXCfgSet(c *call) reply {
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return noSuchKey
	}
	duration, maxSize := int64(-1), int64(-1)
	var (
		r  reply
		ok bool
	)
	for i := 2; i < len(c.argv); i++ {
		opt, more := c.argv[i], len(c.argv)-1-i
		switch {
		case strings.EqualFold(opt, "idmp-duration") && more > 0:
			i++
			if duration, r, ok = cfgsetSetting(c.argv[i], "IDMP-DURATION", duration, idmpMinDuration, idmpMaxDuration, xstream.ErrIdempotencyDuration); !ok {
				return r
			}
		case strings.EqualFold(opt, "idmp-maxsize") && more > 0:
			i++
			if maxSize, r, ok = cfgsetSetting(c.argv[i], "IDMP-MAXSIZE", maxSize, idmpMinMaxSize, idmpMaxMaxSize, xstream.ErrIdempotencyMaxSize); !ok {
				return r
			}
		default:
			return syntaxErr
		}
	}
	if duration == -1 && maxSize == -1 {
		return errReply(xstream.ErrNoIdempotencySetting)
	}
	var cfg xstream.IdempotencyConfig
	if duration != -1 {
		cfg.Duration = time.Duration(duration) * time.Second
	}
	if maxSize != -1 {
		cfg.MaxSize = int(maxSize)
	}
	if err := st.ConfigureIdempotency(cfg); err != nil {
		return errReply(err)
	}
	return okReply
}

// cfgsetSetting parses arg, the value of XCFGSET's option name, whose value
// so far is prev (-1 when not given yet): an integer from lo to hi, else the
// error outOfRange. ok is false, with the error reply r, when the option was
// given before, arg is not an integer, or it is out of range.
func cfgsetSetting(arg, name string, prev, lo, hi int64, outOfRange error) (n int64, r reply, ok bool) {
	if prev != -1 {
		return prev, errorReply("ERR " + name + " specified multiple times"), false
	}
	n, ok = parseInt(arg)
	if !ok {
		return prev, notInteger, false
	}
	if n < lo || n > hi {
		return prev, errReply(outOfRange), false
	}
	return n, reply{}, true
}

// cmdXIdmpRecord: XIDMPRECORD key pid iid stream-id (Redis 8.6.2, used by
// AOF rewrites) — OK. Records that producer pid's idempotent ID iid names
// the existing entry stream-id, as an idempotent XADD would have; recording
// the same triple again does nothing. Checks, in order: the ID, the
// non-empty pid and iid, the key ("ERR no such key"), the entry, a
// conflicting record. O(log N).
func cmdXIdmpRecord(c *call) reply {
	id, err := xstream.ParseID(c.argv[4])
	if err != nil {
		return errReply(err)
	}
	pid, iid := c.argv[2], c.argv[3]
	if pid == "" {
		return errorReply("ERR producer ID must be non-empty")
	}
	if iid == "" {
		return errorReply("ERR idempotent ID must be non-empty")
	}
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return noSuchKey
	}
	if err := st.RecordIdempotent(pid, iid, id); err != nil {
		return errReply(err)
	}
	return okReply
}
