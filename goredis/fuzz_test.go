package goredis

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xstream-go/xstream"
)

// FuzzCommands runs fuzzed command scripts (one command a line, arguments
// separated by spaces) against a keyspace seeded with a stream, a group and
// pending entries, on a frozen manual clock. Properties: no command panics,
// and a command answered with an error changes nothing (the XINFO STREAM
// FULL of every key, which shows entries, groups, PELs and consumers, is the
// same before and after). Blocking reads do not wait: the context is
// already cancelled.
//
//	go test -fuzz=FuzzCommands -fuzztime=2m ./goredis/
func FuzzCommands(f *testing.F) {
	for _, seed := range []string{
		"XADD s 5-0 f v\nXRANGE s - + COUNT 2",
		"XADD s 1-0 f v\nXADD s MAXLEN ~ 1 LIMIT 1 * f v",
		"XTRIM s MINID = 3 ACKED\nXDELEX s DELREF IDS 2 1-0 2-0",
		"XGROUP CREATE s g2 $ ENTRIESREAD 1\nXGROUP SETID s g 0 ENTRIESREAD -1",
		"XREADGROUP GROUP g c COUNT 1 STREAMS s >\nXACK s g 1-0 bad",
		"XCLAIM s g c2 0 1-0 2-0 IDLE 10 RETRYCOUNT 3 FORCE JUSTID LASTID 9-0",
		"XAUTOCLAIM s g c3 0 0 COUNT 0\nXAUTOCLAIM s g c3 0 0 COUNT 2 JUSTID",
		"XPENDING s g IDLE 5 - + 10 c\nXPENDING s g - + -1",
		"XNACK s g FAIL IDS 1 1-0\nXACKDEL s g ACKED IDS 1 2-0",
		"XREAD COUNT 1 BLOCK 0 STREAMS s nokey $ 0\nXREADGROUP GROUP g c CLAIM 5 STREAMS s >",
		"XSETID s 9-0 ENTRIESADDED 3 MAXDELETEDID 1-0\nXINFO STREAM s FULL COUNT 1",
		"XCFGSET s IDMP-DURATION 10 IDMP-MAXSIZE 0\nXADD s IDMP p i * f v",
		"XGROUP DELCONSUMER s g c\nXGROUP DESTROY s g\nDEL s",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, script string) {
		clock := xstream.NewManualClock(time.Unix(1_700_000_000, 0))
		s := newServer(Options{Clock: clock, Protocol: 3})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, setup := range []string{
			"XADD s 1-0 a 1", "XADD s 2-0 b 2", "XADD s 3-0 c 3", "XADD t 1-0 x y",
			"XGROUP CREATE s g 0", "XREADGROUP GROUP g c COUNT 2 STREAMS s >", "XDEL s 2-0",
		} {
			if r := s.exec(ctx, strings.Fields(setup)); r.isError() {
				t.Fatalf("setup %q: %v", setup, r)
			}
		}
		for i, line := range strings.Split(script, "\n") {
			if i == 20 {
				break
			}
			argv := strings.Fields(line)
			if len(argv) == 0 {
				continue
			}
			before := fuzzSnapshot(s, ctx)
			r := s.exec(ctx, argv)
			if r.isError() {
				if after := fuzzSnapshot(s, ctx); after != before {
					t.Fatalf("%q failed with %v but changed the keyspace:\nbefore %s\nafter  %s", line, r, before, after)
				}
			}
		}
	})
}

// fuzzSnapshot renders everything observable in the keyspace.
func fuzzSnapshot(s *server, ctx context.Context) string {
	s.mu.Lock()
	keys := slices.Sorted(maps.Keys(s.keys))
	s.mu.Unlock()
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + s.exec(ctx, []string{"XINFO", "STREAM", k, "FULL", "COUNT", "0"}).String() + " ")
	}
	return b.String()
}
