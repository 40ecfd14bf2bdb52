package xstream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseIDBasic(t *testing.T) {
	id, err := ParseID("5-3")
	require.NoError(t, err)
	require.Equal(t, ID{5, 3}, id)
}
