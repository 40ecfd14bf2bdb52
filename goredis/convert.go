package goredis

import (
	"fmt"

	"github.com/redis/go-redis/v9"
)

// setReply stores r in cmd exactly as go-redis would after reading r from a
// server speaking RESP version proto: the same value (partial values of a
// failed parse included) and the same error (a server error, redis.Nil, or
// go-redis's own parse error). A command type this package cannot convert
// fails with a clear error instead of keeping a zero value.
func setReply(cmd redis.Cmder, r reply, proto int) {
	if r.k == kLocal {
		cmd.SetErr(r.err)
		return
	}
	rd := newRespReader(r, proto)
	var err error
	switch cmd := cmd.(type) {
	case *redis.Cmd:
		var v interface{}
		v, err = rd.readReply()
		cmd.SetVal(v)
	case *redis.StatusCmd:
		var s string
		s, err = rd.readString()
		cmd.SetVal(s)
	case *redis.StringCmd:
		var s string
		s, err = rd.readString()
		cmd.SetVal(s)
	case *redis.IntCmd:
		var n int64
		n, err = rd.readInt()
		cmd.SetVal(n)
	case *redis.BoolCmd:
		var b bool
		b, err = rd.readBool()
		if err == redis.Nil { // SET … NX's null is false, as in go-redis
			b, err = false, nil
		}
		cmd.SetVal(b)
	case *redis.SliceCmd:
		var v []interface{}
		v, err = rd.readSliceValue()
		cmd.SetVal(v)
	case *redis.StringSliceCmd:
		err = readStringSlice(rd, cmd)
	default:
		err = setStreamReply(rd, cmd)
	}
	cmd.SetErr(err)
}

// errUnsupportedCmd is the error of a command whose go-redis type the
// in-process client cannot fill in.
func errUnsupportedCmd(cmd redis.Cmder) error {
	return fmt.Errorf("goredis: the in-process client cannot produce a %T (command %q); use Do", cmd, cmd.Name())
}

// unsupportedReply is what an unsupported command type gets: a server
// error in the reply is still reported as such (every go-redis parser reads
// it first), anything else is errUnsupportedCmd.
func unsupportedReply(rd *respReader, cmd redis.Cmder) error {
	if t, err := rd.peekType(); err == nil && t == '-' {
		_, err := rd.line()
		return err
	}
	return errUnsupportedCmd(cmd)
}

// readStringSlice parses a StringSliceCmd: an array of strings, nulls
// becoming "".
func readStringSlice(rd *respReader, cmd *redis.StringSliceCmd) error {
	_, err := readArray(rd, cmd.SetVal, func(s *string) error {
		v, err := rd.readString()
		switch {
		case err == redis.Nil:
		case err != nil:
			return err
		default:
			*s = v
		}
		return nil
	})
	return err
}
