package redistest

import (
	"os"
	"strconv"
	"testing"
)

// PositiveEnv returns the positive integer in the environment variable
// name, or def when it is unset; anything else fails t.
func PositiveEnv(t testing.TB, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive integer", name, v)
	}
	return n
}

// SeedEnv reads a seed from the environment variable name: set is false
// when it is unset, random is true when it says "random", and otherwise
// seed is its integer value; anything else fails t.
func SeedEnv(t testing.TB, name string) (seed int64, random, set bool) {
	t.Helper()
	switch v := os.Getenv(name); v {
	case "":
		return 0, false, false
	case "random":
		return 0, true, true
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: want an integer or \"random\"", name, v)
		}
		return n, false, true
	}
}
