package xstream

import (
	"context"
	"errors"
	"testing"
)

// Reads of no stream fail at once, even when asked to block: there would be
// nothing to wake them.
func TestReadNoStreams(t *testing.T) {
	ctx := context.Background()
	if res, err := Read(ctx, []StreamRead[int](nil), ReadOptions{Block: true}); !errors.Is(err, ErrNoStreams) || res != nil {
		t.Errorf("Read(no streams) = %v, %v; want nil, ErrNoStreams", res, err)
	}
	if res, err := ReadGroup(ctx, "g", "c", []GroupRead[int](nil), ReadGroupOptions{Block: true}); !errors.Is(err, ErrNoStreams) || res != nil {
		t.Errorf("ReadGroup(no streams) = %v, %v; want nil, ErrNoStreams", res, err)
	}
}
