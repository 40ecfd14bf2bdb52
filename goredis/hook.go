package goredis

import (
	"context"
	"net"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// hook is the end of the embedded client's hook chain: it executes commands
// in process instead of sending them, after running the hooks added with
// Client.AddHook. It never calls the next hook, so nothing reaches go-redis's
// connection pool.
type hook struct {
	srv *server

	mu     sync.Mutex                 // guards users, serializes add
	chains atomic.Pointer[hookChains] // user hooks wrapped around the executors
	closed atomic.Bool                // Client.Close was called
	users  []redis.Hook               // hooks added with Client.AddHook, outermost first; guarded by mu
}

// hookChains are the executors wrapped in the user hooks, rebuilt when a
// hook is added (as go-redis rebuilds its own chain).
type hookChains struct {
	process  redis.ProcessHook
	pipeline redis.ProcessPipelineHook
}

// newHook returns the executor hook of srv, with no user hooks yet.
func newHook(srv *server) *hook {
	h := &hook{srv: srv}
	h.chains.Store(&hookChains{process: h.process, pipeline: h.processPipeline})
	return h
}

// add appends a user hook, innermost so far, and rebuilds the chains.
func (h *hook) add(u redis.Hook) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.users = append(h.users, u)
	c := &hookChains{process: h.process, pipeline: h.processPipeline}
	for i := len(h.users) - 1; i >= 0; i-- {
		if w := h.users[i].ProcessHook(c.process); w != nil {
			c.process = w
		}
		if w := h.users[i].ProcessPipelineHook(c.pipeline); w != nil {
			c.pipeline = w
		}
	}
	h.chains.Store(c)
}

// close marks the client closed and wakes commands blocked in it.
func (h *hook) close() {
	if !h.closed.Swap(true) {
		close(h.srv.closed)
	}
}

// DialHook refuses to dial: nothing leaves the process.
func (h *hook) DialHook(redis.DialHook) redis.DialHook {
	return func(context.Context, string, string) (net.Conn, error) { return nil, errNoDial }
}

// ProcessHook executes one command in process, inside the user hooks.
func (h *hook) ProcessHook(redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		return h.chains.Load().process(ctx, cmd)
	}
}

// ProcessPipelineHook executes a pipeline in process, inside the user
// hooks: each command in turn, or, for a transaction (go-redis passes
// MULTI, the commands, EXEC), all of them atomically.
func (h *hook) ProcessPipelineHook(redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		return h.chains.Load().pipeline(ctx, cmds)
	}
}

// refuse is why a command is not run at all, as go-redis refuses it before
// sending: the client is closed, or ctx is already done.
func (h *hook) refuse(ctx context.Context) error {
	if h.closed.Load() {
		return redis.ErrClosed
	}
	return ctx.Err()
}

// process runs one command.
func (h *hook) process(ctx context.Context, cmd redis.Cmder) error {
	if err := h.refuse(ctx); err != nil {
		cmd.SetErr(err)
		return err
	}
	argv, err := stringArgs(cmd.Args())
	if err != nil {
		cmd.SetErr(err)
		return err
	}
	setReply(cmd, h.srv.exec(ctx, argv), h.srv.opts.Protocol)
	return cmd.Err()
}

// processPipeline runs a pipeline: go-redis writes every command before
// reading any reply, so an argument that cannot be encoded fails them all
// and none runs. It returns the first command error, redis.Nil included.
func (h *hook) processPipeline(ctx context.Context, cmds []redis.Cmder) error {
	if isTx(cmds) {
		return h.processTx(ctx, cmds)
	}
	if err := h.refuse(ctx); err != nil {
		return setAllErr(cmds, err)
	}
	argvs, err := pipelineArgs(cmds)
	if err != nil {
		return setAllErr(cmds, err)
	}
	var first error
	for i, cmd := range cmds {
		setReply(cmd, h.srv.exec(ctx, argvs[i]), h.srv.opts.Protocol)
		if err := cmd.Err(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// isTx reports whether cmds is a transaction as go-redis's TxPipeline hands
// it over: a MULTI StatusCmd, the commands, an EXEC SliceCmd.
func isTx(cmds []redis.Cmder) bool {
	n := len(cmds)
	if n < 2 {
		return false
	}
	_, multi := cmds[0].(*redis.StatusCmd)
	_, exec := cmds[n-1].(*redis.SliceCmd)
	return multi && exec && strings.EqualFold(cmds[0].Name(), "multi") && strings.EqualFold(cmds[n-1].Name(), "exec")
}

// pipelineArgs encodes every command's arguments.
func pipelineArgs(cmds []redis.Cmder) ([][]string, error) {
	argvs := make([][]string, len(cmds))
	for i, cmd := range cmds {
		argv, err := stringArgs(cmd.Args())
		if err != nil {
			return nil, err
		}
		argvs[i] = argv
	}
	return argvs, nil
}

// setAllErr sets err on every command that has none yet (go-redis's
// setCmdsErr) and returns it.
func setAllErr(cmds []redis.Cmder, err error) error {
	for _, cmd := range cmds {
		if cmd.Err() == nil {
			cmd.SetErr(err)
		}
	}
	return err
}

// execAbortText is Redis's EXEC reply after a command was refused while
// being queued.
const execAbortText = "EXECABORT Transaction discarded because of previous errors."

// processTx runs a transaction the way go-redis reads one from Redis:
// MULTI's +OK and each +QUEUED are read into the MULTI command (so its
// value ends as "QUEUED"); a command refused at queue time (unknown, wrong
// arity) gets that error and EXEC's EXECABORT is set on every other
// command; otherwise the queued commands run atomically, each getting its
// own reply, and the EXEC command itself keeps no value.
func (h *hook) processTx(ctx context.Context, cmds []redis.Cmder) error {
	if err := h.refuse(ctx); err != nil {
		return setAllErr(cmds, err)
	}
	argvs, err := pipelineArgs(cmds)
	if err != nil {
		return setAllErr(cmds, err)
	}
	multi := cmds[0].(*redis.StatusCmd)
	inner, innerArgv := cmds[1:len(cmds)-1], argvs[1:len(argvs)-1]
	multi.SetVal("OK")
	aborted := false
	for i, cmd := range inner {
		if _, r, ok := checkCommand(innerArgv[i]); !ok {
			multi.SetVal("")
			setReply(cmd, r, h.srv.opts.Protocol)
			aborted = true
			continue
		}
		multi.SetVal("QUEUED")
	}
	if aborted {
		return setAllErr(cmds, serverError(execAbortText))
	}
	replies := h.srv.execMulti(innerArgv)
	var first error
	for i, cmd := range inner {
		setReply(cmd, replies[i], h.srv.opts.Protocol)
		if err := cmd.Err(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
