//go:build (linux && amd64) || darwin

package xstream

import (
	"syscall"
	"time"
)

// wallMs returns the wall-clock time in unix milliseconds, as Redis's
// mstime does: one gettimeofday, a vDSO call on linux/amd64 and libc's on
// darwin (time.Now reads the monotonic clock too, at twice the cost). On
// other platforms syscall.Gettimeofday is a real system call, slower than
// time.Now's vDSO read, so clock_other.go uses time.Now there.
func wallMs() int64 {
	var tv syscall.Timeval
	if syscall.Gettimeofday(&tv) != nil {
		return time.Now().UnixMilli()
	}
	return int64(tv.Sec)*1000 + int64(tv.Usec)/1000
}
