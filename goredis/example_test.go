package goredis_test

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream"
	"github.com/xstream-go/xstream/goredis"
)

// Typed stream commands through the in-process client: the same calls and
// result types as on a *redis.Client talking to Redis.
func ExampleNewClient() {
	ctx := context.Background()
	rdb := goredis.NewClient(nil)
	defer rdb.Close()

	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "orders", ID: "1-1", Values: []string{"item", "book"}})
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "orders", ID: "2-1", Values: []string{"item", "pen"}})
	rdb.XGroupCreate(ctx, "orders", "shipping", "0")

	streams, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
		Group: "shipping", Consumer: "alice", Streams: []string{"orders", ">"}, Count: 10,
	}).Result()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range streams[0].Messages {
		fmt.Println(m.ID, m.Values["item"])
	}
	fmt.Println(rdb.XAck(ctx, "orders", "shipping", "1-1").Val())
	p := rdb.XPending(ctx, "orders", "shipping").Val()
	fmt.Println(p.Count, p.Lower, p.Consumers)
	// Output:
	// 1-1 book
	// 2-1 pen
	// 1
	// 1 2-1 map[alice:1]
}

// publish is application code written against go-redis's interface.
func publish(ctx context.Context, rdb redis.StreamCmdable, event string) (string, error) {
	return rdb.XAdd(ctx, &redis.XAddArgs{Stream: "events", ID: "*", Values: map[string]interface{}{"event": event}}).Result()
}

// countEvents is application code written against go-redis's interface.
func countEvents(ctx context.Context, rdb redis.StreamCmdable) int64 {
	return rdb.XLen(ctx, "events").Val()
}

// Code that depends on redis.StreamCmdable runs unchanged on the
// in-process client: pass it where a *redis.Client would go.
func ExampleClient_streamCmdable() {
	ctx := context.Background()
	var rdb redis.StreamCmdable = goredis.NewClient(&goredis.Options{
		Clock: xstream.NewManualClock(time.UnixMilli(1700000000000)),
	})
	defer rdb.(*goredis.Client).Close()

	id, _ := publish(ctx, rdb, "signup")
	id2, _ := publish(ctx, rdb, "login")
	fmt.Println(id, id2)
	fmt.Println(countEvents(ctx, rdb))
	// Output:
	// 1700000000000-0 1700000000000-1
	// 2
}

// A manual clock drives XAUTOCLAIM's idle gating without sleeping: an entry
// delivered to a consumer that went away can be claimed once it has been
// idle for the minimum time.
func ExampleClient_manualClock() {
	ctx := context.Background()
	clock := xstream.NewManualClock(time.UnixMilli(1700000000000))
	rdb := goredis.NewClient(&goredis.Options{Clock: clock})
	defer rdb.Close()

	rdb.XGroupCreateMkStream(ctx, "jobs", "workers", "$")
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "jobs", Values: []string{"job", "resize"}})
	rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "workers", Consumer: "crashed", Streams: []string{"jobs", ">"}})

	claim := &redis.XAutoClaimArgs{Stream: "jobs", Group: "workers", Consumer: "rescuer", MinIdle: time.Minute, Start: "0"}
	msgs, _, _ := rdb.XAutoClaim(ctx, claim).Result()
	fmt.Println("after 0s:", len(msgs))

	clock.Advance(59 * time.Second)
	msgs, _, _ = rdb.XAutoClaim(ctx, claim).Result()
	fmt.Println("after 59s:", len(msgs))

	clock.Advance(time.Second)
	msgs, next, _ := rdb.XAutoClaim(ctx, claim).Result()
	fmt.Println("after 60s:", len(msgs), next)
	for _, m := range msgs {
		fmt.Println("claimed", m.ID, m.Values["job"])
	}

	ext := rdb.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: "jobs", Group: "workers", Start: "-", End: "+", Count: 10}).Val()
	for _, p := range ext {
		fmt.Println("pending", p.ID, p.Consumer, p.RetryCount, p.Idle)
	}
	// Output:
	// after 0s: 0
	// after 59s: 0
	// after 60s: 1 0-0
	// claimed 1700000000000-0 resize
	// pending 1700000000000-0 rescuer 2 0s
}
