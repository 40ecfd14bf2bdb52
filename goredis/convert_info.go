package goredis

import (
	"time"

	"github.com/redis/go-redis/v9"
)

// readXInfoConsumers reads XINFO CONSUMERS: one map per consumer; fields
// go-redis does not know are skipped.
func readXInfoConsumers(rd *respReader, cmd *redis.XInfoConsumersCmd) error {
	n, err := rd.readArrayLen()
	if err != nil {
		return err
	}
	val := make([]redis.XInfoConsumer, n)
	cmd.SetVal(val)
	for i := range val {
		nn, err := rd.readMapLen()
		if err != nil {
			return err
		}
		for f := 0; f < nn; f++ {
			key, err := rd.readString()
			if err != nil {
				return err
			}
			var ms int64
			switch key {
			case "name":
				val[i].Name, err = rd.readString()
			case "pending":
				val[i].Pending, err = rd.readInt()
			case "idle":
				ms, err = rd.readInt()
				val[i].Idle = time.Duration(ms) * time.Millisecond
			case "inactive":
				ms, err = rd.readInt()
				val[i].Inactive = time.Duration(ms) * time.Millisecond
			default:
				err = rd.discardNext()
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// readXInfoGroups reads XINFO GROUPS: one map per group. A null
// entries-read is 0 and a null lag is -1, as in go-redis.
func readXInfoGroups(rd *respReader, cmd *redis.XInfoGroupsCmd) error {
	n, err := rd.readArrayLen()
	if err != nil {
		return err
	}
	val := make([]redis.XInfoGroup, n)
	cmd.SetVal(val)
	for i := range val {
		g := &val[i]
		nn, err := rd.readMapLen()
		if err != nil {
			return err
		}
		for j := 0; j < nn; j++ {
			key, err := rd.readString()
			if err != nil {
				return err
			}
			switch key {
			case "name":
				g.Name, err = rd.readString()
			case "consumers":
				g.Consumers, err = rd.readInt()
			case "pending":
				g.Pending, err = rd.readInt()
			case "last-delivered-id":
				g.LastDeliveredID, err = rd.readString()
			case "entries-read":
				if g.EntriesRead, err = rd.readInt(); err == redis.Nil {
					err = nil
				}
			case "lag":
				if g.Lag, err = rd.readInt(); err == redis.Nil {
					g.Lag, err = -1, nil
				}
			default:
				err = rd.discardNext()
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// readXInfoStream reads XINFO STREAM: a map of fields; a null first or last
// entry (empty stream) is a zero XMessage.
func readXInfoStream(rd *respReader, cmd *redis.XInfoStreamCmd) error {
	n, err := rd.readMapLen()
	if err != nil {
		return err
	}
	v := &redis.XInfoStream{}
	cmd.SetVal(v)
	for i := 0; i < n; i++ {
		key, err := rd.readString()
		if err != nil {
			return err
		}
		switch key {
		case "length":
			v.Length, err = rd.readInt()
		case "radix-tree-keys":
			v.RadixTreeKeys, err = rd.readInt()
		case "radix-tree-nodes":
			v.RadixTreeNodes, err = rd.readInt()
		case "groups":
			v.Groups, err = rd.readInt()
		case "last-generated-id":
			v.LastGeneratedID, err = rd.readString()
		case "max-deleted-entry-id":
			v.MaxDeletedEntryID, err = rd.readString()
		case "entries-added":
			v.EntriesAdded, err = rd.readInt()
		case "first-entry":
			if v.FirstEntry, err = readXMessage(rd); err == redis.Nil {
				err = nil
			}
		case "last-entry":
			if v.LastEntry, err = readXMessage(rd); err == redis.Nil {
				err = nil
			}
		case "recorded-first-entry-id":
			v.RecordedFirstEntryID, err = rd.readString()
		default:
			var p *int64
			if p = idmpField(key, &v.IDMPDuration, &v.IDMPMaxSize, &v.PIDsTracked, &v.IIDsTracked, &v.IIDsAdded, &v.IIDsDuplicates); p != nil {
				*p, err = rd.readInt()
			} else {
				err = rd.discardNext()
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// idmpField returns the field of the IDMP counters that key names (the
// same six in XINFO STREAM and its FULL form), or nil.
func idmpField(key string, duration, maxSize, pids, iidsTracked, iidsAdded, iidsDup *int64) *int64 {
	switch key {
	case "idmp-duration":
		return duration
	case "idmp-maxsize":
		return maxSize
	case "pids-tracked":
		return pids
	case "iids-tracked":
		return iidsTracked
	case "iids-added":
		return iidsAdded
	case "iids-duplicates":
		return iidsDup
	}
	return nil
}

// readXInfoStreamFull reads XINFO STREAM … FULL.
func readXInfoStreamFull(rd *respReader, cmd *redis.XInfoStreamFullCmd) error {
	n, err := rd.readMapLen()
	if err != nil {
		return err
	}
	v := &redis.XInfoStreamFull{}
	cmd.SetVal(v)
	for i := 0; i < n; i++ {
		key, err := rd.readString()
		if err != nil {
			return err
		}
		switch key {
		case "length":
			v.Length, err = rd.readInt()
		case "radix-tree-keys":
			v.RadixTreeKeys, err = rd.readInt()
		case "radix-tree-nodes":
			v.RadixTreeNodes, err = rd.readInt()
		case "last-generated-id":
			v.LastGeneratedID, err = rd.readString()
		case "entries-added":
			v.EntriesAdded, err = rd.readInt()
		case "entries":
			v.Entries, err = readXMessageSlice(rd)
		case "groups":
			v.Groups, err = readStreamGroups(rd)
		case "max-deleted-entry-id":
			v.MaxDeletedEntryID, err = rd.readString()
		case "recorded-first-entry-id":
			v.RecordedFirstEntryID, err = rd.readString()
		default:
			var p *int64
			if p = idmpField(key, &v.IDMPDuration, &v.IDMPMaxSize, &v.PIDsTracked, &v.IIDsTracked, &v.IIDsAdded, &v.IIDsDuplicates); p != nil {
				*p, err = rd.readInt()
			} else {
				err = rd.discardNext()
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readStreamGroups reads FULL's groups. Null entries-read and lag are 0
// here (unlike XINFO GROUPS, where a null lag is -1).
func readStreamGroups(rd *respReader) ([]redis.XInfoStreamGroup, error) {
	n, err := rd.readArrayLen()
	if err != nil {
		return nil, err
	}
	groups := make([]redis.XInfoStreamGroup, 0, n)
	for i := 0; i < n; i++ {
		nn, err := rd.readMapLen()
		if err != nil {
			return nil, err
		}
		var g redis.XInfoStreamGroup
		for j := 0; j < nn; j++ {
			key, err := rd.readString()
			if err != nil {
				return nil, err
			}
			switch key {
			case "name":
				g.Name, err = rd.readString()
			case "last-delivered-id":
				g.LastDeliveredID, err = rd.readString()
			case "entries-read":
				if g.EntriesRead, err = rd.readInt(); err == redis.Nil {
					err = nil
				}
			case "lag":
				if g.Lag, err = rd.readInt(); err == redis.Nil {
					err = nil
				}
			case "pel-count":
				g.PelCount, err = rd.readInt()
			case "nacked-count":
				g.NackedCount, err = rd.readUint()
			case "pending":
				g.Pending, err = readGroupPending(rd)
			case "consumers":
				g.Consumers, err = readStreamConsumers(rd)
			default:
				err = rd.discardNext()
			}
			if err != nil {
				return nil, err
			}
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// unixMillis is a millisecond Unix time as go-redis converts it.
func unixMillis(ms int64) time.Time {
	return time.Unix(ms/1000, ms%1000*int64(time.Millisecond))
}

// readGroupPending reads a FULL group's PEL: [id, consumer, delivery ms,
// count] per entry.
func readGroupPending(rd *respReader) ([]redis.XInfoStreamGroupPending, error) {
	n, err := rd.readArrayLen()
	if err != nil {
		return nil, err
	}
	out := make([]redis.XInfoStreamGroupPending, 0, n)
	for i := 0; i < n; i++ {
		if err := rd.readFixedArrayLen(4); err != nil {
			return nil, err
		}
		var p redis.XInfoStreamGroupPending
		if p.ID, err = rd.readString(); err != nil {
			return nil, err
		}
		if p.Consumer, err = rd.readString(); err != nil {
			return nil, err
		}
		ms, err := rd.readInt()
		if err != nil {
			return nil, err
		}
		p.DeliveryTime = unixMillis(ms)
		if p.DeliveryCount, err = rd.readInt(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// readStreamConsumers reads a FULL group's consumers.
func readStreamConsumers(rd *respReader) ([]redis.XInfoStreamConsumer, error) {
	n, err := rd.readArrayLen()
	if err != nil {
		return nil, err
	}
	out := make([]redis.XInfoStreamConsumer, 0, n)
	for i := 0; i < n; i++ {
		nn, err := rd.readMapLen()
		if err != nil {
			return nil, err
		}
		var c redis.XInfoStreamConsumer
		for f := 0; f < nn; f++ {
			key, err := rd.readString()
			if err != nil {
				return nil, err
			}
			var ms int64
			switch key {
			case "name":
				c.Name, err = rd.readString()
			case "seen-time":
				ms, err = rd.readInt()
				if err == nil {
					c.SeenTime = time.UnixMilli(ms)
				}
			case "active-time":
				ms, err = rd.readInt()
				if err == nil {
					c.ActiveTime = time.UnixMilli(ms)
				}
			case "pel-count":
				c.PelCount, err = rd.readInt()
			case "pending":
				c.Pending, err = readConsumerPending(rd)
			default:
				err = rd.discardNext()
			}
			if err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// readConsumerPending reads a FULL consumer's PEL: [id, delivery ms, count]
// per entry.
func readConsumerPending(rd *respReader) ([]redis.XInfoStreamConsumerPending, error) {
	n, err := rd.readArrayLen()
	if err != nil {
		return nil, err
	}
	out := make([]redis.XInfoStreamConsumerPending, 0, n)
	for i := 0; i < n; i++ {
		if err := rd.readFixedArrayLen(3); err != nil {
			return nil, err
		}
		var p redis.XInfoStreamConsumerPending
		if p.ID, err = rd.readString(); err != nil {
			return nil, err
		}
		ms, err := rd.readInt()
		if err != nil {
			return nil, err
		}
		p.DeliveryTime = unixMillis(ms)
		if p.DeliveryCount, err = rd.readInt(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
