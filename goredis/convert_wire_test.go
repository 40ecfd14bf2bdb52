package goredis

// Test helpers for convert_test.go: a raw RESP connection to a real Redis
// that parses replies into reply trees, a RESP encoder for hand-built trees,
// and a fake server that lets go-redis itself parse such a tree.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
	"github.com/xstream-go/xstream/internal/redistest"
)

// rawConn is a plain TCP connection to Redis speaking RESP by hand.
type rawConn struct {
	t  testing.TB
	c  net.Conn
	rd *bufio.Reader
}

// dialRaw connects to addr and switches to RESP version proto with HELLO.
func dialRaw(t testing.TB, addr string, proto int) *rawConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	rc := &rawConn{t: t, c: c, rd: bufio.NewReader(c)}
	if r := rc.do("HELLO", strconv.Itoa(proto)); r.k == kError {
		t.Fatalf("HELLO %d: %s", proto, r.s)
	}
	return rc
}

// do sends argv and returns the reply as a tree.
func (rc *rawConn) do(argv ...string) reply {
	rc.t.Helper()
	_ = rc.c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := rc.c.Write(redistest.Command(argv)); err != nil {
		rc.t.Fatal(err)
	}
	r, err := parseWire(rc.rd)
	if err != nil {
		rc.t.Fatal(err)
	}
	return r
}

// parseWire reads one RESP2 or RESP3 value into a reply tree. Types that
// Redis's stream commands never send make it fail.
func parseWire(rd *bufio.Reader) (reply, error) {
	line, err := rd.ReadString('\n')
	if err != nil {
		return reply{}, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return reply{}, fmt.Errorf("empty line")
	}
	body := line[1:]
	switch line[0] {
	case '+':
		return status(body), nil
	case '-':
		return errorReply(body), nil
	case ':':
		n, err := strconv.ParseInt(body, 10, 64)
		return integer(n), err
	case '_':
		return nilReply, nil
	case '$':
		n, err := strconv.Atoi(body)
		if err != nil {
			return reply{}, err
		}
		if n < 0 {
			return nilReply, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(rd, buf); err != nil {
			return reply{}, err
		}
		return bulk(string(buf[:n])), nil
	case '*', '%':
		n, err := strconv.Atoi(body)
		if err != nil {
			return reply{}, err
		}
		if n < 0 {
			return nilReply, nil
		}
		k := kArray
		if line[0] == '%' {
			k, n = kMap, 2*n
		}
		out := reply{k: k, a: make([]reply, n)}
		for i := range out.a {
			if out.a[i], err = parseWire(rd); err != nil {
				return reply{}, err
			}
		}
		return out, nil
	}
	return reply{}, fmt.Errorf("unexpected RESP type in %q", line)
}

// encodeWire renders r in RESP version proto, as a server would send it.
func encodeWire(b *strings.Builder, r reply, proto int) {
	switch r.k {
	case kStatus:
		b.WriteString("+" + r.s + "\r\n")
	case kError:
		b.WriteString("-" + r.s + "\r\n")
	case kInt:
		fmt.Fprintf(b, ":%d\r\n", r.n)
	case kBulk:
		fmt.Fprintf(b, "$%d\r\n%s\r\n", len(r.s), r.s)
	case kNil:
		if proto == 2 {
			b.WriteString("$-1\r\n")
		} else {
			b.WriteString("_\r\n")
		}
	case kArray, kMap:
		if r.k == kMap && proto == 2 && r.n == pairsInRESP2 {
			fmt.Fprintf(b, "*%d\r\n", len(r.a)/2)
			for i := 0; i+1 < len(r.a); i += 2 {
				b.WriteString("*2\r\n")
				encodeWire(b, r.a[i], proto)
				encodeWire(b, r.a[i+1], proto)
			}
			return
		}
		if r.k == kMap && proto == 3 {
			fmt.Fprintf(b, "%%%d\r\n", len(r.a)/2)
		} else {
			fmt.Fprintf(b, "*%d\r\n", len(r.a))
		}
		for _, e := range r.a {
			encodeWire(b, e, proto)
		}
	}
}

// fakeServer is a go-redis client whose connection is answered by a fake
// server: HELLO is refused (so go-redis keeps its defaults) and every other
// command gets the next canned reply, so that go-redis itself parses a
// hand-built reply tree.
type fakeServer struct {
	Client  *redis.Client
	replies chan string
}

// newFakeServer returns a client talking to a fake server.
func newFakeServer(t testing.TB, proto int) *fakeServer {
	fs := &fakeServer{replies: make(chan string, 1)}
	fs.Client = redis.NewClient(&redis.Options{
		Addr:                     "fake:1",
		Protocol:                 proto,
		DisableIdentity:          true,
		MaxRetries:               -1,
		PoolSize:                 1,
		PipelinePoolSize:         -1,
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
		Dialer: func(context.Context, string, string) (net.Conn, error) {
			client, server := net.Pipe()
			go fs.serve(server)
			return client, nil
		},
	})
	t.Cleanup(func() { fs.Client.Close() })
	return fs
}

// serve answers commands on c until it closes.
func (fs *fakeServer) serve(c net.Conn) {
	defer c.Close()
	rd := bufio.NewReader(c)
	for {
		cmd, err := parseWire(rd)
		if err != nil {
			return
		}
		out := ""
		if len(cmd.a) > 0 && strings.EqualFold(cmd.a[0].s, "hello") {
			out = "-ERR unknown command 'HELLO'\r\n"
		} else {
			out = <-fs.replies
		}
		if _, err := c.Write([]byte(out)); err != nil {
			return
		}
	}
}

// parse has go-redis parse r (in RESP version proto) into cmd.
func (fs *fakeServer) parse(ctx context.Context, cmd redis.Cmder, r reply, proto int) {
	var b strings.Builder
	encodeWire(&b, r, proto)
	fs.replies <- b.String()
	_ = fs.Client.Process(ctx, cmd)
}
