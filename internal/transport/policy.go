package transport

import (
	"errors"
	"fmt"
	"time"
)

// Policy says how often and how long the Engine retries.
type Policy struct {
	// MaxRetries is how many times a call is retried after its first attempt.
	MaxRetries int
	// MinWait and MaxWait bound every computed backoff wait.
	MinWait, MaxWait time.Duration
	// MaxRetryAfter is the longest Retry-After the Engine waits for. A longer
	// one ends the call at once, reporting when it may be retried.
	MaxRetryAfter time.Duration
	// AttemptTimeout bounds the wait for response headers once a request has
	// been written. Zero means no bound other than the context.
	AttemptTimeout time.Duration
}

// Validate reports a policy that cannot work, naming the field.
func (p Policy) Validate() error {
	switch {
	case p.MaxRetries < 0:
		return errors.New("MaxRetries is negative; use 0 for no retries")
	case p.MinWait < 0 || p.MaxWait < 0 || p.MaxRetryAfter < 0 || p.AttemptTimeout < 0:
		return errors.New("a wait or timeout is negative")
	case p.MaxWait < p.MinWait:
		return fmt.Errorf("MaxWait %s is shorter than MinWait %s", p.MaxWait, p.MinWait)
	}
	return nil
}
