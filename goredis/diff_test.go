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
// Environment:
//
//	XSTREAM_GOREDIS_DIFF_SEEDS  number of seeds (default 100; also under CI=true)
//	XSTREAM_GOREDIS_DIFF_STEPS  steps per seed (default 200)
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
	"errors"
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
	steps   int
}

// diffRun is one seed's run.
type diffRun struct {
	t         *testing.T
	ctx       context.Context
	seed      int64
	rng       *rand.Rand
	real      *redis.Client
	mem       *goredis.Client // nil with XSTREAM_GOREDIS_DIFF_REDIS_ONLY
	clock     *xstream.ManualClock
	stats     *diffStats
	history   [][]string // the compared commands so far
	redisOnly bool
	missing   map[string]bool // commands the client does not have (yet): not sent

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
	redisOnly := os.Getenv("XSTREAM_GOREDIS_DIFF_REDIS_ONLY") == "1"
	real := realClient(t, dbDiff)
	missing := diffMissingCommands()
	st := &diffStats{perCmd: map[string]int{}, errKind: map[string]int{}, skips: map[string]int{}}
	start := time.Now()
	for seed := first; seed < first+int64(seeds); seed++ {
		d := newDiffRun(t, real, seed, st, redisOnly)
		d.missing = missing
		for i := 0; i < steps; i++ {
			d.randomStep()
		}
		if d.mem != nil {
			d.mem.Close()
		}
	}
	t.Logf("seeds %d..%d, %d steps each: %d commands compared in %v (replay one: XSTREAM_GOREDIS_DIFF_SEED=n)",
		first, first+int64(seeds)-1, steps, st.steps, time.Since(start).Round(time.Millisecond))
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
}

// newDiffRun flushes Redis's database and makes a fresh client for seed.
func newDiffRun(t *testing.T, real *redis.Client, seed int64, st *diffStats, redisOnly bool) *diffRun {
	t.Helper()
	ctx := context.Background()
	if err := real.FlushDB(ctx).Err(); err != nil {
		t.Fatalf("FLUSHDB: %v", err)
	}
	d := &diffRun{
		t: t, ctx: ctx, seed: seed, rng: rand.New(rand.NewSource(seed)), real: real, stats: st,
		redisOnly: redisOnly,
		top:       map[string]xstream.ID{}, pool: map[string][]xstream.ID{},
		consumers: map[string]map[string]map[string]bool{},
	}
	if !redisOnly {
		d.clock = xstream.NewManualClock(time.Now())
		d.mem = goredis.NewClient(&goredis.Options{Clock: d.clock})
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
// generator and the version rules). It is not part of the compared history:
// it changes nothing that later commands observe.
func (d *diffRun) query(args ...string) (interface{}, error) {
	return diffDo(d.ctx, d.real, args)
}

// exec runs one compared step: Redis first, then the client, and compares
// the normalized replies. starAdd marks an XADD with a "*" ID. lagKey, when
// not empty, is the key whose state the lag rule of XINFO GROUPS needs. It
// returns Redis's reply.
func (d *diffRun) exec(args []string, starAdd bool, lagKey string) (interface{}, error) {
	d.t.Helper()
	if d.missing[strings.ToUpper(args[0])] && !d.redisOnly {
		d.skip("EXCLUDED: " + strings.ToUpper(args[0]) + " not implemented in the client yet")
		return nil, errDiffExcluded
	}
	var st *diffLagState
	if lagKey != "" {
		if v, err := d.query("XINFO", "STREAM", lagKey); err == nil {
			if m, ok := v.(map[interface{}]interface{}); ok {
				st = diffLagStateOf(m)
			}
		}
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
	if d.redisOnly {
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
	return rv, rerr
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

// errDiffExcluded is exec's error for a command that was not sent.
var errDiffExcluded = errors.New("excluded")

// diffMissingCommands probes a client for the commands the generator uses:
// those it answers with "unknown command" are excluded from the run (and
// counted), so that the rest keeps being compared while the engine lands.
func diffMissingCommands() map[string]bool {
	c := goredis.NewClient(nil)
	defer c.Close()
	out := map[string]bool{}
	for _, name := range []string{"XADD", "XDEL", "XTRIM", "XLEN", "XRANGE", "XREVRANGE", "XREAD", "XGROUP",
		"XREADGROUP", "XACK", "XPENDING", "XCLAIM", "XAUTOCLAIM", "XINFO", "XSETID", "DEL", "EXISTS"} {
		if _, err := c.Do(context.Background(), name).Result(); err != nil && strings.Contains(err.Error(), "unknown command") {
			out[name] = true
		}
	}
	return out
}

// fail reports the first divergence with everything needed to replay it.
func (d *diffRun) fail(want, got string) {
	d.t.Helper()
	var b strings.Builder
	n := len(d.history)
	fmt.Fprintf(&b, "TestDiff diverged: seed %d, step %d\n", d.seed, n)
	fmt.Fprintf(&b, "  command: %s\n  redis:   %s\n  xstream: %s\n", diffCLI(d.history[n-1]), want, got)
	fmt.Fprintf(&b, "replay: XSTREAM_GOREDIS_DIFF_SEED=%d go test -race -run 'TestDiff$' .\n", d.seed)
	b.WriteString("or in redis-cli (database 3 of an otherwise idle server; \"*\" IDs depend on the clock):\n")
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
