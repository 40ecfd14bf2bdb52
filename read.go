package xstream

import (
	"context"
	"fmt"
	"time"
)

// ReadOptions are the options of [Read] (XREAD).
type ReadOptions struct {
	// Count caps the entries returned per stream; 0 means no cap. Negative
	// fails with ErrNegativeCount.
	Count int
	// MaxCount and MaxSize cap the whole reply, as in ReadGroupOptions.
	MaxCount, MaxSize int64
	// Block makes Read wait, until the context ends, when no stream has
	// entries to return.
	Block bool
}

// StreamRead names one stream of a [Read] and where to read from.
type StreamRead[V any] struct {
	Stream *Stream[V]
	// After is exclusive: entries with greater IDs are returned.
	After ID
	// AtEnd reads only entries added after the call started (Redis's "$");
	// After is then ignored.
	AtEnd bool
}

// StreamEntries is one stream's part of a [Read] reply.
type StreamEntries[V any] struct {
	Stream  *Stream[V]
	Entries []Entry[V]
}

// GroupRead names one stream of a [ReadGroup]: new entries (">") by default,
// or with History the consumer's pending entries after After.
type GroupRead[V any] struct {
	Stream  *Stream[V]
	History bool
	After   ID
}

// StreamMessages is one stream's part of a [ReadGroup] reply.
type StreamMessages[V any] struct {
	Stream   *Stream[V]
	Messages []Message[V]
}

// Read returns entries after the given IDs from one or more streams (XREAD),
// one StreamEntries per stream that had any, in argument order; nil when none
// had. With opts.Block it waits instead of returning nil, until an entry
// arrives in any of the streams or ctx ends (then it returns ctx.Err()). A
// stream may appear more than once; no stream at all fails with
// [ErrNoStreams]. O(log n + k) per stream for k entries.
func Read[V any](ctx context.Context, reads []StreamRead[V], opts ReadOptions) ([]StreamEntries[V], error) {
	if len(reads) == 0 {
		return nil, ErrNoStreams
	}
	if opts.Count < 0 {
		return nil, ErrNegativeCount
	}
	if err := validateCaps(opts.Count, opts.MaxCount, opts.MaxSize); err != nil {
		return nil, err
	}
	reads = append([]StreamRead[V](nil), reads...)
	var out []StreamEntries[V]
	b := capsBudget(opts.MaxCount, opts.MaxSize)
	for i := range reads {
		if b.spent() {
			break
		}
		s := reads[i].Stream
		s.lock()
		if reads[i].AtEnd { // resolve "$" once, before any blocking
			reads[i].After, reads[i].AtEnd = s.lastID, false
		}
		if es := s.readLocked(reads[i].After, opts.Count, b); len(es) > 0 {
			out = append(out, StreamEntries[V]{s, es})
		}
		s.unlock()
	}
	if len(out) > 0 || !opts.Block {
		return out, nil
	}
	return blockRead(ctx, reads, opts)
}

// readLocked returns the entries after `after`, at most count (0: all).
func (s *Stream[V]) readLocked(after ID, count int, b *budget) []Entry[V] {
	last, ok := s.log.last()
	if !ok || !after.Less(last) {
		return nil
	}
	limit := b.perStream(count)
	b.header(s.opts.Name)
	start, _ := after.Next()
	var out []Entry[V]
	s.log.ascend(start, func(id ID, v *V) bool {
		if limit > 0 && len(out) >= limit || !b.allow() {
			return false
		}
		out = append(out, Entry[V]{id, *v})
		b.took(id, s.sizeOf(v))
		return true
	})
	return out
}

func blockRead[V any](ctx context.Context, reads []StreamRead[V], opts ReadOptions) ([]StreamEntries[V], error) {
	var out []StreamEntries[V]
	ws := make([]waitable, len(reads))
	tries := make([]func() bool, len(reads))
	for i, r := range reads {
		ws[i] = r.Stream
		tries[i] = func() bool {
			es := r.Stream.readLocked(r.After, opts.Count, capsBudget(opts.MaxCount, opts.MaxSize))
			if len(es) == 0 {
				return false
			}
			out = []StreamEntries[V]{{r.Stream, es}}
			return true
		}
	}
	_, err := block(ctx, ws, tries, nil)
	return out, err
}

func capsBudget(maxCount, maxSize int64) *budget {
	if maxCount == 0 && maxSize == 0 {
		return nil
	}
	return newBudget(maxCount, maxSize)
}

// ReadEntries returns the entries after `after`, at most count (0: all),
// without blocking (XREAD on one stream); nil if there are none. O(log n + k).
func (s *Stream[V]) ReadEntries(after ID, count int) ([]Entry[V], error) {
	res, err := Read(context.Background(), []StreamRead[V]{{Stream: s, After: after}}, ReadOptions{Count: count})
	if len(res) == 0 {
		return nil, err
	}
	return res[0].Entries, err
}

// ReadEntriesBlock is ReadEntries that waits, when there is nothing after
// `after`, until an entry arrives or ctx ends (XREAD BLOCK). It returns
// ctx.Err() when ctx ends first.
func (s *Stream[V]) ReadEntriesBlock(ctx context.Context, after ID, count int) ([]Entry[V], error) {
	res, err := Read(ctx, []StreamRead[V]{{Stream: s, After: after}}, ReadOptions{Count: count, Block: true})
	if len(res) == 0 {
		return nil, err
	}
	return res[0].Entries, err
}

// ReadGroup delivers entries of one or more streams to a consumer of the
// group with the same name in each (XREADGROUP): new entries for a GroupRead
// without History, the consumer's pending entries after After for one with.
// The reply has one StreamMessages per stream served, in argument order;
// history reads are always served, reads of new entries when they deliver
// something. It is nil when nothing is served; with opts.Block it then waits
// until something is, or ctx ends. Every stream's group is checked before
// anything changes ([ErrNoGroup], wrapped with the stream's name). Blocked
// readers are served first come, first served, and every new entry goes to
// exactly one of them; a reader whose ctx ends returns ctx.Err() and leaves
// nothing pending that it did not return. As in Redis, Claim applies to the
// streams before the first history read only.
func ReadGroup[V any](ctx context.Context, group, consumer string, reads []GroupRead[V], opts ReadGroupOptions) ([]StreamMessages[V], error) {
	if len(reads) == 0 {
		return nil, ErrNoStreams
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	for _, r := range reads {
		if !r.Stream.hasGroup(group) {
			return nil, noGroupErr(r.Stream, group)
		}
	}
	b := capsBudget(opts.MaxCount, opts.MaxSize)
	var out []StreamMessages[V]
	claim := opts.Claim
	for _, r := range reads {
		if b.spent() {
			break
		}
		claim = claim && !r.History
		msgs, served, err := r.Stream.readGroupOnce(group, consumer, r, &opts, claim, b)
		if err != nil {
			return out, err
		}
		if served {
			out = append(out, StreamMessages[V]{r.Stream, msgs})
		}
	}
	if len(out) > 0 || !opts.Block {
		return out, nil
	}
	return blockReadGroup(ctx, group, consumer, reads, opts)
}

func noGroupErr[V any](s *Stream[V], group string) error {
	return fmt.Errorf("xstream: stream %q group %q: %w", s.Name(), group, ErrNoGroup)
}

func (s *Stream[V]) hasGroup(name string) bool {
	s.lock()
	defer s.unlock()
	_, ok := s.groups[name]
	return ok
}

func (s *Stream[V]) readGroupOnce(group, consumer string, r GroupRead[V], o *ReadGroupOptions, claim bool, b *budget) ([]Message[V], bool, error) {
	s.lock()
	defer s.unlock()
	msgs, served, err := s.readGroupLocked(group, consumer, r, o, claim, b)
	if err != nil {
		return nil, false, noGroupErrLocked(s, group)
	}
	return msgs, served, nil
}

func noGroupErrLocked[V any](s *Stream[V], group string) error {
	return fmt.Errorf("xstream: stream %q group %q: %w", s.opts.Name, group, ErrNoGroup)
}

// blockReadGroup waits for a group read; only reads of new entries can be
// waiting here, since history reads are always served.
func blockReadGroup[V any](ctx context.Context, group, consumer string, reads []GroupRead[V], opts ReadGroupOptions) ([]StreamMessages[V], error) {
	for {
		var out []StreamMessages[V]
		var failed error
		ws := make([]waitable, len(reads))
		tries := make([]func() bool, len(reads))
		for i, r := range reads {
			ws[i] = r.Stream
			tries[i] = func() bool {
				b := capsBudget(opts.MaxCount, opts.MaxSize)
				msgs, served, err := r.Stream.readGroupLocked(group, consumer, r, &opts, opts.Claim, b)
				switch {
				case err != nil:
					failed = noGroupErrLocked(r.Stream, group)
				case served:
					out = []StreamMessages[V]{{r.Stream, msgs}}
				default:
					return false
				}
				return true
			}
		}
		var wake <-chan time.Time
		var timer *time.Timer
		if opts.Claim {
			timer = time.NewTimer(claimWake(reads, group, opts.MinIdle))
			wake = timer.C
		}
		served, err := block(ctx, ws, tries, wake)
		if timer != nil {
			timer.Stop()
		}
		if err != nil {
			return nil, err
		}
		if served {
			return out, failed
		}
		// The claim timer fired: re-execute the read, as Redis does.
		res, err := ReadGroup(ctx, group, consumer, reads, withoutBlock(opts))
		if err != nil || len(res) > 0 {
			return res, err
		}
	}
}

// claimWake returns how long until a pending entry of one of the streams may
// become claimable: the oldest delivery time of a pending entry still in its
// stream plus minIdle (a released one's delivery time is 0), or minIdle
// from now when there is none.
func claimWake[V any](reads []GroupRead[V], group string, minIdle time.Duration) time.Duration {
	wait := minIdle
	for _, r := range reads {
		if d, ok := r.Stream.untilClaimable(group, minIdle); ok && d < wait {
			wait = d
		}
	}
	return max(wait, time.Millisecond)
}

// UntilClaimable returns how long until a pending entry of the group whose
// stream entry still exists will have been idle minIdle (zero or negative:
// one already has), as a blocked claiming read (XREADGROUP … CLAIM) needs to
// know when to wake; false when the group does not exist or has no such
// entry. Released (NACKed) entries count as delivered at the epoch.
// O((1 + d) log n) for d pending entries, oldest first, whose stream entries
// are gone, and n entries in the stream.
func (g *Group[V]) UntilClaimable(minIdle time.Duration) (time.Duration, bool) {
	return g.s.untilClaimable(g.name, minIdle)
}

func (s *Stream[V]) untilClaimable(group string, minIdle time.Duration) (time.Duration, bool) {
	s.lock()
	defer s.unlock()
	g, ok := s.groups[group]
	if !ok {
		return 0, false
	}
	// Entries deleted from the stream are never claimed: counting their age
	// would make the wait 0 forever.
	p := s.oldestLivePendingLocked(g)
	if p == nil {
		return 0, false
	}
	return time.Duration(p.deliveryTime+minIdle.Milliseconds()-s.nowMs()) * time.Millisecond, true
}
