package goredis

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// frame is one RESP header of a reply as it would travel on the wire: a
// scalar with its text, or an aggregate with its length (its elements are
// the frames that follow).
type frame struct {
	typ byte   // '+', '-', ':', '$', '*', '%' or '_'
	s   string // status, error or bulk text
	n   int64  // integer value or aggregate length; -1 for a RESP2 null
}

// isNull reports whether f is a null: RESP3's _ or RESP2's $-1 / *-1.
func (f frame) isNull() bool {
	return f.typ == '_' || (f.typ == '$' || f.typ == '*') && f.n == -1
}

// header is f's first line without CRLF, as go-redis quotes it in its
// "can't parse" errors.
func (f frame) header() string {
	switch f.typ {
	case '+', '-':
		return string(f.typ) + f.s
	case '_':
		return "_"
	}
	return string(f.typ) + strconv.FormatInt(f.n, 10)
}

// pairsInRESP2 marks (in reply.n) a map that RESP2 sends as an array of
// [key, value] arrays rather than as one flat array.
const pairsInRESP2 = 1

// streamsReply is the reply of XREAD and XREADGROUP: entries keyed by
// stream. RESP3 sends a map; RESP2 an array of [stream, entries] pairs
// (not the flat key, value, … array that mapReply becomes in RESP2).
func streamsReply(kv ...reply) reply {
	r := mapReply(kv...)
	r.n = pairsInRESP2
	return r
}

// flatten appends r's frames, in wire order, as a server speaking RESP
// version proto would send them: maps become flat arrays in RESP2.
func flatten(dst []frame, r reply, proto int) []frame {
	switch r.k {
	case kStatus:
		return append(dst, frame{typ: '+', s: r.s})
	case kError:
		return append(dst, frame{typ: '-', s: r.s})
	case kLocal:
		return append(dst, frame{typ: '-', s: r.err.Error()})
	case kInt:
		return append(dst, frame{typ: ':', n: r.n})
	case kBulk:
		return append(dst, frame{typ: '$', s: r.s, n: int64(len(r.s))})
	case kNil:
		if proto == 2 {
			return append(dst, frame{typ: '$', n: -1})
		}
		return append(dst, frame{typ: '_'})
	case kMap:
		if proto == 2 && r.n == pairsInRESP2 {
			dst = append(dst, frame{typ: '*', n: int64(len(r.a) / 2)})
			for i := 0; i+1 < len(r.a); i += 2 {
				dst = append(dst, frame{typ: '*', n: 2})
				dst = flatten(dst, r.a[i], proto)
				dst = flatten(dst, r.a[i+1], proto)
			}
			return dst
		}
		if proto == 2 {
			dst = append(dst, frame{typ: '*', n: int64(len(r.a))})
		} else {
			dst = append(dst, frame{typ: '%', n: int64(len(r.a) / 2)})
		}
	default:
		dst = append(dst, frame{typ: '*', n: int64(len(r.a))})
	}
	for _, e := range r.a {
		dst = flatten(dst, e, proto)
	}
	return dst
}

// errShortReply is what reading past the end of a reply gives: a reader
// asked for more than the reply holds (a connection would block or fail).
var errShortReply = errors.New("redis: unexpected end of reply")

// respReader reads a reply's frames with the primitives of go-redis's
// proto.Reader, with the same results and errors, so that each typed
// command's parser below can follow go-redis's readReply step by step.
type respReader struct {
	f []frame
	i int
}

// newRespReader returns a reader over r as sent in RESP version proto.
func newRespReader(r reply, proto int) *respReader {
	return &respReader{f: flatten(nil, r, proto)}
}

// raw returns the next frame whatever it is.
func (rd *respReader) raw() (frame, error) {
	if rd.i >= len(rd.f) {
		return frame{}, errShortReply
	}
	f := rd.f[rd.i]
	rd.i++
	return f, nil
}

// peekType is the type byte of the next frame (PeekReplyType).
func (rd *respReader) peekType() (byte, error) {
	if rd.i >= len(rd.f) {
		return 0, errShortReply
	}
	return rd.f[rd.i].typ, nil
}

// line returns the next frame, turning an error reply into a go-redis
// server error and a null into redis.Nil (ReadLine).
func (rd *respReader) line() (frame, error) {
	f, err := rd.raw()
	if err != nil {
		return f, err
	}
	if f.typ == '-' {
		return f, serverError(f.s)
	}
	if f.isNull() {
		return f, redis.Nil
	}
	return f, nil
}

// readReply reads any value as go-redis's ReadReply does (the value of Cmd).
func (rd *respReader) readReply() (interface{}, error) {
	f, err := rd.line()
	if err != nil {
		return nil, err
	}
	switch f.typ {
	case '+', '$':
		return f.s, nil
	case ':':
		return f.n, nil
	case '*':
		return rd.readSlice(f)
	case '%':
		return rd.readMap(f)
	}
	return nil, fmt.Errorf("redis: can't parse %.100q", f.header())
}

// readSlice reads an array's elements: null elements become nil and error
// elements the error value itself.
func (rd *respReader) readSlice(f frame) ([]interface{}, error) {
	val := make([]interface{}, f.n)
	for i := range val {
		v, err := rd.readElement()
		if err != nil {
			return nil, err
		}
		val[i] = v
	}
	return val, nil
}

// readMap reads a RESP3 map: nil and error values are kept as for arrays;
// aggregate keys are refused.
func (rd *respReader) readMap(f frame) (map[interface{}]interface{}, error) {
	m := make(map[interface{}]interface{}, f.n)
	for i := int64(0); i < f.n; i++ {
		k, err := rd.readReply()
		if err != nil {
			return nil, err
		}
		switch k.(type) {
		case []interface{}, map[interface{}]interface{}:
			return nil, fmt.Errorf("redis: RESP3 map key must be a scalar type, got %T", k)
		}
		v, err := rd.readElement()
		if err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, nil
}

// readElement reads an element of an array or map value: a null element
// is nil and an error element the error value itself, as go-redis keeps
// them; any other error ends the read.
func (rd *respReader) readElement() (interface{}, error) {
	v, err := rd.readReply()
	switch {
	case err == redis.Nil:
		return nil, nil
	case isPlainServerError(err):
		return err, nil
	}
	return v, err
}

// isPlainServerError reports whether err is go-redis's plain server error
// type (what an error element inside an array becomes).
func isPlainServerError(err error) bool {
	return err != nil && reflect.TypeOf(err) == redisErrorType
}

// readSliceValue reads an array (ReadSlice).
func (rd *respReader) readSliceValue() ([]interface{}, error) {
	f, err := rd.line()
	if err != nil {
		return nil, err
	}
	return rd.readSlice(f)
}

// readInt reads an integer; statuses and bulk strings are parsed (ReadInt).
func (rd *respReader) readInt() (int64, error) {
	f, err := rd.line()
	if err != nil {
		return 0, err
	}
	switch f.typ {
	case ':':
		return f.n, nil
	case '+', '$':
		return strconv.ParseInt(f.s, 10, 64)
	}
	return 0, fmt.Errorf("redis: can't parse int reply: %.100q", f.header())
}

// readUint reads an unsigned integer (ReadUint).
func (rd *respReader) readUint() (uint64, error) {
	f, err := rd.line()
	if err != nil {
		return 0, err
	}
	switch f.typ {
	case ':':
		return strconv.ParseUint(strconv.FormatInt(f.n, 10), 10, 64)
	case '+', '$':
		return strconv.ParseUint(f.s, 10, 64)
	}
	return 0, fmt.Errorf("redis: can't parse uint reply: %.100q", f.header())
}

// readString reads a string; integers are rendered in decimal (ReadString).
func (rd *respReader) readString() (string, error) {
	f, err := rd.line()
	if err != nil {
		return "", err
	}
	switch f.typ {
	case '+', '$':
		return f.s, nil
	case ':':
		return strconv.FormatInt(f.n, 10), nil
	}
	return "", fmt.Errorf("redis: can't parse reply=%.100q reading string", f.header())
}

// readBool reads a string and reports whether it is OK, 1 or true
// (ReadBool).
func (rd *respReader) readBool() (bool, error) {
	s, err := rd.readString()
	if err != nil {
		return false, err
	}
	return s == "OK" || s == "1" || s == "true", nil
}

// readArrayLen reads an array header (ReadArrayLen).
func (rd *respReader) readArrayLen() (int, error) {
	f, err := rd.line()
	if err != nil {
		return 0, err
	}
	if f.typ != '*' {
		return 0, fmt.Errorf("redis: can't parse array/set/push reply: %.100q", f.header())
	}
	return int(f.n), nil
}

// readArray reads an array header and its elements into a new slice: keep,
// if not nil, is handed the slice before any element is read (go-redis sets
// a command's value first, so an error leaves the elements read so far in
// it), then read fills each element in turn. The first error ends the read
// and gives a nil slice.
func readArray[T any](rd *respReader, keep func([]T), read func(*T) error) ([]T, error) {
	n, err := rd.readArrayLen()
	if err != nil {
		return nil, err
	}
	val := make([]T, n)
	if keep != nil {
		keep(val)
	}
	for i := range val {
		if err := read(&val[i]); err != nil {
			return nil, err
		}
	}
	return val, nil
}

// readFixedArrayLen reads an array header that must have n elements.
func (rd *respReader) readFixedArrayLen(n int) error {
	got, err := rd.readArrayLen()
	if err != nil {
		return err
	}
	if got != n {
		return fmt.Errorf("redis: got %d elements in the array, wanted %d", got, n)
	}
	return nil
}

// readMapLen reads a map header, or an array of pairs, and returns the
// number of pairs (ReadMapLen).
func (rd *respReader) readMapLen() (int, error) {
	f, err := rd.line()
	if err != nil {
		return 0, err
	}
	switch f.typ {
	case '%':
		return int(f.n), nil
	case '*':
		if f.n%2 != 0 {
			return 0, fmt.Errorf("redis: the length of the array must be a multiple of 2, got: %d", f.n)
		}
		return int(f.n / 2), nil
	}
	return 0, fmt.Errorf("redis: can't parse map reply: %.100q", f.header())
}

// readFields reads the n key-value pairs of a map whose header was read
// (readMapLen): each key as a string, then field(key), which must read (or
// discard) the value; the first error ends the read.
func (rd *respReader) readFields(n int, field func(key string) error) error {
	for i := 0; i < n; i++ {
		key, err := rd.readString()
		if err != nil {
			return err
		}
		if err := field(key); err != nil {
			return err
		}
	}
	return nil
}

// readMapFields reads a map header, then its pairs as readFields does.
func (rd *respReader) readMapFields(field func(key string) error) error {
	n, err := rd.readMapLen()
	if err != nil {
		return err
	}
	return rd.readFields(n, field)
}

// discardNext skips the next value, whatever it is, errors and nulls
// included (DiscardNext).
func (rd *respReader) discardNext() error {
	f, err := rd.raw()
	if err != nil {
		return err
	}
	n := int64(0)
	switch {
	case f.isNull():
	case f.typ == '*':
		n = f.n
	case f.typ == '%':
		n = 2 * f.n
	}
	for ; n > 0; n-- {
		if err := rd.discardNext(); err != nil {
			return err
		}
	}
	return nil
}
