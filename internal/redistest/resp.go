package redistest

import (
	"fmt"
	"strings"
)

// Command is argv as a client sends it to Redis: a RESP array of bulk
// strings (the same in RESP2 and RESP3).
func Command(argv []string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(argv))
	for _, a := range argv {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return []byte(b.String())
}
