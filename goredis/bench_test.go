package goredis_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream/goredis"
)

// BenchmarkClientXAdd is one typed XAdd (16-byte payload, automatic ID)
// through the in-process client: go-redis's argument building, the
// hook, argument rendering, parsing, the core's add and the reply
// conversion.
func BenchmarkClientXAdd(b *testing.B) {
	ctx := context.Background()
	c := goredis.NewClient(nil)
	defer c.Close()
	args := &redis.XAddArgs{Stream: "s", Values: []string{"payload", "0123456789abcdef"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.XAdd(ctx, args).Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClientReadAck100 reads 100 new entries with XREADGROUP and
// acknowledges them with one XACK, per iteration.
func BenchmarkClientReadAck100(b *testing.B) {
	ctx := context.Background()
	c := goredis.NewClient(nil)
	defer c.Close()
	if err := c.XGroupCreateMkStream(ctx, "s", "g", "$").Err(); err != nil {
		b.Fatal(err)
	}
	args := &redis.XAddArgs{Stream: "s", Values: []string{"payload", "0123456789abcdef"}}
	read := &redis.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"s", ">"}, Count: 100, Block: -1}
	ids := make([]string, 0, 100)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for i := 0; i < 100; i++ {
			c.XAdd(ctx, args)
		}
		b.StartTimer()
		res, err := c.XReadGroup(ctx, read).Result()
		if err != nil || len(res[0].Messages) != 100 {
			b.Fatalf("%v %v", err, res)
		}
		ids = ids[:0]
		for _, m := range res[0].Messages {
			ids = append(ids, m.ID)
		}
		if n := c.XAck(ctx, "s", "g", ids...).Val(); n != 100 {
			b.Fatal("acked " + strconv.FormatInt(n, 10))
		}
	}
}
