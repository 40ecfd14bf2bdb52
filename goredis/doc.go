// Package goredis is an in-process go-redis client for Redis Streams: a
// [*Client] that embeds a real *redis.Client (github.com/redis/go-redis/v9)
// whose commands never leave the process. Every stream command is executed
// by an in-memory keyspace of xstream streams, with Redis's argument parsing,
// replies and error texts, so code written against redis.StreamCmdable,
// redis.Cmdable or *redis.Client runs in tests with no Redis server and no
// network, and moves to real Redis, Valkey or Dragonfly unchanged.
//
//	clock := xstream.NewManualClock(time.Now())
//	rdb := goredis.NewClient(&goredis.Options{Clock: clock})
//	defer rdb.Close()
//	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "jobs", Values: []string{"n", "1"}})
//	clock.Advance(time.Minute) // idle times move without sleeping
//
// Every go-redis entry point works: typed methods, Do, Pipeline/Pipelined,
// TxPipeline/TxPipelined (MULTI/EXEC run atomically, with Redis's
// queue-time EXECABORT), AutoPipeline and hooks added with
// [Client.AddHook]. Values and errors are exactly what go-redis gives after
// reading the same reply from Redis, in RESP3 (the default) or RESP2
// ([Options].Protocol). The client never dials, starts no goroutine, and
// after [Client.Close] fails every command with redis.ErrClosed.
//
// Commands that are not about streams, apart from the few a test needs for
// setup (DEL, UNLINK, EXISTS, TYPE, DBSIZE, FLUSHALL, FLUSHDB, PING, ECHO),
// fail with Redis's "unknown command" error.
package goredis
