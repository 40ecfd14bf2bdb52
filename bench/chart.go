package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"
)

// Chart geometry, in SVG user units.
const (
	chartWidth  = 960.0
	chartLabelW = 300.0 // the row labels' column
	chartRight  = 70.0  // room for the value labels right of the plot
	chartTop    = 50.0  // title and legend
	chartBottom = 30.0  // axis labels
	chartBarH   = 14.0
	chartGap    = 12.0 // between rows
)

// chartSeries are the two ratio columns drawn, with their colours.
var chartSeries = []struct{ backend, label, color string }{
	{Redis, "xstream vs Redis", "#d62728"},
	{Miniredis, "xstream vs miniredis", "#1f77b4"},
}

// A chartRow is a table row that has at least one ratio to draw.
type chartRow struct {
	label  string
	ratios []float64 // per chartSeries; 0 when missing
	target float64   // the ratio target against Redis, 0 if none
	goal   string    // the target's text
}

// chartRows picks the rows that have ratios and their targets.
func chartRows(rows []row) []chartRow {
	var out []chartRow
	for _, r := range rows {
		cr := chartRow{label: r.Key, ratios: make([]float64, len(chartSeries))}
		drawn := false
		for i, s := range chartSeries {
			if v, ok := r.ratio(s.backend); ok {
				cr.ratios[i], drawn = v, true
			}
		}
		if !drawn {
			continue
		}
		if t, ok := targetFor(r.Key); ok && t.vsRedis {
			cr.target = t.limit
			cr.goal, _, _ = r.check()
		}
		out = append(out, cr)
	}
	return out
}

// chartScale is a log-scale axis from lo to hi (powers of ten) mapped onto
// [x0, x0+w].
type chartScale struct{ lo, hi, x0, w float64 }

// newChartScale returns the decade-aligned axis covering 1 and every value.
func newChartScale(rs []chartRow, x0, w float64) chartScale {
	lo, hi := 1.0, 1.0
	for _, r := range rs {
		for _, v := range r.ratios {
			if v > 0 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if r.target > 0 {
			lo, hi = math.Min(lo, r.target), math.Max(hi, r.target)
		}
	}
	s := chartScale{lo: math.Pow(10, math.Floor(math.Log10(lo))), hi: math.Pow(10, math.Ceil(math.Log10(hi))), x0: x0, w: w}
	if s.hi <= s.lo {
		s.hi = s.lo * 10
	}
	return s
}

// x returns the horizontal position of the ratio v.
func (s chartScale) x(v float64) float64 {
	return s.x0 + (math.Log10(v)-math.Log10(s.lo))/(math.Log10(s.hi)-math.Log10(s.lo))*s.w
}

// renderChart returns an SVG horizontal bar chart of the ratio columns of
// rows on a log scale: bars grow from the 1× line (right: xstream better),
// with a tick at each ratio target and the values as labels.
func renderChart(rows []row) string {
	rs := chartRows(rows)
	rowH := float64(len(chartSeries))*chartBarH + chartGap
	height := chartTop + float64(len(rs))*rowH + chartBottom
	plotW := chartWidth - chartLabelW - chartRight
	sc := newChartScale(rs, chartLabelW, plotW)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="12">`+"\n",
		chartWidth, height, chartWidth, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<text x="10" y="20" font-size="14" font-weight="bold">%s</text>`+"\n",
		esc("How many times better xstream is (log scale; ticks are the targets)"))
	for i, s := range chartSeries {
		x := 10 + float64(i)*200
		fmt.Fprintf(&b, `<rect x="%.1f" y="30" width="12" height="12" fill="%s"/><text x="%.1f" y="41">%s</text>`+"\n",
			x, s.color, x+16, esc(s.label))
	}
	bottom := chartTop + float64(len(rs))*rowH
	for v := sc.lo; v <= sc.hi*1.0001; v *= 10 {
		x := sc.x(v)
		width, color := 0.5, "#ccc"
		if v == 1 {
			width, color = 1.5, "black"
		}
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%.1f"/>`+"\n",
			x, chartTop-4, x, bottom, color, width)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x, bottom+16, esc(formatRatio(v)))
	}
	for i, r := range rs {
		writeChartRow(&b, sc, r, chartTop+float64(i)*rowH)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// writeChartRow draws one row's label, bars, value labels and target tick,
// starting at height y.
func writeChartRow(b *strings.Builder, sc chartScale, r chartRow, y float64) {
	mid := y + float64(len(chartSeries))*chartBarH/2
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n", chartLabelW-8, mid+4, esc(r.label))
	one := sc.x(1)
	for i, s := range chartSeries {
		v := r.ratios[i]
		if v <= 0 {
			continue
		}
		by := y + float64(i)*chartBarH
		x := sc.x(v)
		left, w := math.Min(x, one), math.Max(math.Abs(x-one), 1)
		fmt.Fprintf(b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`+"\n",
			left, by+1, w, chartBarH-2, s.color, esc(s.label+": "+formatRatio(v)))
		anchor, lx := "start", math.Max(x, one)+4
		if v < 1 {
			anchor, lx = "end", x-4
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="11">%s</text>`+"\n",
			lx, by+chartBarH-3, anchor, esc(formatRatio(v)))
	}
	if r.target > 0 {
		x := sc.x(r.target)
		fmt.Fprintf(b, `<line class="target" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black" stroke-width="2"><title>%s</title></line>`+"\n",
			x, y-2, x, y+chartBarH+2, esc("target "+r.goal))
	}
}

// esc escapes s for SVG text and attribute values.
func esc(s string) string {
	var buf bytes.Buffer
	_ = xml.EscapeText(&buf, []byte(s)) // writing to a bytes.Buffer cannot fail
	return buf.String()
}
