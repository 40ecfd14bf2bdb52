package goredis

import (
	"strings"

	"github.com/xstream-go/xstream"
)

func init() {
	register("xsetid", -3, cmdXSetID)
}

// cmdXSetID: XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id] — OK.
// Sets the stream's last-generated ID and optionally its entries-added
// counter and max-deleted ID. The ID and the options (each may repeat; the
// last wins) are checked first, then the key must exist ("ERR no such key"),
// then the core checks the ID against the stream. O(1).
func cmdXSetID(c *call) reply {
	id, err := xstream.ParseID(c.argv[2])
	if err != nil {
		return errReply(err)
	}
	var opts xstream.SetIDOptions
	for i := 3; i < len(c.argv); i += 2 {
		opt := c.argv[i]
		if i+1 >= len(c.argv) {
			return syntaxErr
		}
		switch {
		case strings.EqualFold(opt, "entriesadded"):
			n, ok := parseInt(c.argv[i+1])
			if !ok {
				return notInteger
			}
			if n < 0 {
				return errReply(xstream.ErrEntriesAddedNegative)
			}
			opts.EntriesAdded = &n
		case strings.EqualFold(opt, "maxdeletedid"):
			md, err := xstream.ParseID(c.argv[i+1])
			if err != nil {
				return errReply(err)
			}
			if id.Less(md) {
				return errReply(xstream.ErrSetIDBelowGivenMaxDeleted)
			}
			opts.MaxDeletedID = &md
		default:
			return syntaxErr
		}
	}
	st := c.srv.lookup(c.argv[1])
	if st == nil {
		return noSuchKey
	}
	if err := st.SetLastID(id, opts); err != nil {
		return errReply(err)
	}
	return okReply
}
