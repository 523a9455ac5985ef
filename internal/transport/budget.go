package transport

import "sync"

// Budget caps the retries of all the calls that share it, in the way of a
// token bucket: each retry takes a token, each successful response puts one
// back. When a service fails every call, the budget runs dry after a bounded
// number of retries and later calls fail after one attempt instead of
// multiplying the load; successes refill it.
type Budget struct {
	mu     sync.Mutex
	tokens int
	max    int
}

// NewBudget returns a full budget of n tokens.
func NewBudget(n int) *Budget {
	return &Budget{tokens: n, max: n}
}

// take takes a token and reports whether there was one.
func (b *Budget) take() bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens == 0 {
		return false
	}
	b.tokens--
	return true
}

// give puts a token back, up to the budget's size.
func (b *Budget) give() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < b.max {
		b.tokens++
	}
}

// Tokens returns how many retries the budget allows now.
func (b *Budget) Tokens() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.tokens
}
