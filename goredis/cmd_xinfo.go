package goredis

import (
	"math"
	"strings"
	"time"

	"github.com/xstream-go/xstream"
)

// XINFO and its subcommands.
func init() {
	register("xinfo", -2, cmdXInfo)
}

// xinfoSubs is XINFO's subcommand table, filled in by init.
var xinfoSubs map[string]command

func init() {
	xinfoSubs = map[string]command{
		"stream":    {-3, xinfoStream},
		"groups":    {3, xinfoGroups},
		"consumers": {4, xinfoConsumers},
		"help":      {2, xinfoHelp},
	}
}

// cmdXInfo: XINFO <subcommand> [<arg> ...] — dispatches to the
// subcommands below. O(1) apart from the subcommand.
func cmdXInfo(c *call) reply { return dispatchSub(c, xinfoSubs) }

// xinfoStream: XINFO STREAM key [FULL [COUNT count]] — the stream's
// description as a map with Redis 8.6's fields, or with FULL also its first
// COUNT entries (default 10, 0 for all, negative for 10) and every group with
// its first COUNT pending entries and its consumers. O(1); FULL O(g·c +
// COUNT) per list.
func xinfoStream(c *call) reply {
	st := c.srv.lookup(c.argv[2])
	if st == nil {
		return noSuchKey
	}
	opts := c.argv[3:]
	if len(opts) == 0 {
		info := st.Info()
		pairs := append(streamInfoHead(info),
			bulk("groups"), integer(int64(info.Groups)),
			bulk("first-entry"), optionalEntry(info.FirstEntry),
			bulk("last-entry"), optionalEntry(info.LastEntry))
		return mapReply(pairs...)
	}
	if len(opts) != 1 && len(opts) != 3 || !strings.EqualFold(opts[0], "full") ||
		len(opts) == 3 && !strings.EqualFold(opts[1], "count") {
		return subcommandSyntaxErr(c)
	}
	count := int64(10)
	if len(opts) == 3 {
		n, ok := parseInt(opts[2])
		if !ok {
			return notInteger
		}
		if count = n; n < 0 {
			count = 10
		}
	}
	full, err := st.InfoFull(int(min(count, math.MaxInt)))
	if err != nil {
		return errReply(err)
	}
	groups := make([]reply, len(full.GroupsFull))
	for i, g := range full.GroupsFull {
		groups[i] = groupInfoFull(g)
	}
	pairs := append(streamInfoHead(full.StreamInfo),
		bulk("entries"), xrangeEntries(full.Entries),
		bulk("groups"), array(groups...))
	return mapReply(pairs...)
}

// streamInfo is the part of xstream.StreamInfo both XINFO STREAM forms
// share; it lets one helper serve Info and InfoFull.
type streamInfo = xstream.StreamInfo[fields]

// streamInfoHead is the first 13 pairs of XINFO STREAM, FULL or not:
// the classic fields, then Redis 8.6's idempotency fields.
func streamInfoHead(info streamInfo) []reply {
	return []reply{
		bulk("length"), integer(info.Length),
		bulk("radix-tree-keys"), integer(int64(info.Nodes)),
		bulk("radix-tree-nodes"), integer(radixTreeNodes(info.Nodes)),
		bulk("last-generated-id"), idReply(info.LastGeneratedID),
		bulk("max-deleted-entry-id"), idReply(info.MaxDeletedEntryID),
		bulk("entries-added"), integer(info.EntriesAdded),
		bulk("recorded-first-entry-id"), idReply(info.RecordedFirstEntryID),
		bulk("idmp-duration"), integer(int64(info.IdempotencyDuration / time.Second)),
		bulk("idmp-maxsize"), integer(int64(info.IdempotencyMaxSize)),
		bulk("pids-tracked"), integer(int64(info.ProducersTracked)),
		bulk("iids-tracked"), integer(int64(info.IIDsTracked)),
		bulk("iids-added"), integer(info.IIDsAdded),
		bulk("iids-duplicates"), integer(info.IIDsDuplicates),
	}
}

// radixTreeNodes estimates Redis's radix-tree-nodes, an internal count of
// the rax holding the stream's nodes, from the number of nodes: exact for 0
// or 1 node, and for nodes whose master IDs all branch at one byte (1 for the
// shared prefix, 1 for the branch, then a tail and a leaf per node).
func radixTreeNodes(keys int) int64 {
	switch keys {
	case 0:
		return 1
	case 1:
		return 2
	}
	return 2 + 2*int64(keys)
}

// optionalEntry is an entry as [id, fields], or nil.
func optionalEntry(e *xstream.Entry[fields]) reply {
	if e == nil {
		return nilReply
	}
	return xrangeEntry(*e)
}

// unixMs is a time as Redis's Unix milliseconds, 0 for the zero Time (a
// released entry's delivery time).
func unixMs(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// optionalInt is n, or nil when it is unknown.
func optionalInt(n int64, known bool) reply {
	if !known {
		return nilReply
	}
	return integer(n)
}

// groupInfoFull is one group of XINFO STREAM FULL (8 pairs, Redis 8.8).
func groupInfoFull(g xstream.GroupInfoFull) reply {
	pending := make([]reply, len(g.PendingEntries))
	for i, p := range g.PendingEntries {
		pending[i] = array(idReply(p.ID), bulk(p.Consumer), integer(unixMs(p.DeliveryTime)), integer(p.Deliveries))
	}
	consumers := make([]reply, len(g.ConsumersFull))
	for i, cf := range g.ConsumersFull {
		cp := make([]reply, len(cf.PendingEntries))
		for j, p := range cf.PendingEntries {
			cp[j] = array(idReply(p.ID), integer(unixMs(p.DeliveryTime)), integer(p.Deliveries))
		}
		active := int64(-1)
		if !cf.ActiveTime.IsZero() {
			active = cf.ActiveTime.UnixMilli()
		}
		consumers[i] = mapReply(
			bulk("name"), bulk(cf.Name),
			bulk("seen-time"), integer(cf.SeenTime.UnixMilli()),
			bulk("active-time"), integer(active),
			bulk("pel-count"), integer(int64(cf.Pending)),
			bulk("pending"), array(cp...))
	}
	return mapReply(
		bulk("name"), bulk(g.Name),
		bulk("last-delivered-id"), idReply(g.LastDeliveredID),
		bulk("entries-read"), optionalInt(g.EntriesRead, g.EntriesReadKnown),
		bulk("lag"), optionalInt(g.Lag, g.LagKnown),
		bulk("pel-count"), integer(int64(g.Pending)),
		bulk("nacked-count"), integer(int64(g.Nacked)),
		bulk("pending"), array(pending...),
		bulk("consumers"), array(consumers...))
}

// xinfoGroups: XINFO GROUPS key — the stream's groups in name order, each a
// map of name, consumers, pending, last-delivered-id, entries-read and lag.
// O(g log g).
func xinfoGroups(c *call) reply {
	st := c.srv.lookup(c.argv[2])
	if st == nil {
		return noSuchKey
	}
	infos := st.GroupsInfo()
	out := make([]reply, len(infos))
	for i, g := range infos {
		out[i] = mapReply(
			bulk("name"), bulk(g.Name),
			bulk("consumers"), integer(int64(g.Consumers)),
			bulk("pending"), integer(int64(g.Pending)),
			bulk("last-delivered-id"), idReply(g.LastDeliveredID),
			bulk("entries-read"), optionalInt(g.EntriesRead, g.EntriesReadKnown),
			bulk("lag"), optionalInt(g.Lag, g.LagKnown))
	}
	return array(out...)
}

// xinfoConsumers: XINFO CONSUMERS key group — the group's consumers in name
// order, each a map of name, pending, idle (ms since last seen) and inactive
// (ms since last active, -1 if never; Redis 7.2). O(c log c).
func xinfoConsumers(c *call) reply {
	st := c.srv.lookup(c.argv[2])
	if st == nil {
		return noSuchKey
	}
	g, ok := st.Group(c.argv[3])
	if !ok {
		return noSuchGroupForKey(c.argv[3], c.argv[2])
	}
	infos, err := g.Consumers()
	if err != nil {
		return errReply(err)
	}
	out := make([]reply, len(infos))
	for i, ci := range infos {
		out[i] = mapReply(
			bulk("name"), bulk(ci.Name),
			bulk("pending"), integer(int64(ci.Pending)),
			bulk("idle"), integer(ci.Idle.Milliseconds()),
			bulk("inactive"), integer(ci.Inactive.Milliseconds()))
	}
	return array(out...)
}

// xinfoHelp: XINFO HELP — the subcommands, one line each. O(1).
func xinfoHelp(c *call) reply {
	return helpReply(c,
		"CONSUMERS <key> <groupname>",
		"    Show consumers of <groupname>.",
		"GROUPS <key>",
		"    Show the stream consumer groups.",
		"STREAM <key> [FULL [COUNT <count>]",
		"    Show information about the stream.",
	)
}
