package goredis_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSmokeKeyspace(t *testing.T) {
	runConformance(t, []scenario{{
		Name: "ping-del-exists",
		Run: func(t *testing.T, s *side) {
			require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "k")).Val())
			Rec(s, s.C.Del(s.Ctx(), "k", "j"))
			s.Do("PING")
			s.Do("PING", "hello")
			s.Do("NOSUCH", "a", "b")
			s.Do("TYPE", "k")
		},
	}})
}
