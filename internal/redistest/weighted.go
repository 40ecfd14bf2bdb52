package redistest

import "math/rand"

// Op is one kind of step a randomized test draws: Fn runs it, W is its
// weight (how often it is drawn relative to the others).
type Op struct {
	W  int
	Fn func()
}

// RunWeighted draws one of ops from rng, each with probability proportional
// to its weight, and runs it. It draws exactly one number from rng, so a
// seed replays the same sequence.
func RunWeighted(rng *rand.Rand, ops []Op) {
	total := 0
	for _, o := range ops {
		total += o.W
	}
	n := rng.Intn(total)
	for _, o := range ops {
		if n < o.W {
			o.Fn()
			return
		}
		n -= o.W
	}
}
