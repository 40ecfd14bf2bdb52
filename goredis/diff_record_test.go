package goredis_test

// The field/value objects of XINFO replies in both protocols, for TestDiff's
// normalization: RESP3 sends them as maps (go-redis: Go maps, unordered),
// RESP2 as flat field, value, … arrays, whose order is compared.

import (
	"fmt"
	"strings"
	"testing"
)

// diffRecord is one field/value object of a reply, in either protocol.
type diffRecord interface {
	// get is field k's value.
	get(k string) (interface{}, bool)
	// set replaces field k's value (if k is present).
	set(k string, v interface{})
	// del removes field k, keeping the other fields in their order.
	del(k string)
	// keys are the field names, in wire order for RESP2.
	keys() []string
}

// diffMap is a RESP3 map reply as go-redis returns it.
type diffMap map[interface{}]interface{}

func (m diffMap) get(k string) (interface{}, bool) { v, ok := m[k]; return v, ok }

func (m diffMap) set(k string, v interface{}) {
	if _, ok := m[k]; ok {
		m[k] = v
	}
}

func (m diffMap) del(k string) { delete(m, k) }

func (m diffMap) keys() []string {
	var out []string
	for k := range m {
		out = append(out, fmt.Sprint(k))
	}
	return out
}

// diffFlat is a RESP2 object: the flat field, value, … array, kept in wire
// order. diffRender writes it exactly as the array it replaces, so turning
// an array into a diffFlat changes nothing that is compared; only del (a
// field Redis 7.0 does not have) changes it, and the remaining fields keep
// their order, which is then compared.
type diffFlat struct{ kv []interface{} }

func (f *diffFlat) get(k string) (interface{}, bool) {
	for i := 0; i+1 < len(f.kv); i += 2 {
		if f.kv[i] == k {
			return f.kv[i+1], true
		}
	}
	return nil, false
}

func (f *diffFlat) set(k string, v interface{}) {
	for i := 0; i+1 < len(f.kv); i += 2 {
		if f.kv[i] == k {
			f.kv[i+1] = v
		}
	}
}

func (f *diffFlat) del(k string) {
	for i := 0; i+1 < len(f.kv); {
		if f.kv[i] == k {
			f.kv = append(f.kv[:i:i], f.kv[i+2:]...)
			continue
		}
		i += 2
	}
}

func (f *diffFlat) keys() []string {
	var out []string
	for i := 0; i+1 < len(f.kv); i += 2 {
		out = append(out, fmt.Sprint(f.kv[i]))
	}
	return out
}

// diffRecordOf returns v as a record: a RESP3 map as a diffMap, a RESP2
// field/value array (even length, string field names) as a *diffFlat. The
// second result is that record's value to store in place of v (the same map,
// or the *diffFlat); ok is false (and v is returned) for anything else.
func diffRecordOf(v interface{}) (r diffRecord, repl interface{}, ok bool) {
	switch v := v.(type) {
	case map[interface{}]interface{}:
		return diffMap(v), v, true
	case diffMap:
		return v, v, true
	case *diffFlat:
		return v, v, true
	case []interface{}:
		if len(v)%2 != 0 {
			return nil, v, false
		}
		for i := 0; i < len(v); i += 2 {
			if _, ok := v[i].(string); !ok {
				return nil, v, false
			}
		}
		f := &diffFlat{kv: v}
		return f, f, true
	}
	return nil, v, false
}

// diffRecords turns each element of the array v into a record in place (see
// diffRecordOf) and returns those that are records.
func diffRecords(v interface{}) []diffRecord {
	var out []diffRecord
	s := diffSlice(v)
	for i := range s {
		if r, repl, ok := diffRecordOf(s[i]); ok {
			s[i] = repl
			out = append(out, r)
		}
	}
	return out
}

// TestDiffNormalizeRESP2 checks that TestDiff's normalization of RESP2
// XINFO replies excuses exactly the fields Redis 7.0 lacks and compares the
// order of the remaining ones.
func TestDiffNormalizeRESP2(t *testing.T) {
	d := &diffRun{stats: &diffStats{skips: map[string]int{}}}
	render := func(args []string, v interface{}, side string) string {
		return diffRender(d.normalize(args, v, side, nil), nil)
	}
	consumers := []string{"XINFO", "CONSUMERS", "s1", "g1"}
	redisReply := func() interface{} {
		return []interface{}{[]interface{}{"name", "c1", "pending", int64(1), "idle", int64(5)}}
	}
	cases := []struct {
		name   string
		client []interface{}
		equal  bool
	}{
		{"inactive dropped, order kept", []interface{}{"name", "c1", "pending", int64(1), "idle", int64(9), "inactive", int64(3)}, true},
		{"inactive in the middle dropped", []interface{}{"name", "c1", "inactive", int64(3), "pending", int64(1), "idle", int64(9)}, true},
		{"fields swapped", []interface{}{"pending", int64(1), "name", "c1", "idle", int64(9)}, false},
		{"value differs", []interface{}{"name", "c1", "pending", int64(2), "idle", int64(9)}, false},
		{"unknown field kept", []interface{}{"name", "c1", "pending", int64(1), "idle", int64(9), "extra", int64(0)}, false},
	}
	want := render(consumers, redisReply(), "redis")
	if want != `[["name" "c1" "pending" 1 "idle" "<idle ms>"]]` {
		t.Fatalf("Redis's reply normalized to %s", want)
	}
	for _, c := range cases {
		got := render(consumers, []interface{}{c.client}, "xstream")
		if (got == want) != c.equal {
			t.Errorf("%s: client %s vs Redis %s: equal=%v, want %v", c.name, got, want, got == want, c.equal)
		}
	}
	// A field 7.0 lacks is not excused on Redis's side.
	if got := render(consumers, []interface{}{[]interface{}{"name", "c1", "inactive", int64(3)}}, "redis"); got != `[["name" "c1" "inactive" 3]]` {
		t.Errorf("Redis's inactive field: %s", got)
	}

	// XINFO STREAM FULL: new fields dropped from the stream and its groups,
	// active-time from the consumers, times replaced in place.
	full := []string{"XINFO", "STREAM", "s1", "FULL"}
	stream := func(client bool) interface{} {
		cons := []interface{}{"name", "c1", "seen-time", int64(100)}
		if client {
			cons = append(cons, "active-time", int64(50))
		}
		cons = append(cons, "pel-count", int64(0), "pending", []interface{}{})
		group := []interface{}{"name", "g1", "last-delivered-id", "0-0", "entries-read", nil, "lag", int64(0), "pel-count", int64(0)}
		if client {
			group = append(group, "nacked-count", int64(0))
		}
		group = append(group, "pending", []interface{}{[]interface{}{"1-1", "c1", int64(7), int64(1)}}, "consumers", []interface{}{cons})
		s := []interface{}{"length", int64(0)}
		if client {
			s = append(s, "idmp-duration", int64(100))
		}
		return append(s, "entries-added", int64(0), "groups", []interface{}{group})
	}
	w, g := render(full, stream(false), "redis"), render(full, stream(true), "xstream")
	if w != g || !strings.Contains(w, `"seen-time" "<unix ms>"`) || !strings.Contains(w, `["1-1" "c1" "<unix ms>" 1]`) {
		t.Errorf("XINFO STREAM FULL:\n redis:   %s\n xstream: %s", w, g)
	}
}
