package goredis

// XACK and XACKDEL.
func init() {
	register("xack", -4, cmdXAck)
	register("xackdel", -6, cmdXAckDel)
}

// cmdXAck: XACK key group id [id ...] — acknowledges the IDs and returns
// how many were pending. A missing key or group gives 0 without looking at
// the IDs; a malformed ID fails the whole command. O(1) per ID (O(log p)).
func cmdXAck(c *call) reply {
	g := c.srv.group(c.argv[1], c.argv[2])
	if g == nil {
		return integer(0)
	}
	ids, r, ok := parseIDs(c.argv[3:])
	if !ok {
		return r
	}
	n, err := g.Ack(ids...)
	if err != nil {
		return errReply(err)
	}
	return integer(int64(n))
}

// cmdXAckDel: XACKDEL key group [KEEPREF|DELREF|ACKED] IDS numids id [id ...]
// (Redis 8.2) — acknowledges each ID and deletes its entry by the reference
// mode: one result per ID, -1 (not pending), 1 (deleted) or 2 (acknowledged,
// kept: still referenced). Options are parsed first; a missing key or group
// then gives -1 for every ID without checking them. O(1) per ID (O(g log p)
// for g groups).
func cmdXAckDel(c *call) reply {
	a, r, ok := parseDelExArgs(c.argv, 3)
	if !ok {
		return r
	}
	g := c.srv.group(c.argv[1], c.argv[2])
	if g == nil {
		return delExReply(allNotFound(len(a.ids)))
	}
	ids, r, ok := parseIDs(a.ids)
	if !ok {
		return r
	}
	res, err := g.AckDelete(a.mode, ids...)
	if err != nil {
		return errReply(err)
	}
	return delExReply(res)
}
