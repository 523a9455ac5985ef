package docusign

import (
	"fmt"
	"time"

	"github.com/esignkit/docusign-go/internal/transport"
)

// RetryPolicy says when and how long the client retries. A zero field takes
// the value of DefaultRetryPolicy, except MaxRetries, where zero means no
// retries: RetryPolicy{} sends every request once.
//
// Whatever the policy, a request is retried only when repeating it is safe:
// GET, HEAD, OPTIONS, PUT and DELETE on 429, 500, 502, 503, 504 and on
// connection errors that may heal; POST (creating an envelope, a view, a
// recipient) only when the connection failed before anything was written, or
// when DocuSign refused the call for a burst quota. An hourly quota is never
// waited for: the call fails at once with ErrRateLimited and the reset time,
// and the client refuses further calls locally until that time.
type RetryPolicy struct {
	// MaxRetries is how many times a request is retried after its first
	// attempt. Default 3.
	MaxRetries int
	// MinWait and MaxWait bound the jittered exponential backoff between
	// attempts. Defaults 500ms and 30s.
	MinWait, MaxWait time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits for; a
	// longer one fails the call at once with the time it names. Default 30s.
	MaxRetryAfter time.Duration
	// AttemptTimeout bounds, per attempt, the wait for DocuSign's answer
	// once the request is written; reading a response body is not bounded
	// by it. Default 90s.
	AttemptTimeout time.Duration
	// Budget is how many retries the client may spend before successes
	// refill it: each retry takes one, each success gives one back, so a
	// DocuSign outage cannot multiply the load. Default 100.
	Budget int
}

// DefaultRetryPolicy returns the policy a client uses when none is given.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxRetries:     3,
		MinWait:        500 * time.Millisecond,
		MaxWait:        30 * time.Second,
		MaxRetryAfter:  30 * time.Second,
		AttemptTimeout: 90 * time.Second,
		Budget:         100,
	}
}

// withDefaults fills the zero fields from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MinWait == 0 {
		p.MinWait = d.MinWait
		if p.MaxWait > 0 && p.MaxWait < p.MinWait {
			p.MinWait = p.MaxWait
		}
	}
	if p.MaxWait == 0 {
		p.MaxWait = max(d.MaxWait, p.MinWait)
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	if p.AttemptTimeout == 0 {
		p.AttemptTimeout = d.AttemptTimeout
	}
	if p.Budget == 0 {
		p.Budget = d.Budget
	}
	return p
}

func (p RetryPolicy) validate() error {
	if p.Budget < 0 {
		return fmt.Errorf("docusign: RetryPolicy.Budget is negative; use 0 for the default")
	}
	if err := p.transport().Validate(); err != nil {
		return fmt.Errorf("docusign: RetryPolicy: %w", err)
	}
	return nil
}

func (p RetryPolicy) transport() transport.Policy {
	return transport.Policy{
		MaxRetries:     p.MaxRetries,
		MinWait:        p.MinWait,
		MaxWait:        p.MaxWait,
		MaxRetryAfter:  p.MaxRetryAfter,
		AttemptTimeout: p.AttemptTimeout,
	}
}
