package xstream

import "errors"

// Error is the type of every sentinel error in this package. Its Error method
// gives a Go-style message; [Error.Redis] gives the reply text Redis sends for
// the same condition, so a layer that speaks the Redis protocol can replay it
// byte for byte. Compare errors with [errors.Is], never by text.
type Error struct {
	msg   string
	redis string
	base  *Error // the sentinel this is a variant of; nil for sentinels
}

func newError(msg, redis string) *Error { return &Error{msg: "xstream: " + msg, redis: redis} }

// variant returns e with the Redis text another command uses for the same
// condition; errors.Is still matches e.
func (e *Error) variant(redis string) *Error { return &Error{msg: e.msg, redis: redis, base: e} }

// Is reports whether e is a variant of target: the same condition, replied
// with the text of another Redis command.
func (e *Error) Is(target error) bool { return e.base != nil && target == error(e.base) }

// Error returns the Go-style message, prefixed "xstream: ".
func (e *Error) Error() string { return e.msg }

// Redis returns the error text Redis replies with for this condition, such as
// "ERR Invalid stream ID specified as stream command argument". For
// [ErrNoGroup], whose Redis text names the key and group, it is a template
// filled in by [NoGroupText].
func (e *Error) Redis() string { return e.redis }

// RedisText returns the Redis reply text of the first [*Error] in err's chain,
// and false when there is none.
func RedisText(err error) (string, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.redis, true
	}
	return "", false
}

// NoGroupText returns the NOGROUP reply Redis gives for a missing key or group
// in XREADGROUP (inReadGroup), or in XACK-like commands (XPENDING, XCLAIM,
// XAUTOCLAIM, XNACK).
func NoGroupText(key, group string, inReadGroup bool) string {
	s := "NOGROUP No such key '" + key + "' or consumer group '" + group + "'"
	if inReadGroup {
		s += " in XREADGROUP with GROUP option"
	}
	return s
}

// Errors about IDs.
var (
	// ErrInvalidID is returned when an ID is malformed.
	ErrInvalidID = newError("invalid stream ID", "ERR Invalid stream ID specified as stream command argument")
	// ErrInvalidStartInterval is returned when an exclusive range start is MaxID.
	ErrInvalidStartInterval = newError("invalid start ID for the interval", "ERR invalid start ID for the interval")
	// ErrInvalidEndInterval is returned when an exclusive range end is 0-0.
	ErrInvalidEndInterval = newError("invalid end ID for the interval", "ERR invalid end ID for the interval")
)

// Errors returned when adding entries (XADD) or setting the last ID (XSETID).
var (
	// ErrIDTooSmall is returned when an explicit ID is not greater than the stream's last ID.
	ErrIDTooSmall = newError("ID is equal or smaller than the stream's last ID",
		"ERR The ID specified in XADD is equal or smaller than the target stream top item")
	// ErrIDZero is returned when an add names the ID 0-0 explicitly.
	ErrIDZero = newError("ID must be greater than 0-0", "ERR The ID specified in XADD must be greater than 0-0")
	// ErrStreamExhausted is returned when the stream's last ID is MaxID. (A
	// "<ms>-*" add that finds the sequence of ms used up fails with
	// ErrIDTooSmall, as in Redis.)
	ErrStreamExhausted = newError("stream has exhausted the last possible ID",
		"ERR The stream has exhausted the last possible ID, unable to add more items")
	// ErrSetIDTooSmall is returned when SetLastID names an ID below the last entry.
	ErrSetIDTooSmall = newError("ID is smaller than the last entry",
		"ERR The ID specified in XSETID is smaller than the target stream top item")
	// ErrSetIDBelowMaxDeleted is returned when SetLastID names an ID below the max deleted ID.
	ErrSetIDBelowMaxDeleted = newError("ID is smaller than the max deleted entry ID",
		"ERR The ID specified in XSETID is smaller than current max_deleted_entry_id")
	// ErrSetIDBelowGivenMaxDeleted is returned when SetLastID's MaxDeletedID exceeds the ID.
	ErrSetIDBelowGivenMaxDeleted = newError("ID is smaller than the given max deleted entry ID",
		"ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id")
	// ErrEntriesAddedTooSmall is returned when SetLastID's EntriesAdded is below the length.
	ErrEntriesAddedTooSmall = newError("entries added is smaller than the stream length",
		"ERR The entries_added specified in XSETID is smaller than the target stream length")
	// ErrEntriesAddedNegative is returned when SetLastID's EntriesAdded is negative.
	ErrEntriesAddedNegative = newError("entries added must be positive", "ERR entries_added must be positive")
)

// Errors about trimming options (XADD, XTRIM).
var (
	// ErrNoTrimStrategy is returned by Trim when neither MaxLen nor MinID is chosen.
	ErrNoTrimStrategy = newError("trim needs a strategy (MaxLen or MinID)",
		"ERR syntax error, XTRIM must be called with a trimming strategy")
	// ErrMaxLenNegative is returned when MaxLen is negative.
	ErrMaxLenNegative = newError("MaxLen must be >= 0", "ERR The MAXLEN argument must be >= 0.")
	// ErrLimitNegative is returned when Limit is negative (other than NoLimit).
	ErrLimitNegative = newError("Limit must be >= 0", "ERR The LIMIT argument must be >= 0.")
	// ErrLimitWithoutStrategy is returned when Limit is set without a trim
	// strategy.
	ErrLimitWithoutStrategy = newError("Limit needs a trim strategy",
		"ERR syntax error, LIMIT cannot be used without specifying a trimming strategy")
	// ErrLimitWithoutApprox is returned when Limit is set on an exact trim.
	ErrLimitWithoutApprox = newError("Limit needs approximate trimming",
		"ERR syntax error, LIMIT cannot be used without the special ~ option")
	// ErrInvalidRefMode is returned for a RefMode other than KeepRef, DelRef and Acked.
	ErrInvalidRefMode = newError("invalid reference mode", "ERR syntax error")
)

// Errors about idempotent production (XADD IDMP, XCFGSET, XIDMPRECORD).
var (
	// ErrIdempotencyNeedsAutoID is returned when an idempotent add names an ID.
	ErrIdempotencyNeedsAutoID = newError("idempotent adds need an automatic ID",
		"ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs")
	// ErrIdempotencyTwice is returned when an add sets both IdempotentID and AutoIdempotentID.
	ErrIdempotencyTwice = newError("IdempotentID and AutoIdempotentID are exclusive",
		"ERR syntax error, IDMP/IDMPAUTO specified multiple times")
	// ErrEmptyProducer is returned when an idempotent add or RecordIdempotent
	// has an empty producer ID. Its Redis text is IDMP's; the errors returned
	// for IDMPAUTO and XIDMPRECORD match it with errors.Is and carry their own.
	ErrEmptyProducer = newError("idempotent add needs a non-empty producer ID",
		"ERR syntax error, IDMP requires a non-empty producer ID")
	// ErrEmptyIdempotentID is returned when an idempotent add or
	// RecordIdempotent has an empty idempotent ID. Its Redis text is IDMP's;
	// the error returned for XIDMPRECORD matches it and carries its own.
	ErrEmptyIdempotentID = newError("idempotent add needs a non-empty idempotent ID",
		"ERR syntax error, IDMP requires a non-empty idempotent ID")
	// ErrNoFingerprint is returned by an automatic idempotent add (IDMPAUTO) on a
	// stream whose Options have no Fingerprint function.
	ErrNoFingerprint = newError("automatic idempotency needs Options.Fingerprint", "ERR Failed to create idempotency hash")
	// ErrIdempotencyDuration is returned when the duration is outside 1s..86400s.
	ErrIdempotencyDuration = newError("idempotency duration must be between 1 and 86400 seconds",
		"ERR IDMP-DURATION must be between 1 and 86400 seconds")
	// ErrIdempotencyMaxSize is returned when the max size is outside 1..10000.
	ErrIdempotencyMaxSize = newError("idempotency max size must be between 1 and 10000",
		"ERR IDMP-MAXSIZE must be between 1 and 10000 entries")
	// ErrNoIdempotencySetting is returned by ConfigureIdempotency with nothing to set.
	ErrNoIdempotencySetting = newError("no idempotency setting given", "ERR At least one parameter must be specified")
	// ErrNoSuchEntry is returned by RecordIdempotent when the entry does not exist.
	ErrNoSuchEntry = newError("no such entry in stream", "ERR No such message in stream")
	// ErrIdempotentIDConflict is returned by RecordIdempotent when the idempotent
	// ID is already recorded with another entry ID.
	ErrIdempotentIDConflict = newError("idempotent ID already recorded with a different entry ID",
		"ERR IID already exists for this producer with a different stream ID")
)

// Errors about consumer groups and reads.
var (
	// ErrNoGroup is returned when the named consumer group does not exist.
	ErrNoGroup = newError("no such consumer group", "NOGROUP No such consumer group")
	// ErrGroupExists is returned when creating a group whose name is taken.
	ErrGroupExists = newError("consumer group name already exists", "BUSYGROUP Consumer Group name already exists")
	// ErrEntriesReadInvalid is returned when EntriesRead is below -1.
	ErrEntriesReadInvalid = newError("entries read must be >= 0 or -1", "ERR value for ENTRIESREAD must be positive or -1")
	// ErrNoStreams is returned by Read and ReadGroup when given no stream.
	ErrNoStreams = newError("no stream to read", "ERR syntax error")
	// ErrNegativeCount is returned when a count argument is negative.
	ErrNegativeCount = newError("count must be >= 0", "ERR value is out of range, must be positive")
	// ErrAutoClaimCount is returned when AutoClaim's count is not in 1..2^59-1.
	ErrAutoClaimCount = newError("count must be > 0", "ERR COUNT must be > 0")
	// ErrNegativeMinIdle is returned when a min-idle time is negative.
	ErrNegativeMinIdle = newError("min-idle time must be >= 0", "ERR min-idle-time must be a positive integer")
	// ErrNegativeRetryCount is returned when a retry count is negative.
	ErrNegativeRetryCount = newError("retry count must be >= 0", "ERR Invalid RETRYCOUNT value, must be >= 0")
	// ErrMaxCount is returned when MaxCount is negative.
	ErrMaxCount = newError("MaxCount must be a positive integer", "ERR MAXCOUNT must be a positive integer")
	// ErrMaxSize is returned when MaxSize is negative.
	ErrMaxSize = newError("MaxSize must be a positive integer", "ERR MAXSIZE must be a positive integer")
	// ErrMaxCountBelowCount is returned when MaxCount is smaller than Count.
	ErrMaxCountBelowCount = newError("MaxCount must be >= Count", "ERR MAXCOUNT must be greater than or equal to COUNT")
	// ErrInvalidNackMode is returned for a NackMode other than Silent, Fail and Fatal.
	ErrInvalidNackMode = newError("nack mode must be Silent, Fail or Fatal", "ERR mode must be SILENT, FAIL, or FATAL")
)

// Variants of sentinels with the reply text of another command.
var (
	errEmptyAutoProducer = ErrEmptyProducer.variant("ERR syntax error, IDMPAUTO requires a non-empty producer ID")
	errRecordEmptyPID    = ErrEmptyProducer.variant("ERR producer ID must be non-empty")
	errRecordEmptyIID    = ErrEmptyIdempotentID.variant("ERR idempotent ID must be non-empty")
)
