package goredis_test

// The consumer-group conformance suite: our own scenarios porting Redis's
// tests/unit/type/stream-cgroups.tcl (names start with the tcl test they
// port), plus Redis 8 group-level additions from the spec. The scenarios
// live in conformance_groups_*_test.go by topic; this file has the entry
// point and the helpers they share.

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// TestConformanceGroups runs every consumer-group scenario against real
// Redis (unless Redis8) and in process.
func TestConformanceGroups(t *testing.T) {
	var all []scenario
	all = append(all, groupsXGroupScenarios()...)
	all = append(all, groupsReadScenarios()...)
	all = append(all, groupsPendingAckScenarios()...)
	all = append(all, groupsBlockScenarios()...)
	all = append(all, groupsClaimScenarios()...)
	all = append(all, groupsInfoScenarios()...)
	all = append(all, groupsEdgeScenarios()...)
	all = append(all, groupsRedis8Scenarios()...)
	all = append(all, groupsRedis8ClaimScenarios()...)
	all = append(all, groupsRedis8NackScenarios()...)
	runConformance(t, all)
}

// noBlock is XReadGroupArgs.Block for a non-blocking read: go-redis sends
// BLOCK for any Block >= 0.
const noBlock = -1

// gAdd appends an entry with an explicit ID (or "*") and records the reply.
func gAdd(s *side, key, id string, kv ...string) string {
	return recAdd(s, key, id, kv...).Val()
}

// gAddN appends entries 1-0 … n-0 with field f and value v<i>.
func gAddN(s *side, key string, n int) {
	for i := 1; i <= n; i++ {
		gAdd(s, key, fmt.Sprintf("%d-0", i), "f", fmt.Sprintf("v%d", i))
	}
}

// gCreate creates a group and requires OK.
func gCreate(t *testing.T, s *side, key, group, start string) {
	t.Helper()
	require.Equal(t, "OK", Rec(s, s.C.XGroupCreate(s.Ctx(), key, group, start)).Val())
}

// gRead is a non-blocking XREADGROUP of one or more streams with ids.
func gRead(s *side, group, consumer string, count int64, streams ...string) *redis.XStreamSliceCmd {
	return Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{
		Group: group, Consumer: consumer, Count: count, Block: noBlock, Streams: streams,
	}))
}

// gReadNoAck is gRead with NOACK.
func gReadNoAck(s *side, group, consumer string, count int64, streams ...string) *redis.XStreamSliceCmd {
	return Rec(s, s.C.XReadGroup(s.Ctx(), &redis.XReadGroupArgs{
		Group: group, Consumer: consumer, Count: count, Block: noBlock, NoAck: true, Streams: streams,
	}))
}

// streamIDs returns, per stream of a read reply, "key:id,id".
func streamIDs(res []redis.XStream) []string {
	out := []string{}
	for _, st := range res {
		out = append(out, fmt.Sprintf("%s:%v", st.Stream, msgIDs(st.Messages)))
	}
	return out
}

// pendingExt returns the XPENDING extended-form entries as "id/consumer/count".
func pendingExt(t *testing.T, s *side, key, group, consumer string, idle time.Duration) []string {
	t.Helper()
	res, err := Rec(s, s.C.XPendingExt(s.Ctx(), &redis.XPendingExtArgs{
		Stream: key, Group: group, Start: "-", End: "+", Count: 100, Consumer: consumer, Idle: idle,
	})).Result()
	require.NoError(t, err)
	out := []string{}
	for _, p := range res {
		out = append(out, fmt.Sprintf("%s/%s/%d", p.ID, p.Consumer, p.RetryCount))
	}
	return out
}

// groupField returns a field of group in the raw XINFO GROUPS reply (nil
// when Redis replies with a null), recording the reply.
func groupField(t *testing.T, s *side, key, group, field string) interface{} {
	t.Helper()
	res, err := s.Do("XINFO", "GROUPS", key).Slice()
	require.NoError(t, err)
	for _, g := range res {
		m := infoMap(t, g)
		if m["name"] == group {
			v, ok := m[field]
			require.True(t, ok, "field %s missing in %v", field, m)
			return v
		}
	}
	t.Fatalf("group %s not in XINFO GROUPS %s", group, key)
	return nil
}

// infoMap turns one raw XINFO map (RESP3 map or RESP2 flat array) into a
// string-keyed map.
func infoMap(t *testing.T, v interface{}) map[string]interface{} {
	t.Helper()
	out := map[string]interface{}{}
	switch m := v.(type) {
	case map[interface{}]interface{}:
		for k, x := range m {
			out[fmt.Sprint(k)] = x
		}
	case []interface{}:
		for i := 0; i+1 < len(m); i += 2 {
			out[fmt.Sprint(m[i])] = m[i+1]
		}
	default:
		t.Fatalf("unexpected XINFO element %T %v", v, v)
	}
	return out
}

// consumerNames returns the names of the group's consumers (XINFO CONSUMERS).
func consumerNames(t *testing.T, s *side, key, group string) []string {
	t.Helper()
	res, err := Rec(s, s.C.XInfoConsumers(s.Ctx(), key, group)).Result()
	require.NoError(t, err)
	out := []string{}
	for _, c := range res {
		out = append(out, c.Name)
	}
	return out
}

// async runs f in a goroutine (a blocked command on its own pooled
// connection) and returns a channel with its result.
func async[T any](f func() T) <-chan T {
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	return ch
}

// settle gives a command started with async time to block, for real
// (where bkCounter cannot wait for it: a short BLOCK, or a CLAIM reader).
func settle() { time.Sleep(40 * time.Millisecond) }

// await waits for a blocked command's result, failing after 10 s.
func await[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("blocked command did not return")
	}
	var zero T
	return zero
}
