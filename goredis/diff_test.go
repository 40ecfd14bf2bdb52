package goredis_test

// TestDiff: the differential randomized test at the go-redis level.
//
// Each seed generates a random sequence of stream commands (over keys s1..s3,
// groups g1..g3, consumers c1..c3, explicit IDs from a small range so that
// collisions, deletions, trims and claims of pending entries are frequent,
// and a steady rate of invalid calls) and sends every command as raw
// arguments through Do both to a real redis-server (database 3, see
// realClient) and to the in-process client, comparing the two replies
// (value, or error text) after every step. On the first divergence it fails
// with the seed, the step and every command so far, in redis-cli syntax.
//
// Protocols. Every seed runs twice, in subtests RESP3 and RESP2: both
// clients speak that protocol (goredis.Options.Protocol; a go-redis client
// with Protocol 2 or 3 against Redis). RESP3 maps reach go-redis as Go maps,
// so the order of the streams in a multi-key XREAD / XREADGROUP reply and the
// order of the fields of XINFO STREAM [FULL] / GROUPS / CONSUMERS are only
// compared in RESP2, where they are arrays (see diffNormalize); the RESP2
// run logs how many such replies it compared ("order compared"). The
// generator's own read-only queries (d.query) always use RESP3.
//
// Environment:
//
//	XSTREAM_GOREDIS_DIFF_SEEDS  number of seeds per protocol (default 100;
//	                            also under CI=true)
//	XSTREAM_GOREDIS_DIFF_STEPS  steps per seed (default 200)
//	XSTREAM_GOREDIS_DIFF_PROTO  3, 2 or both (default both): the protocols run
//	XSTREAM_GOREDIS_DIFF_SEED   run only this seed (replay), or "random"
//	                            (SEEDS seeds from a time-based first seed)
//	XSTREAM_GOREDIS_DIFF_REDIS_ONLY=1  run the generator against Redis alone
//	                            (checks the generator, compares nothing)
//	XSTREAM_REDIS_ADDR          use this server (database 3 is flushed)
//
// Time. Redis runs on the real clock, the client on an xstream.ManualClock.
// Every command goes to Redis first; for an XADD with a "*" ID the client's
// clock is then set to the millisecond of the ID Redis generated (so both
// sides generate the same ID: this synchronizes the input, it normalizes
// nothing: sequence numbers, monotonicity and the "clock behind the last
// ID" case are still compared), and otherwise to time.Now(). Idle-time
// thresholds are 0 or 10 hours and entries are only made old by XCLAIM IDLE
// 20h / TIME 1000, so both clocks agree on every threshold. The remaining
// clock-dependent fields are normalized (see diffNormalize).
//
// Redis 7.0 versus the spec (which the client follows): cases where they
// differ are not generated, or compared by version rule; each is counted
// and logged at the end (go test -v): see d.skip calls.
//
// A seed replays exactly unless it used "*" IDs (then the report still lists
// every command with the IDs Redis returned).

import (
	"context"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
	"github.com/xstream-go/xstream/goredis"
	"github.com/xstream-go/xstream/internal/redistest"
)

// diffStats is what a run covered, logged at the end.
type diffStats struct {
	perCmd  map[string]int // commands run, per name
	errs    int            // steps whose (identical) reply was an error
	errKind map[string]int // error replies per first word
	skips   map[string]int // cases not generated or compared by version rule
	orders  map[string]int // RESP2 replies whose order was compared, by kind
	steps   int
}

// diffRun is one seed's run.
type diffRun struct {
	t       *testing.T
	ctx     context.Context
	seed    int64
	rng     *rand.Rand
	proto   int             // RESP version of both compared clients
	real    *redis.Client   // Redis, on proto: the compared replies
	q       *redis.Client   // Redis on RESP3 (real itself when proto is 3): d.query
	mem     *goredis.Client // nil with XSTREAM_GOREDIS_DIFF_REDIS_ONLY
	clock   *xstream.ManualClock
	stats   *diffStats
	history [][]string // the compared commands so far

	// Tracking, from Redis's replies (identical to the client's until a
	// divergence ends the run), so that both sides see the same commands.
	top       map[string]xstream.ID                 // per key: the greatest ID added or set
	pool      map[string][]xstream.ID               // per key: IDs ever added
	consumers map[string]map[string]map[string]bool // key → group → consumer set
}

// TestDiff runs the differential test; see the comment at the top of the file.
func TestDiff(t *testing.T) {
	seeds, steps, first := 100, 200, int64(1)
	seeds = redistest.PositiveEnv(t, "XSTREAM_GOREDIS_DIFF_SEEDS", seeds)
	steps = redistest.PositiveEnv(t, "XSTREAM_GOREDIS_DIFF_STEPS", steps)
	if n, random, set := redistest.SeedEnv(t, "XSTREAM_GOREDIS_DIFF_SEED"); random {
		first = time.Now().UnixNano() % 1e9
	} else if set {
		first, seeds = n, 1
	}
	var protos []int
	switch p := os.Getenv("XSTREAM_GOREDIS_DIFF_PROTO"); p {
	case "", "both":
		protos = []int{3, 2}
	case "3":
		protos = []int{3}
	case "2":
		protos = []int{2}
	default:
		t.Fatalf("XSTREAM_GOREDIS_DIFF_PROTO=%q: want 3, 2 or both", p)
	}
	redisOnly := os.Getenv("XSTREAM_GOREDIS_DIFF_REDIS_ONLY") == "1"
	var summary []string
	for _, proto := range protos {
		st := &diffStats{perCmd: map[string]int{}, errKind: map[string]int{}, skips: map[string]int{}, orders: map[string]int{}}
		t.Run(fmt.Sprintf("RESP%d", proto), func(t *testing.T) {
			real := realClientProto(t, dbDiff, proto)
			q := real
			if proto != 3 {
				q = diffRESP3(t, real)
			}
			start := time.Now()
			for seed := first; seed < first+int64(seeds); seed++ {
				d := newDiffRun(t, real, q, proto, seed, st, redisOnly)
				for i := 0; i < steps; i++ {
					d.randomStep()
				}
				if d.mem != nil {
					d.mem.Close()
				}
			}
			t.Logf("RESP%d: seeds %d..%d, %d steps each: %d commands compared in %v (replay one: XSTREAM_GOREDIS_DIFF_SEED=n XSTREAM_GOREDIS_DIFF_PROTO=%d)",
				proto, first, first+int64(seeds)-1, steps, st.steps, time.Since(start).Round(time.Millisecond), proto)
			st.log(t)
		})
		summary = append(summary, fmt.Sprintf("RESP%d: %d commands", proto, st.steps))
	}
	t.Logf("compared per protocol: %s", strings.Join(summary, ", "))
}

// diffRESP3 returns a RESP3 client of real's server and database (a second
// realClientProto call could start another server), closed when t ends.
func diffRESP3(t *testing.T, real *redis.Client) *redis.Client {
	o := *real.Options()
	o.Protocol = 3
	q := redis.NewClient(&o)
	t.Cleanup(func() { q.Close() })
	return q
}

// log writes what st covered (go test -v).
func (st *diffStats) log(t *testing.T) {
	for _, k := range slices.Sorted(maps.Keys(st.perCmd)) {
		t.Logf("ran %-28s %d", k, st.perCmd[k])
	}
	t.Logf("error replies compared: %d", st.errs)
	for _, k := range slices.Sorted(maps.Keys(st.errKind)) {
		t.Logf("  error %-60s %d", k, st.errKind[k])
	}
	for _, k := range slices.Sorted(maps.Keys(st.skips)) {
		t.Logf("skipped/version rule: %s: %d", k, st.skips[k])
	}
	for _, k := range slices.Sorted(maps.Keys(st.orders)) {
		t.Logf("order compared (RESP2): %s: %d", k, st.orders[k])
	}
}

// newDiffRun flushes Redis's database and makes a fresh client for seed,
// speaking RESP version proto like real; q is Redis on RESP3, for d.query.
func newDiffRun(t *testing.T, real, q *redis.Client, proto int, seed int64, st *diffStats, redisOnly bool) *diffRun {
	t.Helper()
	ctx := context.Background()
	if err := real.FlushDB(ctx).Err(); err != nil {
		t.Fatalf("FLUSHDB: %v", err)
	}
	d := &diffRun{
		t: t, ctx: ctx, seed: seed, rng: rand.New(rand.NewSource(seed)), proto: proto, real: real, q: q, stats: st,
		top: map[string]xstream.ID{}, pool: map[string][]xstream.ID{},
		consumers: map[string]map[string]map[string]bool{},
	}
	if !redisOnly {
		d.clock = xstream.NewManualClock(time.Now())
		d.mem = goredis.NewClient(&goredis.Options{Clock: d.clock, Protocol: proto})
	}
	return d
}

// skip counts a case not generated or compared by version rule.
func (d *diffRun) skip(why string) { d.stats.skips[why]++ }

// diffDo sends args through Do to c.
func diffDo(ctx context.Context, c Client, args []string) (interface{}, error) {
	a := make([]interface{}, len(args))
	for i, s := range args {
		a[i] = s
	}
	return c.Do(ctx, a...).Result()
}

// query runs a read-only helper command on Redis only (state for the
// generator and the version rules), always in RESP3 (XINFO replies are
// maps). It is not part of the compared history: it changes nothing that
// later commands observe.
func (d *diffRun) query(args ...string) (interface{}, error) {
	return diffDo(d.ctx, d.q, args)
}

// exec runs one compared step: Redis first, then the client, and compares
// the normalized replies. starAdd marks an XADD with a "*" ID. lagKey, when
// not empty, is the key whose state the lag rule of XINFO GROUPS needs. It
// returns Redis's reply.
func (d *diffRun) exec(args []string, starAdd bool, lagKey string) (interface{}, error) {
	d.t.Helper()
	var st *diffLagState
	if lagKey != "" {
		st = d.streamState(lagKey)
	}
	d.history = append(d.history, args)
	d.stats.steps++
	name := strings.ToUpper(args[0])
	if name == "XGROUP" || name == "XINFO" {
		if len(args) > 1 {
			name += " " + strings.ToUpper(args[1])
		}
	}
	d.stats.perCmd[name]++
	rv, rerr := diffDo(d.ctx, d.real, args)
	if rerr != nil && rerr != redis.Nil {
		if _, ok := rerr.(redis.Error); !ok {
			d.t.Fatalf("seed %d step %d: %s: Redis connection error: %v", d.seed, len(d.history), diffCLI(args), rerr)
		}
		d.stats.errs++
		w := strings.Fields(rerr.Error())
		k := w[0]
		if len(w) > 1 {
			k += " " + strings.Join(w[1:min(len(w), 6)], " ")
		}
		d.stats.errKind[k]++
	}
	if d.mem == nil { // XSTREAM_GOREDIS_DIFF_REDIS_ONLY
		return rv, rerr
	}
	d.clock.Set(time.Now())
	if id, ok := rv.(string); ok && starAdd && rerr == nil {
		if p, err := xstream.ParseID(id); err == nil {
			d.clock.Set(time.UnixMilli(int64(p.Ms)))
		}
	}
	mv, merr := diffDo(d.ctx, d.mem, args)
	want := diffRender(d.normalize(args, rv, "redis", st), rerr)
	got := diffRender(d.normalize(args, mv, "xstream", st), merr)
	if want != got && diffVersionError(args, rerr, merr) {
		d.skip("error text of 7.0 vs the spec's: " + strings.ToUpper(args[0]) + " unbalanced streams")
		got = want
	}
	if want != got {
		d.fail(want, got)
	}
	d.countOrder(name, rv)
	return rv, rerr
}

// countOrder counts (RESP2 only) a compared reply whose order RESP3 would
// hide: XREAD / XREADGROUP with entries of two or more streams (or of one
// stream twice), XINFO objects.
func (d *diffRun) countOrder(name string, rv interface{}) {
	if d.proto != 2 || rv == nil {
		return
	}
	switch {
	case name == "XREAD" || name == "XREADGROUP":
		if s := diffSlice(rv); len(s) >= 2 {
			keys := map[interface{}]bool{}
			for _, p := range s {
				if kv := diffSlice(p); len(kv) == 2 {
					keys[kv[0]] = true
				}
			}
			d.stats.orders[fmt.Sprintf("%s with %d streams", name, len(s))]++
			if len(keys) < len(s) {
				d.stats.orders[name+" with a stream twice"]++
			}
		}
	case strings.HasPrefix(name, "XINFO ") && len(diffSlice(rv)) > 0:
		d.stats.orders[name+" (field order)"]++
	}
}

// diffVersionError reports whether Redis's error and the client's are
// the two versions of the same error: Redis 7.0 answers an unbalanced
// XREAD and XREADGROUP stream list with one text, newer Redis (the spec,
// §7.1 and §8.1) with a text naming the command. Only these exact pairs
// match, so any other error text still has to be identical.
func diffVersionError(args []string, rerr, merr error) bool {
	if rerr == nil || merr == nil {
		return false
	}
	const v70 = "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified."
	spec := map[string]string{
		"XREAD":      "ERR Unbalanced 'xread' list of streams: for each stream key an ID, '+', or '$' must be specified.",
		"XREADGROUP": "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified.",
	}[strings.ToUpper(args[0])]
	return rerr.Error() == v70 && spec != "" && merr.Error() == spec
}

// fail reports the first divergence with everything needed to replay it.
func (d *diffRun) fail(want, got string) {
	d.t.Helper()
	var b strings.Builder
	n := len(d.history)
	fmt.Fprintf(&b, "TestDiff diverged: RESP%d, seed %d, step %d\n", d.proto, d.seed, n)
	fmt.Fprintf(&b, "  command: %s\n  redis:   %s\n  xstream: %s\n", diffCLI(d.history[n-1]), want, got)
	fmt.Fprintf(&b, "replay: XSTREAM_GOREDIS_DIFF_SEED=%d XSTREAM_GOREDIS_DIFF_PROTO=%d go test -race -run 'TestDiff$' .\n", d.seed, d.proto)
	fmt.Fprintf(&b, "or in redis-cli -%d (database 3 of an otherwise idle server; \"*\" IDs depend on the clock):\n", d.proto)
	b.WriteString("SELECT 3\nFLUSHDB\n")
	for _, a := range d.history {
		b.WriteString(diffCLI(a) + "\n")
	}
	d.t.Fatal(b.String())
}

// diffCLI writes args as a redis-cli command line, quoting where needed.
func diffCLI(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \"'\\\t\n") {
			a = strconv.Quote(a)
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}
