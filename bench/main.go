// Command bench compares xstream with Redis and miniredis on the same
// workloads (see README.md's "Performance" section). Run it with
// `bash bench/run.sh`, which starts a throwaway redis-server; it writes
// report.md, chart.svg and results.json into -out and prints the table.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// config is the parsed command line.
type config struct {
	runs      int
	scale     float64
	backends  []string
	workloads []Workload // sorted by name
	redisAddr string
	out       string
	readme    string // -readme: updated after a full run
	command   string // the command that reproduces this run
}

// A runResult is one run of one workload on one backend, as results.json
// records it.
type runResult struct {
	Workload string   `json:"workload"`
	Backend  string   `json:"backend"`
	Run      int      `json:"run"`
	Seconds  float64  `json:"seconds"`
	Metrics  []Metric `json:"metrics"`
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// parseFlags parses the command line against the registered workloads.
func parseFlags(args []string) (config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	runs := fs.Int("runs", 3, "runs per workload and backend; the report keeps the median")
	scale := fs.Float64("scale", 1, "multiplier of the workloads' sizes (1 = the issue's sizes)")
	backends := fs.String("backends", strings.Join(Backends, ","), "comma-separated backends")
	workloads := fs.String("workloads", "", "comma-separated workload names (default all)")
	redisAddr := fs.String("redis", os.Getenv("XSTREAM_REDIS_ADDR"), "redis-server host:port")
	out := fs.String("out", "report", "output directory")
	readme := fs.String("readme", "", "Markdown file whose bench:begin/bench:end block gets the report (full runs only)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	cfg := config{runs: *runs, scale: *scale, redisAddr: *redisAddr, out: *out, readme: *readme}
	if cfg.runs < 1 || !(cfg.scale > 0) {
		return config{}, fmt.Errorf("-runs must be >= 1 and -scale > 0")
	}
	var err error
	if cfg.backends, err = pickBackends(*backends); err != nil {
		return config{}, err
	}
	if cfg.workloads, err = pickWorkloads(*workloads); err != nil {
		return config{}, err
	}
	cfg.command = "bash bench/run.sh"
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "redis" && f.Name != "out" && f.Name != "readme" {
			cfg.command += fmt.Sprintf(" -%s=%s", f.Name, f.Value)
		}
	})
	return cfg, nil
}

// pickBackends parses a comma list of backend names, in table order.
func pickBackends(list string) ([]string, error) {
	names := strings.Split(list, ",")
	for _, n := range names {
		if !slices.Contains(Backends, n) {
			return nil, fmt.Errorf("unknown backend %q (have %s)", n, strings.Join(Backends, ", "))
		}
	}
	return slices.DeleteFunc(slices.Clone(Backends), func(b string) bool { return !slices.Contains(names, b) }), nil
}

// pickWorkloads returns the registered workloads named in a comma list
// ("" for all), sorted by name.
func pickWorkloads(list string) ([]Workload, error) {
	ws := slices.Clone(registry)
	sort.Slice(ws, func(i, j int) bool { return ws[i].Name < ws[j].Name })
	if list == "" {
		return ws, nil
	}
	names := strings.Split(list, ",")
	for _, n := range names {
		if !slices.ContainsFunc(ws, func(w Workload) bool { return w.Name == n }) {
			return nil, fmt.Errorf("unknown workload %q", n)
		}
	}
	return slices.DeleteFunc(ws, func(w Workload) bool { return !slices.Contains(names, w.Name) }), nil
}

// run runs every selected workload on every selected backend cfg.runs
// times, then writes the report, the chart and the raw results.
func run(ctx context.Context, cfg config) error {
	if slices.Contains(cfg.backends, Redis) {
		if err := checkRedis(ctx, cfg.redisAddr); err != nil {
			return err
		}
	}
	var results []runResult
	for _, w := range cfg.workloads {
		for _, b := range cfg.backends {
			if w.Backends != nil && !slices.Contains(w.Backends, b) {
				continue
			}
			for i := 1; i <= cfg.runs; i++ {
				r, err := runOnce(ctx, w, b, i, cfg)
				if err != nil {
					return fmt.Errorf("%s on %s, run %d: %w", w.Name, b, i, err)
				}
				fmt.Fprintf(os.Stderr, "%s %-9s run %d/%d  %6.2f s\n", w.Name, b, i, cfg.runs, r.Seconds)
				results = append(results, r)
			}
		}
	}
	rows := buildRows(medians(flatten(results)))
	env := describe(ctx, cfg)
	if err := writeOutputs(cfg.out, env, rows, results); err != nil {
		return err
	}
	if cfg.readme == "" {
		return nil
	}
	if len(cfg.workloads) != len(registry) || len(cfg.backends) != len(Backends) || cfg.scale != 1 || cfg.runs < 3 {
		fmt.Fprintf(os.Stderr, "%s left as it is: only a full run (every workload and backend, scale 1, -runs >= 3) updates it\n", cfg.readme)
		return nil
	}
	chart, err := relPath(filepath.Dir(cfg.readme), filepath.Join(cfg.out, "chart.svg"))
	if err != nil {
		return err
	}
	if err := spliceReadme(cfg.readme, renderBody(env, rows, chart)); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "updated %s\n", cfg.readme)
	return nil
}

// relPath returns target relative to dir, with forward slashes.
func relPath(dir, target string) (string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	absTarget, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absDir, absTarget)
	return filepath.ToSlash(rel), err
}

// checkRedis fails clearly when the Redis backend cannot be reached.
func checkRedis(ctx context.Context, addr string) error {
	c, err := Dial(ctx, Redis, addr)
	if err != nil {
		return fmt.Errorf("the Redis backend is unavailable: %w; start one with `bash bench/run.sh`, "+
			"or pass -redis host:port, or leave it out with -backends", err)
	}
	c.Close()
	return nil
}

// runOnce runs w once on a freshly dialed backend b, checks that every
// metric is positive and finite, and releases the backend.
func runOnce(ctx context.Context, w Workload, b string, i int, cfg config) (runResult, error) {
	c, err := Dial(ctx, b, cfg.redisAddr)
	if err != nil {
		return runResult{}, err
	}
	start := time.Now()
	ms, err := w.Run(ctx, c, cfg.scale)
	secs := time.Since(start).Seconds()
	c.Close()
	runtime.GC()
	if err != nil {
		return runResult{}, err
	}
	for _, m := range ms {
		if !(m.Value > 0) || math.IsInf(m.Value, 0) {
			return runResult{}, fmt.Errorf("%s: value %v is not positive and finite", m.Key, m.Value)
		}
	}
	return runResult{Workload: w.Name, Backend: b, Run: i, Seconds: secs, Metrics: ms}, nil
}

// flatten lists every metric of results with its backend, in run order.
func flatten(results []runResult) []backendMetric {
	var out []backendMetric
	for _, r := range results {
		for _, m := range r.Metrics {
			out = append(out, backendMetric{Backend: r.Backend, Metric: m})
		}
	}
	return out
}

// writeOutputs writes report.md, chart.svg and results.json into dir and
// prints the table to stdout.
func writeOutputs(dir string, env environment, rows []row, results []runResult) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	raw, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"report.md":    []byte(renderReport(env, rows, "chart.svg")),
		"chart.svg":    []byte(renderChart(rows)),
		"results.json": append(raw, '\n'),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Print(renderTable(rows))
	if p := floorParagraph(rows); p != "" {
		fmt.Print("\n" + p)
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", filepath.Join(dir, "report.md"))
	return nil
}

// Markers of the block of a README that -readme replaces.
const (
	readmeBegin = "<!-- bench:begin (written by bench/run.sh; do not edit) -->\n"
	readmeEnd   = "<!-- bench:end -->\n"
)

// spliceReadme replaces the block between readmeBegin and readmeEnd of the
// Markdown file at path with body. It fails, changing nothing, if the file
// lacks the markers.
func spliceReadme(path, body string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(data)
	i := strings.Index(s, readmeBegin)
	j := strings.Index(s, readmeEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q ... %q block", path, strings.TrimSpace(readmeBegin), strings.TrimSpace(readmeEnd))
	}
	s = s[:i+len(readmeBegin)] + body + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}

// describe gathers the report's header: the machine, the software versions
// and how the run was made.
func describe(ctx context.Context, cfg config) environment {
	env := environment{
		CPU: cpuModel(), CPUs: runtime.NumCPU(), OS: runtime.GOOS, Arch: runtime.GOARCH, Go: runtime.Version(),
		Miniredis: moduleVersion("github.com/alicebob/miniredis/v2"),
		Date:      time.Now().UTC().Format("2006-01-02"), Runs: cfg.runs, Scale: cfg.scale, Command: cfg.command,
	}
	if slices.Contains(cfg.backends, Redis) {
		env.Redis = redisVersion(ctx, cfg.redisAddr)
	}
	return env
}

// cpuModel returns the first "model name" of /proc/cpuinfo, or "".
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// moduleVersion returns the version of the module path this binary was
// built with, or "".
func moduleVersion(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range info.Deps {
		if d.Path == path {
			return d.Version
		}
	}
	return ""
}

// redisVersion returns INFO server's redis_version at addr, or "".
func redisVersion(ctx context.Context, addr string) string {
	c := redis.NewClient(&redis.Options{Addr: addr, DisableIdentity: true})
	defer c.Close()
	info, err := c.Info(ctx, "server").Result()
	if err != nil {
		return ""
	}
	v, _ := infoField(info, "redis_version")
	return v
}
