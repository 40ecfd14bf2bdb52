package goredis

// blockState holds the readers blocked in XREAD / XREADGROUP.
type blockState struct{}

// serveBlockedLocked serves the readers blocked on the keys signalled by the
// command that just ran (s.ready), as Redis does after each command.
func (s *server) serveBlockedLocked() {}
