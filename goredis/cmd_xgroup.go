package goredis

import (
	"fmt"
	"strings"

	"github.com/xstream-go/xstream"
)

// XGROUP and its subcommands, with Redis 7's container-command dispatch.
func init() {
	register("xgroup", -2, cmdXGroup)
}

// xgroupSubs is XGROUP's subcommand table. It is filled in by init, as
// its handlers refer to it indirectly.
var xgroupSubs map[string]command

func init() {
	xgroupSubs = map[string]command{
		"create":         {-5, xgroupCreate},
		"setid":          {-5, xgroupSetID},
		"destroy":        {4, xgroupDestroy},
		"createconsumer": {5, xgroupCreateConsumer},
		"delconsumer":    {5, xgroupDelConsumer},
		"help":           {2, xgroupHelp},
	}
}

// dispatchSub runs the subcommand argv[1] of a container command as Redis 7's
// command table does: an unknown name gets "unknown subcommand", a wrong
// argument count the arity error naming "<command>|<subcommand>".
func dispatchSub(c *call, subs map[string]command) reply {
	sub := strings.ToLower(c.argv[1])
	sc, ok := subs[sub]
	if !ok {
		return errorReply(fmt.Sprintf("ERR unknown subcommand '%s'. Try %s HELP.",
			truncate128(c.argv[1]), strings.ToUpper(c.argv[0])))
	}
	if !sc.arityOK(len(c.argv)) {
		return wrongArity(c.name + "|" + sub)
	}
	return sc.handler(c)
}

// truncate128 cuts s to 128 bytes, as Redis's "%.128s" does.
func truncate128(s string) string {
	if len(s) > 128 {
		return s[:128]
	}
	return s
}

// subcommandSyntaxErr is Redis's addReplySubcommandSyntaxError: the reply to
// a subcommand with options it does not take.
func subcommandSyntaxErr(c *call) reply {
	return errorReply(fmt.Sprintf("ERR unknown subcommand or wrong number of arguments for '%s'. Try %s HELP.",
		truncate128(c.argv[1]), strings.ToUpper(c.argv[0])))
}

// helpReply is Redis's addReplyHelp: a header naming the command, the given
// lines and the HELP entry, each a simple string.
func helpReply(c *call, lines ...string) reply {
	out := []reply{status(strings.ToUpper(c.argv[0]) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")}
	for _, l := range append(lines, "HELP", "    Prints this help.") {
		out = append(out, status(l))
	}
	return array(out...)
}

// cmdXGroup: XGROUP <subcommand> [<arg> ...] — dispatches to the
// subcommands below. O(1) apart from the subcommand.
func cmdXGroup(c *call) reply { return dispatchSub(c, xgroupSubs) }

// xgroupArgs is the outcome of XGROUP's common prologue.
type xgroupArgs struct {
	st          *stream                // the key's stream; nil if missing (CREATE … MKSTREAM)
	g           *xstream.Group[fields] // the group; nil if missing
	mkstream    bool
	entriesRead *int64 // ENTRIESREAD, nil when not given or -1
}

// xgroupPrologue parses the options of CREATE and SETID and checks that the
// key (and, for SETID, CREATECONSUMER and DELCONSUMER, the group) exists, in
// Redis's order: options first, then the key, then the group.
func xgroupPrologue(c *call) (a xgroupArgs, r reply, ok bool) {
	sub := strings.ToLower(c.argv[1])
	create, setid := sub == "create", sub == "setid"
	for i := 5; i < len(c.argv); {
		opt := c.argv[i]
		switch {
		case create && strings.EqualFold(opt, "mkstream"):
			a.mkstream = true
			i++
		case (create || setid) && strings.EqualFold(opt, "entriesread") && i+1 < len(c.argv):
			n, valid := parseInt(c.argv[i+1])
			if !valid {
				return a, notInteger, false
			}
			if n < -1 {
				return a, errReply(xstream.ErrEntriesReadInvalid), false
			}
			a.entriesRead = nil
			if n != -1 {
				a.entriesRead = &n
			}
			i += 2
		default:
			return a, subcommandSyntaxErr(c), false
		}
	}
	key, name := c.argv[2], c.argv[3]
	a.st = c.srv.lookup(key)
	if a.st != nil {
		a.g, _ = a.st.Group(name)
	}
	if a.mkstream {
		return a, reply{}, true
	}
	if a.st == nil {
		return a, errorReply("ERR The XGROUP subcommand requires the key to exist. " +
			"Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."), false
	}
	if a.g == nil && sub != "create" && sub != "destroy" {
		return a, noSuchGroupForKey(name, key), false
	}
	return a, reply{}, true
}

// noSuchGroupForKey is the NOGROUP reply of XGROUP and XINFO CONSUMERS.
func noSuchGroupForKey(group, key string) reply {
	return errorReply("NOGROUP No such consumer group '" + group + "' for key name '" + key + "'")
}

// xgroupCreate: XGROUP CREATE key group <id|$> [MKSTREAM] [ENTRIESREAD n] —
// creates a consumer group, and with MKSTREAM the stream. O(1).
func xgroupCreate(c *call) reply {
	a, r, ok := xgroupPrologue(c)
	if !ok {
		return r
	}
	if len(c.argv) > 8 {
		return subcommandSyntaxErr(c)
	}
	var start xstream.ID
	atEnd := c.argv[4] == "$"
	if !atEnd {
		id, err := xstream.ParseID(c.argv[4])
		if err != nil {
			return errReply(err)
		}
		start = id
	}
	st := a.st
	if st == nil {
		st = c.srv.create(c.argv[2])
	}
	if _, err := st.CreateGroup(c.argv[3], start, xstream.GroupOptions{AtEnd: atEnd, EntriesRead: a.entriesRead}); err != nil {
		return errReply(err)
	}
	return okReply
}

// xgroupSetID: XGROUP SETID key group <id|$> [ENTRIESREAD n] — moves the
// group's last-delivered ID; entries-read becomes n, or unknown. O(1).
func xgroupSetID(c *call) reply {
	a, r, ok := xgroupPrologue(c)
	if !ok {
		return r
	}
	if n := len(c.argv); n != 5 && n != 7 {
		return subcommandSyntaxErr(c)
	}
	var id xstream.ID
	atEnd := c.argv[4] == "$"
	switch {
	case atEnd:
	case c.argv[4] == "-":
		id = xstream.MinID
	case c.argv[4] == "+":
		id = xstream.MaxID
	default:
		parsed, err := xstream.ParseID(c.argv[4])
		if err != nil {
			return errReply(err)
		}
		id = parsed
	}
	if err := a.g.SetID(id, xstream.GroupOptions{AtEnd: atEnd, EntriesRead: a.entriesRead}); err != nil {
		return errReply(err)
	}
	return okReply // not a wake-up: as in Redis, blocked readers wait for the next XADD
}

// xgroupDestroy: XGROUP DESTROY key group — deletes the group with its
// pending entries and consumers: 1, or 0 if there was no such group. O(p)
// for p pending entries.
func xgroupDestroy(c *call) reply {
	a, r, ok := xgroupPrologue(c)
	if !ok {
		return r
	}
	if a.g == nil || !a.st.DestroyGroup(c.argv[3]) {
		return integer(0)
	}
	c.signal(c.argv[2])
	return integer(1)
}

// xgroupCreateConsumer: XGROUP CREATECONSUMER key group consumer — 1 if the
// consumer was created, 0 if it existed. O(1).
func xgroupCreateConsumer(c *call) reply {
	a, r, ok := xgroupPrologue(c)
	if !ok {
		return r
	}
	created, err := a.g.CreateConsumer(c.argv[4])
	if err != nil {
		return errReply(err)
	}
	if created {
		return integer(1)
	}
	return integer(0)
}

// xgroupDelConsumer: XGROUP DELCONSUMER key group consumer — deletes the
// consumer and returns how many pending entries it owned (they are pending
// for no one any more). O(k) for k entries it owned.
func xgroupDelConsumer(c *call) reply {
	a, r, ok := xgroupPrologue(c)
	if !ok {
		return r
	}
	n, err := a.g.DeleteConsumer(c.argv[4])
	if err != nil {
		return errReply(err)
	}
	return integer(int64(n))
}

// xgroupHelp: XGROUP HELP — the subcommands, one line each. O(1).
func xgroupHelp(c *call) reply {
	return helpReply(c,
		"CREATE <key> <groupname> <id|$> [option]",
		"    Create a new consumer group. Options are:",
		"    * MKSTREAM",
		"      Create the empty stream if it does not exist.",
		"    * ENTRIESREAD entries_read",
		"      Set the group's entries_read counter (internal use).",
		"CREATECONSUMER <key> <groupname> <consumer>",
		"    Create a new consumer in the specified group.",
		"DELCONSUMER <key> <groupname> <consumer>",
		"    Remove the specified consumer.",
		"DESTROY <key> <groupname>",
		"    Remove the specified group.",
		"SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
		"    Set the current group ID and entries_read counter.",
	)
}
