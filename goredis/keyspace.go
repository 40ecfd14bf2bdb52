package goredis

import (
	"maps"
	"slices"
	"strings"
)

// The keyspace commands a test needs for setup.
func init() {
	register("del", -2, cmdDel)
	register("unlink", -2, cmdDel)
	register("exists", -2, cmdExists)
	register("type", 2, cmdType)
	register("dbsize", 1, cmdDBSize)
	register("flushall", -1, cmdFlush)
	register("flushdb", -1, cmdFlush)
	register("ping", -1, cmdPing)
	register("echo", 2, func(c *call) reply { return bulk(c.argv[1]) })
}

// cmdDel: DEL key [key ...] — the number of keys removed. O(k) for k keys;
// a removed stream is freed by the garbage collector.
func cmdDel(c *call) reply {
	var n int64
	for _, k := range c.argv[1:] {
		if c.srv.keys[k] != nil {
			delete(c.srv.keys, k)
			c.signal(k)
			n++
		}
	}
	return integer(n)
}

// cmdExists: EXISTS key [key ...] — how many of the keys exist, counting
// repeats. O(k).
func cmdExists(c *call) reply {
	var n int64
	for _, k := range c.argv[1:] {
		if c.srv.keys[k] != nil {
			n++
		}
	}
	return integer(n)
}

// cmdType: TYPE key — "stream" or "none". O(1).
func cmdType(c *call) reply {
	if c.srv.keys[c.argv[1]] != nil {
		return status("stream")
	}
	return status("none")
}

// cmdDBSize: DBSIZE — the number of keys. O(1).
func cmdDBSize(c *call) reply { return integer(int64(len(c.srv.keys))) }

// cmdFlush: FLUSHALL / FLUSHDB [ASYNC | SYNC] — empties the keyspace.
// O(k log k) for k keys (blocked readers are signalled in key order).
func cmdFlush(c *call) reply {
	if len(c.argv) > 2 {
		return syntaxErr
	}
	if len(c.argv) == 2 {
		if m := strings.ToLower(c.argv[1]); m != "async" && m != "sync" {
			return syntaxErr
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c.srv.keys)) {
		c.signal(k)
	}
	clear(c.srv.keys)
	return okReply
}

// cmdPing: PING [message]. O(1).
func cmdPing(c *call) reply {
	switch len(c.argv) {
	case 1:
		return status("PONG")
	case 2:
		return bulk(c.argv[1])
	}
	return wrongArity(c.name)
}
