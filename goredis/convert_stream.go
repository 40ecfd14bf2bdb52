package goredis

import (
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// setStreamReply parses the stream command types of go-redis, following
// each type's readReply in go-redis v9.23.0 (command.go) step by step.
func setStreamReply(rd *respReader, cmd redis.Cmder) error {
	switch cmd := cmd.(type) {
	case *redis.XMessageSliceCmd:
		v, err := readXMessageSlice(rd)
		cmd.SetVal(v)
		return err
	case *redis.XStreamSliceCmd:
		return readXStreamSlice(rd, cmd)
	case *redis.XPendingCmd:
		return readXPending(rd, cmd)
	case *redis.XPendingExtCmd:
		return readXPendingExt(rd, cmd)
	case *redis.XAutoClaimCmd:
		return readXAutoClaim(rd, cmd)
	case *redis.XAutoClaimWithDeletedCmd:
		return readXAutoClaimWithDeleted(rd, cmd)
	case *redis.XAutoClaimJustIDCmd:
		return readXAutoClaimJustID(rd, cmd)
	case *redis.XInfoGroupsCmd:
		return readXInfoGroups(rd, cmd)
	case *redis.XInfoConsumersCmd:
		return readXInfoConsumers(rd, cmd)
	case *redis.XInfoStreamCmd:
		return readXInfoStream(rd, cmd)
	case *redis.XInfoStreamFullCmd:
		return readXInfoStreamFull(rd, cmd)
	}
	return unsupportedReply(rd, cmd)
}

// readXMessageSlice reads an array of entries. A null entry ends the read
// with redis.Nil and no value, as in go-redis.
func readXMessageSlice(rd *respReader) ([]redis.XMessage, error) {
	return readArray(rd, nil, func(m *redis.XMessage) (err error) {
		*m, err = readXMessage(rd)
		return err
	})
}

// readXMessage reads [id, fields] or, for entries claimed by XREADGROUP
// CLAIM, [id, fields, ms-since-delivery, delivery-count]. Null fields (an
// entry deleted since delivery) give nil Values.
func readXMessage(rd *respReader) (redis.XMessage, error) {
	n, err := rd.readArrayLen()
	if err != nil {
		return redis.XMessage{}, err
	}
	if n != 2 && n != 4 {
		return redis.XMessage{}, fmt.Errorf("redis: got %d elements in the XMessage array, expected 2 or 4", n)
	}
	id, err := rd.readString()
	if err != nil {
		return redis.XMessage{}, err
	}
	values, err := readFieldMap(rd)
	if err != nil && err != redis.Nil {
		return redis.XMessage{}, err
	}
	msg := redis.XMessage{ID: id, Values: values}
	if n == 4 {
		if msg.MillisElapsedFromDelivery, err = rd.readInt(); err != nil {
			return redis.XMessage{}, err
		}
		if msg.DeliveredCount, err = rd.readInt(); err != nil {
			return redis.XMessage{}, err
		}
	}
	return msg, nil
}

// readFieldMap reads an entry's field/value pairs into a map of strings.
func readFieldMap(rd *respReader) (map[string]interface{}, error) {
	n, err := rd.readMapLen()
	if err != nil {
		return nil, err
	}
	m := make(map[string]interface{}, n)
	err = rd.readFields(n, func(k string) error {
		v, err := rd.readString()
		m[k] = v
		return err
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// readXStreamSlice reads XREAD/XREADGROUP's result: a map keyed by stream
// in RESP3, an array of [stream, entries] pairs in RESP2.
func readXStreamSlice(rd *respReader, cmd *redis.XStreamSliceCmd) error {
	typ, err := rd.peekType()
	if err != nil {
		return err
	}
	var n int
	if typ == '%' {
		n, err = rd.readMapLen()
	} else {
		n, err = rd.readArrayLen()
	}
	if err != nil {
		return err
	}
	val := make([]redis.XStream, n)
	cmd.SetVal(val)
	for i := range val {
		if typ != '%' {
			if err := rd.readFixedArrayLen(2); err != nil {
				return err
			}
		}
		if val[i].Stream, err = rd.readString(); err != nil {
			return err
		}
		if val[i].Messages, err = readXMessageSlice(rd); err != nil {
			return err
		}
	}
	return nil
}

// readXPending reads XPENDING's summary: count, lowest and highest IDs
// (null when nothing is pending) and [consumer, count] pairs (null too).
func readXPending(rd *respReader, cmd *redis.XPendingCmd) error {
	if err := rd.readFixedArrayLen(4); err != nil {
		return err
	}
	val := &redis.XPending{}
	cmd.SetVal(val)
	var err error
	if val.Count, err = rd.readInt(); err != nil {
		return err
	}
	if val.Lower, err = rd.readString(); err != nil && err != redis.Nil {
		return err
	}
	if val.Higher, err = rd.readString(); err != nil && err != redis.Nil {
		return err
	}
	n, err := rd.readArrayLen()
	if err != nil && err != redis.Nil {
		return err
	}
	val.Consumers = make(map[string]int64, n)
	for i := 0; i < n; i++ {
		if err := rd.readFixedArrayLen(2); err != nil {
			return err
		}
		name, err := rd.readString()
		if err != nil {
			return err
		}
		count, err := rd.readInt()
		if err != nil {
			return err
		}
		val.Consumers[name] = count
	}
	return nil
}

// readXPendingExt reads XPENDING's extended form: [id, consumer, idle ms,
// delivery count] per entry.
func readXPendingExt(rd *respReader, cmd *redis.XPendingExtCmd) error {
	_, err := readArray(rd, cmd.SetVal, func(p *redis.XPendingExt) (err error) {
		if err := rd.readFixedArrayLen(4); err != nil {
			return err
		}
		if p.ID, err = rd.readString(); err != nil {
			return err
		}
		if p.Consumer, err = rd.readString(); err != nil && err != redis.Nil {
			return err
		}
		idle, err := rd.readInt()
		if err != nil && err != redis.Nil {
			return err
		}
		p.Idle = time.Duration(idle) * time.Millisecond
		if p.RetryCount, err = rd.readInt(); err != nil && err != redis.Nil {
			return err
		}
		return nil
	})
	return err
}

// readAutoClaimHeader reads XAUTOCLAIM's array header (2 elements before
// Redis 7, 3 since) and its next-start ID.
func readAutoClaimHeader(rd *respReader, what string) (n int, start string, err error) {
	if n, err = rd.readArrayLen(); err != nil {
		return n, "", err
	}
	if n != 2 && n != 3 {
		return n, "", fmt.Errorf("redis: got %d elements in %s reply, wanted 2/3", n, what)
	}
	start, err = rd.readString()
	return n, start, err
}

// readXAutoClaim reads XAUTOCLAIM's [start, entries, deleted]: the deleted
// IDs are skipped.
func readXAutoClaim(rd *respReader, cmd *redis.XAutoClaimCmd) error {
	n, start, err := readAutoClaimHeader(rd, "XAutoClaim")
	if err != nil {
		return err
	}
	msgs, err := readXMessageSlice(rd)
	cmd.SetVal(msgs, start)
	if err != nil {
		return err
	}
	if n >= 3 {
		return rd.discardNext()
	}
	return nil
}

// readXAutoClaimWithDeleted reads XAUTOCLAIM's [start, entries, deleted],
// keeping the deleted IDs.
func readXAutoClaimWithDeleted(rd *respReader, cmd *redis.XAutoClaimWithDeletedCmd) error {
	n, start, err := readAutoClaimHeader(rd, "XAutoClaim")
	if err != nil {
		return err
	}
	msgs, err := readXMessageSlice(rd)
	cmd.SetVal(msgs, start, nil)
	if err != nil || n < 3 {
		return err
	}
	_, err = readArray(rd, func(deleted []string) { cmd.SetVal(msgs, start, deleted) }, readStringInto(rd))
	return err
}

// readStringInto returns an element reader of readArray for strings.
func readStringInto(rd *respReader) func(*string) error {
	return func(s *string) (err error) {
		*s, err = rd.readString()
		return err
	}
}

// readXAutoClaimJustID reads XAUTOCLAIM … JUSTID's [start, ids, deleted].
func readXAutoClaimJustID(rd *respReader, cmd *redis.XAutoClaimJustIDCmd) error {
	n, start, err := readAutoClaimHeader(rd, "XAutoClaimJustID")
	if err != nil {
		return err
	}
	cmd.SetVal(nil, start)
	_, err = readArray(rd, func(ids []string) { cmd.SetVal(ids, start) }, readStringInto(rd))
	if err != nil {
		return err
	}
	if n >= 3 {
		return rd.discardNext()
	}
	return nil
}
