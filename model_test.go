package xstream

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xstream-go/xstream/internal/redistest"
)

// This file is a model-based test (STYLE P19): random operation sequences
// run against a Stream and against mtModel, a deliberately naive reference
// written from the spec (slices, maps and linear scans, no B-trees, no
// linked lists), and every result, every error and the observable state are
// compared after each step, with s.check() run too.
//
// XSTREAM_SEED=<n> replays one seed (unset or "random": seeds from the
// clock); XSTREAM_STEPS=<n> sets the steps per seed and XSTREAM_SEEDS=<n> the
// number of seeds.

// ---------------------------------------------------------------------------
// The reference model.

// mtEnt is one physical entry of a node; dead marks a tombstone.
type mtEnt struct {
	id   ID
	v    int
	dead bool
}

// mtPend is one pending entry. owner is "" while released (NACKed). ord is
// the order of the entry's last placement in the time list.
type mtPend struct {
	id    ID
	owner string
	time  int64
	count int64
	ord   int64
}

type mtCons struct{ seen, active int64 }

type mtGroup struct {
	last ID
	read int64
	pel  map[ID]*mtPend
	cons map[string]*mtCons
	// beyond is set once SetID or a forced Claim or Nack may have left
	// pending IDs above last.
	beyond bool
}

type mtModel struct {
	nodes   [][]mtEnt
	nodeMax int
	last    ID
	maxDel  ID
	added   int64
	groups  map[string]*mtGroup
	now     int64 // unix ms
	ord     int64
	nextVal int
	ids     []ID // every ID ever added, for picking
}

func mtNewModel(nodeMax int, now int64) *mtModel {
	return &mtModel{nodeMax: nodeMax, groups: map[string]*mtGroup{}, now: now}
}

func mtLess(a, b ID) bool { return a.Ms < b.Ms || a.Ms == b.Ms && a.Seq < b.Seq }

func mtNext(a ID) (ID, bool) {
	if a.Seq != math.MaxUint64 {
		return ID{a.Ms, a.Seq + 1}, true
	}
	if a.Ms != math.MaxUint64 {
		return ID{a.Ms + 1, 0}, true
	}
	return ID{}, false
}

func mtAdd(n, d int64) int64 {
	if n > math.MaxInt64-d {
		return math.MaxInt64
	}
	return n + d
}

func mtMs(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// live returns the live entries in order.
func (m *mtModel) live() []mtEnt {
	var out []mtEnt
	for _, nd := range m.nodes {
		for _, e := range nd {
			if !e.dead {
				out = append(out, e)
			}
		}
	}
	return out
}

func (m *mtModel) length() int64 { return int64(len(m.live())) }

func (m *mtModel) first() ID {
	if l := m.live(); len(l) > 0 {
		return l[0].id
	}
	return ID{}
}

func (m *mtModel) lastLive() (ID, bool) {
	l := m.live()
	if len(l) == 0 {
		return ID{}, false
	}
	return l[len(l)-1].id, true
}

func (m *mtModel) get(id ID) (int, bool) {
	for _, e := range m.live() {
		if e.id == id {
			return e.v, true
		}
	}
	return 0, false
}

func mtNodeLive(nd []mtEnt) int {
	n := 0
	for _, e := range nd {
		if !e.dead {
			n++
		}
	}
	return n
}

// del turns the live entry id into a tombstone (XDEL), freeing its node if
// it was the node's last live entry.
func (m *mtModel) del(id ID) bool {
	for n, nd := range m.nodes {
		for i := range nd {
			if nd[i].id != id || nd[i].dead {
				continue
			}
			nd[i].dead = true
			if mtLess(m.maxDel, id) {
				m.maxDel = id
			}
			if mtNodeLive(nd) == 0 {
				m.nodes = slices.Delete(m.nodes, n, n+1)
			}
			return true
		}
	}
	return false
}

func (m *mtModel) group(name string) (*mtGroup, error) {
	g, ok := m.groups[name]
	if !ok {
		return nil, ErrNoGroup
	}
	return g, nil
}

func (m *mtModel) consumer(g *mtGroup, name string) *mtCons {
	c, ok := g.cons[name]
	if !ok {
		c = &mtCons{seen: m.now, active: -1}
		g.cons[name] = c
	}
	return c
}

func (m *mtModel) nextOrd() int64 { m.ord++; return m.ord }

// timeOrder is the order of XREADGROUP CLAIM: released entries by release
// order, then owned ones by delivery time, ties by placement order.
func (m *mtModel) timeOrder(g *mtGroup) []*mtPend {
	ps := slices.Collect(maps.Values(g.pel))
	slices.SortFunc(ps, func(a, b *mtPend) int {
		ka, kb := []int64{1, a.time, a.ord}, []int64{1, b.time, b.ord}
		if a.owner == "" {
			ka = []int64{0, 0, a.ord}
		}
		if b.owner == "" {
			kb = []int64{0, 0, b.ord}
		}
		return slices.Compare(ka, kb)
	})
	return ps
}

// pelIDs returns the group's pending IDs (of one owner, if owner is not
// empty) in ID order.
func (m *mtModel) pelIDs(g *mtGroup, owner string) []ID {
	var ids []ID
	for id, p := range g.pel {
		if owner == "" || p.owner == owner {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, ID.Compare)
	return ids
}

func (m *mtModel) deliver(p *mtPend, owner string, t int64) {
	p.owner, p.time, p.ord = owner, t, m.nextOrd()
}

// referenced is §10.2: some group has not read id yet, or holds it pending.
func (m *mtModel) referenced(id ID) bool {
	for _, g := range m.groups {
		if mtLess(g.last, id) {
			return true
		}
	}
	for _, g := range m.groups {
		if g.pel[id] != nil {
			return true
		}
	}
	return false
}

func (m *mtModel) dropRefs(id ID) {
	for _, g := range m.groups {
		delete(g.pel, id)
	}
}

// Entries-read and lag, §9.3 and §9.4.

func (m *mtModel) tombstonesFrom(start ID) bool {
	return m.length() > 0 && m.maxDel != (ID{}) && !mtLess(m.maxDel, start)
}

func (m *mtModel) estimate(id ID) int64 {
	length, first := m.length(), m.first()
	switch {
	case m.added == 0:
		return 0
	case length == 0 && !mtLess(m.last, id):
		return m.added
	case id != (ID{}) && mtLess(id, m.maxDel):
		return -1
	case id == m.last:
		return m.added
	case mtLess(m.last, id):
		return -1
	case m.maxDel == (ID{}) || mtLess(m.maxDel, first):
		if mtLess(id, first) {
			return m.added - length
		}
		if id == first {
			return m.added - length + 1
		}
	}
	return -1
}

func (m *mtModel) delivered(g *mtGroup, id ID) {
	if !mtLess(g.last, id) {
		return
	}
	if g.read != -1 && !mtLess(g.last, m.first()) && !m.tombstonesFrom(g.last) {
		g.read++
	} else if m.added != 0 {
		g.read = m.estimate(id)
	}
	g.last = id
}

func (m *mtModel) lag(g *mtGroup) (int64, bool) {
	length, first := m.length(), m.first()
	switch {
	case m.added == 0 || length == 0:
		return 0, true
	case mtLess(g.last, first) && mtLess(m.maxDel, first):
		return length, true
	case g.read != -1 && !m.tombstonesFrom(g.last):
		return m.added - g.read, true
	}
	if e := m.estimate(g.last); e != -1 {
		return m.added - e, true
	}
	return 0, false
}

// ---------------------------------------------------------------------------
// Model operations: each mirrors one method of the API.

func mtValidateTrim(o TrimOptions, needStrategy bool) error {
	switch {
	case o.Strategy > TrimMinID:
		return ErrNoTrimStrategy
	case o.Strategy == TrimMaxLen && o.MaxLen < 0:
		return ErrMaxLenNegative
	case o.Limit < NoLimit:
		return ErrLimitNegative
	case o.Ref > Acked:
		return ErrInvalidRefMode
	case o.Strategy == NoTrim && o.Limit > 0:
		return ErrLimitWithoutStrategy
	case o.Strategy == NoTrim && needStrategy:
		return ErrNoTrimStrategy
	case o.Limit != 0 && !o.Approx:
		return ErrLimitWithoutApprox
	}
	return nil
}

func (m *mtModel) add(spec IDSpec, trim TrimOptions) (ID, error) {
	if err := mtValidateTrim(trim, false); err != nil {
		return ID{}, err // Redis parses the options before it checks the ID
	}
	if spec.kind == idExplicit && spec.id == (ID{}) {
		return ID{}, ErrIDZero
	}
	if m.last == MaxID {
		return ID{}, ErrStreamExhausted
	}
	var id ID
	switch spec.kind {
	case idAuto:
		if m.now > 0 && uint64(m.now) > m.last.Ms {
			id = ID{uint64(m.now), 0}
		} else {
			id, _ = mtNext(m.last)
		}
	case idAutoSeq:
		switch {
		case spec.id.Ms != m.last.Ms:
			id = ID{spec.id.Ms, 0}
		case m.last.Seq == math.MaxUint64:
			return ID{}, ErrIDTooSmall
		default:
			id = ID{m.last.Ms, m.last.Seq + 1}
		}
	default:
		id = spec.id
	}
	if !mtLess(m.last, id) {
		return ID{}, ErrIDTooSmall
	}
	m.nextVal++
	e := mtEnt{id: id, v: m.nextVal}
	if k := len(m.nodes); k > 0 && len(m.nodes[k-1]) < m.nodeMax {
		m.nodes[k-1] = append(m.nodes[k-1], e)
	} else {
		m.nodes = append(m.nodes, []mtEnt{e})
	}
	m.last = id
	m.added++
	m.ids = append(m.ids, id)
	m.trim(trim)
	return id, nil
}

// trim is streamTrim (§4.5, with PR #14623 for "~" with DelRef/Acked); like
// the implementation (a documented choice), DelRef also drops references to
// entries that are already tombstones.
func (m *mtModel) trim(o TrimOptions) int64 {
	if o.Strategy == NoTrim {
		return 0
	}
	limit := o.Limit
	if limit == NoLimit || !o.Approx {
		limit = 0
	} else if limit == 0 {
		limit = min(100*int64(m.nodeMax), 1000000)
	}
	var deleted int64
	for n := 0; n < len(m.nodes); {
		nd := m.nodes[n]
		length := m.length()
		if o.Strategy == TrimMaxLen && length <= o.MaxLen {
			break
		}
		live := int64(mtNodeLive(nd))
		if limit != 0 && deleted+live > limit {
			break
		}
		eligible := mtLess(nd[len(nd)-1].id, o.MinID)
		if o.Strategy == TrimMaxLen {
			eligible = length-live >= o.MaxLen
		}
		if eligible && o.Ref == KeepRef {
			m.nodes = slices.Delete(m.nodes, n, n+1)
			deleted += live
			continue
		}
		if o.Approx && o.Ref == KeepRef {
			break
		}
		for i := range nd {
			if o.Strategy == TrimMaxLen && m.length() <= o.MaxLen ||
				o.Strategy == TrimMinID && !mtLess(nd[i].id, o.MinID) {
				break
			}
			if o.Ref == DelRef {
				m.dropRefs(nd[i].id)
			}
			if nd[i].dead || o.Ref == Acked && m.referenced(nd[i].id) {
				continue
			}
			nd[i].dead = true
			deleted++
		}
		if eligible && mtNodeLive(nd) == 0 {
			m.nodes = slices.Delete(m.nodes, n, n+1)
			continue
		}
		if !eligible {
			break
		}
		n++
	}
	return deleted
}

func (m *mtModel) trimCmd(o TrimOptions) (int64, error) {
	if err := mtValidateTrim(o, true); err != nil {
		return 0, err
	}
	return m.trim(o), nil
}

func (m *mtModel) deleteIDs(ids []ID) int {
	n := 0
	for _, id := range ids {
		if m.del(id) {
			n++
		}
	}
	return n
}

func (m *mtModel) deleteRef(mode RefMode, id ID) DeleteResult {
	switch mode {
	case Acked:
		if m.referenced(id) {
			return Referenced
		}
	case DelRef:
		m.dropRefs(id)
	}
	if m.del(id) {
		return Deleted
	}
	return NotFound
}

func (m *mtModel) deleteEx(mode RefMode, ids []ID) ([]DeleteResult, error) {
	if mode > Acked {
		return nil, ErrInvalidRefMode
	}
	out := []DeleteResult{}
	for _, id := range ids {
		out = append(out, m.deleteRef(mode, id))
	}
	return out, nil
}

func (m *mtModel) ackDelete(gname string, mode RefMode, ids []ID) ([]DeleteResult, error) {
	if mode > Acked {
		return nil, ErrInvalidRefMode
	}
	g, err := m.group(gname)
	if err != nil {
		return nil, err
	}
	out := []DeleteResult{}
	for _, id := range ids {
		switch {
		case g.pel[id] == nil:
			out = append(out, NotFound)
		case m.deleteRefAfterAck(g, mode, id) == Referenced:
			out = append(out, Referenced)
		default:
			out = append(out, Deleted)
		}
	}
	return out, nil
}

func (m *mtModel) deleteRefAfterAck(g *mtGroup, mode RefMode, id ID) DeleteResult {
	delete(g.pel, id)
	return m.deleteRef(mode, id)
}

func (m *mtModel) setLastID(id ID, o SetIDOptions) error {
	switch {
	case o.EntriesAdded != nil && *o.EntriesAdded < 0:
		return ErrEntriesAddedNegative
	case o.MaxDeletedID != nil && mtLess(id, *o.MaxDeletedID):
		return ErrSetIDBelowGivenMaxDeleted
	case mtLess(id, m.maxDel):
		return ErrSetIDBelowMaxDeleted
	}
	// Redis compares with the last live entry; the implementation (a
	// documented difference) with the last one physically present, which
	// differs only after an Acked trim, and keeps adds in ID order.
	if n := len(m.nodes); n > 0 && mtLess(id, m.nodes[n-1][len(m.nodes[n-1])-1].id) {
		return ErrSetIDTooSmall
	}
	if m.length() > 0 && o.EntriesAdded != nil && *o.EntriesAdded < m.length() {
		return ErrEntriesAddedTooSmall
	}
	m.last = id
	if o.EntriesAdded != nil {
		m.added = *o.EntriesAdded
	}
	if o.MaxDeletedID != nil && *o.MaxDeletedID != (ID{}) {
		m.maxDel = *o.MaxDeletedID
	}
	return nil
}

func (m *mtModel) setGroupID(g *mtGroup, id ID, o GroupOptions) {
	g.last = id
	if o.AtEnd {
		g.last = m.last
	}
	g.read = -1
	if o.EntriesRead != nil {
		g.read = min(*o.EntriesRead, m.added)
	}
}

func (m *mtModel) createGroup(name string, start ID, o GroupOptions) error {
	if o.EntriesRead != nil && *o.EntriesRead < -1 {
		return ErrEntriesReadInvalid
	}
	if m.groups[name] != nil {
		return ErrGroupExists
	}
	g := &mtGroup{pel: map[ID]*mtPend{}, cons: map[string]*mtCons{}}
	m.setGroupID(g, start, o)
	m.groups[name] = g
	return nil
}

func (m *mtModel) setID(name string, id ID, o GroupOptions) error {
	if o.EntriesRead != nil && *o.EntriesRead < -1 {
		return ErrEntriesReadInvalid
	}
	g, err := m.group(name)
	if err != nil {
		return err
	}
	m.setGroupID(g, id, o)
	g.beyond = true
	return nil
}

func (m *mtModel) createConsumer(gname, cname string) (bool, error) {
	g, err := m.group(gname)
	if err != nil {
		return false, err
	}
	if g.cons[cname] != nil {
		return false, nil
	}
	m.consumer(g, cname)
	return true, nil
}

func (m *mtModel) deleteConsumer(gname, cname string) (int, error) {
	g, err := m.group(gname)
	if err != nil || g.cons[cname] == nil {
		return 0, err
	}
	ids := m.pelIDs(g, cname)
	for _, id := range ids {
		delete(g.pel, id)
	}
	delete(g.cons, cname)
	return len(ids), nil
}

func (m *mtModel) ack(gname string, ids []ID) (int, error) {
	g, err := m.group(gname)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		if g.pel[id] != nil {
			delete(g.pel, id)
			n++
		}
	}
	return n, nil
}

// read is XREADGROUP ... > (§8.2 and, with Claim, redis8 §2.2). Released
// entries have delivery time 0, so their idle time is the clock's Unix ms.
func (m *mtModel) read(gname, cname string, o ReadGroupOptions) ([]Message[int], error) {
	switch {
	case o.Count < 0:
		return nil, ErrNegativeCount
	case o.MinIdle < 0:
		return nil, ErrNegativeMinIdle
	}
	g, err := m.group(gname)
	if err != nil {
		return nil, err
	}
	c := m.consumer(g, cname)
	c.seen = m.now
	last, ok := m.lastLive()
	hasNew := ok && mtLess(g.last, last)
	minIdle := o.MinIdle.Milliseconds()
	claimable := false
	for _, p := range m.timeOrder(g) {
		if _, ok := m.get(p.id); ok {
			claimable = m.now-p.time >= minIdle
			break
		}
	}
	if !hasNew && !(o.Claim && claimable) {
		return nil, nil
	}
	var msgs []Message[int]
	full := func() bool { return o.Count > 0 && len(msgs) >= o.Count }
	if o.Claim {
		for _, p := range m.timeOrder(g) {
			v, ok := m.get(p.id)
			if !ok {
				continue
			}
			idle := m.now - p.time
			if idle < minIdle || full() {
				break
			}
			msgs = append(msgs, Message[int]{ID: p.id, Value: v, Idle: mtMs(idle), Deliveries: p.count})
			m.deliver(p, cname, m.now)
			p.count = mtAdd(p.count, 1)
			c.active = m.now
		}
	}
	if !hasNew || full() {
		return msgs, nil
	}
	for _, e := range m.live() {
		if !mtLess(g.last, e.id) {
			continue
		}
		if full() {
			break
		}
		m.delivered(g, e.id)
		msgs = append(msgs, Message[int]{ID: e.id, Value: e.v})
		if o.NoAck {
			continue
		}
		c.active = m.now
		if p := g.pel[e.id]; p != nil {
			m.deliver(p, cname, m.now)
			p.count = 1
		} else {
			g.pel[e.id] = &mtPend{id: e.id, owner: cname, time: m.now, count: 1, ord: m.nextOrd()}
		}
	}
	return msgs, nil
}

func (m *mtModel) history(gname, cname string, after ID, count int) ([]Message[int], error) {
	if count < 0 {
		return nil, ErrNegativeCount
	}
	g, err := m.group(gname)
	if err != nil {
		return nil, err
	}
	m.consumer(g, cname).seen = m.now
	msgs := []Message[int]{}
	for _, id := range m.pelIDs(g, cname) {
		if !mtLess(after, id) {
			continue
		}
		if count > 0 && len(msgs) >= count {
			break
		}
		v, ok := m.get(id)
		if !ok {
			msgs = append(msgs, Message[int]{ID: id, Deleted: true})
			continue
		}
		msgs = append(msgs, Message[int]{ID: id, Value: v})
		p := g.pel[id]
		p.count = mtAdd(p.count, 1)
		m.deliver(p, cname, m.now)
	}
	return msgs, nil
}

// claim is XCLAIM (§12), with released entries skipping the idle check.
func (m *mtModel) claim(gname, cname string, minIdle time.Duration, ids []ID, o ClaimOptions) ([]Entry[int], error) {
	switch {
	case minIdle < 0:
		return nil, ErrNegativeMinIdle
	case o.RetryCount != nil && *o.RetryCount < 0:
		return nil, ErrNegativeRetryCount
	}
	g, err := m.group(gname)
	if err != nil {
		return nil, err
	}
	if o.LastID != nil && mtLess(g.last, *o.LastID) {
		g.last = *o.LastID
	}
	t := m.now
	if o.Time != nil {
		t = o.Time.UnixMilli()
	} else if o.Idle != nil {
		t = m.now - o.Idle.Milliseconds()
	}
	if t < 0 || t > m.now {
		t = m.now
	}
	c := m.consumer(g, cname)
	c.seen = m.now
	out := []Entry[int]{}
	for _, id := range ids {
		v, exists := m.get(id)
		p := g.pel[id]
		switch {
		case !exists:
			delete(g.pel, id)
			continue
		case p == nil && !o.Force:
			continue
		case p == nil:
			p = &mtPend{id: id, count: 1}
			g.pel[id] = p
			g.beyond = true
		case p.owner != "" && minIdle > 0 && m.now-p.time < minIdle.Milliseconds():
			continue
		}
		m.deliver(p, cname, t)
		if o.RetryCount != nil {
			p.count = *o.RetryCount
		} else if !o.JustID {
			p.count = mtAdd(p.count, 1)
		}
		if o.JustID {
			v = 0
		}
		out = append(out, Entry[int]{id, v})
		c.active = m.now
	}
	return out, nil
}

// autoClaim is XAUTOCLAIM (§13), with released entries skipping the idle
// check.
func (m *mtModel) autoClaim(gname, cname string, minIdle time.Duration, start ID, o AutoClaimOptions) (AutoClaimResult[int], error) {
	var res AutoClaimResult[int]
	count := o.Count
	if count == 0 {
		count = 100
	}
	switch {
	case minIdle < 0:
		return res, ErrNegativeMinIdle
	case count < 0 || count > (1<<63-1)/16:
		return res, ErrAutoClaimCount
	}
	g, err := m.group(gname)
	if err != nil {
		return res, err
	}
	c := m.consumer(g, cname)
	c.seen = m.now
	res.Claimed, res.Deleted = []Entry[int]{}, []ID{}
	var ids []ID
	for _, id := range m.pelIDs(g, "") {
		if !mtLess(id, start) {
			ids = append(ids, id)
		}
	}
	attempts := 10 * count
	i := 0
	for ; i < len(ids) && attempts > 0 && count > 0; i++ {
		attempts--
		id := ids[i]
		p := g.pel[id]
		v, ok := m.get(id)
		if !ok {
			delete(g.pel, id)
			res.Deleted = append(res.Deleted, id)
			count--
			continue
		}
		if p.owner != "" && minIdle > 0 && m.now-p.time < minIdle.Milliseconds() {
			continue
		}
		m.deliver(p, cname, m.now)
		if o.JustID {
			v = 0
		} else {
			p.count = mtAdd(p.count, 1)
		}
		res.Claimed = append(res.Claimed, Entry[int]{id, v})
		c.active = m.now
		count--
	}
	if i < len(ids) {
		res.Next = ids[i]
	}
	return res, nil
}

func (m *mtModel) nack(gname string, mode NackMode, ids []ID, o NackOptions) (int, error) {
	switch {
	case mode < NackSilent || mode > NackFatal:
		return 0, ErrInvalidNackMode
	case o.RetryCount != nil && *o.RetryCount < 0:
		return 0, ErrNegativeRetryCount
	}
	g, err := m.group(gname)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		p := g.pel[id]
		if p == nil {
			if _, ok := m.get(id); !o.Force || !ok {
				continue
			}
			p = &mtPend{id: id}
			g.pel[id] = p
			g.beyond = true
		}
		p.owner, p.time, p.ord = "", 0, m.nextOrd()
		switch {
		case o.RetryCount != nil:
			p.count = *o.RetryCount
		case mode == NackSilent:
			p.count = max(p.count-1, 0)
		case mode == NackFatal:
			p.count = math.MaxInt64
		}
		n++
	}
	return n, nil
}

func (m *mtModel) pending(gname string) (PendingSummary, error) {
	var sum PendingSummary
	g, err := m.group(gname)
	if err != nil {
		return sum, err
	}
	ids := m.pelIDs(g, "")
	sum.Count = len(ids)
	if len(ids) == 0 {
		return sum, nil
	}
	sum.Lowest, sum.Highest = ids[0], ids[len(ids)-1]
	for _, name := range slices.Sorted(maps.Keys(g.cons)) {
		if n := len(m.pelIDs(g, name)); n > 0 {
			sum.Consumers = append(sum.Consumers, ConsumerPending{name, n})
		}
	}
	return sum, nil
}

func (m *mtModel) pendingRange(gname string, start, end ID, count int, f PendingFilter) ([]PendingEntry, error) {
	switch {
	case count < 0:
		return nil, ErrNegativeCount
	case f.MinIdle < 0:
		return nil, ErrNegativeMinIdle
	}
	g, err := m.group(gname)
	if err != nil {
		return nil, err
	}
	if f.Consumer != "" && g.cons[f.Consumer] == nil {
		return nil, nil
	}
	var out []PendingEntry
	for _, id := range m.pelIDs(g, f.Consumer) {
		if len(out) >= count || mtLess(end, id) {
			break
		}
		p := g.pel[id]
		if mtLess(id, start) || p.owner != "" && m.now-p.time < f.MinIdle.Milliseconds() {
			continue
		}
		e := PendingEntry{ID: id, Consumer: p.owner, Idle: -time.Millisecond, Deliveries: p.count}
		if p.owner != "" {
			e.Idle = mtMs(max(m.now-p.time, 0))
		}
		out = append(out, e)
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Randomness: the same generator runs from math/rand (TestModel) and from
// fuzz bytes (FuzzOps).

type mtSource interface {
	// intn returns a number in [0, n); n <= 256.
	intn(n int) int
	// exhausted reports whether a byte source ran out.
	exhausted() bool
}

type mtRandSource struct{ r *rand.Rand }

func (s mtRandSource) intn(n int) int  { return s.r.IntN(n) }
func (s mtRandSource) exhausted() bool { return false }

type mtByteSource struct {
	b []byte
	i int
}

func (s *mtByteSource) intn(n int) int {
	if s.i >= len(s.b) {
		s.i++
		return 0
	}
	v := int(s.b[s.i])
	s.i++
	return v % n
}

func (s *mtByteSource) exhausted() bool { return s.i >= len(s.b) }

// ---------------------------------------------------------------------------
// The harness.

// mtStep is one generated operation: desc for the trace, and the same call
// on the stream and on the model.
type mtStep struct {
	desc        string
	real, model func() (any, error)
}

type mtHarness struct {
	t     testing.TB
	clock *ManualClock
	s     *Stream[int]
	m     *mtModel
	trace []string
}

const mtStartMs = 5

func mtNewHarness(t testing.TB, nodeMax int) *mtHarness {
	clock := NewManualClock(time.UnixMilli(mtStartMs))
	return &mtHarness{
		t: t, clock: clock,
		s: New(Options[int]{Clock: clock, NodeMaxEntries: nodeMax}),
		m: mtNewModel(nodeMax, mtStartMs),
	}
}

func (h *mtHarness) fail(format string, args ...any) {
	h.t.Helper()
	from := max(0, len(h.trace)-60)
	h.t.Fatalf("%s\nlast steps (of %d):\n  %s", fmt.Sprintf(format, args...), len(h.trace),
		strings.Join(h.trace[from:], "\n  "))
}

// run applies one step to both sides, compares everything, and returns the
// model's result.
func (h *mtHarness) run(st mtStep) (any, error) {
	h.t.Helper()
	h.trace = append(h.trace, st.desc)
	got, gotErr := st.real()
	want, wantErr := st.model()
	switch {
	case (gotErr == nil) != (wantErr == nil) || wantErr != nil && !errors.Is(gotErr, wantErr):
		h.fail("%s: error = %v, want %v", st.desc, gotErr, wantErr)
	case wantErr == nil && fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want):
		h.fail("%s\n  = %+v\n want %+v", st.desc, got, want)
	}
	if err := h.s.check(); err != nil {
		h.fail("after %s: check: %v", st.desc, err)
	}
	h.compareState()
	return want, wantErr
}

// compareState compares everything observable, and the time lists.
func (h *mtHarness) compareState() {
	h.t.Helper()
	s, m := h.s, h.m
	info := s.Info()
	got := fmt.Sprintf("len=%d nodes=%d last=%v maxdel=%v added=%d first=%v groups=%d",
		info.Length, info.Nodes, info.LastGeneratedID, info.MaxDeletedEntryID, info.EntriesAdded,
		info.RecordedFirstEntryID, info.Groups)
	want := fmt.Sprintf("len=%d nodes=%d last=%v maxdel=%v added=%d first=%v groups=%d",
		m.length(), len(m.nodes), m.last, m.maxDel, m.added, m.first(), len(m.groups))
	if got != want {
		h.fail("stream info = %s, want %s", got, want)
	}
	entries, _ := s.Range(MinID, MaxID, 0)
	var wantEntries []Entry[int]
	for _, e := range m.live() {
		wantEntries = append(wantEntries, Entry[int]{e.id, e.v})
	}
	if fmt.Sprint(entries) != fmt.Sprint(wantEntries) {
		h.fail("entries = %v, want %v", entries, wantEntries)
	}
	if names := s.Groups(); !slices.Equal(names, slices.Sorted(maps.Keys(m.groups))) {
		h.fail("groups = %v, want %v", names, slices.Sorted(maps.Keys(m.groups)))
	}
	for name, g := range m.groups {
		h.compareGroup(name, g)
	}
}

func (h *mtHarness) compareGroup(name string, g *mtGroup) {
	h.t.Helper()
	s, m := h.s, h.m
	gr, _ := s.Group(name)
	gi, err := gr.Info()
	require.NoError(h.t, err)
	lag, lagKnown := m.lag(g)
	nacked := 0
	for _, p := range g.pel {
		if p.owner == "" {
			nacked++
		}
	}
	want := GroupInfo{
		Name: name, Consumers: len(g.cons), Pending: len(g.pel), Nacked: nacked,
		LastDeliveredID: g.last, EntriesRead: g.read, EntriesReadKnown: g.read != -1,
		Lag: lag, LagKnown: lagKnown,
	}
	if gi != want {
		h.fail("group %s info = %+v, want %+v", name, gi, want)
	}
	pend, _ := gr.PendingRange(MinID, MaxID, 1<<30, PendingFilter{})
	wantPend, _ := m.pendingRange(name, MinID, MaxID, 1<<30, PendingFilter{})
	if fmt.Sprint(pend) != fmt.Sprint(wantPend) {
		h.fail("group %s pending = %v, want %v", name, pend, wantPend)
	}
	cis, _ := gr.Consumers()
	var gotCons, wantCons []string
	for _, ci := range cis {
		gotCons = append(gotCons, fmt.Sprintf("%s:%d:%v:%v", ci.Name, ci.Pending, ci.Idle, ci.Inactive))
	}
	for _, cname := range slices.Sorted(maps.Keys(g.cons)) {
		c := g.cons[cname]
		inactive := -time.Millisecond
		if c.active != -1 {
			inactive = mtMs(m.now - c.active)
		}
		wantCons = append(wantCons, fmt.Sprintf("%s:%d:%v:%v", cname, len(m.pelIDs(g, cname)), mtMs(max(m.now-c.seen, 0)), inactive))
	}
	if !slices.Equal(gotCons, wantCons) {
		h.fail("group %s consumers = %v, want %v", name, gotCons, wantCons)
	}
	var wantOrder []ID
	for _, p := range m.timeOrder(g) {
		wantOrder = append(wantOrder, p.id)
	}
	if gotOrder := mtTimeOrder(s, name); !slices.Equal(gotOrder, wantOrder) {
		h.fail("group %s time list = %v, want %v", name, gotOrder, wantOrder)
	}
	if !g.beyond {
		if err := mtCheckPendingBelowLast(s, name); err != nil {
			h.fail("%v", err)
		}
	}
}

// ---------------------------------------------------------------------------
// The generator.

func mtPtr[T any](p *T) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func mtPick[T any](src mtSource, xs ...T) T { return xs[src.intn(len(xs))] }

// pickID returns an ID that exists or existed, or one near them, or a small one.
func (h *mtHarness) pickID(src mtSource) ID {
	m := h.m
	switch k := src.intn(10); {
	case k < 6 && len(m.ids) > 0:
		return m.ids[len(m.ids)-1-src.intn(min(len(m.ids), 200))]
	case k < 8:
		ms := int64(m.last.Ms) + int64(src.intn(5)) - 2
		return ID{uint64(max(ms, 0)), uint64(src.intn(3))}
	}
	return ID{uint64(src.intn(12)), uint64(src.intn(3))}
}

func (h *mtHarness) pickIDs(src mtSource) []ID {
	ids := make([]ID, src.intn(4)+1)
	for i := range ids {
		ids[i] = h.pickID(src)
	}
	return ids
}

// pickPendingIDs is pickIDs biased towards IDs pending in some group.
func (h *mtHarness) pickPendingIDs(src mtSource) []ID {
	var pend []ID
	for _, name := range slices.Sorted(maps.Keys(h.m.groups)) {
		pend = append(pend, h.m.pelIDs(h.m.groups[name], "")...)
	}
	ids := h.pickIDs(src)
	for i := range ids {
		if len(pend) > 0 && src.intn(3) != 0 {
			ids[i] = pend[src.intn(min(len(pend), 256))]
		}
	}
	return ids
}

func (h *mtHarness) pickGroup(src mtSource) string {
	if src.intn(20) == 0 {
		return "gx"
	}
	return mtPick(src, "g1", "g2")
}

func (h *mtHarness) pickConsumer(src mtSource) string { return mtPick(src, "c1", "c2", "c3") }

func (h *mtHarness) pickDur(src mtSource, n int) time.Duration {
	if src.intn(30) == 0 {
		return -time.Millisecond
	}
	return mtMs(int64(src.intn(n)))
}

func (h *mtHarness) pickTrim(src mtSource, forAdd bool) TrimOptions {
	var o TrimOptions
	if src.intn(2) == 0 {
		o.Strategy, o.MaxLen = TrimMaxLen, int64(src.intn(8))
	} else {
		o.Strategy, o.MinID = TrimMinID, h.pickID(src)
	}
	if src.intn(3) == 0 {
		o.Approx = true
		o.Limit = int64(mtPick(src, 0, 0, NoLimit, 1, 2, 3, 5))
	}
	o.Ref = RefMode(mtPick(src, 0, 0, 0, 1, 2))
	switch src.intn(40) {
	case 0:
		o.MaxLen, o.Strategy = -1, TrimMaxLen
	case 1:
		o.Limit, o.Approx = 2, false
	case 2:
		o.Ref = 7
	case 3:
		if !forAdd {
			o.Strategy = NoTrim
		}
	}
	return o
}

func (h *mtHarness) pickIDSpec(src mtSource) IDSpec {
	switch src.intn(10) {
	case 0, 1, 2, 3:
		return AutoID()
	case 4:
		return AutoSeqID(uint64(max(int64(h.m.last.Ms)+int64(src.intn(3))-1, 0)))
	case 5:
		if src.intn(4) == 0 {
			return ExplicitID(ID{})
		}
		return ExplicitID(ID{uint64(src.intn(12)), uint64(src.intn(3))})
	}
	return ExplicitID(ID{h.m.last.Ms + uint64(src.intn(3)), uint64(src.intn(3))})
}

func mtWrap[T any](v T, err error) (any, error) { return v, err }

// gen returns a random step; its weights favour adds, reads and acks.
func (h *mtHarness) gen(src mtSource) mtStep {
	s, m := h.s, h.m
	grp := func(name string) *Group[int] { return &Group[int]{s, name} }
	k := src.intn(100)
	if len(m.groups) < 2 && src.intn(4) == 0 {
		k = 29 // CreateGroup
	}
	switch {
	case k < 18:
		spec := h.pickIDSpec(src)
		var trim TrimOptions
		if src.intn(5) == 0 {
			trim = h.pickTrim(src, true)
		}
		return mtStep{fmt.Sprintf("Add(%v, %+v)", spec, trim),
			func() (any, error) { return mtWrap(s.AddWith(m.nextVal+1, AddOptions{ID: spec, Trim: trim})) },
			func() (any, error) { return mtWrap(m.add(spec, trim)) }}
	case k < 21:
		ids := h.pickIDs(src)
		return mtStep{fmt.Sprintf("Delete(%v)", ids),
			func() (any, error) { return s.Delete(ids...), nil },
			func() (any, error) { return m.deleteIDs(ids), nil }}
	case k < 23:
		ids, mode := h.pickIDs(src), RefMode(src.intn(3))
		return mtStep{fmt.Sprintf("DeleteEx(%v, %v)", mode, ids),
			func() (any, error) { return mtWrap(s.DeleteEx(mode, ids...)) },
			func() (any, error) { return mtWrap(m.deleteEx(mode, ids)) }}
	case k < 25:
		g, ids, mode := h.pickGroup(src), h.pickPendingIDs(src), RefMode(src.intn(3))
		return mtStep{fmt.Sprintf("%s.AckDelete(%v, %v)", g, mode, ids),
			func() (any, error) { return mtWrap(grp(g).AckDelete(mode, ids...)) },
			func() (any, error) { return mtWrap(m.ackDelete(g, mode, ids)) }}
	case k < 28:
		o := h.pickTrim(src, false)
		return mtStep{fmt.Sprintf("Trim(%+v)", o),
			func() (any, error) { return mtWrap(s.Trim(o)) },
			func() (any, error) { return mtWrap(m.trimCmd(o)) }}
	case k < 29:
		id := h.pickID(src)
		var o SetIDOptions
		if src.intn(3) == 0 {
			n := int64(src.intn(8)) - 1 + m.added
			o.EntriesAdded = &n
		}
		if src.intn(3) == 0 {
			md := h.pickID(src)
			o.MaxDeletedID = &md
		}
		return mtStep{fmt.Sprintf("SetLastID(%v, added=%s maxdel=%s)", id, mtPtr(o.EntriesAdded), mtPtr(o.MaxDeletedID)),
			func() (any, error) { return nil, s.SetLastID(id, o) },
			func() (any, error) { return nil, m.setLastID(id, o) }}
	case k < 32:
		g, start, o := h.pickGroup(src), h.pickID(src), h.pickGroupOptions(src)
		return mtStep{fmt.Sprintf("CreateGroup(%s, %v, atEnd=%v read=%s)", g, start, o.AtEnd, mtPtr(o.EntriesRead)),
			func() (any, error) { _, err := s.CreateGroup(g, start, o); return nil, err },
			func() (any, error) { return nil, m.createGroup(g, start, o) }}
	case k < 33 && src.intn(4) == 0:
		g := h.pickGroup(src)
		return mtStep{fmt.Sprintf("DestroyGroup(%s)", g),
			func() (any, error) { return s.DestroyGroup(g), nil },
			func() (any, error) { _, ok := m.groups[g]; delete(m.groups, g); return ok, nil }}
	case k < 34:
		g, id, o := h.pickGroup(src), h.pickID(src), h.pickGroupOptions(src)
		if src.intn(3) == 0 {
			id = MinID
		}
		return mtStep{fmt.Sprintf("%s.SetID(%v, atEnd=%v read=%s)", g, id, o.AtEnd, mtPtr(o.EntriesRead)),
			func() (any, error) { return nil, grp(g).SetID(id, o) },
			func() (any, error) { return nil, m.setID(g, id, o) }}
	case k < 35:
		g, c := h.pickGroup(src), h.pickConsumer(src)
		return mtStep{fmt.Sprintf("%s.CreateConsumer(%s)", g, c),
			func() (any, error) { return mtWrap(grp(g).CreateConsumer(c)) },
			func() (any, error) { return mtWrap(m.createConsumer(g, c)) }}
	case k < 37:
		g, c := h.pickGroup(src), h.pickConsumer(src)
		return mtStep{fmt.Sprintf("%s.DeleteConsumer(%s)", g, c),
			func() (any, error) { return mtWrap(grp(g).DeleteConsumer(c)) },
			func() (any, error) { return mtWrap(m.deleteConsumer(g, c)) }}
	case k < 52:
		g, c := h.pickGroup(src), h.pickConsumer(src)
		o := ReadGroupOptions{Count: src.intn(4), NoAck: src.intn(6) == 0}
		if src.intn(3) == 0 {
			o.Claim, o.MinIdle = true, h.pickDur(src, 8)
		}
		if src.intn(40) == 0 {
			o.Count = -1
		}
		return mtStep{fmt.Sprintf("%s.%s.Read(%+v)", g, c, o),
			func() (any, error) {
				msgs, err := grp(g).Consumer(c).Read(o)
				if err == nil && msgs != nil && len(msgs) == 0 {
					return nil, errors.New("Read returned an empty, non-nil slice")
				}
				return msgs, err
			},
			func() (any, error) { return mtWrap(m.read(g, c, o)) }}
	case k < 57:
		g, c, after, n := h.pickGroup(src), h.pickConsumer(src), h.pickID(src), src.intn(4)
		if src.intn(3) == 0 {
			after = MinID
		}
		return mtStep{fmt.Sprintf("%s.%s.ReadHistory(%v, %d)", g, c, after, n),
			func() (any, error) { return mtWrap(grp(g).Consumer(c).ReadHistory(after, n)) },
			func() (any, error) { return mtWrap(m.history(g, c, after, n)) }}
	case k < 65:
		g, ids := h.pickGroup(src), h.pickPendingIDs(src)
		return mtStep{fmt.Sprintf("%s.Ack(%v)", g, ids),
			func() (any, error) { return mtWrap(grp(g).Ack(ids...)) },
			func() (any, error) { return mtWrap(m.ack(g, ids)) }}
	case k < 70:
		return h.genClaim(src)
	case k < 75:
		g, c, minIdle := h.pickGroup(src), h.pickConsumer(src), h.pickDur(src, 8)
		start := h.pickID(src)
		if src.intn(3) == 0 {
			start = MinID
		}
		o := AutoClaimOptions{Count: src.intn(4), JustID: src.intn(5) == 0}
		if src.intn(40) == 0 {
			o.Count = -1
		}
		return mtStep{fmt.Sprintf("%s.%s.AutoClaim(%v, %v, %+v)", g, c, minIdle, start, o),
			func() (any, error) { return mtWrap(grp(g).Consumer(c).AutoClaim(minIdle, start, o)) },
			func() (any, error) { return mtWrap(m.autoClaim(g, c, minIdle, start, o)) }}
	case k < 79:
		g, ids := h.pickGroup(src), h.pickPendingIDs(src)
		mode := NackMode(src.intn(3) + 1)
		if src.intn(30) == 0 {
			mode = 0
		}
		var o NackOptions
		if src.intn(4) == 0 {
			rc := int64(src.intn(4))
			o.RetryCount = &rc
		}
		o.Force = src.intn(4) == 0
		return mtStep{fmt.Sprintf("%s.Nack(%d, %v, retry=%s force=%v)", g, mode, ids, mtPtr(o.RetryCount), o.Force),
			func() (any, error) { return mtWrap(grp(g).Nack(mode, ids, o)) },
			func() (any, error) { return mtWrap(m.nack(g, mode, ids, o)) }}
	case k < 81:
		g := h.pickGroup(src)
		return mtStep{fmt.Sprintf("%s.Pending()", g),
			func() (any, error) { return mtWrap(grp(g).Pending()) },
			func() (any, error) { return mtWrap(m.pending(g)) }}
	case k < 85:
		g, start, end, n := h.pickGroup(src), h.pickID(src), h.pickID(src), src.intn(5)
		if src.intn(2) == 0 {
			start, end = MinID, MaxID
		}
		if src.intn(40) == 0 {
			n = -1
		}
		var f PendingFilter
		if src.intn(3) == 0 {
			f.Consumer = mtPick(src, "c1", "c2", "cx")
		}
		if src.intn(3) == 0 {
			f.MinIdle = h.pickDur(src, 8)
		}
		return mtStep{fmt.Sprintf("%s.PendingRange(%v, %v, %d, %+v)", g, start, end, n, f),
			func() (any, error) { return mtWrap(grp(g).PendingRange(start, end, n, f)) },
			func() (any, error) { return mtWrap(m.pendingRange(g, start, end, n, f)) }}
	}
	d := mtMs(int64(src.intn(4)))
	if src.intn(10) == 0 {
		d = 20 * time.Millisecond
	}
	return mtStep{fmt.Sprintf("Advance(%v)", d),
		func() (any, error) { h.clock.Advance(d); return nil, nil },
		func() (any, error) { m.now += d.Milliseconds(); return nil, nil }}
}

func (h *mtHarness) pickGroupOptions(src mtSource) GroupOptions {
	var o GroupOptions
	o.AtEnd = src.intn(4) == 0
	if src.intn(3) == 0 {
		n := int64(src.intn(12)) - 2
		o.EntriesRead = &n
	}
	return o
}

func (h *mtHarness) genClaim(src mtSource) mtStep {
	s, m := h.s, h.m
	g, c, minIdle, ids := h.pickGroup(src), h.pickConsumer(src), h.pickDur(src, 8), h.pickPendingIDs(src)
	var o ClaimOptions
	switch src.intn(6) {
	case 0:
		idle := mtMs(int64(src.intn(10)) - 1)
		o.Idle = &idle
	case 1:
		t := time.UnixMilli(m.now + int64(src.intn(12)) - 8)
		o.Time = &t
	}
	if src.intn(4) == 0 {
		rc := int64(src.intn(4))
		if src.intn(20) == 0 {
			rc = -1
		}
		o.RetryCount = &rc
	}
	o.Force = src.intn(5) == 0
	o.JustID = src.intn(4) == 0
	if src.intn(8) == 0 {
		last := h.pickID(src)
		o.LastID = &last
	}
	desc := fmt.Sprintf("%s.%s.Claim(%v, %v, idle=%s time=%s retry=%s force=%v justid=%v lastid=%s)",
		g, c, minIdle, ids, mtPtr(o.Idle), mtPtr(o.Time), mtPtr(o.RetryCount), o.Force, o.JustID, mtPtr(o.LastID))
	return mtStep{desc,
		func() (any, error) { return mtWrap((&Group[int]{s, g}).Consumer(c).Claim(minIdle, ids, o)) },
		func() (any, error) { return mtWrap(m.claim(g, c, minIdle, ids, o)) }}
}

// mtRunSource runs steps from src until maxSteps or until a byte source is
// exhausted.
func mtRunSource(t testing.TB, src mtSource, nodeMax, maxSteps int) {
	t.Helper()
	h := mtNewHarness(t, nodeMax)
	for range maxSteps {
		st := h.gen(src)
		if src.exhausted() {
			return
		}
		h.run(st)
	}
}

// TestModel runs random operation sequences against the stream and the
// reference model.
func TestModel(t *testing.T) {
	steps := redistest.PositiveEnv(t, "XSTREAM_STEPS", 300)
	seeds := int64(redistest.PositiveEnv(t, "XSTREAM_SEEDS", 24))
	if testing.Short() {
		seeds = 5
	}
	base := time.Now().UnixNano()
	if n, random, set := redistest.SeedEnv(t, "XSTREAM_SEED"); set && !random { // "random" is the default
		base, seeds = n, 1
	}
	t.Logf("XSTREAM_SEED=%d, %d seeds of %d steps", base, seeds, steps)
	for i := range seeds {
		seed := base + i
		nodeMax := []int{3, 1, 2, 4}[uint64(seed)%4]
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			src := mtRandSource{rand.New(rand.NewPCG(uint64(seed), 0x5eed))}
			defer func() {
				if t.Failed() {
					t.Logf("replay with XSTREAM_SEED=%d (node size %d)", seed, nodeMax)
				}
			}()
			mtRunSource(t, src, nodeMax, steps)
		})
	}
}

// TestSetLastIDBelowAckedTombstone is the regression found by the checker:
// an Acked trim can leave deleted entries after the last live one in the
// tail node; SetLastID below them followed by an add put an ID out of order
// into the node, and Get could no longer find it.
func TestSetLastIDBelowAckedTombstone(t *testing.T) {
	s := New(Options[int]{NodeMaxEntries: 4})
	for ms := uint64(1); ms <= 3; ms++ {
		_, err := s.AddWith(int(ms), AddOptions{ID: ExplicitID(ID{ms, 0})})
		require.NoError(t, err)
	}
	g, err := s.CreateGroup("g", MinID, GroupOptions{})
	require.NoError(t, err)
	_, err = g.Consumer("c").Read(ReadGroupOptions{})
	require.NoError(t, err)
	_, err = g.Ack(ID{2, 0}, ID{3, 0}) // 1-0 stays pending, so referenced
	require.NoError(t, err)
	n, err := s.Trim(TrimOptions{Strategy: TrimMaxLen, MaxLen: 0, Ref: Acked})
	require.NoError(t, err)
	require.Equal(t, int64(2), n, "Trim(MaxLen 0, Acked)")
	require.ErrorIs(t, s.SetLastID(ID{1, 5}, SetIDOptions{}), ErrSetIDTooSmall)
	require.NoError(t, s.SetLastID(ID{3, 0}, SetIDOptions{}))
	id, err := s.AddWith(4, AddOptions{ID: AutoSeqID(3)})
	require.NoError(t, err)
	require.Equal(t, ID{3, 1}, id)
	_, ok := s.Get(id)
	require.True(t, ok, "Get(%v) after the add", id)
	require.NoError(t, s.check())
}
