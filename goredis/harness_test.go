package goredis_test

// The conformance harness: scenarios written once against redis.StreamCmdable
// (+ Do) run against a real redis-server and against the in-process client,
// and every reply they record must be identical.

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
	"github.com/xstream-go/xstream"
	"github.com/xstream-go/xstream/goredis"
	"github.com/xstream-go/xstream/internal/redistest"
)

// Client is what scenarios use: the stream commands, Do for raw commands,
// and keyspace setup. Both *redis.Client and *goredis.Client satisfy it.
type Client interface {
	redis.StreamCmdable
	Do(ctx context.Context, args ...interface{}) *redis.Cmd
	Del(ctx context.Context, keys ...string) *redis.IntCmd
	Exists(ctx context.Context, keys ...string) *redis.IntCmd
	FlushDB(ctx context.Context) *redis.StatusCmd
	Pipeline() redis.Pipeliner
	TxPipeline() redis.Pipeliner
}

var (
	_ Client = (*redis.Client)(nil)
	_ Client = (*goredis.Client)(nil)
)

// Redis databases of the shared server (XSTREAM_REDIS_ADDR), one per test
// that uses it, so tests of different packages running at once do not meet.
// (convert_test.go, package goredis, uses database 5.)
const (
	dbConformance = 2
	dbDiff        = 3
	dbClient      = 7
)

// side is one of the two clients a scenario runs against.
type side struct {
	t     *testing.T
	Name  string // "redis" or "xstream"
	C     Client
	Real  bool                 // a real redis-server
	Clock *xstream.ManualClock // the in-process client's clock; nil for Redis
	ctx   context.Context
	log   []string
	ids   map[string]string // time-based IDs seen, to their placeholders
}

// Ctx is the scenario's context.
func (s *side) Ctx() context.Context { return s.ctx }

// Sleep lets d pass: really against Redis, on the manual clock in process.
func (s *side) Sleep(d time.Duration) {
	if s.Real {
		time.Sleep(d)
		return
	}
	s.Clock.Advance(d)
}

// Do runs a raw command and records its reply.
func (s *side) Do(args ...interface{}) *redis.Cmd {
	return Rec(s, s.C.Do(s.ctx, args...))
}

// Note records a line of the scenario's own in the transcript.
func (s *side) Note(format string, args ...interface{}) {
	s.log = append(s.log, fmt.Sprintf(format, args...))
}

// Rec records cmd's reply (its Result values and error text) in the
// transcript that is compared between the two sides, and returns cmd.
// Values that depend on the clock are normalized: durations, times and the
// CLAIM idle field are zeroed, and time-based IDs (milliseconds after 2001)
// become placeholders numbered in order of appearance. Scenarios assert
// those with Sleep and explicit bounds instead.
func Rec[C redis.Cmder](s *side, cmd C) C {
	s.t.Helper()
	res := reflect.ValueOf(cmd).MethodByName("Result").Call(nil)
	var parts []string
	for _, v := range res[:len(res)-1] {
		parts = append(parts, s.normalize(fmt.Sprintf("%+v", normValue(v).Interface())))
	}
	errText := "<nil>"
	if err := cmd.Err(); err != nil {
		errText = err.Error()
	}
	s.log = append(s.log, fmt.Sprintf("%v => %s err=%s", s.normalize(fmt.Sprint(cmd.Args())), strings.Join(parts, " "), errText))
	return cmd
}

var timeIDRe = regexp.MustCompile(`\b(\d{13,})-(\d+)\b`)

// normalize replaces time-based IDs by placeholders.
func (s *side) normalize(text string) string {
	return timeIDRe.ReplaceAllStringFunc(text, func(id string) string {
		m := timeIDRe.FindStringSubmatch(id)
		ms := m[1]
		p, ok := s.ids[ms]
		if !ok {
			p = "T" + strconv.Itoa(len(s.ids)+1)
			s.ids[ms] = p
		}
		return p + "-" + m[2]
	})
}

var (
	durationType = reflect.TypeOf(time.Duration(0))
	timeType     = reflect.TypeOf(time.Time{})
)

// normValue returns a copy of v with clock-dependent fields zeroed.
func normValue(v reflect.Value) reflect.Value {
	switch {
	case !v.IsValid():
		return v
	case v.Type() == durationType:
		return reflect.Zero(durationType)
	case v.Type() == timeType:
		return reflect.Zero(timeType)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(normValue(v.Elem()))
		return p
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(normValue(v.Index(i)))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Name == "MillisElapsedFromDelivery" { // an int64; the other clock fields are durations and times
				continue
			}
			out.Field(i).Set(normValue(v.Field(i)))
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(normValue(v.Elem()))
		return out
	}
	return v
}

// scenario is one conformance case. Redis8 cases concern features newer than
// the Redis the tests can install (7.0): they run against the in-process
// client only, asserting the replies the spec documents.
type scenario struct {
	Name   string
	Redis8 bool
	Run    func(t *testing.T, s *side)
}

// realClientProto returns a go-redis client of the Redis server for db,
// speaking RESP version proto (2 or 3), flushed. It is closed when t ends.
func realClientProto(t *testing.T, db, proto int) *redis.Client {
	t.Helper()
	addr, _ := redistest.Addr(t)
	c := redis.NewClient(&redis.Options{Addr: addr, DB: db, Protocol: proto, ReadTimeout: 10 * time.Second, DisableIdentity: true,
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}})
	t.Cleanup(func() { c.Close() })
	if err := c.FlushDB(context.Background()).Err(); err != nil {
		t.Fatalf("FLUSHDB on %s: %v", addr, err)
	}
	return c
}

// newInProcess returns an in-process client on a manual clock set to now.
func newInProcess(t *testing.T) (*goredis.Client, *xstream.ManualClock) {
	clock := xstream.NewManualClock(time.Now())
	c := goredis.NewClient(&goredis.Options{Clock: clock})
	t.Cleanup(func() { c.Close() })
	return c, clock
}

// runConformance runs every scenario against real Redis (unless it is a
// Redis8 case) and in process, and compares the transcripts line by line.
func runConformance(t *testing.T, scenarios []scenario) {
	var real *redis.Client
	if slices.ContainsFunc(scenarios, func(sc scenario) bool { return !sc.Redis8 }) {
		// Without Redis (and outside CI) the in-process halves still run,
		// uncompared.
		if msg := redistest.Missing(); msg != "" && os.Getenv("CI") != "true" {
			t.Log(msg + "; running the in-process halves alone")
		} else {
			real = realClientProto(t, dbConformance, 3) // closed when t ends
		}
	}
	for _, sc := range scenarios {
		run := noPanic(sc.Run)
		t.Run(sc.Name, func(t *testing.T) {
			var want []string
			if !sc.Redis8 && real != nil {
				if err := real.FlushDB(context.Background()).Err(); err != nil {
					t.Fatalf("FLUSHDB: %v", err)
				}
				s := &side{t: t, Name: "redis", C: real, Real: true, ctx: context.Background(), ids: map[string]string{}}
				if !t.Run("redis", func(t *testing.T) { s.t = t; run(t, s); want = append([]string{}, s.log...) }) {
					return
				}
			}
			c, clock := newInProcess(t)
			s := &side{t: t, Name: "xstream", C: c, Clock: clock, ctx: context.Background(), ids: map[string]string{}}
			ran := false // false when -run filters out one half: nothing to compare
			if !t.Run("xstream", func(t *testing.T) { ran = true; s.t = t; run(t, s) }) || sc.Redis8 || !ran || want == nil {
				return
			}
			for i := 0; i < max(len(want), len(s.log)); i++ {
				w, g := "(none)", "(none)"
				if i < len(want) {
					w = want[i]
				}
				if i < len(s.log) {
					g = s.log[i]
				}
				if w != g {
					t.Fatalf("step %d differs:\n redis:   %s\n xstream: %s", i+1, w, g)
				}
			}
		})
	}
}

// noPanic turns a panic of run (an index into a reply shorter than
// expected) into a failure of that scenario alone.
func noPanic(run func(t *testing.T, s *side)) func(t *testing.T, s *side) {
	return func(t *testing.T, s *side) {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		run(t, s)
	}
}

// recAdd runs XADD key id field value ... through the typed go-redis method
// and records the reply.
func recAdd(s *side, key, id string, fv ...string) *redis.StringCmd {
	return Rec(s, s.C.XAdd(s.Ctx(), &redis.XAddArgs{Stream: key, ID: id, Values: fv}))
}

// cmdErr is cmd's error text, or "" when it succeeded.
func cmdErr(cmd redis.Cmder) string {
	return errText(cmd.Err())
}

// errText is err's text, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// flatKeys returns the field names of a RESP2 field, value, … array (an
// XINFO reply through Do), in wire order.
func flatKeys(v interface{}) []string {
	a := v.([]interface{})
	out := []string{}
	for i := 0; i < len(a); i += 2 {
		out = append(out, a[i].(string))
	}
	return out
}

// msgIDs returns the IDs of msgs.
func msgIDs(msgs []redis.XMessage) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	return out
}
