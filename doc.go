// Package xstream implements Redis Streams with consumer groups as an
// in-process Go library: no server, no network, Redis's semantics.
//
// There are only a few types. A [Stream] is an append-only log of entries,
// each an [ID] and a typed payload V. A [Group] is a consumer group of a
// stream: it delivers each entry once to one of its consumers and keeps what
// was delivered but not yet acknowledged in a pending-entries list (PEL). A
// [Consumer] is a named reader in a group, through which entries are read,
// claimed and auto-claimed.
//
// # Basics
//
//	s := xstream.New(xstream.Options[Job]{})
//	id, _ := s.Add(Job{...})                                  // XADD s * ...
//	g, _ := s.CreateGroup("workers", xstream.MinID, xstream.GroupOptions{}) // XGROUP CREATE s workers 0
//	msgs, _ := g.Consumer("alice").Read(xstream.ReadGroupOptions{Count: 10}) // XREADGROUP ... >
//	g.Ack(msgs[0].ID)                                         // XACK
//	res, _ := g.Consumer("bob").AutoClaim(time.Minute, xstream.MinID, xstream.AutoClaimOptions{})
//
// Every method mirrors one Redis command, named in its doc comment, with the
// same results, the same edge cases (deleted entries in the PEL, delivery
// counts, entries-read and lag, trimming by node) and the Redis 8.2–8.10
// additions: reference-aware deletes and trims (KEEPREF / DELREF / ACKED,
// [Stream.DeleteEx], [Group.AckDelete]), claiming reads
// (ReadGroupOptions.Claim), idempotent adds (AddOptions.Producer,
// [Stream.ConfigureIdempotency], [Stream.RecordIdempotent]), [Group.Nack],
// and MaxCount / MaxSize on multi-stream reads.
//
// # Concurrency
//
// A Stream and its Group and Consumer handles are safe for concurrent use by
// multiple goroutines. One mutex per stream guards everything in it, so every
// method is atomic, as a Redis command is; it is held briefly and never while
// calling user code. Blocking reads ([Consumer.ReadBlock], [ReadGroup] and
// [Read] with Block) take a context.Context, wait on any number of streams
// without polling, are served in the order they blocked, get each new entry
// of a group exactly once, and return promptly when the context ends without
// leaving undelivered entries pending. The package starts no goroutines.
//
// # Time
//
// Automatic IDs, delivery and idle times, and consumer seen/active times come
// from Options.Clock. [ManualClock] lets tests move time forward instead of
// sleeping: idle-time logic (Claim, AutoClaim, PendingFilter.MinIdle) is then
// exact and instant.
//
// # Errors
//
// Errors are sentinel [*Error] values to compare with [errors.Is]; each one
// also carries the exact Redis reply text ([Error.Redis]). Bad input returns
// an error and changes nothing.
//
// # Differences from Redis
//
//   - There is no keyspace: a Stream is a Go value. Where Redis replies 0 or
//     an array of -1 for a missing key or group (XACK, XACKDEL), the Group
//     methods return [ErrNoGroup].
//   - Arguments are checked: a negative count, min-idle time or retry count
//     is an error ([ErrNegativeCount], [ErrNegativeMinIdle],
//     [ErrNegativeRetryCount]) where Redis treats it as 0 or as not given,
//     and a count of 0 means "no limit" for [Stream.Range] (Redis's XRANGE
//     COUNT 0 returns nothing). ClaimOptions with both Time and Idle use
//     Time (Redis uses whichever option came last).
//   - [Stream.SetLastID] also refuses an ID below a deleted entry that still
//     sits after the last live one in its node (left by an Acked trim, or by a
//     delete when MaxDeletedID has since set the max-deleted ID below it),
//     which Redis accepts and then appends out of order.
//   - Nodes are limited by entry count only (stream-node-max-entries, 100 by
//     default); stream-node-max-bytes is not modelled, so approximate trims of
//     streams with large payloads keep more entries than Redis would.
//   - DelRef trims also clean the pending references of entries deleted
//     earlier (Redis up to 8.10 leaves them: open PR #15581).
//   - Idempotent IDs expire lazily when a producer is next used or the stream
//     described, instead of in a once-a-second sweep; AddOptions with
//     AutoIdempotentID hash the payload with Options.Fingerprint rather than
//     XXH3-128 over field/value pairs.
//   - MaxSize estimates the reply's RESP2 size using Options.Size for
//     payloads.
//   - A blocked claiming read wakes for entries becoming idle on the real
//     clock, even when Options.Clock is a ManualClock.
//   - A group holds at most 2^32-2 pending entries (its records are
//     addressed by 32-bit references); one more panics.
package xstream
