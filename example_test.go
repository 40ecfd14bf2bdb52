package xstream_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/xstream-go/xstream"
)

// A work queue: producers add entries, a consumer group hands each one to a
// single worker, and the worker acknowledges it once done. The manual clock
// makes the IDs predictable.
func ExampleGroup() {
	clock := xstream.NewManualClock(time.UnixMilli(1000))
	s := xstream.New(xstream.Options[string]{Clock: clock})
	g, _ := s.CreateGroup("mailers", xstream.MinID, xstream.GroupOptions{})

	for _, to := range []string{"ann@example.com", "bob@example.com"} {
		s.Add(to) // XADD mail * to ...
	}

	worker := g.Consumer("worker-1")
	msgs, _ := worker.Read(xstream.ReadGroupOptions{Count: 10}) // XREADGROUP ... >
	for _, m := range msgs {
		fmt.Println(m.ID, "send to", m.Value)
	}
	sum, _ := g.Pending()
	fmt.Println("pending before ack:", sum.Count, sum.Consumers)

	for _, m := range msgs {
		g.Ack(m.ID) // XACK
	}
	sum, _ = g.Pending()
	fmt.Println("pending after ack:", sum.Count)
	// Output:
	// 1000-0 send to ann@example.com
	// 1000-1 send to bob@example.com
	// pending before ack: 2 [{worker-1 2}]
	// pending after ack: 0
}

// A worker reads three jobs, finishes one and dies. Its two unfinished jobs
// stay pending under its name until a reaper, running later, claims whatever
// has been idle for longer than a job may take.
func ExampleConsumer_AutoClaim() {
	clock := xstream.NewManualClock(time.UnixMilli(1000))
	s := xstream.New(xstream.Options[string]{Clock: clock})
	g, _ := s.CreateGroup("workers", xstream.MinID, xstream.GroupOptions{})
	for _, job := range []string{"resize", "encode", "upload"} {
		s.Add(job)
	}

	msgs, _ := g.Consumer("doomed").Read(xstream.ReadGroupOptions{})
	g.Ack(msgs[0].ID) // finishes "resize", then crashes

	reaper := g.Consumer("reaper")
	const jobTimeout = 30 * time.Second

	clock.Advance(10 * time.Second)
	res, _ := reaper.AutoClaim(jobTimeout, xstream.MinID, xstream.AutoClaimOptions{})
	fmt.Println("after 10s, claimed:", len(res.Claimed))

	clock.Advance(time.Minute)
	res, _ = reaper.AutoClaim(jobTimeout, xstream.MinID, xstream.AutoClaimOptions{})
	for _, e := range res.Claimed {
		fmt.Println("reclaimed", e.ID, e.Value)
		g.Ack(e.ID)
	}
	fmt.Println("next cursor:", res.Next) // 0-0: the scan reached the end
	sum, _ := g.Pending()
	fmt.Println("pending:", sum.Count)
	// Output:
	// after 10s, claimed: 0
	// reclaimed 1000-1 encode
	// reclaimed 1000-2 upload
	// next cursor: 0-0
	// pending: 0
}

// A blocking read waits for new entries until its context ends. With nothing
// to read it returns the context's error; an entry added meanwhile, here by
// another goroutine, is delivered as soon as it arrives.
func ExampleConsumer_ReadBlock() {
	clock := xstream.NewManualClock(time.UnixMilli(1000))
	s := xstream.New(xstream.Options[string]{Clock: clock})
	g, _ := s.CreateGroup("listeners", xstream.MinID, xstream.GroupOptions{})
	c := g.Consumer("listener-1")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	_, err := c.ReadBlock(ctx, xstream.ReadGroupOptions{Count: 1})
	cancel()
	fmt.Println("nothing arrived:", errors.Is(err, context.DeadlineExceeded))

	go s.Add("wake up")
	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	msgs, err := c.ReadBlock(ctx, xstream.ReadGroupOptions{Count: 1})
	fmt.Println(msgs[0].ID, msgs[0].Value, err)
	// Output:
	// nothing arrived: true
	// 1000-0 wake up <nil>
}

// Claim takes over specific entries: here the ones PendingRange reports as
// idle for over a minute. Each claim counts as another delivery.
func ExampleConsumer_Claim() {
	clock := xstream.NewManualClock(time.UnixMilli(1000))
	s := xstream.New(xstream.Options[string]{Clock: clock})
	g, _ := s.CreateGroup("workers", xstream.MinID, xstream.GroupOptions{})
	s.Add("slow job")
	g.Consumer("alice").Read(xstream.ReadGroupOptions{})
	clock.Advance(2 * time.Minute)
	s.Add("fresh job")
	g.Consumer("alice").Read(xstream.ReadGroupOptions{})

	stuck, _ := g.PendingRange(xstream.MinID, xstream.MaxID, 100, xstream.PendingFilter{MinIdle: time.Minute})
	ids := make([]xstream.ID, len(stuck))
	for i, p := range stuck {
		fmt.Printf("%v owned by %s, idle %v\n", p.ID, p.Consumer, p.Idle)
		ids[i] = p.ID
	}

	claimed, _ := g.Consumer("bob").Claim(time.Minute, ids, xstream.ClaimOptions{})
	for _, e := range claimed {
		fmt.Println("bob claimed", e.ID, e.Value)
	}
	all, _ := g.PendingRange(xstream.MinID, xstream.MaxID, 100, xstream.PendingFilter{})
	for _, p := range all {
		fmt.Println(p.ID, p.Consumer, "deliveries:", p.Deliveries)
	}
	// Output:
	// 1000-0 owned by alice, idle 2m0s
	// bob claimed 1000-0 slow job
	// 1000-0 bob deliveries: 2
	// 121000-0 alice deliveries: 1
}

// A dead-letter step with Nack and claiming reads. A worker that fails a job
// releases it with Nack: NackFail for a transient failure (the attempt
// counts), NackFatal for one that can never succeed. A read with Claim hands
// released entries out again before new ones, with their delivery count, so
// the worker moves a job to a dead-letter stream once it is marked fatal or
// has failed too often.
func ExampleGroup_Nack() {
	// A released entry's delivery time is 0, so a claiming read sees it idle
	// since the Unix epoch (as Redis does): give the clock a real date.
	clock := xstream.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	jobs := xstream.New(xstream.Options[string]{Clock: clock})
	dead := xstream.New(xstream.Options[string]{Clock: clock})
	g, _ := jobs.CreateGroup("workers", xstream.MinID, xstream.GroupOptions{})
	for _, job := range []string{"ok", "flaky", "poison"} {
		jobs.Add(job)
	}

	const maxDeliveries = 3
	w := g.Consumer("worker")
	// MinIdle is an hour: only released entries are claimed by these reads.
	opts := xstream.ReadGroupOptions{Count: 10, Claim: true, MinIdle: time.Hour}
	for round := 1; ; round++ {
		msgs, _ := w.Read(opts)
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			switch {
			case m.Deliveries == math.MaxInt64 || m.Deliveries >= maxDeliveries:
				dead.Add(m.Value)
				g.Ack(m.ID)
				fmt.Printf("round %d: %s dead-lettered\n", round, m.Value)
			case m.Value == "ok":
				g.Ack(m.ID)
				fmt.Printf("round %d: %s done\n", round, m.Value)
			case m.Value == "poison":
				g.Nack(xstream.NackFatal, []xstream.ID{m.ID}, xstream.NackOptions{})
				fmt.Printf("round %d: %s failed for good\n", round, m.Value)
			default:
				g.Nack(xstream.NackFail, []xstream.ID{m.ID}, xstream.NackOptions{})
				fmt.Printf("round %d: %s failed (attempt %d)\n", round, m.Value, m.Deliveries+1)
			}
		}
	}
	sum, _ := g.Pending()
	fmt.Println("pending:", sum.Count, "dead letters:", dead.Len())
	// Output:
	// round 1: ok done
	// round 1: flaky failed (attempt 1)
	// round 1: poison failed for good
	// round 2: flaky failed (attempt 2)
	// round 2: poison dead-lettered
	// round 3: flaky failed (attempt 3)
	// round 4: flaky dead-lettered
	// pending: 0 dead letters: 2
}

// An idempotent add: a producer that retries after a timeout, not knowing
// whether its first add went through, names the add with an idempotent ID.
// The retry returns the first add's ID and adds nothing.
func ExampleStream_AddWith_idempotent() {
	clock := xstream.NewManualClock(time.UnixMilli(1000))
	s := xstream.New(xstream.Options[string]{Clock: clock})
	add := xstream.AddOptions{Producer: "billing", IdempotentID: "invoice-42"}

	first, _ := s.AddWith("charge 42", add)
	clock.Advance(time.Second)
	retry, _ := s.AddWith("charge 42", add)
	fmt.Println(first, retry, "len:", s.Len())
	// Output:
	// 1000-0 1000-0 len: 1
}

// One consumer serves several streams in one read; the reply has a part for
// each stream with something to deliver, in argument order.
func ExampleReadGroup() {
	clock := xstream.NewManualClock(time.UnixMilli(1000))
	orders := xstream.New(xstream.Options[string]{Clock: clock, Name: "orders"})
	refunds := xstream.New(xstream.Options[string]{Clock: clock, Name: "refunds"})
	audit := xstream.New(xstream.Options[string]{Clock: clock, Name: "audit-log"}) // stays empty
	for _, s := range []*xstream.Stream[string]{orders, refunds, audit} {
		s.CreateGroup("auditors", xstream.MinID, xstream.GroupOptions{})
	}
	orders.Add("order 1")
	orders.Add("order 2")
	refunds.Add("refund 1")

	reads := []xstream.GroupRead[string]{{Stream: orders}, {Stream: refunds}, {Stream: audit}}
	res, _ := xstream.ReadGroup(context.Background(), "auditors", "auditor-1", reads, xstream.ReadGroupOptions{Count: 10})
	for _, part := range res {
		for _, m := range part.Messages {
			fmt.Println(part.Stream.Name(), m.ID, m.Value)
		}
	}
	// Output:
	// orders 1000-0 order 1
	// orders 1000-1 order 2
	// refunds 1000-0 refund 1
}

// Following a stream without a group (XREAD BLOCK): start after the
// current last ID, so that only what comes next is read, then continue after
// the last entry received. Unlike a group, every follower sees every entry.
func ExampleStream_ReadEntriesBlock() {
	clock := xstream.NewManualClock(time.UnixMilli(1000))
	s := xstream.New(xstream.Options[string]{Clock: clock})
	s.Add("old news")

	after := s.LastID() // what StreamRead.AtEnd ("$") resolves to
	go func() {
		s.Add("breaking news")
		s.Add("more news")
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for seen := 0; seen < 2; {
		entries, err := s.ReadEntriesBlock(ctx, after, 0)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range entries {
			fmt.Println(e.ID, e.Value)
			after = e.ID
			seen++
		}
	}
	// Output:
	// 1000-1 breaking news
	// 1000-2 more news
}
