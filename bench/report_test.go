package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFormat checks the human formatting of values, ratios and counts.
func TestFormat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		want string
	}{
		{10.6e6, "msgs/s", "10.6M msgs/s"},
		{312_400, "ops/s", "312k ops/s"},
		{999_960, "ops/s", "1M ops/s"},
		{950, "ops/s", "950 ops/s"},
		{312, "ns/op", "312 ns"},
		{1234, "ns/op", "1.2 µs"},
		{45.25, "ns/msg", "45.3 ns"},
		{7.5, "µs", "7.5 µs"},
		{2500, "µs", "2.5 ms"},
		{23.46, "B/entry", "23.5 B"},
		{24, "B", "24 B"},
		{1.31, "×", "1.3×"},
		{0.456, "×", "0.46×"},
		{1452, "×", "1450×"},
		{3, "things", "3 things"},
	} {
		if got := formatValue(c.v, c.unit); got != c.want {
			t.Errorf("formatValue(%v, %q) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
	for n, want := range map[int]string{200: "200", 1500: "1.5k", 100_000: "100k", 300_000: "300k", 1_000_000: "1M"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
	if got := superscript(12); got != "¹²" {
		t.Errorf("superscript(12) = %q", got)
	}
}

// TestMedians checks that runs reduce to the median per (key, backend), in
// order of first appearance, keeping the first run's N and unit.
func TestMedians(t *testing.T) {
	m := func(b, key string, v float64) backendMetric {
		return backendMetric{Backend: b, Metric: Metric{Key: key, Unit: "ops/s", Value: v, N: 7, HigherIsBetter: true}}
	}
	got := medians([]backendMetric{
		m(Native, "A", 3), m(Redis, "A", 10), m(Native, "B", 4),
		m(Native, "A", 1), m(Redis, "A", 30), m(Native, "B", 1),
		m(Native, "A", 2), m(Redis, "A", 20), m(Native, "B", 3), m(Native, "B", 2),
	})
	want := []backendMetric{m(Native, "A", 2), m(Redis, "A", 20), m(Native, "B", 2.5)}
	if !slices.Equal(got, want) {
		t.Errorf("medians = %v, want %v", got, want)
	}
}

// aRows are synthetic rows: a rate with a ratio target met and a smaller
// miniredis run, a byte cost missing its target, a derived ratio, the
// floor, and a rate whose target cannot be checked without Redis.
func aRows() []row {
	m := func(b, key, unit string, v float64, n int, higher bool) backendMetric {
		return backendMetric{Backend: b, Metric: Metric{Key: key, Unit: unit, Value: v, N: n, HigherIsBetter: higher}}
	}
	return buildRows([]backendMetric{
		m(Native, produceKey, "msgs/s", 10.6e6, 1_000_000, true),
		m(Redis, produceKey, "msgs/s", 0.4e6, 1_000_000, true),
		m(Miniredis, produceKey, "msgs/s", 0.2e6, 100_000, true),
		m(Native, "W5 bytes/entry beyond payload", "B/entry", 30, 1_000_000, false),
		m(Redis, "W5 bytes/entry beyond payload", "B/entry", 60, 1_000_000, false),
		m(Native, "W6 ack 1e6÷1e3", "×", 1.5, 1_000_000, false),
		m(Redis, "W6 ack 1e6÷1e3", "×", 3, 1_000_000, false),
		m(Native, floorMetricKey, "ns/msg", 50, 10_000_000, false),
		m(Native, consumeKey, "msgs/s", 5e6, 1_000_000, true),
	})
}

// TestRatios checks the orientation of ratios: above 1 means xstream is
// better, for rates and costs alike, and derived ratios have none.
func TestRatios(t *testing.T) {
	rows := aRows()
	for _, c := range []struct {
		row     int
		backend string
		want    float64
		ok      bool
	}{
		{0, Redis, 26.5, true}, {0, Miniredis, 53, true}, {0, GoRedis, 0, false},
		{1, Redis, 2, true}, {2, Redis, 0, false}, {4, Redis, 0, false},
	} {
		got, ok := rows[c.row].ratio(c.backend)
		if ok != c.ok || got != c.want {
			t.Errorf("%s vs %s = %v, %v; want %v, %v", rows[c.row].Key, c.backend, got, ok, c.want, c.ok)
		}
	}
}

// TestTargets checks each kind of target: a ratio to Redis, a bound on
// xstream's value in the row's unit, and a missing value.
func TestTargets(t *testing.T) {
	rows := aRows()
	latency := row{Key: "W7 wake latency p50", Unit: "µs", Values: map[string]Metric{Native: {Value: 12.5}}}
	scaling := row{Key: "W7 64+64 ÷ 1+1", Unit: "×", HigherIsBetter: true, Values: map[string]Metric{Native: {Value: 0.8}}}
	for _, c := range []struct {
		r    row
		text string
		met  string
	}{
		{rows[0], "≥ 25× Redis", "yes"},
		{rows[1], "≤ 24 B", "**no**"},
		{rows[2], "≤ 2×", "yes"},
		{rows[3], "", ""},
		{rows[4], "≥ 10× Redis", "—"},
		{latency, "≤ 10 µs", "**no**"},
		{scaling, "≥ 0.5×", "yes"},
	} {
		text, met, known := c.r.check()
		if text != c.text || metText(text, met, known) != c.met {
			t.Errorf("%s: target %q, met %q; want %q, %q", c.r.Key, text, metText(text, met, known), c.text, c.met)
		}
	}
}

// TestTable checks the whole table and its footnote, and the floor
// paragraph, character for character.
func TestTable(t *testing.T) {
	want := `| Workload | Unit | xstream | goredis | Redis | miniredis | xstream vs Redis | xstream vs miniredis | Target | Met |
|---|---|---:|---:|---:|---:|---:|---:|---|---|
| W1 produce | msgs/s | 10.6M msgs/s | — | 400k msgs/s | 200k msgs/s¹ | 26.5× | 53× | ≥ 25× Redis | yes |
| W5 bytes/entry beyond payload | B/entry | 30 B | — | 60 B | — | 2× | — | ≤ 24 B | **no** |
| W6 ack 1e6÷1e3 | × | 1.5× | — | 3× | — | — | — | ≤ 2× | yes |
| F bare B-tree insert+delete | ns/msg | 50 ns | — | — | — | — | — |  |  |
| W2 consume (read 100 + ack 100) | msgs/s | 5M msgs/s | — | — | — | — | — | ≥ 10× Redis | — |

- ¹ W1 produce: miniredis ran 100k, not 1M.
`
	if got := renderTable(aRows()); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
	floor := "**Floor.** A bare B-tree insert + delete costs 50 ns per message; xstream's end-to-end add + read + ack " +
		"(1e9/W1 + 1e9/W2) costs 294 ns per message, 5.9× the floor.\n"
	if got := floorParagraph(aRows()); got != floor {
		t.Errorf("floor:\n%s\nwant:\n%s", got, floor)
	}
	if got := floorParagraph(aRows()[:3]); got != "" {
		t.Errorf("floor without its rows = %q, want none", got)
	}
}

// TestReportHeader checks the report's header lines.
func TestReportHeader(t *testing.T) {
	env := environment{CPU: "AMD EPYC", CPUs: 2, OS: "linux", Arch: "amd64", Go: "go1.26.8", Redis: "7.0.15",
		Miniredis: "v2.40.0", Date: "2026-01-02", Runs: 3, Scale: 1, Command: "bash bench/run.sh"}
	got := renderReport(env, aRows(), "chart.svg")
	want := `# xstream benchmark

- Machine: AMD EPYC, 2 CPUs, linux/amd64
- Go: go1.26.8; redis-server: 7.0.15; miniredis: v2.40.0
- Date: 2026-01-02
- Runs: 3 per workload and backend, each on a fresh backend; every cell is the median
- Reproduce: ` + "`bash bench/run.sh`" + `

`
	if !strings.HasPrefix(got, want) {
		t.Errorf("report starts:\n%s\nwant:\n%s", got[:min(len(got), len(want))], want)
	}
	for _, part := range []string{renderTable(aRows()), floorParagraph(aRows()), "![xstream vs Redis and miniredis](chart.svg)"} {
		if !strings.Contains(got, part) {
			t.Errorf("report lacks %q", part)
		}
	}
}

// TestChart checks that the chart is well-formed XML with one bar per
// ratio and one tick per ratio target.
func TestChart(t *testing.T) {
	svg := renderChart(aRows())
	dec := xml.NewDecoder(strings.NewReader(svg))
	bars, ticks := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "class" && a.Value == "bar" && se.Name.Local == "rect":
					bars++
				case a.Name.Local == "class" && a.Value == "target":
					ticks++
				}
			}
		}
	}
	// Ratios: W1 vs Redis and vs miniredis, W5 vs Redis; W1 has a ratio target.
	if bars != 3 || ticks != 1 {
		t.Errorf("%d bars and %d target ticks, want 3 and 1", bars, ticks)
	}
	for _, label := range []string{"26.5×", "53×", "2×", "W1 produce", "1×"} {
		if !strings.Contains(svg, ">"+label+"<") {
			t.Errorf("chart lacks the label %q", label)
		}
	}
}

// TestFlags checks the selection of backends and workloads.
func TestFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"-backends", "redis,xstream", "-workloads", "W2,W1", "-runs", "1", "-redis", "x:1"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, w := range cfg.workloads {
		names = append(names, w.Name)
	}
	if !slices.Equal(cfg.backends, []string{Native, Redis}) || !slices.Equal(names, []string{"W1", "W2"}) ||
		cfg.command != "bash bench/run.sh -backends=redis,xstream -runs=1 -workloads=W2,W1" {
		t.Errorf("backends %q, workloads %q, command %q", cfg.backends, names, cfg.command)
	}
	for _, args := range [][]string{{"-backends", "valkey"}, {"-workloads", "W99"}, {"-runs", "0"}, {"extra"}} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) succeeded", args)
		}
	}
}

// TestSpliceReadme checks that only the marked block changes, and that a
// file without the markers is left alone with an error.
func TestSpliceReadme(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "README.md")
	before := "# x\n\nintro\n" + readmeBegin + "old table\n" + readmeEnd + "after\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := spliceReadme(path, "new table\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "# x\n\nintro\n" + readmeBegin + "new table\n" + readmeEnd + "after\n"; string(got) != want {
		t.Fatalf("README after splice:\n%s\nwant:\n%s", got, want)
	}
	plain := filepath.Join(dir, "plain.md")
	os.WriteFile(plain, []byte("no markers\n"), 0o644)
	if err := spliceReadme(plain, "x"); err == nil {
		t.Fatal("splice into a file without markers succeeded")
	}
	if got, _ := os.ReadFile(plain); string(got) != "no markers\n" {
		t.Fatalf("file without markers changed to %q", got)
	}
	if rel, err := relPath(dir, filepath.Join(dir, "bench", "report", "chart.svg")); err != nil || rel != "bench/report/chart.svg" {
		t.Fatalf("relPath = %q, %v", rel, err)
	}
}
