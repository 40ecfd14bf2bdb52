//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package xstream

import (
	"syscall"
	"time"
)

// wallMs returns the wall-clock time in unix milliseconds, as Redis's
// mstime does: one gettimeofday (a vDSO call on Linux, about half the cost
// of time.Now, which reads the monotonic clock too).
func wallMs() int64 {
	var tv syscall.Timeval
	if syscall.Gettimeofday(&tv) != nil {
		return time.Now().UnixMilli()
	}
	return int64(tv.Sec)*1000 + int64(tv.Usec)/1000
}
