package goredis

import (
	"time"

	"github.com/redis/go-redis/v9"
)

// readXInfoConsumers reads XINFO CONSUMERS: one map per consumer; fields
// go-redis does not know are skipped.
func readXInfoConsumers(rd *respReader, cmd *redis.XInfoConsumersCmd) error {
	_, err := readArray(rd, cmd.SetVal, func(c *redis.XInfoConsumer) error {
		return rd.readMapFields(func(key string) (err error) {
			var ms int64
			switch key {
			case "name":
				c.Name, err = rd.readString()
			case "pending":
				c.Pending, err = rd.readInt()
			case "idle":
				ms, err = rd.readInt()
				c.Idle = time.Duration(ms) * time.Millisecond
			case "inactive":
				ms, err = rd.readInt()
				c.Inactive = time.Duration(ms) * time.Millisecond
			default:
				err = rd.discardNext()
			}
			return err
		})
	})
	return err
}

// readXInfoGroups reads XINFO GROUPS: one map per group. A null
// entries-read is 0 and a null lag is -1, as in go-redis.
func readXInfoGroups(rd *respReader, cmd *redis.XInfoGroupsCmd) error {
	_, err := readArray(rd, cmd.SetVal, func(g *redis.XInfoGroup) error {
		return rd.readMapFields(func(key string) (err error) {
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
			return err
		})
	})
	return err
}

// streamInfoFields points at the fields of go-redis's XInfoStream or
// XInfoStreamFull that XINFO STREAM and its FULL form reply alike: integers
// and strings by reply key.
type streamInfoFields struct {
	ints map[string]*int64
	strs map[string]*string
}

// read reads the value of key into its field if it is one of f's, and
// reports whether it was.
func (f streamInfoFields) read(rd *respReader, key string) (ok bool, err error) {
	if p := f.ints[key]; p != nil {
		*p, err = rd.readInt()
		return true, err
	}
	if p := f.strs[key]; p != nil {
		*p, err = rd.readString()
		return true, err
	}
	return false, nil
}

// sharedStreamInfoFields are the fields both forms of XINFO STREAM reply
// alike, given go-redis's fields of the same names (in XInfoStream or
// XInfoStreamFull).
func sharedStreamInfoFields(length, radixKeys, radixNodes, entriesAdded *int64,
	lastGenerated, maxDeleted, recordedFirst *string,
	idmpDuration, idmpMaxSize, pids, iidsTracked, iidsAdded, iidsDup *int64) streamInfoFields {
	return streamInfoFields{
		ints: map[string]*int64{
			"length":           length,
			"radix-tree-keys":  radixKeys,
			"radix-tree-nodes": radixNodes,
			"entries-added":    entriesAdded,
			"idmp-duration":    idmpDuration,
			"idmp-maxsize":     idmpMaxSize,
			"pids-tracked":     pids,
			"iids-tracked":     iidsTracked,
			"iids-added":       iidsAdded,
			"iids-duplicates":  iidsDup,
		},
		strs: map[string]*string{
			"last-generated-id":       lastGenerated,
			"max-deleted-entry-id":    maxDeleted,
			"recorded-first-entry-id": recordedFirst,
		},
	}
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
	shared := sharedStreamInfoFields(&v.Length, &v.RadixTreeKeys, &v.RadixTreeNodes, &v.EntriesAdded,
		&v.LastGeneratedID, &v.MaxDeletedEntryID, &v.RecordedFirstEntryID,
		&v.IDMPDuration, &v.IDMPMaxSize, &v.PIDsTracked, &v.IIDsTracked, &v.IIDsAdded, &v.IIDsDuplicates)
	return rd.readFields(n, func(key string) (err error) {
		switch key {
		case "groups":
			v.Groups, err = rd.readInt()
		case "first-entry":
			if v.FirstEntry, err = readXMessage(rd); err == redis.Nil {
				err = nil
			}
		case "last-entry":
			if v.LastEntry, err = readXMessage(rd); err == redis.Nil {
				err = nil
			}
		default:
			var ok bool
			if ok, err = shared.read(rd, key); !ok {
				err = rd.discardNext()
			}
		}
		return err
	})
}

// readXInfoStreamFull reads XINFO STREAM … FULL.
func readXInfoStreamFull(rd *respReader, cmd *redis.XInfoStreamFullCmd) error {
	n, err := rd.readMapLen()
	if err != nil {
		return err
	}
	v := &redis.XInfoStreamFull{}
	cmd.SetVal(v)
	shared := sharedStreamInfoFields(&v.Length, &v.RadixTreeKeys, &v.RadixTreeNodes, &v.EntriesAdded,
		&v.LastGeneratedID, &v.MaxDeletedEntryID, &v.RecordedFirstEntryID,
		&v.IDMPDuration, &v.IDMPMaxSize, &v.PIDsTracked, &v.IIDsTracked, &v.IIDsAdded, &v.IIDsDuplicates)
	return rd.readFields(n, func(key string) (err error) {
		switch key {
		case "entries":
			v.Entries, err = readXMessageSlice(rd)
		case "groups":
			v.Groups, err = readStreamGroups(rd)
		default:
			var ok bool
			if ok, err = shared.read(rd, key); !ok {
				err = rd.discardNext()
			}
		}
		return err
	})
}

// readStreamGroups reads FULL's groups. Null entries-read and lag are 0
// here (unlike XINFO GROUPS, where a null lag is -1).
func readStreamGroups(rd *respReader) ([]redis.XInfoStreamGroup, error) {
	return readArray(rd, nil, func(g *redis.XInfoStreamGroup) error {
		return rd.readMapFields(func(key string) (err error) {
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
			return err
		})
	})
}

// readGroupPending reads a FULL group's PEL: [id, consumer, delivery ms,
// count] per entry.
func readGroupPending(rd *respReader) ([]redis.XInfoStreamGroupPending, error) {
	return readArray(rd, nil, func(p *redis.XInfoStreamGroupPending) (err error) {
		if err := rd.readFixedArrayLen(4); err != nil {
			return err
		}
		if p.ID, err = rd.readString(); err != nil {
			return err
		}
		if p.Consumer, err = rd.readString(); err != nil {
			return err
		}
		ms, err := rd.readInt()
		if err != nil {
			return err
		}
		p.DeliveryTime = time.UnixMilli(ms)
		p.DeliveryCount, err = rd.readInt()
		return err
	})
}

// readStreamConsumers reads a FULL group's consumers.
func readStreamConsumers(rd *respReader) ([]redis.XInfoStreamConsumer, error) {
	return readArray(rd, nil, func(c *redis.XInfoStreamConsumer) error {
		return rd.readMapFields(func(key string) (err error) {
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
			return err
		})
	})
}

// readConsumerPending reads a FULL consumer's PEL: [id, delivery ms, count]
// per entry.
func readConsumerPending(rd *respReader) ([]redis.XInfoStreamConsumerPending, error) {
	return readArray(rd, nil, func(p *redis.XInfoStreamConsumerPending) (err error) {
		if err := rd.readFixedArrayLen(3); err != nil {
			return err
		}
		if p.ID, err = rd.readString(); err != nil {
			return err
		}
		ms, err := rd.readInt()
		if err != nil {
			return err
		}
		p.DeliveryTime = time.UnixMilli(ms)
		p.DeliveryCount, err = rd.readInt()
		return err
	})
}
