package goredis

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/xstream-go/xstream"
)

// fields is a stream entry's payload: field, value, field, value, …
type fields []string

// stream is a key's value: the keyspace holds only streams.
type stream = xstream.Stream[fields]

// server is the in-process keyspace. One mutex makes every command atomic,
// as Redis's single thread does; blocked readers wait outside it.
type server struct {
	mu      sync.Mutex
	opts    Options
	keys    map[string]*stream
	ready   []string // keys signalled by the running command, for blocked readers
	blocked blockState
	closed  chan struct{} // closed by Client.Close: blocked readers return redis.ErrClosed
}

func newServer(o Options) *server {
	return &server{opts: o, keys: map[string]*stream{}, closed: make(chan struct{})}
}

// call is one execution of a command.
type call struct {
	srv   *server
	argv  []string // argv[0] as sent
	name  string   // lower-case command name
	multi bool     // inside MULTI/EXEC: blocking commands do not block

	// wait, when a handler sets it, is run after the keyspace is unlocked
	// and gives the reply of a command that blocked.
	wait func(ctx context.Context) reply
}

// command is an entry of the command table (or of a container command's
// subcommand table, XGROUP's and XINFO's).
type command struct {
	// arity is Redis's: n means exactly n arguments with the name (and the
	// subcommand's), -n at least n.
	arity   int
	handler func(*call) reply
}

// arityOK reports whether a call of n arguments, the name included, has a
// number of arguments the command accepts.
func (cmd command) arityOK(n int) bool {
	return cmd.arity > 0 && n == cmd.arity || cmd.arity < 0 && n >= -cmd.arity
}

var commands = map[string]command{}

// register adds a command to the table; handlers' files call it from init.
func register(name string, arity int, h func(*call) reply) {
	commands[name] = command{arity, h}
}

// exec runs one command and returns its reply, waiting (outside the lock)
// if the command blocks.
func (s *server) exec(ctx context.Context, argv []string) reply {
	c := &call{srv: s, argv: argv}
	s.mu.Lock()
	r := s.execLocked(c)
	s.serveReadyLocked()
	s.mu.Unlock()
	if c.wait != nil {
		return c.wait(ctx)
	}
	return r
}

// execMulti runs commands atomically, as a MULTI/EXEC transaction. Blocked
// readers are served once, after the whole transaction, as in Redis.
func (s *server) execMulti(argvs [][]string) []reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]reply, len(argvs))
	for i, argv := range argvs {
		out[i] = s.execLocked(&call{srv: s, argv: argv, multi: true})
	}
	s.serveReadyLocked()
	return out
}

// serveReadyLocked serves blocked readers after a command (or a
// transaction): those on the keys it signalled, and the claiming readers,
// whose entries may have become idle enough on the clock since the last
// command.
func (s *server) serveReadyLocked() {
	if len(s.ready) > 0 || s.blocked.pending() {
		s.serveBlockedLocked()
		s.ready = s.ready[:0]
	}
}

// execLocked runs one command with the keyspace locked.
func (s *server) execLocked(c *call) reply {
	cmd, r, ok := checkCommand(c.argv)
	if !ok {
		return r
	}
	c.name = strings.ToLower(c.argv[0])
	return cmd.handler(c)
}

// checkCommand is what Redis checks of a command before running it, and
// when MULTI queues it: that it exists and has a number of arguments it
// accepts. It returns the command, or the error reply and false.
func checkCommand(argv []string) (command, reply, bool) {
	if len(argv) == 0 {
		return command{}, errorReply("ERR empty command"), false
	}
	name := strings.ToLower(argv[0])
	cmd, ok := commands[name]
	if !ok {
		return command{}, unknownCommand(argv), false
	}
	if !cmd.arityOK(len(argv)) {
		return command{}, wrongArity(name), false
	}
	return cmd, reply{}, true
}

// signal marks key as changed for blocked readers (Redis's
// signalKeyAsReady): they are served after the command.
func (c *call) signal(key string) { c.srv.ready = append(c.srv.ready, key) }

// unknownCommand is Redis's reply to a command it does not know.
func unknownCommand(argv []string) reply {
	var b strings.Builder
	for _, a := range argv[1:] {
		if b.Len()+len(a) > 128 {
			break
		}
		b.WriteString("'" + a + "' ")
	}
	return errorReply("ERR unknown command '" + argv[0] + "', with args beginning with: " + b.String())
}

// wrongArity is Redis's reply to a command with too few or too many arguments.
func wrongArity(name string) reply {
	return errorReply("ERR wrong number of arguments for '" + name + "' command")
}

// syntaxErr is Redis's generic syntax error.
var syntaxErr = errorReply("ERR syntax error")

// noSuchKey is Redis's shared.nokeyerr, the reply of commands that need an
// existing key (XSETID, XINFO, XCFGSET, XIDMPRECORD).
var noSuchKey = errorReply("ERR no such key")

// lookup returns the stream at key, or nil.
func (s *server) lookup(key string) *stream { return s.keys[key] }

// group returns the group name of the stream at key, or nil if the key or
// the group does not exist.
func (s *server) group(key, name string) *xstream.Group[fields] {
	if st := s.keys[key]; st != nil {
		if g, ok := st.Group(name); ok {
			return g
		}
	}
	return nil
}

// create returns the stream at key, creating an empty one if there is none.
func (s *server) create(key string) *stream {
	if st := s.keys[key]; st != nil {
		return st
	}
	st := xstream.New(xstream.Options[fields]{
		Clock:          s.opts.Clock,
		NodeMaxEntries: s.opts.NodeMaxEntries,
		Size:           fieldsSize,
		Fingerprint:    fingerprint,
		Name:           key,
	})
	s.keys[key] = st
	return st
}

// fieldsSize is a payload's share of a reply's RESP2 size, for MAXSIZE.
func fieldsSize(f fields) int {
	n := len(f) * 6 // "$<len>\r\n…\r\n" framing, approximately
	for _, v := range f {
		n += len(v)
	}
	return n
}

// fingerprint is IDMPAUTO's idempotent ID of a payload. Like Redis's
// XXH3-128 combination it ignores the order of the field/value pairs and
// depends on field names and values; unlike a hash it is exact: the sorted,
// length-prefixed pairs themselves.
func fingerprint(f fields) string {
	pairs := make([]string, 0, len(f)/2)
	for i := 0; i+1 < len(f); i += 2 {
		pairs = append(pairs, strconv.Itoa(len(f[i]))+":"+f[i]+strconv.Itoa(len(f[i+1]))+":"+f[i+1])
	}
	slices.Sort(pairs)
	return strings.Join(pairs, "")
}

// notInteger is Redis's reply to an argument that must be an integer.
var notInteger = errorReply("ERR value is not an integer or out of range")

// parseInt parses a signed 64-bit decimal integer as Redis's string2ll
// does: no leading '+', no leading zeros, no spaces, "-0" refused.
func parseInt(s string) (int64, bool) {
	if s == "" || len(s) > 20 {
		return 0, false
	}
	if s == "0" {
		return 0, true
	}
	digits := s
	if s[0] == '-' {
		digits = s[1:]
	}
	if digits == "" || digits[0] < '1' || digits[0] > '9' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
