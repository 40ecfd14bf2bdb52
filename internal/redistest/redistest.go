// Package redistest finds a real Redis server for the tests that compare
// xstream with Redis: the one at XSTREAM_REDIS_ADDR, or a redis-server
// started on a free loopback port for the test. It is used only by tests.
package redistest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// Addr returns the address of a Redis server for t: XSTREAM_REDIS_ADDR when
// set (the caller must flush it: it may hold data), or else a redis-server
// (XSTREAM_REDIS_SERVER, or redis-server from PATH) started on a free
// 127.0.0.1 port and killed when t ends. Without one it skips t with a clear
// message, or fails it when CI=true. fresh reports whether the server was
// started for t.
func Addr(t testing.TB) (addr string, fresh bool) {
	t.Helper()
	if addr := os.Getenv("XSTREAM_REDIS_ADDR"); addr != "" {
		return addr, false
	}
	return Own(t), true
}

// Own starts a redis-server for t alone, whatever XSTREAM_REDIS_ADDR says,
// for a test that changes the server's configuration (CONFIG SET), which
// would disturb other tests sharing a server. It skips or fails as Addr does
// when there is no redis-server.
func Own(t testing.TB) string {
	t.Helper()
	if msg := Missing(); msg != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true forbids skipping it")
		}
		t.Skip(msg)
	}
	bin := os.Getenv("XSTREAM_REDIS_SERVER")
	if bin == "" {
		bin, _ = exec.LookPath("redis-server")
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		addr, err := start(t, bin)
		if err == nil {
			return addr
		}
		lastErr = err
	}
	t.Fatalf("starting %s: %v", bin, lastErr)
	return ""
}

// Missing returns "" when a Redis server can be had (XSTREAM_REDIS_ADDR,
// XSTREAM_REDIS_SERVER or redis-server on the PATH), and otherwise the
// message that explains why comparisons with real Redis do not run.
func Missing() string {
	if os.Getenv("XSTREAM_REDIS_ADDR") != "" || os.Getenv("XSTREAM_REDIS_SERVER") != "" {
		return ""
	}
	if _, err := exec.LookPath("redis-server"); err == nil {
		return ""
	}
	return "redis-server not found on PATH (install it, e.g. apt-get install redis-server, " +
		"or set XSTREAM_REDIS_SERVER or XSTREAM_REDIS_ADDR): comparison with real Redis not run"
}

// start starts bin on a free port and waits (bounded) until it answers PING.
func start(t testing.TB, bin string) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	cmd := exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	cmd.Dir = t.TempDir()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
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
			return "", fmt.Errorf("redis-server exited at start:\n%s", out.String())
		default:
		}
		if ping(addr) {
			t.Cleanup(stop)
			return addr, nil
		}
		if time.Now().After(deadline) {
			stop()
			return "", fmt.Errorf("redis-server on %s did not answer PING within 10s:\n%s", addr, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ping reports whether a server at addr answers an inline PING with +PONG.
func ping(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	buf := make([]byte, 7)
	n, _ := c.Read(buf)
	return string(buf[:n]) == "+PONG\r\n"
}
