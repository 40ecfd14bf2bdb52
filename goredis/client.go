package goredis

import (
	"context"
	"errors"
	"net"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
	"github.com/xstream-go/xstream"
)

// Options configure a [Client]. The zero value (or nil) gives the system
// clock, Redis's default node size and RESP3 replies.
type Options struct {
	// Clock supplies "now" for automatic IDs, idle times and consumer
	// seen/active times. nil means the system clock; an
	// [xstream.ManualClock] makes idle-time logic testable without sleeping.
	Clock xstream.Clock
	// NodeMaxEntries is Redis's stream-node-max-entries (default 100).
	NodeMaxEntries int
	// Protocol is the RESP version whose reply shapes Do returns: 3 (the
	// default, as in go-redis) or 2.
	Protocol int
}

// Client is an in-process go-redis client: a *redis.Client whose commands
// are executed in memory by an xstream keyspace instead of a server. It
// implements redis.StreamCmdable, redis.Cmdable and redis.UniversalClient;
// pipelines and transactions (MULTI/EXEC) work too. It is safe for
// concurrent use; each command is atomic, as in Redis. Close it when done.
type Client struct {
	*redis.Client
	srv *server
	h   *hook
}

var _ redis.StreamCmdable = (*Client)(nil)

// systemClock is the wall clock, for a Client without Options.Clock.
type systemClock struct{}

// Now returns the wall-clock time.
func (systemClock) Now() time.Time { return time.Now() }

// errNoDial is what the embedded client's dialer returns: an in-process
// Client never opens a connection.
var errNoDial = errors.New("goredis: the in-process client has no server to dial")

// NewClient returns an in-process client with an empty keyspace. opts may be
// nil.
func NewClient(opts *Options) *Client {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Clock == nil {
		o.Clock = systemClock{}
	}
	if o.Protocol == 0 {
		o.Protocol = 3
	}
	srv := newServer(o)
	rc := redis.NewClient(&redis.Options{
		Addr:     "xstream.in-process:0",
		Protocol: o.Protocol,
		Dialer: func(context.Context, string, string) (net.Conn, error) {
			return nil, errNoDial
		},
		// Nothing may be sent or started in the background: no CLIENT
		// SETINFO on connect, no maintenance-notification manager (RESP3's
		// default "auto" mode would attach one to the pools), no dedicated
		// pipeline pool, no idle connections dialed ahead, no retries.
		DisableIdentity:          true,
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
		PipelinePoolSize:         -1,
		MinIdleConns:             0,
		MaxRetries:               -1,
	})
	h := newHook(srv)
	rc.AddHook(h)
	return &Client{Client: rc, srv: srv, h: h}
}

// Close closes the client: commands blocked in it (XREAD/XREADGROUP BLOCK)
// return redis.ErrClosed, and later commands fail with redis.ErrClosed, as
// on a closed go-redis client. It starts no goroutine and leaves none.
func (c *Client) Close() error {
	c.h.close()
	return c.Client.Close()
}

// AddHook adds a go-redis hook that runs around every command of this
// client, as on a real client. (Hooks added to the embedded *redis.Client
// directly are not run: the in-process executor sits at the end of the
// chain.)
func (c *Client) AddHook(h redis.Hook) { c.h.add(h) }
