package goredis

import (
	"context"
	"net"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// hook is the end of the embedded client's hook chain: it executes commands
// in process instead of sending them, after running the hooks added with
// Client.AddHook.
type hook struct {
	srv *server

	mu    sync.Mutex
	users []redis.Hook // hooks added with Client.AddHook, outermost first
}

func (h *hook) add(u redis.Hook) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.users = append(h.users, u)
}

func (h *hook) userHooks() []redis.Hook {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.users
}

// DialHook refuses to dial: nothing leaves the process.
func (h *hook) DialHook(redis.DialHook) redis.DialHook {
	return func(context.Context, string, string) (net.Conn, error) { return nil, errNoDial }
}

// ProcessHook executes one command in process.
func (h *hook) ProcessHook(redis.ProcessHook) redis.ProcessHook {
	final := redis.ProcessHook(h.process)
	users := h.userHooks()
	for i := len(users) - 1; i >= 0; i-- {
		if w := users[i].ProcessHook(final); w != nil {
			final = w
		}
	}
	return final
}

// ProcessPipelineHook executes a pipeline in process: each command in turn,
// or, for a transaction (MULTI … EXEC), all of them atomically.
func (h *hook) ProcessPipelineHook(redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	final := redis.ProcessPipelineHook(h.processPipeline)
	users := h.userHooks()
	for i := len(users) - 1; i >= 0; i-- {
		if w := users[i].ProcessPipelineHook(final); w != nil {
			final = w
		}
	}
	return final
}

func (h *hook) process(ctx context.Context, cmd redis.Cmder) error {
	argv, err := stringArgs(cmd.Args())
	if err != nil {
		cmd.SetErr(err)
		return err
	}
	setReply(cmd, h.srv.exec(ctx, argv), h.srv.protocol)
	return cmd.Err()
}

func (h *hook) processPipeline(ctx context.Context, cmds []redis.Cmder) error {
	if n := len(cmds); n >= 2 && strings.EqualFold(cmds[0].Name(), "multi") && strings.EqualFold(cmds[n-1].Name(), "exec") {
		return h.processTx(ctx, cmds)
	}
	var first error
	for _, cmd := range cmds {
		if err := h.process(ctx, cmd); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// processTx runs the commands between MULTI and EXEC as one atomic unit:
// blocking commands do not block inside it, as in Redis.
func (h *hook) processTx(ctx context.Context, cmds []redis.Cmder) error {
	inner := cmds[1 : len(cmds)-1]
	argvs := make([][]string, len(inner))
	for i, cmd := range inner {
		argv, err := stringArgs(cmd.Args())
		if err != nil {
			for _, c := range cmds {
				c.SetErr(err)
			}
			return err
		}
		argvs[i] = argv
	}
	replies := h.srv.execMulti(ctx, argvs)
	setReply(cmds[0], status("OK"), h.srv.protocol)
	var first error
	execVal := make([]interface{}, len(inner))
	for i, cmd := range inner {
		setReply(cmd, replies[i], h.srv.protocol)
		if err := cmd.Err(); err != nil && first == nil {
			first = err
		}
		execVal[i] = doValue(replies[i], h.srv.protocol)
	}
	if exec, ok := cmds[len(cmds)-1].(*redis.SliceCmd); ok {
		exec.SetVal(execVal)
	}
	return first
}
