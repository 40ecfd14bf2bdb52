package main

import (
	"context"
	"fmt"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/xstream-go/xstream/goredis"
)

// Backend names, in table column order.
const (
	Native    = "xstream"   // xstream's native typed API
	GoRedis   = "goredis"   // the in-process go-redis client (module goredis)
	Redis     = "redis"     // a real redis-server through go-redis
	Miniredis = "miniredis" // miniredis through go-redis
)

// Backends lists every backend in table order.
var Backends = []string{Native, GoRedis, Redis, Miniredis}

// Payload is the 16-byte payload of every workload (W5 subtracts its size).
type Payload = [16]byte

// payloadField and payloadValue are the one field-value pair that carries
// the 16-byte payload on the go-redis backends: XADD s * p <16 bytes>.
const payloadField = "p"

var payloadValue = string(make([]byte, 16))

// Conn is one fresh, empty backend for one run of one workload. For Native
// Client is nil and the workload uses the xstream package directly; for the
// others Client is a go-redis client on an empty keyspace.
type Conn struct {
	Name   string
	Client redis.UniversalClient
	// Memory reports the backend's memory use in bytes: for the in-process
	// backends (Native, GoRedis, Miniredis) the Go heap after a GC, for
	// Redis the server's INFO memory used_memory.
	Memory func(ctx context.Context) (uint64, error)
	close  func()
}

// Close releases the backend.
func (c *Conn) Close() {
	if c.close != nil {
		c.close()
	}
}

// Dial opens a fresh, empty backend of the given name. redisAddr is the
// real Redis server's host:port (its database is flushed).
func Dial(ctx context.Context, name, redisAddr string) (*Conn, error) {
	switch name {
	case Native:
		return &Conn{Name: name, Memory: heapInUse}, nil
	case GoRedis:
		c := goredis.NewClient(nil)
		return &Conn{Name: name, Client: c, Memory: heapInUse, close: func() { c.Close() }}, nil
	case Miniredis:
		m, err := miniredis.Run()
		if err != nil {
			return nil, err
		}
		c := redis.NewClient(&redis.Options{Addr: m.Addr(), PoolSize: 256, DisableIdentity: true})
		return &Conn{Name: name, Client: c, Memory: heapInUse, close: func() { c.Close(); m.Close() }}, nil
	case Redis:
		if redisAddr == "" {
			return nil, fmt.Errorf("no Redis address (set -redis or XSTREAM_REDIS_ADDR)")
		}
		c := redis.NewClient(&redis.Options{Addr: redisAddr, PoolSize: 256, DisableIdentity: true})
		if err := c.FlushDB(ctx).Err(); err != nil {
			c.Close()
			return nil, fmt.Errorf("redis at %s: %w", redisAddr, err)
		}
		return &Conn{Name: name, Client: c, Memory: func(ctx context.Context) (uint64, error) {
			return redisUsedMemory(ctx, c)
		}, close: func() { c.FlushDB(context.Background()); c.Close() }}, nil
	}
	return nil, fmt.Errorf("unknown backend %q", name)
}
