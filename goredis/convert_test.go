package goredis

import (
	"context"
	"reflect"
	"strconv"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
	"github.com/stretchr/testify/require"
	"github.com/xstream-go/xstream/internal/redistest"
)

// results is cmd's Result() values, error last.
func results(cmd redis.Cmder) []interface{} {
	var out []interface{}
	for _, v := range reflect.ValueOf(cmd).MethodByName("Result").Call(nil) {
		out = append(out, v.Interface())
	}
	return out
}

// freshLike returns a new, empty command of cmd's type.
func freshLike(cmd redis.Cmder) redis.Cmder {
	return reflect.New(reflect.TypeOf(cmd).Elem()).Interface().(redis.Cmder)
}

// convertCase is a typed command run against real Redis both ways.
type convertCase struct {
	name string
	// setup, when set, rebuilds the data before each of the two runs (the
	// command changes it); otherwise both runs see the data of seedData.
	setup func(ctx context.Context, c *redis.Client)
	run   func(ctx context.Context, c *redis.Client) redis.Cmder
	// retry: the reply holds idle times, which may tick between the runs.
	retry bool
	// want checks the go-redis result, so the case shows what it covers.
	want func(t *testing.T, cmd redis.Cmder)
}

// seedData builds the shared data set: stream s with a deleted entry still
// pending for alice, an empty stream e with a group, a string key.
func seedData(ctx context.Context, c *redis.Client) {
	c.FlushDB(ctx)
	for i, kv := range [][]string{{"a", "1", "b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}, {"f", "6"}} {
		c.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: strconv.Itoa(i+1) + "-1", Values: kv})
	}
	c.XGroupCreate(ctx, "s", "g", "0")
	c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "alice", Streams: []string{"s", ">"}, Count: 2})
	c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "bob", Streams: []string{"s", ">"}, Count: 1})
	c.XDel(ctx, "s", "1-1", "4-1")
	c.XGroupCreate(ctx, "s", "g0", "0-1") // lag unknown: a deletion after its position
	c.XGroupCreate(ctx, "s", "g9", "$")   // caught up
	c.XGroupCreateMkStream(ctx, "e", "g2", "$")
	c.Set(ctx, "str", "x", 0)
}

// convertCases are the typed commands compared against real Redis.
func convertCases() []convertCase {
	xs := func(c *redis.Client, ctx context.Context, consumer, id string, count int64) *redis.XStreamSliceCmd {
		return c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: consumer, Streams: []string{"s", id}, Count: count})
	}
	return []convertCase{
		// StringCmd
		{name: "XAdd", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: "9-9", Values: map[string]interface{}{"k": 1}})
		}},
		{name: "XAdd/err", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: "1-0", Values: []string{"k", "v"}})
		}},
		{name: "XAdd/nomkstream-nil", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XAdd(ctx, &redis.XAddArgs{Stream: "nokey", NoMkStream: true, Values: []string{"k", "v"}})
		}, want: func(t *testing.T, cmd redis.Cmder) { require.Equal(t, redis.Nil, cmd.Err()) }},
		{name: "Echo", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Echo(ctx, "hi") }},
		// IntCmd
		{name: "XLen", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XLen(ctx, "s") }},
		{name: "XLen/wrongtype", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XLen(ctx, "str") },
			want: func(t *testing.T, cmd redis.Cmder) {
				require.EqualError(t, cmd.Err(), "WRONGTYPE Operation against a key holding the wrong kind of value")
			}},
		{name: "XDel", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XDel(ctx, "s", "2-1", "7-7") }},
		{name: "XAck", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XAck(ctx, "s", "g", "2-1", "3-1") }},
		{name: "XTrimMaxLen", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XTrimMaxLen(ctx, "s", 1) }},
		{name: "XGroupDestroy", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XGroupDestroy(ctx, "s", "g0") }},
		{name: "XGroupCreateConsumer", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XGroupCreateConsumer(ctx, "s", "g", "carol")
		}},
		{name: "XGroupDelConsumer", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XGroupDelConsumer(ctx, "s", "g", "alice")
		}},
		{name: "XGroupDelConsumer/nogroup", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XGroupDelConsumer(ctx, "s", "nope", "alice")
		}},
		{name: "Del", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Del(ctx, "s", "zz") }},
		{name: "Exists", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Exists(ctx, "s", "e", "zz", "s") }},
		// StatusCmd
		{name: "Ping", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Ping(ctx) }},
		{name: "Type", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Type(ctx, "s") }},
		{name: "FlushDB", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.FlushDB(ctx) }},
		{name: "XGroupCreate", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XGroupCreate(ctx, "s", "new", "$") }},
		{name: "XGroupCreate/busy", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XGroupCreate(ctx, "s", "g", "$") }},
		{name: "XGroupSetID", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XGroupSetID(ctx, "s", "g", "0") }},
		// BoolCmd: OK is true, a null is false with no error.
		{name: "Bool/ok", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewBoolCmd(ctx, "set", "nx", "1", "nx")
			_ = c.Process(ctx, cmd)
			return cmd
		}, want: func(t *testing.T, cmd redis.Cmder) { require.True(t, cmd.(*redis.BoolCmd).Val()) }},
		{name: "Bool/nil", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewBoolCmd(ctx, "set", "str", "1", "nx")
			_ = c.Process(ctx, cmd)
			return cmd
		}, want: func(t *testing.T, cmd redis.Cmder) {
			require.NoError(t, cmd.Err())
			require.False(t, cmd.(*redis.BoolCmd).Val())
		}},
		// XMessageSliceCmd
		{name: "XRange", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XRange(ctx, "s", "-", "+") }},
		{name: "XRangeN", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XRangeN(ctx, "s", "-", "+", 2) }},
		{name: "XRevRange", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XRevRange(ctx, "s", "+", "-") }},
		{name: "XRevRangeN/empty", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XRevRangeN(ctx, "nokey", "+", "-", 3) }},
		{name: "XRange/err", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XRange(ctx, "s", "x", "+") }},
		{name: "XClaim", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XClaim(ctx, &redis.XClaimArgs{Stream: "s", Group: "g", Consumer: "bob", Messages: []string{"1-1", "2-1", "3-1"}})
		}},
		// StringSliceCmd
		{name: "XClaimJustID", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XClaimJustID(ctx, &redis.XClaimArgs{Stream: "s", Group: "g", Consumer: "bob", Messages: []string{"1-1", "2-1"}})
		}},
		// XStreamSliceCmd
		{name: "XRead", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "e", "0", "0"}})
		}},
		{name: "XRead/nil", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XRead(ctx, &redis.XReadArgs{Streams: []string{"e", "$"}, Count: 1, Block: -1})
		}, want: func(t *testing.T, cmd redis.Cmder) { require.Equal(t, redis.Nil, cmd.Err()) }},
		{name: "XReadGroup/history-deleted", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return xs(c, ctx, "alice", "0", 0) },
			want: func(t *testing.T, cmd redis.Cmder) {
				v := cmd.(*redis.XStreamSliceCmd).Val()
				require.Equal(t, "1-1", v[0].Messages[0].ID)
				require.Nil(t, v[0].Messages[0].Values)
			}},
		{name: "XReadGroup/new", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return xs(c, ctx, "carol", ">", 0) }},
		{name: "XReadGroup/nogroup", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "zz", Consumer: "a", Streams: []string{"s", ">"}})
		}},
		// XPendingCmd
		{name: "XPending", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XPending(ctx, "s", "g") }},
		{name: "XPending/empty", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XPending(ctx, "e", "g2") },
			want: func(t *testing.T, cmd redis.Cmder) {
				require.Equal(t, &redis.XPending{Consumers: map[string]int64{}}, cmd.(*redis.XPendingCmd).Val())
			}},
		{name: "XPending/nogroup", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XPending(ctx, "s", "zz") }},
		// XPendingExtCmd
		{name: "XPendingExt", retry: true, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "s", Group: "g", Start: "-", End: "+", Count: 10})
		}},
		{name: "XPendingExt/consumer-empty", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "s", Group: "g", Start: "-", End: "+", Count: 10, Consumer: "zed"})
		}},
		// XAutoClaim*: the deleted 1-1 pending for alice is reported as deleted.
		{name: "XAutoClaim", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: "s", Group: "g", Consumer: "bob", Start: "0"})
		}},
		{name: "XAutoClaimWithDeleted", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XAutoClaimWithDeleted(ctx, &redis.XAutoClaimArgs{Stream: "s", Group: "g", Consumer: "bob", Start: "0", Count: 2})
		}, want: func(t *testing.T, cmd redis.Cmder) {
			_, start, deleted := cmd.(*redis.XAutoClaimWithDeletedCmd).Val()
			require.Equal(t, []string{"1-1"}, deleted)
			require.Equal(t, "3-1", start)
		}},
		{name: "XAutoClaimJustID", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XAutoClaimJustID(ctx, &redis.XAutoClaimArgs{Stream: "s", Group: "g", Consumer: "bob", Start: "0"})
		}},
		{name: "XAutoClaim/err", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: "s", Group: "zz", Consumer: "bob", Start: "0"})
		}},
		// XInfo*
		{name: "XInfoGroups", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoGroups(ctx, "s") },
			want: func(t *testing.T, cmd redis.Cmder) {
				require.Equal(t, int64(-1), cmd.(*redis.XInfoGroupsCmd).Val()[1].Lag) // g0: null lag
			}},
		{name: "XInfoGroups/empty", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoGroups(ctx, "e") }},
		{name: "XInfoGroups/nokey", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoGroups(ctx, "nokey") }},
		{name: "XInfoConsumers", retry: true, run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoConsumers(ctx, "s", "g") }},
		{name: "XInfoStream", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoStream(ctx, "s") }},
		{name: "XInfoStream/empty", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoStream(ctx, "e") }},
		{name: "XInfoStream/wrongtype", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoStream(ctx, "str") }},
		{name: "XInfoStreamFull", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoStreamFull(ctx, "s", 0) }},
		{name: "XInfoStreamFull/count", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.XInfoStreamFull(ctx, "s", 1) }},
		// Cmd (Do)
		{name: "Do/xinfo", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Do(ctx, "XINFO", "STREAM", "s") }},
		{name: "Do/xreadgroup-history", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.Do(ctx, "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0")
		}},
		{name: "Do/xpending-empty", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Do(ctx, "XPENDING", "e", "g2") }},
		{name: "Do/nil", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			return c.Do(ctx, "XREAD", "COUNT", "1", "STREAMS", "e", "$")
		}},
		{name: "Do/err", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Do(ctx, "XADD", "s") }},
		{name: "Do/int", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Do(ctx, "XLEN", "s") }},
		{name: "Do/status", run: func(ctx context.Context, c *redis.Client) redis.Cmder { return c.Do(ctx, "PING") }},
		// SliceCmd (XACKDEL/XDELEX's type) on arrays with nested nulls.
		{name: "Slice/xrange", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewSliceCmd(ctx, "xrange", "s", "-", "+")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
		{name: "Slice/xpending-empty", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewSliceCmd(ctx, "xpending", "e", "g2")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
		{name: "Slice/xautoclaim", setup: seedData, run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewSliceCmd(ctx, "xautoclaim", "s", "g", "bob", "0", "0")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
		// Type mismatches: go-redis's parse errors.
		{name: "Mismatch/int-of-array", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewIntCmd(ctx, "xrange", "s", "-", "+")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
		{name: "Mismatch/int-of-status", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewIntCmd(ctx, "ping")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
		{name: "Mismatch/string-of-array", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewStringCmd(ctx, "xrange", "s", "-", "+")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
		{name: "Mismatch/xmessages-of-int", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewXMessageSliceCmd(ctx, "xlen", "s")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
		{name: "Mismatch/pending-of-xrange", run: func(ctx context.Context, c *redis.Client) redis.Cmder {
			cmd := redis.NewXPendingCmd(ctx, "xrange", "s", "-", "+")
			_ = c.Process(ctx, cmd)
			return cmd
		}},
	}
}

// TestConvertAgainstRedis runs every typed command with go-redis against a
// real Redis (value A), sends the same arguments over a raw connection,
// parses the wire reply into a reply tree and converts it with setReply
// (value B), and requires A and B to be identical, in RESP3 and RESP2.
func TestConvertAgainstRedis(t *testing.T) {
	addr, fresh := redistest.Addr(t)
	db := 0
	if !fresh {
		db = 5
	}
	ctx := context.Background()
	for _, proto := range []int{3, 2} {
		t.Run("RESP"+strconv.Itoa(proto), func(t *testing.T) {
			c := redis.NewClient(&redis.Options{
				Addr: addr, Protocol: proto, DB: db, DisableIdentity: true,
				MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
			})
			defer c.Close()
			raw := dialRaw(t, addr, proto)
			raw.do("SELECT", strconv.Itoa(db))
			for _, tc := range convertCases() {
				t.Run(tc.name, func(t *testing.T) {
					var a, b redis.Cmder
					for attempt := 0; ; attempt++ {
						if tc.setup != nil || attempt == 0 {
							seedIfNeeded(ctx, c, tc.setup)
						}
						a = tc.run(ctx, c)
						if tc.setup != nil {
							tc.setup(ctx, c)
						}
						argv, err := stringArgs(a.Args())
						require.NoError(t, err)
						b = freshLike(a)
						setReply(b, raw.do(argv...), proto)
						if !tc.retry || reflect.DeepEqual(results(a), results(b)) || attempt == 20 {
							break
						}
					}
					require.Equal(t, results(a), results(b))
					if tc.want != nil {
						tc.want(t, a)
					}
				})
			}
		})
	}
}

// seedIfNeeded rebuilds the data: with setup for a mutating case, or the
// shared seed otherwise.
func seedIfNeeded(ctx context.Context, c *redis.Client, setup func(context.Context, *redis.Client)) {
	if setup != nil {
		setup(ctx, c)
		return
	}
	seedData(ctx, c)
}

// handCase is a reply shape Redis 7.0 cannot produce (Redis 8 commands),
// built by hand from the spec, or a malformed one.
type handCase struct {
	name string
	cmd  func(ctx context.Context) redis.Cmder
	r    reply
	want func(t *testing.T, cmd redis.Cmder)
}

// entry is a stream entry [id, [field, value, …]].
func entry(id string, kv ...string) reply {
	f := make([]reply, len(kv))
	for i, s := range kv {
		f[i] = bulk(s)
	}
	return array(bulk(id), array(f...))
}

// handCases are the hand-built replies compared through a fake server.
func handCases() []handCase {
	ints := func(ns ...int64) reply {
		a := make([]reply, len(ns))
		for i, n := range ns {
			a[i] = integer(n)
		}
		return array(a...)
	}
	claimed := array(bulk("1-1"), array(bulk("a"), bulk("1")), integer(5000), integer(3))
	claimedDeleted := array(bulk("2-1"), nilReply, integer(70), integer(2))
	groupInfo := mapReply(bulk("name"), bulk("g"), bulk("consumers"), integer(1), bulk("pending"), integer(2),
		bulk("last-delivered-id"), bulk("2-1"), bulk("entries-read"), nilReply, bulk("lag"), nilReply,
		bulk("nacked-count"), integer(1), bulk("future-field"), array(integer(1), nilReply))
	return []handCase{
		{name: "XAckDel", cmd: func(ctx context.Context) redis.Cmder { return redis.NewSliceCmd(ctx, "xackdel") },
			r: ints(1, -1, 2),
			want: func(t *testing.T, cmd redis.Cmder) {
				require.Equal(t, []interface{}{int64(1), int64(-1), int64(2)}, cmd.(*redis.SliceCmd).Val())
			}},
		{name: "XDelEx/error-element", cmd: func(ctx context.Context) redis.Cmder { return redis.NewSliceCmd(ctx, "xdelex") },
			r: array(integer(1), errorReply("ERR oops"), nilReply),
			want: func(t *testing.T, cmd redis.Cmder) {
				require.Equal(t, []interface{}{int64(1), serverError("ERR oops"), nil}, cmd.(*redis.SliceCmd).Val())
			}},
		{name: "XDelEx/err", cmd: func(ctx context.Context) redis.Cmder { return redis.NewSliceCmd(ctx, "xdelex") },
			r: errorReply("ERR syntax error")},
		{name: "XNack", cmd: func(ctx context.Context) redis.Cmder { return redis.NewIntCmd(ctx, "xnack") }, r: integer(2)},
		{name: "XCfgSet", cmd: func(ctx context.Context) redis.Cmder { return redis.NewStatusCmd(ctx, "xcfgset") }, r: okReply},
		{name: "XReadGroup/claim", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXStreamSliceCmd(ctx, "xreadgroup") },
			r: streamsReply(bulk("s"), array(claimed, claimedDeleted, entry("3-1", "c", "3"))),
			want: func(t *testing.T, cmd redis.Cmder) {
				m := cmd.(*redis.XStreamSliceCmd).Val()[0].Messages
				require.Equal(t, redis.XMessage{ID: "1-1", Values: map[string]interface{}{"a": "1"}, MillisElapsedFromDelivery: 5000, DeliveredCount: 3}, m[0])
				require.Equal(t, redis.XMessage{ID: "2-1", MillisElapsedFromDelivery: 70, DeliveredCount: 2}, m[1])
			}},
		{name: "XMessage/bad-length", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXMessageSliceCmd(ctx, "xrange") },
			r: array(array(bulk("1-1"), array(), integer(1)))},
		{name: "XMessage/nil-element", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXMessageSliceCmd(ctx, "xclaim") },
			r: array(entry("1-1", "a", "1"), nilReply)},
		{name: "XAutoClaim/redis6", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXAutoClaimCmd(ctx, "xautoclaim") },
			r: array(bulk("0-0"), array(entry("1-1", "a", "1")))},
		{name: "XAutoClaimWithDeleted/redis6", cmd: func(ctx context.Context) redis.Cmder {
			return redis.NewXAutoClaimWithDeletedCmd(ctx, "xautoclaim")
		}, r: array(bulk("0-0"), array(entry("1-1", "a", "1")))},
		{name: "XAutoClaimJustID/bad", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXAutoClaimJustIDCmd(ctx, "xautoclaim") },
			r: array(bulk("0-0"))},
		{name: "XInfoGroups/nacked", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXInfoGroupsCmd(ctx, "s") },
			r: array(groupInfo),
			want: func(t *testing.T, cmd redis.Cmder) {
				require.Equal(t, []redis.XInfoGroup{{Name: "g", Consumers: 1, Pending: 2, LastDeliveredID: "2-1", Lag: -1}}, cmd.(*redis.XInfoGroupsCmd).Val())
			}},
		{name: "XInfoConsumers/inactive", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXInfoConsumersCmd(ctx, "s", "g") },
			r: array(mapReply(bulk("name"), bulk("alice"), bulk("pending"), integer(1), bulk("idle"), integer(9),
				bulk("inactive"), integer(-1), bulk("x"), nilReply))},
		{name: "XInfoStream/idmp", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXInfoStreamCmd(ctx, "s") },
			r: mapReply(bulk("length"), integer(1), bulk("radix-tree-keys"), integer(1), bulk("radix-tree-nodes"), integer(2),
				bulk("last-generated-id"), bulk("3-1"), bulk("max-deleted-entry-id"), bulk("2-1"), bulk("entries-added"), integer(3),
				bulk("recorded-first-entry-id"), bulk("3-1"), bulk("idmp-duration"), integer(100), bulk("idmp-maxsize"), integer(50),
				bulk("pids-tracked"), integer(1), bulk("iids-tracked"), integer(2), bulk("iids-added"), integer(3),
				bulk("iids-duplicates"), integer(4), bulk("groups"), integer(0), bulk("first-entry"), entry("3-1", "c", "3"),
				bulk("last-entry"), nilReply, bulk("unknown"), mapReply(bulk("a"), integer(1)))},
		{name: "XInfoStreamFull/redis8", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXInfoStreamFullCmd(ctx, "xinfo") },
			r: mapReply(bulk("length"), integer(1), bulk("entries"), array(entry("3-1", "c", "3")),
				bulk("idmp-duration"), integer(100), bulk("iids-duplicates"), integer(4),
				bulk("groups"), array(mapReply(bulk("name"), bulk("g"), bulk("last-delivered-id"), bulk("3-1"),
					bulk("entries-read"), nilReply, bulk("lag"), nilReply, bulk("pel-count"), integer(1), bulk("nacked-count"), integer(1),
					bulk("pending"), array(array(bulk("3-1"), bulk("alice"), integer(1700000000123), integer(2))),
					bulk("consumers"), array(mapReply(bulk("name"), bulk("alice"), bulk("seen-time"), integer(1700000000456),
						bulk("active-time"), integer(1700000000789), bulk("pel-count"), integer(1),
						bulk("pending"), array(array(bulk("3-1"), integer(1700000000123), integer(2))))))))},
		{name: "XPending/bad", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXPendingCmd(ctx, "xpending") },
			r: array(integer(1), bulk("1-1"))},
		{name: "XPendingExt/nulls", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXPendingExtCmd(ctx, "xpending") },
			r: array(array(bulk("1-1"), nilReply, nilReply, nilReply))},
		{name: "StringSlice/nulls", cmd: func(ctx context.Context) redis.Cmder { return redis.NewStringSliceCmd(ctx, "xclaim") },
			r: array(bulk("1-1"), nilReply, integer(7))},
		{name: "Cmd/map-nested", cmd: func(ctx context.Context) redis.Cmder { return redis.NewCmd(ctx, "x") },
			r: mapReply(bulk("a"), nilReply, bulk("b"), errorReply("ERR x"), integer(3), array(nilReply, mapReply()))},
		{name: "Cmd/map-array-key", cmd: func(ctx context.Context) redis.Cmder { return redis.NewCmd(ctx, "x") },
			r: mapReply(array(), integer(1))},
		{name: "Bool/int", cmd: func(ctx context.Context) redis.Cmder { return redis.NewBoolCmd(ctx, "x") }, r: integer(1)},
		{name: "Uint/negative", cmd: func(ctx context.Context) redis.Cmder { return redis.NewXInfoStreamFullCmd(ctx, "x") },
			r: mapReply(bulk("groups"), array(mapReply(bulk("nacked-count"), integer(-1))))},
	}
}

// TestConvertHandBuilt has go-redis itself parse hand-built replies (the
// Redis 8 shapes Redis 7.0 cannot produce, and malformed ones) through a fake
// server, and requires setReply to give the same values and errors.
func TestConvertHandBuilt(t *testing.T) {
	ctx := context.Background()
	for _, proto := range []int{3, 2} {
		fs := newFakeServer(t, proto)
		for _, tc := range handCases() {
			t.Run("RESP"+strconv.Itoa(proto)+"/"+tc.name, func(t *testing.T) {
				a := tc.cmd(ctx)
				fs.parse(ctx, a, tc.r, proto)
				b := freshLike(a)
				setReply(b, tc.r, proto)
				require.Equal(t, results(a), results(b))
				if tc.want != nil {
					tc.want(t, a)
				}
			})
		}
	}
}

// TestConvertUnsupportedType: a command type the converter does not know
// fails loudly; a server error still reaches it as the error.
func TestConvertUnsupportedType(t *testing.T) {
	ctx := context.Background()
	cmd := redis.NewFloatCmd(ctx, "zscore", "k", "m")
	setReply(cmd, bulk("1.5"), 3)
	require.EqualError(t, cmd.Err(), `goredis: the in-process client cannot produce a *redis.FloatCmd (command "zscore"); use Do`)
	cmd = redis.NewFloatCmd(ctx, "zscore", "k", "m")
	setReply(cmd, errorReply("ERR unknown command 'zscore'"), 3)
	require.EqualError(t, cmd.Err(), "ERR unknown command 'zscore'")
	require.Equal(t, serverError("ERR unknown command 'zscore'"), cmd.Err())
}

// doValue is the value go-redis's generic Cmd (Do) gives for r: strings,
// int64s, []interface{} (nulls inside as nil, error elements as errors) and,
// in RESP3, map[interface{}]interface{} for maps.
func doValue(r reply, proto int) interface{} {
	v, err := newRespReader(r, proto).readReply()
	if err != nil {
		if err == redis.Nil {
			return nil
		}
		return err
	}
	return v
}

// TestConvertDoValue: doValue is what (*redis.Cmd).Val() gives.
func TestConvertDoValue(t *testing.T) {
	r := mapReply(bulk("k"), array(nilReply, integer(1), status("OK")))
	require.Equal(t, map[interface{}]interface{}{"k": []interface{}{nil, int64(1), "OK"}}, doValue(r, 3))
	require.Equal(t, []interface{}{"k", []interface{}{nil, int64(1), "OK"}}, doValue(r, 2))
	require.Nil(t, doValue(nilReply, 3))
	require.Equal(t, serverError("ERR x"), doValue(errorReply("ERR x"), 2))
	require.Equal(t, "*2", frame{typ: '*', n: 2}.header())
}
