//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package xstream

import "time"

// wallMs returns the wall-clock time in unix milliseconds.
func wallMs() int64 { return time.Now().UnixMilli() }
