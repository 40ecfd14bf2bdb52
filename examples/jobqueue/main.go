// Command jobqueue runs a small job queue on an xstream consumer group:
// producers add jobs, competing workers take them with blocking reads, one
// worker crashes with jobs in hand, and a reaper reclaims what it left behind
// with AutoClaim once it has been idle for long enough. Jobs that keep
// failing go to a dead-letter stream. At the end every job has been
// acknowledged exactly once and nothing is left pending.
//
//	go run ./examples/jobqueue
package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/xstream-go/xstream"
)

const (
	producers    = 2
	jobsEach     = 50
	totalJobs    = producers * jobsEach
	workers      = 3
	crasher      = "worker-3" // crashes with its second batch in hand
	maxAttempts  = 3          // then a failing job is dead-lettered
	stuckAfter   = 200 * time.Millisecond
	reapInterval = 50 * time.Millisecond
)

// Job is a unit of work. Flaky jobs fail the first time they run; poison
// jobs fail every time.
type Job struct {
	N    int
	Kind string // "ok", "flaky" or "poison"
}

func kindOf(n int) string {
	switch {
	case n%25 == 7:
		return "poison"
	case n%10 == 3:
		return "flaky"
	}
	return "ok"
}

// run does a job for the run-th time.
func (j Job) run(run int) error {
	switch {
	case j.Kind == "poison":
		return fmt.Errorf("job %d: poison", j.N)
	case j.Kind == "flaky" && run == 1:
		return fmt.Errorf("job %d: transient failure", j.N)
	}
	return nil
}

// queue is the shared state of the program.
type queue struct {
	jobs  *xstream.Stream[Job]
	dead  *xstream.Stream[Job] // dead letters
	group *xstream.Group[Job]

	mu        sync.Mutex
	acked     map[int]int // job number -> successful acks
	done      int
	deadCount int
	runs      map[int]int  // job number -> times run
	failed    map[int]bool // jobs that failed at least once
	retried   int          // jobs completed after a failed attempt
	finished  chan struct{}
}

func newQueue() *queue {
	q := &queue{
		jobs:     xstream.New(xstream.Options[Job]{Name: "jobs"}),
		dead:     xstream.New(xstream.Options[Job]{Name: "jobs:dead"}),
		acked:    map[int]int{},
		runs:     map[int]int{},
		failed:   map[int]bool{},
		finished: make(chan struct{}),
	}
	g, err := q.jobs.CreateGroup("workers", xstream.MinID, xstream.GroupOptions{})
	if err != nil {
		panic(err)
	}
	q.group = g
	return q
}

// handle processes one delivery of a job: attempt is its delivery count,
// this delivery included. A job past maxAttempts goes to the dead-letter
// stream; a failure releases the job for another try with Nack.
func (q *queue) handle(who string, id xstream.ID, job Job, attempt int64) {
	if attempt > maxAttempts {
		// Idempotent, in case two handlers race for the same job.
		q.dead.AddWith(job, xstream.AddOptions{Producer: "dead-letters", IdempotentID: fmt.Sprint(job.N)})
		if q.ack(id, job) {
			fmt.Printf("%-8s dead-lettered job %d on delivery %d\n", who, job.N, attempt)
			q.count(&q.deadCount)
		}
		return
	}
	q.mu.Lock()
	q.runs[job.N]++
	run := q.runs[job.N]
	q.mu.Unlock()
	if err := job.run(run); err != nil {
		q.mu.Lock()
		q.failed[job.N] = true
		q.mu.Unlock()
		q.group.Nack(xstream.NackFail, []xstream.ID{id}, xstream.NackOptions{})
		return
	}
	if q.ack(id, job) {
		q.mu.Lock()
		if q.failed[job.N] {
			q.retried++
		}
		q.mu.Unlock()
		q.count(&q.done)
	}
}

// ack acknowledges a job and reports whether this was the acknowledgement
// that removed it from the pending list.
func (q *queue) ack(id xstream.ID, job Job) bool {
	n, err := q.group.Ack(id)
	if err != nil || n == 0 {
		return false
	}
	q.mu.Lock()
	q.acked[job.N]++
	q.mu.Unlock()
	return true
}

func (q *queue) count(c *int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	*c++
	if q.done+q.deadCount == totalJobs {
		close(q.finished)
	}
}

func (q *queue) produce(p int) {
	for i := range jobsEach {
		n := p*jobsEach + i + 1
		if _, err := q.jobs.Add(Job{N: n, Kind: kindOf(n)}); err != nil {
			panic(err)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// work takes jobs until ctx ends. Its reads first claim jobs released by a
// failed attempt (Claim, with a MinIdle that only released jobs pass), then
// take new ones; each message's Deliveries is the count before this delivery.
func (q *queue) work(ctx context.Context, name string) {
	c := q.group.Consumer(name)
	opts := xstream.ReadGroupOptions{Count: 4, Claim: true, MinIdle: time.Hour}
	for batch := 1; ; batch++ {
		msgs, err := c.ReadBlock(ctx, opts)
		if err != nil {
			return // ctx ended
		}
		if name == crasher && batch == 2 {
			fmt.Printf("%-8s crashed with %d unacknowledged job(s)\n", name, len(msgs))
			return
		}
		for _, m := range msgs {
			q.handle(name, m.ID, m.Value, m.Deliveries+1)
		}
	}
}

// reap reclaims jobs stuck with a consumer for longer than stuckAfter, sweeping
// the pending list with AutoClaim, and runs them. AutoClaim does not report
// delivery counts; PendingRange does.
func (q *queue) reap(ctx context.Context) {
	r := q.group.Consumer("reaper")
	cursor := xstream.MinID
	tick := time.NewTicker(reapInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		res, err := r.AutoClaim(stuckAfter, cursor, xstream.AutoClaimOptions{Count: 10})
		if err != nil {
			panic(err)
		}
		cursor = res.Next
		for _, e := range res.Claimed {
			p, _ := q.group.PendingRange(e.ID, e.ID, 1, xstream.PendingFilter{Consumer: r.Name()})
			if len(p) == 0 {
				continue // acknowledged by someone else meanwhile
			}
			fmt.Printf("%-8s reclaimed job %d (delivery %d)\n", r.Name(), e.Value.N, p[0].Deliveries)
			q.handle(r.Name(), e.ID, e.Value, p[0].Deliveries)
		}
	}
}

func main() {
	start := time.Now()
	q := newQueue()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() { q.work(ctx, fmt.Sprint("worker-", i+1)) })
	}
	wg.Go(func() { q.reap(ctx) })
	var pwg sync.WaitGroup
	for p := range producers {
		pwg.Go(func() { q.produce(p) })
	}
	pwg.Wait()

	select {
	case <-q.finished:
	case <-time.After(10 * time.Second):
		fmt.Println("timed out")
		os.Exit(1)
	}
	cancel()
	wg.Wait()

	sum, _ := q.group.Pending()
	once := 0
	for n := 1; n <= totalJobs; n++ {
		if q.acked[n] == 1 {
			once++
		}
	}
	fmt.Println()
	fmt.Printf("produced:           %3d jobs\n", q.jobs.Len())
	fmt.Printf("completed:          %3d (%d after a failed attempt)\n", q.done, q.retried)
	fmt.Printf("dead-lettered:      %3d (stream %s holds %d)\n", q.deadCount, q.dead.Name(), q.dead.Len())
	fmt.Printf("acked exactly once: %3d of %d\n", once, totalJobs)
	fmt.Printf("still pending:      %3d\n", sum.Count)
	fmt.Printf("(took %v)\n", time.Since(start).Round(10*time.Millisecond))
	if once != totalJobs || sum.Count != 0 || q.dead.Len() != int64(q.deadCount) {
		os.Exit(1)
	}
}
