package goredis

import (
	"slices"

	"github.com/xstream-go/xstream"
)

func init() {
	register("xadd", -5, cmdXAdd)
}

// cmdXAdd: XADD key [NOMKSTREAM] [KEEPREF|DELREF|ACKED] [IDMP pid iid |
// IDMPAUTO pid] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field
// value [field value ...] — the new entry's ID; for a duplicate idempotent
// add, the original entry's ID; nil with NOMKSTREAM on a missing key. The
// options come in any order before the ID and are checked first, then the
// field/value count, then the explicit ID 0-0, all before the key is looked
// up. Readers blocked on the key are served after a new entry. O(1), plus
// O(N) for N entries trimmed.
func cmdXAdd(c *call) reply {
	a, r, ok := parseAddTrimArgs(c.argv, true)
	if !ok {
		return r
	}
	fieldPos := a.idPos + 1
	if n := len(c.argv) - fieldPos; n < 2 || n%2 == 1 {
		return wrongArity(c.name)
	}
	if a.id == xstream.ExplicitID(xstream.MinID) {
		return errReply(xstream.ErrIDZero)
	}
	key := c.argv[1]
	st := c.srv.lookup(key)
	if st == nil {
		if a.noMkStream {
			return nilReply
		}
		st = c.srv.create(key)
	}
	last := st.LastID()
	id, err := st.AddWith(fields(slices.Clone(c.argv[fieldPos:])), xstream.AddOptions{
		ID:               a.id,
		Trim:             a.trim,
		Producer:         a.producer,
		IdempotentID:     a.iid,
		AutoIdempotentID: a.auto,
	})
	if err != nil {
		return errReply(err)
	}
	if st.LastID() != last { // not a duplicate idempotent add
		c.signal(key)
	}
	return idReply(id)
}
