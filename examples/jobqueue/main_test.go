package main

import "testing"

// TestJobQueue runs the example end to end, so `go test ./...` keeps it
// working: main exits non-zero unless every job was acked exactly once or
// dead-lettered, and nothing is left pending.
func TestJobQueue(t *testing.T) {
	main()
}
