package goredis

import (
	"reflect"
	"strconv"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
)

// kind is the RESP type of a reply.
type kind uint8

const (
	kStatus kind = iota // simple string: +OK
	kError              // error: -ERR …
	kInt                // integer: :1
	kBulk               // bulk string: $3 foo
	kNil                // null (RESP2 $-1 or *-1; RESP3 _)
	kArray              // array
	kMap                // map (RESP3 %; an array of pairs in RESP2)
	kLocal              // no reply: a client-side error such as ctx.Err(), in err
)

// reply is a command's reply as a RESP value. Handlers build them; setReply
// turns them into the values of go-redis's typed commands.
type reply struct {
	k   kind
	s   string  // status, error text or bulk string
	n   int64   // integer
	a   []reply // array elements; for a map, key, value, key, value, …
	err error   // kLocal: the client-side error the command returns
}

func status(s string) reply     { return reply{k: kStatus, s: s} }
func errorReply(s string) reply { return reply{k: kError, s: s} }
func integer(n int64) reply     { return reply{k: kInt, n: n} }
func bulk(s string) reply       { return reply{k: kBulk, s: s} }
func array(a ...reply) reply    { return reply{k: kArray, a: a} }

// nilReply is Redis's null.
var nilReply = reply{k: kNil}

// okReply is +OK.
var okReply = status("OK")

// emptyArray is *0.
var emptyArray = reply{k: kArray, a: []reply{}}

// mapReply builds a map from alternating keys and values.
func mapReply(kv ...reply) reply { return reply{k: kMap, a: kv} }

// localError is the outcome of a command that got no reply, such as a
// blocked read whose context ended: the command fails with err itself.
func localError(err error) reply { return reply{k: kLocal, err: err} }

// idReply is an entry ID as a bulk string.
func idReply(id xstream.ID) reply { return bulk(id.String()) }

// errReply is the reply for an error from the xstream core: its Redis text,
// or, for an error without one, "ERR" and the Go message.
func errReply(err error) reply {
	if text, ok := xstream.RedisText(err); ok {
		return errorReply(text)
	}
	return errorReply("ERR " + err.Error())
}

func (r reply) isError() bool { return r.k == kError }

// String renders r for test failures and divergence reports.
func (r reply) String() string {
	switch r.k {
	case kStatus:
		return "+" + r.s
	case kError:
		return "-" + r.s
	case kInt:
		return ":" + strconv.FormatInt(r.n, 10)
	case kBulk:
		return strconv.Quote(r.s)
	case kNil:
		return "(nil)"
	case kLocal:
		return "!" + r.err.Error()
	}
	open, close := "[", "]"
	if r.k == kMap {
		open, close = "{", "}"
	}
	s := open
	for i, e := range r.a {
		if i > 0 {
			s += " "
		}
		s += e.String()
	}
	return s + close
}

// redisErrorType is go-redis's own type for server errors (proto.RedisError,
// internal to go-redis), so an error from the in-process client is the same
// kind of value a server error is: redis.HasErrorPrefix and go-redis's retry
// logic treat it alike.
var redisErrorType = reflect.TypeOf(redis.ErrNoScript)

// serverError returns text as a go-redis server error.
func serverError(text string) error {
	return reflect.ValueOf(text).Convert(redisErrorType).Interface().(error)
}
