package xstream

// A minimal RESP2 client for the differential test against a real Redis
// (redisdiff_test.go). No dependencies beyond the
// standard library: the core module may only depend on google/btree and
// testify.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xstream-go/xstream/internal/redistest"
)

// rdErr is a Redis error reply, e.g. "ERR syntax error".
type rdErr string

func (e rdErr) Error() string { return string(e) }

// rdConn is one RESP2 connection. Replies are decoded as int64 (integer),
// string (simple or bulk string), nil (null bulk string or null array),
// []any (array) and rdErr (error).
type rdConn struct {
	c net.Conn
	r *bufio.Reader
	w *bufio.Writer
}

func rdDial(addr string) (*rdConn, error) {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return nil, err
	}
	return &rdConn{c: c, r: bufio.NewReader(c), w: bufio.NewWriter(c)}, nil
}

func (r *rdConn) Close() error { return r.c.Close() }

// do sends one command and reads its reply. A transport or protocol failure
// is returned as the error; a Redis error reply is an rdErr reply value.
func (r *rdConn) do(args ...string) (any, error) {
	rs, err := r.pipeline([][]string{args})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// pipeline sends all commands, then reads all replies.
func (r *rdConn) pipeline(cmds [][]string) ([]any, error) {
	_ = r.c.SetDeadline(time.Now().Add(10 * time.Second))
	defer func() { _ = r.c.SetDeadline(time.Time{}) }()
	for _, args := range cmds {
		r.w.Write(redistest.Command(args))
	}
	if err := r.w.Flush(); err != nil {
		return nil, err
	}
	out := make([]any, len(cmds))
	for i := range out {
		v, err := r.read()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (r *rdConn) read() (any, error) {
	line, err := r.r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return nil, errors.New("resp: empty line")
	}
	switch line[0] {
	case '+':
		return line[1:], nil
	case '-':
		return rdErr(line[1:]), nil
	case ':':
		return strconv.ParseInt(line[1:], 10, 64)
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r.r, buf); err != nil {
			return nil, err
		}
		return string(buf[:n]), nil
	case '*':
		n, err := strconv.Atoi(line[1:])
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, nil
		}
		out := make([]any, n)
		for i := range out {
			if out[i], err = r.read(); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("resp: unexpected reply %q", line)
}

// rdFormat renders a decoded reply (or a reply built from the library's
// results in the same shape) as one line: integers bare, strings quoted, nil,
// [a, b] for arrays, (error) TEXT for errors.
func rdFormat(v any) string {
	var b strings.Builder
	rdFormatTo(&b, v)
	return b.String()
}

func rdFormatTo(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("nil")
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case string:
		b.WriteString(strconv.Quote(v))
	case rdErr:
		b.WriteString("(error) " + string(v))
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			rdFormatTo(b, e)
		}
		b.WriteByte(']')
	default:
		fmt.Fprintf(b, "<%T %v>", v, v)
	}
}

// rdServer connects to a redis-server started for t alone
// (redistest.Own): the differential test reconfigures it (CONFIG SET
// stream-node-max-entries), which would disturb tests sharing a server.
func rdServer(t *testing.T) *rdConn {
	t.Helper()
	addr := redistest.Own(t)
	r, err := rdDial(addr)
	if err != nil {
		t.Fatalf("connecting to %s: %v", addr, err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
