package goredis_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
	"github.com/xstream-go/xstream/goredis"
)

// clientRedis is a go-redis client (RESP3) on a real Redis, flushed.
func clientRedis(t *testing.T) *redis.Client {
	t.Helper()
	return realClientProto(t, dbClient, 3)
}

// cmdView is what a go-redis user sees of a command: its Result values and
// its error text.
func cmdView(cmd redis.Cmder) string {
	var parts []interface{}
	for _, v := range reflect.ValueOf(cmd).MethodByName("Result").Call(nil) {
		if err, ok := v.Interface().(error); ok {
			parts = append(parts, "err="+err.Error())
			continue
		}
		parts = append(parts, v.Interface())
	}
	return fmt.Sprintf("%v %#v", cmd.Args(), parts)
}

// txRecorder is a user hook recording what a pipeline hook sees: the
// commands, including the MULTI and EXEC go-redis wraps a transaction in.
type txRecorder struct {
	mu    sync.Mutex
	seen  []string
	calls []string
}

// DialHook passes dialing on.
func (r *txRecorder) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook records a command's start and end.
func (r *txRecorder) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		r.mu.Lock()
		r.calls = append(r.calls, "before "+cmd.Name())
		r.mu.Unlock()
		err := next(ctx, cmd)
		r.mu.Lock()
		r.calls = append(r.calls, "after "+cmd.Name())
		r.mu.Unlock()
		return err
	}
}

// ProcessPipelineHook records every command of a pipeline after it ran.
func (r *txRecorder) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if len(cmds) == 1 && cmds[0].Name() == "select" {
			return err // a new connection choosing its database (DB != 0), not the user's
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.calls = append(r.calls, fmt.Sprintf("pipeline %d", len(cmds)))
		for _, c := range cmds {
			r.seen = append(r.seen, cmdView(c))
		}
		r.seen = append(r.seen, fmt.Sprintf("returned %v", err))
		return err
	}
}

// badArg is a value go-redis cannot encode.
type badArg struct{ X int }

// binArg is an encoding.BinaryMarshaler.
type binArg struct{ s string }

// MarshalBinary encodes b.
func (b binArg) MarshalBinary() ([]byte, error) { return []byte("bin:" + b.s), nil }

// pipeScenario runs the same pipelines on a client and returns what its
// user saw: every command of each pipeline, what Exec returned, and what
// the pipeline hook saw (MULTI and EXEC included).
func pipeScenario(t *testing.T, c interface {
	Pipeline() redis.Pipeliner
	TxPipeline() redis.Pipeliner
	XLen(ctx context.Context, key string) *redis.IntCmd
	AddHook(redis.Hook)
}) []string {
	ctx := context.Background()
	rec := &txRecorder{}
	c.AddHook(rec)
	var out []string
	run := func(p redis.Pipeliner, fill func(p redis.Pipeliner)) {
		fill(p)
		cmds, err := p.Exec(ctx)
		out = append(out, fmt.Sprintf("exec err=%v", err))
		for _, cmd := range cmds {
			out = append(out, cmdView(cmd))
		}
	}
	add := func(p redis.Pipeliner, id string) {
		p.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: id, Values: []string{"f", id}})
	}
	for _, tx := range []bool{false, true} {
		mk := c.Pipeline
		if tx {
			mk = c.TxPipeline
		}
		// Success, with a null reply and an execution-time error.
		run(mk(), func(p redis.Pipeliner) {
			add(p, fmt.Sprintf("%d-1", len(out)+1))
			p.XLen(ctx, "s")
			p.XAdd(ctx, &redis.XAddArgs{Stream: "nokey", NoMkStream: true, Values: []string{"a", "b"}})
			p.XGroupCreate(ctx, "missing", "g", "$")
			p.XRange(ctx, "s", "-", "+")
		})
		// A command refused when queued: EXECABORT in a transaction.
		run(mk(), func(p redis.Pipeliner) {
			add(p, fmt.Sprintf("%d-1", len(out)+1))
			p.Do(ctx, "XADD", "s")
			p.Do(ctx, "NOSUCHCMD", "x")
			p.XLen(ctx, "s")
		})
		// An argument go-redis cannot encode: nothing runs.
		run(mk(), func(p redis.Pipeliner) {
			add(p, fmt.Sprintf("%d-1", len(out)+1))
			p.XAdd(ctx, &redis.XAddArgs{Stream: "s", Values: []interface{}{"f", badArg{1}}})
		})
		out = append(out, fmt.Sprintf("xlen now %d", c.XLen(ctx, "s").Val()))
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append(out, rec.seen...)
}

// TestClientPipelineAndTxMatchRedis runs pipelines and transactions (with
// null replies, execution-time errors, queue-time errors and unencodable
// arguments) on real Redis and in process, and requires every command's
// value and error, Exec's error, and what a pipeline hook sees of MULTI
// and EXEC to be the same.
func TestClientPipelineAndTxMatchRedis(t *testing.T) {
	want := pipeScenario(t, clientRedis(t))
	c := goredis.NewClient(nil)
	defer c.Close()
	got := pipeScenario(t, c)
	require.Equal(t, want, got)
	// What the transaction looked like (checked against Redis above).
	require.Contains(t, want, `[multi] []interface {}{"QUEUED", interface {}(nil)}`)
	require.Contains(t, want, `[exec] []interface {}{[]interface {}(nil), interface {}(nil)}`)
}

// TestClientTxExecAbort: a transaction with a refused command fails
// whole, with an error go-redis classifies as EXECABORT.
func TestClientTxExecAbort(t *testing.T) {
	ctx := context.Background()
	c := goredis.NewClient(nil)
	defer c.Close()
	cmds, err := c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: "1-1", Values: []string{"a", "b"}})
		p.Do(ctx, "XLEN")
		return nil
	})
	require.True(t, redis.IsExecAbortError(err), "%v", err)
	require.EqualError(t, cmds[0].Err(), "EXECABORT Transaction discarded because of previous errors.")
	require.EqualError(t, cmds[1].Err(), "ERR wrong number of arguments for 'xlen' command")
	require.Equal(t, int64(0), c.Exists(ctx, "s").Val())
}

// TestClientArgsMatchRedis stores values of every argument type go-redis
// accepts with XADD, on real Redis and in process, and requires the same
// stored strings, and the same error for a type go-redis refuses.
func TestClientArgsMatchRedis(t *testing.T) {
	ctx := context.Background()
	when := time.Date(2024, 2, 29, 13, 4, 5, 123456789, time.FixedZone("X", 5*3600+1800))
	n := 42
	s := "ptr"
	var nilInt *int
	values := []interface{}{
		"int", -7, "int8", int8(-8), "int16", int16(16), "int32", int32(-32), "int64", int64(1) << 62,
		"uint", uint(7), "uint8", uint8(255), "uint16", uint16(16), "uint32", uint32(32), "uint64", uint64(1<<64 - 1),
		"float64", 0.1, "bigfloat", 1e21, "negfloat", -2.5e-7, "float32", float32(0.1), "bool", true, "false", false,
		"bytes", []byte("b\x00y"), "time", when, "ptrtime", &when, "duration", 1500 * time.Millisecond,
		"ptrdur", new(time.Duration), "marshaler", binArg{"m"}, "ptrmarshaler", &binArg{"p"}, "ip", net.IPv4(1, 2, 3, 4),
		"nil", nil, "ptrint", &n, "nilptr", nilInt, "ptrstr", &s, "uintptr", uintptr(9), "ptrbool", new(bool),
	}
	run := func(c interface {
		XAdd(ctx context.Context, a *redis.XAddArgs) *redis.StringCmd
		XRange(ctx context.Context, stream, start, stop string) *redis.XMessageSliceCmd
	}) ([]redis.XMessage, error, error) {
		add := c.XAdd(ctx, &redis.XAddArgs{Stream: "a", ID: "1-1", Values: values})
		require.NoError(t, add.Err())
		bad := c.XAdd(ctx, &redis.XAddArgs{Stream: "a", ID: "2-1", Values: []interface{}{"f", badArg{}}})
		badMap := c.XAdd(ctx, &redis.XAddArgs{Stream: "a", ID: "3-1", Values: map[string]interface{}{"f": struct{}{}}})
		msgs, err := c.XRange(ctx, "a", "-", "+").Result()
		require.NoError(t, err)
		return msgs, bad.Err(), badMap.Err()
	}
	wantMsgs, wantBad, wantBadMap := run(clientRedis(t))
	c := goredis.NewClient(nil)
	defer c.Close()
	gotMsgs, gotBad, gotBadMap := run(c)
	require.Equal(t, wantMsgs, gotMsgs)
	require.Equal(t, wantBad, gotBad)
	require.Equal(t, wantBadMap, gotBadMap)
	require.EqualError(t, gotBad, "redis: can't marshal goredis_test.badArg (implement encoding.BinaryMarshaler)")
	require.Equal(t, "2024-02-29T13:04:05.123456789+05:30", gotMsgs[0].Values["ptrtime"])
}

// orderHook records the order hooks run in.
type orderHook struct {
	name string
	log  *[]string
	mu   *sync.Mutex
}

// DialHook records a dial (which must never happen).
func (h orderHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		h.note("dial")
		return next(ctx, network, addr)
	}
}

// note appends to the shared log.
func (h orderHook) note(s string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.log = append(*h.log, h.name+" "+s)
}

// ProcessHook records a command's start and end with its value.
func (h orderHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.note("start " + cmd.Name())
		err := next(ctx, cmd)
		h.note(fmt.Sprintf("end %s %v", cmd.Name(), cmd.(*redis.IntCmd).Val()))
		return err
	}
}

// ProcessPipelineHook records a pipeline's start and end.
func (h orderHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.note(fmt.Sprintf("pipeline start %d", len(cmds)))
		err := next(ctx, cmds)
		h.note(fmt.Sprintf("pipeline end %d", len(cmds)))
		return err
	}
}

// shortCircuit answers XLEN itself without running it.
type shortCircuit struct{ orderHook }

// ProcessHook answers XLEN with 99.
func (h shortCircuit) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == "xlen" {
			cmd.(*redis.IntCmd).SetVal(99)
			return nil
		}
		return next(ctx, cmd)
	}
}

// TestClientHooks: hooks added with Client.AddHook run around every
// in-process command and pipeline, first added outermost, including hooks
// added after the client was used; a hook can answer a command itself; no
// hook is ever asked to dial.
func TestClientHooks(t *testing.T) {
	ctx := context.Background()
	c := goredis.NewClient(nil)
	defer c.Close()
	var log []string
	var mu sync.Mutex
	require.Equal(t, int64(0), c.Exists(ctx, "k").Val())
	c.AddHook(orderHook{"h1", &log, &mu})
	c.AddHook(orderHook{"h2", &log, &mu})
	c.Exists(ctx, "k")
	_, err := c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Exists(ctx, "k")
		return nil
	})
	require.NoError(t, err)
	c.AddHook(shortCircuit{})
	require.Equal(t, int64(99), c.XLen(ctx, "s").Val())
	require.Equal(t, []string{
		"h1 start exists", "h2 start exists", "h2 end exists 0", "h1 end exists 0",
		"h1 pipeline start 3", "h2 pipeline start 3", "h2 pipeline end 3", "h1 pipeline end 3",
		"h1 start xlen", "h2 start xlen", "h2 end xlen 99", "h1 end xlen 99",
	}, log)
	st := c.PoolStats()
	require.Equal(t, uint32(0), st.Hits+st.Misses+st.TotalConns, "the connection pool was used")
}

// settledGoroutines waits (bounded) for the goroutine count to drop to at
// most n and returns it.
func settledGoroutines(n int) int {
	got := runtime.NumGoroutine()
	for i := 0; i < 200 && got > n; i++ {
		time.Sleep(5 * time.Millisecond)
		got = runtime.NumGoroutine()
	}
	return got
}

// TestClientClose: a client starts no goroutine that outlives Close, and a
// closed client refuses commands with redis.ErrClosed, as go-redis does.
func TestClientClose(t *testing.T) {
	ctx := context.Background()
	before := runtime.NumGoroutine()
	for _, proto := range []int{2, 3} {
		c := goredis.NewClient(&goredis.Options{Protocol: proto})
		c.XAdd(ctx, &redis.XAddArgs{Stream: "s", Values: []string{"a", "b"}})
		_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error { p.XLen(ctx, "s"); return nil })
		require.NoError(t, err)
		_, err = c.TxPipelined(ctx, func(p redis.Pipeliner) error { p.XLen(ctx, "s"); return nil })
		require.NoError(t, err)
		require.NoError(t, c.Close())
		require.Equal(t, redis.ErrClosed, c.XLen(ctx, "s").Err())
		_, err = c.Pipelined(ctx, func(p redis.Pipeliner) error { p.XLen(ctx, "s"); return nil })
		require.Equal(t, redis.ErrClosed, err)
		_, err = c.TxPipelined(ctx, func(p redis.Pipeliner) error { p.XLen(ctx, "s"); return nil })
		require.Equal(t, redis.ErrClosed, err)
	}
	require.LessOrEqual(t, settledGoroutines(before), before)

	// go-redis's own closed client says the same.
	rc := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	rc.Close()
	require.True(t, errors.Is(rc.Ping(ctx).Err(), redis.ErrClosed))
}

// TestClientCloseWakesBlockedRead: Close ends a read blocked forever with
// redis.ErrClosed instead of leaving its goroutine stuck.
func TestClientCloseWakesBlockedRead(t *testing.T) {
	ctx := context.Background()
	before := runtime.NumGoroutine()
	c := goredis.NewClient(nil)
	c.XGroupCreateMkStream(ctx, "s", "g", "$")
	errs := make(chan error, 2)
	go func() {
		errs <- c.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 0}).Err()
	}()
	go func() {
		errs <- c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "a", Streams: []string{"s", ">"}, Block: 0}).Err()
	}()
	// Let the readers block (if they have not yet, they fail at the closed
	// check instead: the outcome is the same).
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, c.Close())
	require.Equal(t, redis.ErrClosed, <-errs)
	require.Equal(t, redis.ErrClosed, <-errs)
	require.LessOrEqual(t, settledGoroutines(before), before)
}

// rawShapes runs raw commands whose reply shapes differ between RESP2 and
// RESP3 and returns what Do gives for each.
func rawShapes(ctx context.Context, c interface {
	Do(ctx context.Context, args ...interface{}) *redis.Cmd
}) []string {
	var out []string
	for _, args := range [][]interface{}{
		{"XADD", "s", "1-1", "a", "1"}, {"XADD", "s", "2-1", "b", "2"}, {"XADD", "t", "1-1", "c", "3"},
		{"XGROUP", "CREATE", "s", "g", "0"},
		{"XREAD", "STREAMS", "s", "t", "0", "0"},
		{"XREAD", "COUNT", "1", "STREAMS", "s", "t", "9-9", "9-9"},
		{"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"},
		{"XDEL", "s", "1-1"},
		{"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"},
		{"XPENDING", "s", "g"},
		{"XCLAIM", "s", "g", "bob", "0", "2-1"},
		{"XAUTOCLAIM", "s", "g", "carol", "0", "0"},
		{"XRANGE", "s", "-", "+"},
	} {
		v, err := c.Do(ctx, args...).Result()
		out = append(out, fmt.Sprintf("%v => %#v %v", args, v, err))
	}
	return out
}

// TestClientRawShapesMatchRedis: what Do returns (the raw reply shapes:
// RESP3 maps, RESP2 arrays of pairs, nulls inside arrays) is the same as on
// real Redis, in both protocols.
func TestClientRawShapesMatchRedis(t *testing.T) {
	ctx := context.Background()
	real := clientRedis(t) // one server for both protocols
	for _, proto := range []int{3, 2} {
		o := *real.Options()
		o.Protocol = proto
		rc := redis.NewClient(&o)
		require.NoError(t, rc.FlushDB(ctx).Err())
		want := rawShapes(ctx, rc)
		rc.Close()
		c := goredis.NewClient(&goredis.Options{Protocol: proto})
		got := rawShapes(ctx, c)
		c.Close()
		require.Equal(t, want, got, "RESP%d", proto)
	}
}

// ctxScenario runs commands with an already canceled context and reports
// what the user sees and whether anything ran.
func ctxScenario(c interface {
	XAdd(ctx context.Context, a *redis.XAddArgs) *redis.StringCmd
	XLen(ctx context.Context, key string) *redis.IntCmd
	Pipelined(ctx context.Context, fn func(redis.Pipeliner) error) ([]redis.Cmder, error)
	TxPipelined(ctx context.Context, fn func(redis.Pipeliner) error) ([]redis.Cmder, error)
}) []string {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	add := func(p redis.Pipeliner) error {
		p.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: "1-1", Values: []string{"a", "b"}})
		return nil
	}
	out := []string{cmdView(c.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: "1-1", Values: []string{"a", "b"}}))}
	for _, f := range []func(context.Context, func(redis.Pipeliner) error) ([]redis.Cmder, error){c.Pipelined, c.TxPipelined} {
		cmds, err := f(ctx, add)
		out = append(out, fmt.Sprint(err))
		for _, cmd := range cmds {
			out = append(out, cmdView(cmd))
		}
	}
	return append(out, cmdView(c.XLen(context.Background(), "s")))
}

// TestClientCanceledContextMatchesRedis: with a context already done,
// go-redis sends nothing; the in-process client runs nothing.
func TestClientCanceledContextMatchesRedis(t *testing.T) {
	want := ctxScenario(clientRedis(t))
	c := goredis.NewClient(nil)
	defer c.Close()
	require.Equal(t, want, ctxScenario(c))
	require.Equal(t, "context canceled", want[1])
}
