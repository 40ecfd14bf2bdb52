package goredis_test

// Helpers shared by the TestConformanceStream* scenarios (ports of Redis's
// tests/unit/type/stream.tcl and the stream-level Redis 8 spec cases).

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
	"github.com/xstream-go/xstream/goredis"
)

// stStep is the time let pass between automatic-ID XADDs whose IDs are
// recorded, so that each lands in its own millisecond on both sides.
const stStep = 2 * time.Millisecond

// stValues flattens the field values of msgs (field f of each) for
// assertions.
func stValues(msgs []redis.XMessage, f string) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, fmt.Sprint(m.Values[f]))
	}
	return out
}

// stInfo runs XINFO STREAM key and records the fields Redis 7.0 and the
// in-process engine share (not the radix-tree internals, not the Redis 8
// IDMP fields), normalized; it returns the reply (nil on error).
func stInfo(s *side, key string) *redis.XInfoStream {
	s.t.Helper()
	info, err := s.C.XInfoStream(s.Ctx(), key).Result()
	if err != nil {
		s.Note("XINFO STREAM %s => err=%v", key, err)
		return nil
	}
	s.Note("%s", s.normalize(fmt.Sprintf("XINFO STREAM %s => length=%d last-generated-id=%s max-deleted-entry-id=%s entries-added=%d recorded-first-entry-id=%s groups=%d first=%+v last=%+v",
		key, info.Length, info.LastGeneratedID, info.MaxDeletedEntryID, info.EntriesAdded, info.RecordedFirstEntryID, info.Groups, info.FirstEntry, info.LastEntry)))
	return info
}

// stInfoFull runs XINFO STREAM key FULL and records the shared top-level
// fields, normalized; it returns the reply.
func stInfoFull(s *side, key string) *redis.XInfoStreamFull {
	s.t.Helper()
	info, err := s.C.XInfoStreamFull(s.Ctx(), key, 0).Result()
	require.NoError(s.t, err)
	s.Note("%s", s.normalize(fmt.Sprintf("XINFO STREAM %s FULL => length=%d last-generated-id=%s max-deleted-entry-id=%s entries-added=%d recorded-first-entry-id=%s entries=%+v",
		key, info.Length, info.LastGeneratedID, info.MaxDeletedEntryID, info.EntriesAdded, info.RecordedFirstEntryID, info.Entries)))
	return info
}

// stInsert adds n entries "item j" with automatic IDs inside one
// MULTI/EXEC, one in ten (seeded) with an extra field, as Redis's
// insert_into_stream_key does. The IDs are not recorded (their spread over
// milliseconds differs between the sides).
func stInsert(s *side, key string, n int, rng *rand.Rand) {
	s.t.Helper()
	pipe := s.C.TxPipeline()
	for j := 0; j < n; j++ {
		fv := []string{"item", strconv.Itoa(j)}
		if rng.Float64() >= 0.9 {
			fv = append(fv, "otherfield", "foo")
		}
		pipe.XAdd(s.Ctx(), &redis.XAddArgs{Stream: key, Values: fv})
	}
	cmds, err := pipe.Exec(s.Ctx())
	require.NoError(s.t, err)
	require.Len(s.t, cmds, n)
	s.Note("inserted %d entries into %s", len(cmds), key)
}

// stAddN adds n entries field=j with automatic IDs, one command each,
// without recording them; opts are extra XADD options before the ID.
func stAddN(s *side, key string, n int, field func(j int) string, opts ...interface{}) {
	s.t.Helper()
	for j := 0; j < n; j++ {
		args := append([]interface{}{"XADD", key}, opts...)
		args = append(args, "*", field(j), strconv.Itoa(j))
		require.NoError(s.t, s.C.Do(s.Ctx(), args...).Err())
	}
}

// stNodeSize makes the scenario's streams use n entries per node: CONFIG
// SET stream-node-max-entries on Redis (reset to 100 when t ends), a fresh
// in-process client with NodeMaxEntries n otherwise. It records nothing.
func stNodeSize(t *testing.T, s *side, n int) {
	if s.Real {
		require.NoError(t, s.C.Do(s.Ctx(), "CONFIG", "SET", "stream-node-max-entries", strconv.Itoa(n)).Err())
		t.Cleanup(func() { s.C.Do(context.Background(), "CONFIG", "SET", "stream-node-max-entries", "100") })
		return
	}
	c := goredis.NewClient(&goredis.Options{Clock: s.Clock, NodeMaxEntries: n})
	t.Cleanup(func() { c.Close() })
	s.C = c
}

// stGo starts a (blocking) command in its own goroutine, on the same
// client (go-redis takes another pooled connection), and returns a channel
// that delivers the finished command. The command gets a 15 s context so a
// missing wake-up fails the test instead of hanging it.
func stGo[C redis.Cmder](s *side, run func(ctx context.Context) C) <-chan C {
	ch := make(chan C, 1)
	go func() {
		ctx, cancel := context.WithTimeout(s.Ctx(), 15*time.Second)
		defer cancel()
		ch <- run(ctx)
	}()
	return ch
}

// stSettle gives a command started by stGo real time to reach the server
// and block there, on both sides: a real sleep, not a clock step, for a
// reader whose short BLOCK could end before bkCounter sees it blocked.
func stSettle() { time.Sleep(150 * time.Millisecond) }

// stWoken waits for a command started by stGo that something should
// have woken; it does not move the clock.
func stWoken[C redis.Cmder](s *side, ch <-chan C) C {
	s.t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(20 * time.Second):
		s.t.Fatalf("the blocked command never returned")
	}
	panic("unreachable")
}

// stTimeout waits for a command started by stGo that should time out:
// in process it keeps advancing the manual clock in small steps (the block
// timeout is measured on the client's clock) until the command returns.
func stTimeout[C redis.Cmder](s *side, ch <-chan C) C {
	s.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case c := <-ch:
			return c
		case <-deadline:
			s.t.Fatalf("the blocked command never timed out")
		case <-time.After(5 * time.Millisecond):
			if !s.Real {
				s.Clock.Advance(5 * time.Millisecond)
			}
		}
	}
}
