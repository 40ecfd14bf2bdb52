package goredis_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// groupsXGroupScenarios port the XGROUP tests of stream-cgroups.tcl and
// cover every XGROUP error.
func groupsXGroupScenarios() []scenario {
	return []scenario{
		{Name: "tcl XGROUP CREATE: creation and duplicate group name detection", Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "foo", "bar")
			gCreate(t, s, "mystream", "mygroup", "$")
			err := Rec(s, s.C.XGroupCreate(s.Ctx(), "mystream", "mygroup", "$")).Err()
			require.EqualError(t, err, "BUSYGROUP Consumer Group name already exists")
		}},
		{Name: "tcl XGROUP CREATE: with ENTRIESREAD parameter", Run: func(t *testing.T, s *side) {
			for _, id := range []string{"1-1", "1-2", "1-3", "1-4"} {
				gAdd(s, "mystream", id, "a", "1")
			}
			err := s.Do("XGROUP", "CREATE", "mystream", "mygroup", "$", "ENTRIESREAD", "-3").Err()
			require.EqualError(t, err, "ERR value for ENTRIESREAD must be positive or -1")
			require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "mystream", "mygroup1", "$", "ENTRIESREAD", "0").Val())
			require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "mystream", "mygroup2", "$", "ENTRIESREAD", "3").Val())
			require.Equal(t, "OK", s.Do("XGROUP", "CREATE", "mystream", "mygroup3", "$", "ENTRIESREAD", "-1").Val())
			groups, err := Rec(s, s.C.XInfoGroups(s.Ctx(), "mystream")).Result()
			require.NoError(t, err)
			require.Len(t, groups, 3)
			require.Equal(t, int64(0), groups[0].EntriesRead)
			require.Equal(t, int64(4), groups[0].Lag)
			require.Equal(t, int64(3), groups[1].EntriesRead)
			require.Equal(t, int64(1), groups[1].Lag)
			require.Nil(t, groupField(t, s, "mystream", "mygroup3", "entries-read"))
		}},
		{Name: "tcl XGROUP CREATE: automatic stream creation fails without MKSTREAM", Run: func(t *testing.T, s *side) {
			err := Rec(s, s.C.XGroupCreate(s.Ctx(), "mystream", "mygroup", "$")).Err()
			require.EqualError(t, err, "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.")
			require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "mystream")).Val())
		}},
		{Name: "tcl XGROUP CREATE: automatic stream creation works with MKSTREAM", Run: func(t *testing.T, s *side) {
			require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "mystream", "mygroup", "$")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XLen(s.Ctx(), "mystream")).Val())
			// An invalid ID is refused before MKSTREAM creates anything.
			err := s.Do("XGROUP", "CREATE", "other", "g", "foo", "MKSTREAM").Err()
			require.EqualError(t, err, "ERR Invalid stream ID specified as stream command argument")
			require.Equal(t, int64(0), Rec(s, s.C.Exists(s.Ctx(), "other")).Val())
		}},
		{Name: "XGROUP errors: options, arity, NOGROUP, missing key", Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "field", "value")
			gCreate(t, s, "mystream", "mygroup", "$")
			cases := []struct {
				args []interface{}
				want string
			}{
				{[]interface{}{"XGROUP", "CREATE", "mystream", "g2", "$", "FOO"}, "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP."},
				{[]interface{}{"XGROUP", "CREATE", "mystream", "g2", "$", "ENTRIESREAD"}, "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP."},
				{[]interface{}{"XGROUP", "CREATE", "mystream", "g2", "$", "ENTRIESREAD", "x"}, "ERR value is not an integer or out of range"},
				{[]interface{}{"XGROUP", "CREATE", "mystream", "g2", "-"}, "ERR Invalid stream ID specified as stream command argument"},
				{[]interface{}{"XGROUP", "CREATE", "mystream", "g2"}, "ERR wrong number of arguments for 'xgroup|create' command"},
				{[]interface{}{"XGROUP", "SETID", "mystream", "mygroup", "0", "FOO"}, "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP."},
				{[]interface{}{"XGROUP", "SETID", "mystream", "mygroup", "0", "MKSTREAM"}, "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP."},
				{[]interface{}{"XGROUP", "SETID", "mystream", "mygroup", "0", "ENTRIESREAD", "-2"}, "ERR value for ENTRIESREAD must be positive or -1"},
				{[]interface{}{"XGROUP", "SETID", "mystream", "nog", "0"}, "NOGROUP No such consumer group 'nog' for key name 'mystream'"},
				{[]interface{}{"XGROUP", "SETID", "mystream", "mygroup", "bad"}, "ERR Invalid stream ID specified as stream command argument"},
				{[]interface{}{"XGROUP", "SETID", "nokey", "mygroup", "0"}, "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."},
				{[]interface{}{"XGROUP", "CREATECONSUMER", "mystream", "nog", "c"}, "NOGROUP No such consumer group 'nog' for key name 'mystream'"},
				{[]interface{}{"XGROUP", "CREATECONSUMER", "nokey", "g", "c"}, "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."},
				{[]interface{}{"XGROUP", "DELCONSUMER", "mystream", "nog", "c"}, "NOGROUP No such consumer group 'nog' for key name 'mystream'"},
				{[]interface{}{"XGROUP", "DELCONSUMER", "mystream", "mygroup"}, "ERR wrong number of arguments for 'xgroup|delconsumer' command"},
				{[]interface{}{"XGROUP", "DESTROY", "nokey", "g"}, "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."},
				{[]interface{}{"XGROUP", "DESTROY", "mystream", "mygroup", "x"}, "ERR wrong number of arguments for 'xgroup|destroy' command"},
				{[]interface{}{"XGROUP", "FOO", "mystream", "g"}, "ERR unknown subcommand 'FOO'. Try XGROUP HELP."},
			}
			for _, c := range cases {
				require.EqualError(t, s.Do(c.args...).Err(), c.want, "%v", c.args)
			}
			require.Equal(t, int64(0), Rec(s, s.C.XGroupDestroy(s.Ctx(), "mystream", "nog")).Val())
			require.Equal(t, int64(1), Rec(s, s.C.XGroupDestroy(s.Ctx(), "mystream", "mygroup")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XGroupDestroy(s.Ctx(), "mystream", "mygroup")).Val())
		}},
		{Name: "XGROUP SETID moves last-delivered-id ($, -, explicit, ENTRIESREAD)", Run: func(t *testing.T, s *side) {
			gAddN(s, "s", 3)
			gCreate(t, s, "s", "g", "0")
			// Redis 7.0 creates a reader's consumer only when the read is
			// served (the spec: always): create it up front.
			Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "s", "g", "c"))
			require.Equal(t, "OK", Rec(s, s.C.XGroupSetID(s.Ctx(), "s", "g", "$")).Val())
			require.Nil(t, gRead(s, "g", "c", 0, "s", ">").Val())
			require.Equal(t, "OK", s.Do("XGROUP", "SETID", "s", "g", "1-0", "ENTRIESREAD", "1").Val())
			require.Equal(t, int64(1), groupField(t, s, "s", "g", "entries-read"))
			require.Equal(t, int64(2), groupField(t, s, "s", "g", "lag"))
			require.Equal(t, []string{"s:[2-0 3-0]"}, streamIDs(gRead(s, "g", "c", 0, "s", ">").Val()))
			require.Equal(t, int64(3), groupField(t, s, "s", "g", "entries-read"))
			require.Equal(t, "OK", Rec(s, s.C.XGroupSetID(s.Ctx(), "s", "g", "-")).Val())
			require.Equal(t, "0-0", groupField(t, s, "s", "g", "last-delivered-id"))
			require.Nil(t, groupField(t, s, "s", "g", "entries-read"))
		}},
		{Name: "tcl XGROUP CREATECONSUMER: create consumer if does not exist", Run: func(t *testing.T, s *side) {
			require.Equal(t, "OK", Rec(s, s.C.XGroupCreateMkStream(s.Ctx(), "mystream", "mygroup", "$")).Val())
			gAdd(s, "mystream", "1-0", "f", "v")
			require.Equal(t, int64(0), groupField(t, s, "mystream", "mygroup", "consumers"))
			gRead(s, "mygroup", "Alice", 1, "mystream", ">")
			require.Equal(t, int64(1), groupField(t, s, "mystream", "mygroup", "consumers"))
			require.Equal(t, []string{"Alice"}, consumerNames(t, s, "mystream", "mygroup"))
			require.Equal(t, int64(0), Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "mystream", "mygroup", "Alice")).Val())
			require.Equal(t, int64(1), Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "mystream", "mygroup", "Bob")).Val())
			require.Equal(t, int64(2), groupField(t, s, "mystream", "mygroup", "consumers"))
			require.Equal(t, []string{"Alice", "Bob"}, consumerNames(t, s, "mystream", "mygroup"))
		}},
		{Name: "tcl XGROUP CREATECONSUMER: group must exist", Run: func(t *testing.T, s *side) {
			gAdd(s, "mystream", "1-0", "f", "v")
			err := Rec(s, s.C.XGroupCreateConsumer(s.Ctx(), "mystream", "mygroup", "consumer")).Err()
			require.EqualError(t, err, "NOGROUP No such consumer group 'mygroup' for key name 'mystream'")
		}},
		{Name: "XGROUP DELCONSUMER returns the pending count and drops its PEL", Run: func(t *testing.T, s *side) {
			gAddN(s, "s", 3)
			gCreate(t, s, "s", "g", "0")
			gRead(s, "g", "Alice", 2, "s", ">")
			gRead(s, "g", "Bob", 1, "s", ">")
			require.Equal(t, int64(2), Rec(s, s.C.XGroupDelConsumer(s.Ctx(), "s", "g", "Alice")).Val())
			require.Equal(t, int64(0), Rec(s, s.C.XGroupDelConsumer(s.Ctx(), "s", "g", "Alice")).Val())
			require.Equal(t, []string{"3-0/Bob/1"}, pendingExt(t, s, "s", "g", "", 0))
			require.Equal(t, []string{"Bob"}, consumerNames(t, s, "s", "g"))
			require.Equal(t, int64(1), groupField(t, s, "s", "g", "pending"))
		}},
	}
}
