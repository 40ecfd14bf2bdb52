//go:build !((linux && amd64) || darwin)

package xstream

import "time"

// wallMs returns the wall-clock time in unix milliseconds.
func wallMs() int64 { return time.Now().UnixMilli() }
