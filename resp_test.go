package xstream

// A minimal RESP2 client and a redis-server launcher for the differential
// test against a real Redis (redisdiff_test.go). No dependencies beyond the
// standard library: the core module may only depend on google/btree and
// testify.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
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

func (r *rdConn) write(args []string) {
	var buf [24]byte
	r.w.WriteByte('*')
	r.w.Write(strconv.AppendInt(buf[:0], int64(len(args)), 10))
	r.w.WriteString("\r\n")
	for _, a := range args {
		r.w.WriteByte('$')
		r.w.Write(strconv.AppendInt(buf[:0], int64(len(a)), 10))
		r.w.WriteString("\r\n")
		r.w.WriteString(a)
		r.w.WriteString("\r\n")
	}
}

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
		r.write(args)
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

// rdServer finds a Redis server for the differential test: the one at
// XSTREAM_REDIS_ADDR (flushed first), or a redis-server (from PATH or
// XSTREAM_REDIS_SERVER) started on a free loopback port and killed when the
// test ends. Without one it skips, or fails when CI=true.
func rdServer(t *testing.T) *rdConn {
	t.Helper()
	if addr := os.Getenv("XSTREAM_REDIS_ADDR"); addr != "" {
		r, err := rdDial(addr)
		if err != nil {
			t.Fatalf("XSTREAM_REDIS_ADDR=%s: %v", addr, err)
		}
		t.Cleanup(func() { r.Close() })
		if v, err := r.do("FLUSHALL"); err != nil || v != "OK" {
			t.Fatalf("FLUSHALL on %s: %v %v", addr, rdFormat(v), err)
		}
		return r
	}
	bin := os.Getenv("XSTREAM_REDIS_SERVER")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("redis-server"); err != nil {
			msg := "redis-server not found on PATH (install it, e.g. apt-get install redis-server, " +
				"or set XSTREAM_REDIS_SERVER or XSTREAM_REDIS_ADDR): differential test against Redis not run"
			if os.Getenv("CI") == "true" {
				t.Fatal(msg + "; CI=true forbids skipping it")
			}
			t.Skip(msg)
		}
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		r, err := rdStart(t, bin)
		if err == nil {
			return r
		}
		lastErr = err
	}
	t.Fatalf("starting %s: %v", bin, lastErr)
	return nil
}

// rdStart starts bin on a free port and waits (bounded) until PING answers.
func rdStart(t *testing.T, bin string) (*rdConn, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	cmd := exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	cmd.Dir = t.TempDir()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-exited
	}
	addr := "127.0.0.1:" + port
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-exited:
			return nil, fmt.Errorf("redis-server exited at start:\n%s", out.String())
		default:
		}
		if r, err := rdDial(addr); err == nil {
			if v, err := r.do("PING"); err == nil && v == "PONG" {
				t.Cleanup(func() { r.Close(); stop() })
				return r, nil
			}
			r.Close()
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("redis-server on %s did not answer PING within 10s:\n%s", addr, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
