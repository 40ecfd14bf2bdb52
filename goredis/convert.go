package goredis

import "github.com/redis/go-redis/v9"

// setReply stores r in cmd as go-redis would after reading r from a server
// speaking RESP version proto.
func setReply(cmd redis.Cmder, r reply, proto int) {
	if r.k == kError {
		cmd.SetErr(serverError(r.s))
		return
	}
	if r.k == kLocal {
		cmd.SetErr(r.err)
		return
	}
	if r.k == kNil {
		cmd.SetErr(redis.Nil)
		return
	}
	switch cmd := cmd.(type) {
	case *redis.Cmd:
		cmd.SetVal(doValue(r, proto))
	case *redis.StatusCmd:
		cmd.SetVal(r.s)
	case *redis.IntCmd:
		cmd.SetVal(r.n)
	case *redis.StringCmd:
		cmd.SetVal(r.s)
	}
}

// doValue is the value go-redis's generic Cmd gives for r.
func doValue(r reply, proto int) interface{} {
	switch r.k {
	case kStatus, kBulk:
		return r.s
	case kInt:
		return r.n
	case kNil:
		return nil
	case kError:
		return serverError(r.s)
	}
	if r.k == kMap && proto == 3 {
		m := make(map[interface{}]interface{}, len(r.a)/2)
		for i := 0; i+1 < len(r.a); i += 2 {
			m[doValue(r.a[i], proto)] = doValue(r.a[i+1], proto)
		}
		return m
	}
	out := make([]interface{}, len(r.a))
	for i, e := range r.a {
		out[i] = doValue(e, proto)
	}
	return out
}
