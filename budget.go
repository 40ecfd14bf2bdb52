package xstream

import "strconv"

// budget tracks a multi-stream read's MaxCount and MaxSize (Redis 8.10). The
// size is estimated as the RESP2 encoding of the reply. A nil *budget has no
// caps.
type budget struct {
	maxCount, maxSize int64
	total, bytes      int64
}

func newBudget(maxCount, maxSize int64) *budget {
	return &budget{maxCount: maxCount, maxSize: maxSize}
}

// spent reports whether the read must stop before the next stream.
func (b *budget) spent() bool {
	if b == nil {
		return false
	}
	return b.maxCount > 0 && b.total >= b.maxCount || b.maxSize > 0 && b.total > 0 && b.bytes >= b.maxSize
}

// perStream returns the effective COUNT of the next stream (0: no cap).
func (b *budget) perStream(count int) int {
	if b == nil || b.maxCount == 0 {
		return count
	}
	left := int(b.maxCount - b.total)
	if count == 0 || left < count {
		return left
	}
	return count
}

// header accounts for a stream's place in the reply: "*2\r\n" and its name.
func (b *budget) header(name string) {
	if b != nil {
		b.bytes += 4 + bulkLen(len(name))
	}
}

// allow reports whether one more entry may be emitted.
func (b *budget) allow() bool {
	return b == nil || b.maxSize == 0 || b.total == 0 || b.bytes < b.maxSize
}

// took accounts for an emitted entry with the given payload size.
func (b *budget) took(id ID, size int) {
	if b == nil {
		return
	}
	b.total++
	idLen := len(strconv.AppendUint(strconv.AppendUint(make([]byte, 0, 41), id.Ms, 10), id.Seq, 10)) + 1
	b.bytes += 4 + bulkLen(idLen) + int64(size)
}

// bulkLen is the length of a RESP bulk string of n bytes: "$<n>\r\n<data>\r\n".
func bulkLen(n int) int64 {
	return int64(1 + len(strconv.Itoa(n)) + 2 + n + 2)
}
