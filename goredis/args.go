package goredis

import (
	"encoding"
	"fmt"
	"net"
	"strconv"
	"time"
)

// stringArgs renders a command's arguments as the strings go-redis would
// send, by the rules of its protocol writer: nil is "", numbers are decimal,
// floats are shortest 'f' notation, bools are 1 or 0, times are RFC 3339
// with nanoseconds, durations are nanoseconds, and anything else must be an
// encoding.BinaryMarshaler.
func stringArgs(args []interface{}) ([]string, error) {
	argv := make([]string, len(args))
	for i, a := range args {
		s, err := stringArg(a)
		if err != nil {
			return nil, err
		}
		argv[i] = s
	}
	return argv, nil
}

// stringArg renders one argument as go-redis's protocol writer does.
func stringArg(v interface{}) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case *string:
		if v == nil {
			return "", nil
		}
		return *v, nil
	case []byte:
		return string(v), nil
	case int:
		return strconv.FormatInt(int64(v), 10), nil
	case int8:
		return strconv.FormatInt(int64(v), 10), nil
	case int16:
		return strconv.FormatInt(int64(v), 10), nil
	case int32:
		return strconv.FormatInt(int64(v), 10), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint8:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint16:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint32:
		return strconv.FormatUint(uint64(v), 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case uintptr:
		return strconv.FormatUint(uint64(v), 10), nil
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 64), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case bool:
		if v {
			return "1", nil
		}
		return "0", nil
	case time.Time:
		return v.Format(time.RFC3339Nano), nil
	case time.Duration:
		return strconv.FormatInt(v.Nanoseconds(), 10), nil
	}
	return pointerArg(v)
}

// pointerArg renders the pointer types go-redis's writer accepts (a nil
// pointer is the zero value), then, as go-redis does after every concrete
// type (so *time.Time is RFC 3339, not its MarshalBinary form), an
// encoding.BinaryMarshaler and net.IP; anything else is go-redis's error.
func pointerArg(v interface{}) (string, error) {
	switch v := v.(type) {
	case *int:
		return stringArg(deref(v))
	case *int8:
		return stringArg(deref(v))
	case *int16:
		return stringArg(deref(v))
	case *int32:
		return stringArg(deref(v))
	case *int64:
		return stringArg(deref(v))
	case *uint:
		return stringArg(deref(v))
	case *uint8:
		return stringArg(deref(v))
	case *uint16:
		return stringArg(deref(v))
	case *uint32:
		return stringArg(deref(v))
	case *uint64:
		return stringArg(deref(v))
	case *uintptr:
		return stringArg(deref(v))
	case *float32:
		return stringArg(deref(v))
	case *float64:
		return stringArg(deref(v))
	case *bool:
		return stringArg(deref(v))
	case *time.Time:
		return stringArg(deref(v))
	case *time.Duration:
		return stringArg(deref(v))
	case encoding.BinaryMarshaler:
		b, err := v.MarshalBinary()
		if err != nil {
			return "", err
		}
		return string(b), nil
	case net.IP:
		return string(v), nil
	}
	return "", fmt.Errorf("redis: can't marshal %T (implement encoding.BinaryMarshaler)", v)
}

// deref is *p, or the zero value for a nil p.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
