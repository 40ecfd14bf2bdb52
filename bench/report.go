package main

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// floorMetricKey is the floor workload's metric: a bare B-tree insert+delete in
// ns per message, on the xstream column only.
const floorMetricKey = "F bare B-tree insert+delete"

// End-to-end metrics whose rates add up to xstream's cost per message.
const (
	produceKey = "W1 produce"
	consumeKey = "W2 consume (read 100 + ack 100)"
)

// A target is one of the goals for a row: a bound on xstream's
// ratio to Redis (vsRedis) or on xstream's own value.
type target struct {
	key     string
	vsRedis bool
	atLeast bool // the value must be ≥ limit, otherwise ≤ limit
	limit   float64
}

// targets are the goals, one per row that has one.
var targets = []target{
	{key: produceKey, vsRedis: true, atLeast: true, limit: 25},
	{key: consumeKey, vsRedis: true, atLeast: true, limit: 10},
	{key: w3ClaimKey, vsRedis: true, atLeast: true, limit: 20},
	{key: "W4 pending summary", vsRedis: true, atLeast: true, limit: 100},
	{key: "W4 pending range - + 10", vsRedis: true, atLeast: true, limit: 20},
	{key: "W4 pending range by consumer", vsRedis: true, atLeast: true, limit: 20},
	{key: "W5 bytes/entry beyond payload", limit: 24},
	{key: "W5 bytes/pending entry", limit: 64},
	{key: "W6 ack 1e6÷1e3", limit: 2},
	{key: "W6 claim 1e6÷1e3", limit: 2},
	{key: "W6 pending summary 1e6÷1e3", limit: 2},
	{key: "W7 64+64 ÷ 1+1", atLeast: true, limit: 0.5},
	{key: "W7 wake latency p50", limit: 10},
}

// targetFor returns the target of the row key, if it has one.
func targetFor(key string) (target, bool) {
	i := slices.IndexFunc(targets, func(t target) bool { return t.key == key })
	if i < 0 {
		return target{}, false
	}
	return targets[i], true
}

// A row is one line of the table: a metric key and its median per backend.
type row struct {
	Key            string
	Unit           string
	HigherIsBetter bool
	Values         map[string]Metric // by backend name
}

// buildRows groups metrics by key, in order of first appearance; each
// backend's metric for a key must appear once (already reduced to medians).
func buildRows(ms []backendMetric) []row {
	var rows []row
	index := map[string]int{}
	for _, bm := range ms {
		i, ok := index[bm.Key]
		if !ok {
			i = len(rows)
			index[bm.Key] = i
			rows = append(rows, row{Key: bm.Key, Unit: bm.Unit, HigherIsBetter: bm.HigherIsBetter,
				Values: map[string]Metric{}})
		}
		rows[i].Values[bm.Backend] = bm.Metric
	}
	return rows
}

// A backendMetric is a metric together with the backend that produced it.
type backendMetric struct {
	Backend string
	Metric
}

// medians reduces the runs of each (Key, backend) pair to the one whose
// value is the median (for an even count, the mean of the two middle
// values), in order of first appearance.
func medians(ms []backendMetric) []backendMetric {
	type pair struct{ backend, key string }
	var order []pair
	values := map[pair][]float64{}
	first := map[pair]backendMetric{}
	for _, bm := range ms {
		p := pair{bm.Backend, bm.Key}
		if _, ok := first[p]; !ok {
			order = append(order, p)
			first[p] = bm
		}
		values[p] = append(values[p], bm.Value)
	}
	out := make([]backendMetric, len(order))
	for i, p := range order {
		out[i] = first[p]
		out[i].Value = median(values[p])
	}
	return out
}

// median returns the median of vs (the mean of the middle two for an even
// count); vs is sorted in place.
func median(vs []float64) float64 {
	sort.Float64s(vs)
	n := len(vs)
	if n%2 == 1 {
		return vs[n/2]
	}
	return (vs[n/2-1] + vs[n/2]) / 2
}

// ratio returns how many times better xstream is than backend on r: for a
// higher-is-better metric xstream/backend, otherwise backend/xstream. It
// is false when either value is missing or r's unit is itself a ratio.
func (r row) ratio(backend string) (float64, bool) {
	x, okx := r.Values[Native]
	o, oko := r.Values[backend]
	if !okx || !oko || r.Unit == "×" || x.Value <= 0 || o.Value <= 0 {
		return 0, false
	}
	if r.HigherIsBetter {
		return x.Value / o.Value, true
	}
	return o.Value / x.Value, true
}

// check returns the target's text for r and whether xstream meets it
// ("" when r has no target; met is false when a needed value is missing).
func (r row) check() (text string, met, known bool) {
	t, ok := targetFor(r.Key)
	if !ok {
		return "", false, false
	}
	op := "≤"
	if t.atLeast {
		op = "≥"
	}
	var v float64
	if t.vsRedis {
		text = op + " " + formatRatio(t.limit) + " Redis"
		v, known = r.ratio(Redis)
	} else {
		text = op + " " + formatValue(t.limit, r.Unit)
		var x Metric
		x, known = r.Values[Native]
		v = x.Value
	}
	if !known {
		return text, false, false
	}
	if t.atLeast {
		return text, v >= t.limit, true
	}
	return text, v <= t.limit, true
}

// columns are the table's backend columns, with their headers.
var columns = []struct{ backend, header string }{
	{Native, "xstream"}, {GoRedis, "goredis"}, {Redis, "Redis"}, {Miniredis, "miniredis"},
}

// renderTable returns the Markdown table of rows followed by its footnotes,
// one per cell whose N differs from xstream's.
func renderTable(rows []row) string {
	var b, notes strings.Builder
	b.WriteString("| Workload | Unit |")
	for _, c := range columns {
		b.WriteString(" " + c.header + " |")
	}
	b.WriteString(" xstream vs Redis | xstream vs miniredis | Target | Met |\n")
	b.WriteString("|---|---|" + strings.Repeat("---:|", len(columns)+2) + "---|---|\n")
	nnote := 0
	for _, r := range rows {
		b.WriteString("| " + r.Key + " | " + r.Unit + " |")
		x, hasX := r.Values[Native]
		for _, c := range columns {
			m, ok := r.Values[c.backend]
			if !ok {
				b.WriteString(" — |")
				continue
			}
			cell := formatValue(m.Value, r.Unit)
			if hasX && m.N != x.N {
				nnote++
				cell += superscript(nnote)
				fmt.Fprintf(&notes, "- %s %s: %s ran %s, not %s.\n", superscript(nnote), r.Key, c.header,
					formatCount(m.N), formatCount(x.N))
			}
			b.WriteString(" " + cell + " |")
		}
		for _, other := range []string{Redis, Miniredis} {
			if v, ok := r.ratio(other); ok {
				b.WriteString(" " + formatRatio(v) + " |")
			} else {
				b.WriteString(" — |")
			}
		}
		text, met, known := r.check()
		b.WriteString(" " + text + " | " + metText(text, met, known) + " |\n")
	}
	if notes.Len() > 0 {
		b.WriteString("\n" + notes.String())
	}
	return b.String()
}

// metText is the Met column: empty without a target, "—" when the value
// it needs is missing, yes or no otherwise.
func metText(target string, met, known bool) string {
	switch {
	case target == "":
		return ""
	case !known:
		return "—"
	case met:
		return "yes"
	}
	return "**no**"
}

// floorParagraph compares xstream's end-to-end cost per message (add +
// read + ack: 1e9/W1 + 1e9/W2 ns) with the bare B-tree floor; "" when a
// number is missing.
func floorParagraph(rows []row) string {
	floor, ok1 := nativeValue(rows, floorMetricKey)
	add, ok2 := nativeValue(rows, produceKey)
	consume, ok3 := nativeValue(rows, consumeKey)
	if !ok1 || !ok2 || !ok3 || floor <= 0 || add <= 0 || consume <= 0 {
		return ""
	}
	e2e := 1e9/add + 1e9/consume
	return fmt.Sprintf("**Floor.** A bare B-tree insert + delete costs %s per message; xstream's end-to-end "+
		"add + read + ack (1e9/W1 + 1e9/W2) costs %s per message, %s the floor.\n",
		formatDuration(floor), formatDuration(e2e), formatRatio(e2e/floor))
}

// nativeValue returns xstream's value in the row key.
func nativeValue(rows []row, key string) (float64, bool) {
	i := slices.IndexFunc(rows, func(r row) bool { return r.Key == key })
	if i < 0 {
		return 0, false
	}
	m, ok := rows[i].Values[Native]
	return m.Value, ok
}

// An environment describes where and how the benchmark ran, for the
// report's header.
type environment struct {
	CPU, OS, Arch, Go string
	CPUs              int
	Redis, Miniredis  string // versions ("" when unknown)
	Date              string
	Runs              int
	Scale             float64
	Command           string
}

// renderReport returns the whole Markdown report.
func renderReport(env environment, rows []row, chartFile string) string {
	return "# xstream benchmark\n\n" + renderBody(env, rows, chartFile)
}

// renderBody returns the report without its title: the machine, the table,
// the floor and the chart (at chartFile, relative to the Markdown file).
func renderBody(env environment, rows []row, chartFile string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- Machine: %s, %d CPUs, %s/%s\n", orUnknown(env.CPU), env.CPUs, env.OS, env.Arch)
	fmt.Fprintf(&b, "- Go: %s; redis-server: %s; miniredis: %s\n", env.Go, orUnknown(env.Redis), orUnknown(env.Miniredis))
	fmt.Fprintf(&b, "- Date: %s\n", env.Date)
	fmt.Fprintf(&b, "- Runs: %d per workload and backend, each on a fresh backend; every cell is the median\n", env.Runs)
	if env.Scale != 1 {
		fmt.Fprintf(&b, "- Scale: %g of the issue's sizes\n", env.Scale)
	}
	fmt.Fprintf(&b, "- Reproduce: `%s`\n\n", env.Command)
	b.WriteString("Ratios are oriented so that above 1× xstream is better; Target and Met check the issue's goals " +
		"against the medians of this run.\n\n")
	b.WriteString(renderTable(rows))
	if p := floorParagraph(rows); p != "" {
		b.WriteString("\n" + p)
	}
	if chartFile != "" {
		fmt.Fprintf(&b, "\n![xstream vs Redis and miniredis](%s)\n", chartFile)
	}
	return b.String()
}

// orUnknown returns s, or "unknown" when s is empty.
func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// formatValue formats v in unit for a cell: rates with an SI prefix
// ("10.6M msgs/s"), times scaled ("312 ns", "1.2 µs"), bytes ("23.5 B")
// and ratios ("1.3×").
func formatValue(v float64, unit string) string {
	switch {
	case unit == "×":
		return formatRatio(v)
	case isUnit(unit, "ns"):
		return formatDuration(v)
	case isUnit(unit, "µs"):
		return formatDuration(v * 1e3)
	case isUnit(unit, "ms"):
		return formatDuration(v * 1e6)
	case isUnit(unit, "B"):
		return scaledUnits(v, 1000, []string{" B", " kB", " MB", " GB"})
	}
	return scaledUnits(v, 1000, []string{"", "k", "M", "G"}) + " " + unit
}

// isUnit reports whether unit is base or base per something ("ns/op").
func isUnit(unit, base string) bool {
	return unit == base || strings.HasPrefix(unit, base+"/")
}

// formatDuration formats a number of nanoseconds: "312 ns", "1.2 µs".
func formatDuration(ns float64) string {
	return scaledUnits(ns, 1000, []string{" ns", " µs", " ms", " s"})
}

// formatRatio formats a ratio: "31.2×", "0.45×".
func formatRatio(r float64) string { return formatNumber(roundSignificant(r, 3)) + "×" }

// formatCount formats a size: "100k", "1M", "999".
func formatCount(n int) string {
	return scaledUnits(float64(n), 1000, []string{"", "k", "M", "G"})
}

// scaledUnits divides v by step until it is below step (or the units run
// out) and formats it with the unit reached.
func scaledUnits(v, step float64, units []string) string {
	v = roundSignificant(v, 3)
	i := 0
	for math.Abs(v) >= step && i < len(units)-1 {
		v /= step
		i++
	}
	return formatNumber(v) + units[i]
}

// formatNumber formats v with no decimals from 100, one below 100 and two
// significant digits below 1, dropping a trailing ".0".
func formatNumber(v float64) string {
	var s string
	switch a := math.Abs(v); {
	case a >= 100:
		s = strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 1:
		s = strconv.FormatFloat(v, 'f', 1, 64)
	default:
		s = strconv.FormatFloat(v, 'g', 2, 64)
	}
	return strings.TrimSuffix(s, ".0")
}

// roundSignificant rounds v to digits significant digits.
func roundSignificant(v float64, digits int) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	p := math.Pow(10, float64(digits)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// superscript returns n in superscript digits, to mark a footnote.
func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	sup := []rune(digits)
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteRune(sup[d-'0'])
	}
	return b.String()
}
