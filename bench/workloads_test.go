package main

import (
	"context"
	"math"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/xstream-go/xstream/internal/redistest"
)

// wbScale is the tiny scale the workload tests run at.
const wbScale = 0.001

// wbBackends are the backends the tests run on. The redis one is a
// redis-server started for the test alone (Dial flushes it, and INFO memory
// is server-wide); without redis-server on the PATH it is skipped, or fails
// under CI=true.
var wbBackends = []string{Native, GoRedis, Miniredis, Redis}

// wbRun runs workload name once at scale on each backend it supports,
// checks that it returns exactly the keys want (each once) with positive,
// finite values, and calls check with the metrics by key (check may be nil).
func wbRun(t *testing.T, name string, want []string, check func(t *testing.T, ms map[string]Metric)) {
	i := slices.IndexFunc(registry, func(w Workload) bool { return w.Name == name })
	if i < 0 {
		t.Fatalf("workload %s is not registered", name)
	}
	w := registry[i]
	for _, backend := range wbBackends {
		if w.Backends != nil && !slices.Contains(w.Backends, backend) {
			continue
		}
		t.Run(backend, func(t *testing.T) {
			var addr string
			if backend == Redis {
				addr = redistest.Own(t)
			}
			ms := wbRunOn(t, w, backend, addr)
			got := map[string]Metric{}
			for _, m := range ms {
				if _, dup := got[m.Key]; dup {
					t.Errorf("key %q returned twice", m.Key)
				}
				got[m.Key] = m
				if m.Value <= 0 || math.IsInf(m.Value, 0) || math.IsNaN(m.Value) || m.N <= 0 || m.Unit == "" {
					t.Errorf("%q = %+v: want a positive finite value, a positive N and a unit", m.Key, m)
				}
			}
			for _, k := range want {
				if _, ok := got[k]; !ok {
					t.Errorf("key %q missing", k)
				}
			}
			if len(got) != len(want) {
				t.Errorf("got %d keys, want %d: %v", len(got), len(want), ms)
			}
			if check != nil {
				check(t, got)
			}
		})
	}
}

// wbRunOn runs w once on a fresh backend and checks that no goroutine
// started by the run or the backend outlives it.
func wbRunOn(t *testing.T, w Workload, backend, addr string) []Metric {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r, err := runOnce(ctx, w, backend, 1, config{scale: wbScale, redisAddr: addr})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after the run, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
	return r.Metrics
}

// TestProduceConsumeClaimPending runs W1–W4; each workload verifies its own counts.
func TestProduceConsumeClaimPending(t *testing.T) {
	for name, keys := range map[string][]string{
		"W1": {produceKey},
		"W2": {consumeKey},
		"W3": {w3ClaimKey, w3AutoClaimKey},
		"W4": {"W4 pending summary", "W4 pending range - + 10", "W4 pending range by consumer"},
	} {
		t.Run(name, func(t *testing.T) { wbRun(t, name, keys, nil) })
	}
}

// TestMemory runs W5 and checks the bytes beyond the payload.
func TestMemory(t *testing.T) {
	wbRun(t, "W5", []string{"W5 bytes/entry", "W5 bytes/entry beyond payload", "W5 bytes/pending entry"},
		func(t *testing.T, ms map[string]Metric) {
			if d := ms["W5 bytes/entry"].Value - ms["W5 bytes/entry beyond payload"].Value; d != 16 {
				t.Errorf("bytes/entry − bytes beyond payload = %v, want 16", d)
			}
		})
}

// TestScale runs W6 and checks that each ratio is its rows' quotient.
func TestScale(t *testing.T) {
	var want []string
	for _, op := range []string{"ack", "claim", "pending summary"} {
		for _, size := range []string{"1e3", "1e5", "1e6"} {
			want = append(want, "W6 "+op+" @"+size)
		}
		want = append(want, "W6 "+op+" 1e6÷1e3")
	}
	wbRun(t, "W6", want, func(t *testing.T, ms map[string]Metric) {
		for _, op := range []string{"ack", "claim", "pending summary"} {
			r := ms["W6 "+op+" 1e6÷1e3"]
			if q := ms["W6 "+op+" @1e6"].Value / ms["W6 "+op+" @1e3"].Value; r.Unit != "×" || math.Abs(r.Value-q) > 1e-9*q {
				t.Errorf("%s ratio = %v %s, want %v ×", op, r.Value, r.Unit, q)
			}
		}
	})
}

// TestFloor runs F, on xstream only.
func TestFloor(t *testing.T) {
	wbRun(t, "F", []string{floorMetricKey}, nil)
}

// TestConcurrency runs W7; wbRunOn checks that no goroutine outlives it.
func TestConcurrency(t *testing.T) {
	wbRun(t, "W7", []string{"W7 throughput 1+1", "W7 throughput 64+64", "W7 64+64 ÷ 1+1",
		"W7 wake latency p50", "W7 wake latency p99"},
		func(t *testing.T, ms map[string]Metric) {
			if p50, p99 := ms["W7 wake latency p50"].Value, ms["W7 wake latency p99"].Value; p50 > p99 {
				t.Errorf("p50 %v µs > p99 %v µs", p50, p99)
			}
		})
}

// TestTargetKeys checks that every target names a metric some workload
// emits: a misspelt key would silently drop its goal from the table.
func TestTargetKeys(t *testing.T) {
	emitted := map[string]bool{}
	for _, w := range registry {
		for _, m := range wbRunOn(t, w, Native, "") {
			emitted[m.Key] = true
		}
	}
	for _, tg := range targets {
		if !emitted[tg.key] {
			t.Errorf("target %q names no metric a workload emits", tg.key)
		}
	}
}
