package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultMaxErrorBody is how much of an error body the Engine keeps when
// Engine.MaxErrorBody is zero.
const DefaultMaxErrorBody = 64 << 10

// Throttle is what a response says about the server's quotas.
type Throttle int

const (
	// NotThrottled: the response is not about a quota.
	NotThrottled Throttle = iota
	// Burst: a short quota window is used up. The server refused the call
	// without acting on it, so any call may be retried after a wait.
	Burst
	// Hourly: a long quota window is used up. Retrying soon cannot help.
	Hourly
)

// Verdict is a Classifier's reading of an error response.
type Verdict struct {
	Throttle Throttle
	// ResetAt is when the quota opens again, when known.
	ResetAt time.Time
	// Final reports a refusal that no retry can cure, whatever its status.
	Final bool
}

// Request is one call for the Engine.
type Request struct {
	Method string
	URL    *url.URL
	Header http.Header
	// Body opens the request body; it is called once per attempt. Nil means
	// no body.
	Body func() (io.ReadCloser, error)
	// ContentLength is the body's length, or -1 when unknown.
	ContentLength int64
	// Idempotent reports whether repeating the request is harmless.
	Idempotent bool
}

// Engine sends requests through go-retryablehttp under a Policy. Its fields
// are read only; one Engine serves many concurrent calls.
type Engine struct {
	// Client sends each attempt; build it with NewHTTPClient.
	Client *http.Client
	Policy Policy
	// Budget, when set, caps retries across all calls that share it.
	Budget *Budget
	// Logger, when set, receives one debug line per attempt and per retry.
	Logger *slog.Logger
	// Classify reads an error response (body capped) for quota information.
	Classify func(resp *http.Response, body []byte) Verdict
	// Observe, when set, sees every response's headers, retried or not.
	Observe func(resp *http.Response)
	// MaxErrorBody caps how much of an error body is read; 0 means
	// DefaultMaxErrorBody. A longer body is cut and its connection closed.
	MaxErrorBody int64
}

// Do sends r, retrying under the Policy. On success the response body is
// open and the caller closes it. Otherwise the error is a *StatusError, a
// *TransportError, or an error about r itself.
func (e *Engine) Do(ctx context.Context, r Request) (*http.Response, error) {
	c := &call{e: e, r: r}
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteHeaders: func() { c.wrote.Store(true) },
	})
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, r.URL.String(), nil)
	if err != nil {
		return nil, redact(err)
	}
	if r.Header != nil {
		req.Header = r.Header.Clone()
	}
	if r.Body != nil {
		body, err := r.Body()
		if err != nil {
			return nil, fmt.Errorf("opening the request body: %w", err)
		}
		req.Body, req.ContentLength = body, r.ContentLength
		req.GetBody = r.Body
	}
	rc := &retryablehttp.Client{
		HTTPClient:   e.Client,
		RetryMax:     e.Policy.MaxRetries,
		RetryWaitMin: e.Policy.MinWait,
		RetryWaitMax: e.Policy.MaxWait,
		CheckRetry:   c.checkRetry,
		Backoff:      c.backoff,
		PrepareRetry: c.prepareRetry,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	c.attemptStart = time.Now()
	resp, err := rc.Do(req)
	return c.finish(resp, err)
}

// call is the state of one Engine.Do.
type call struct {
	e            *Engine
	r            Request
	wrote        atomic.Bool // set by httptrace once the current attempt writes
	attempt      int
	attemptStart time.Time
	wait         time.Duration
	last         *StatusError
	retryAt      time.Time
	stopped      string
	unknown      bool // the last attempt may have taken effect
}

func (c *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	c.attempt++
	wrote := c.wrote.Swap(false)
	elapsed := time.Since(c.attemptStart)
	var v Verdict
	if resp != nil {
		if c.e.Observe != nil {
			c.e.Observe(resp)
		}
		if resp.StatusCode >= 400 {
			v = c.capture(resp)
		}
	}
	c.logAttempt(ctx, resp, err, elapsed)
	c.unknown = !c.r.Idempotent &&
		((err != nil && wrote) || (resp != nil && ambiguousStatus(resp.StatusCode)))
	return c.decide(ctx, resp, err, v), nil
}

// decide reports whether to retry and, if so, sets c.wait.
func (c *call) decide(ctx context.Context, resp *http.Response, err error, v Verdict) bool {
	if ctx.Err() != nil || c.unknown {
		return false
	}
	var wait time.Duration
	switch {
	case err != nil:
		if !retryableError(ctx, err) {
			return false
		}
		wait = Backoff(c.e.Policy.MinWait, c.e.Policy.MaxWait, c.attempt-1)
	case resp.StatusCode < 400:
		return false
	default:
		w, ok := c.statusWait(resp, v)
		if !ok {
			return false
		}
		wait = w
	}
	if c.attempt > c.e.Policy.MaxRetries {
		return false
	}
	if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
		c.stopped = fmt.Sprintf("not retried: the next attempt, in %s, would start "+
			"after the context deadline", wait.Round(time.Millisecond))
		return false
	}
	if !c.e.Budget.take() {
		c.stopped = "not retried: the client's retry budget is used up"
		return false
	}
	c.wait = wait
	c.logRetry(ctx, wait)
	return true
}

// statusWait returns how long to wait before retrying an error response, or
// false when it must not be retried.
func (c *call) statusWait(resp *http.Response, v Verdict) (time.Duration, bool) {
	now := time.Now()
	if v.Final {
		return 0, false
	}
	if v.Throttle == Hourly {
		c.retryAt = v.ResetAt
		c.stopped = "not retried: the hourly quota is used up"
		return 0, false
	}
	throttled := resp.StatusCode == http.StatusTooManyRequests || v.Throttle == Burst
	if !throttled && !(c.r.Idempotent && retryableStatus(resp.StatusCode)) {
		return 0, false
	}
	if d, ok := RetryAfter(resp.Header, now); ok {
		c.retryAt = now.Add(d)
		if d > c.e.Policy.MaxRetryAfter {
			c.stopped = fmt.Sprintf("not retried: Retry-After asks for %s, more than "+
				"the %s the retry policy allows", d, c.e.Policy.MaxRetryAfter)
			return 0, false
		}
		return d, true
	}
	return Backoff(c.e.Policy.MinWait, c.e.Policy.MaxWait, c.attempt-1), true
}

// capture reads an error body up to the cap, closes the connection's body and
// leaves an in-memory copy in its place, then classifies it.
func (c *call) capture(resp *http.Response) Verdict {
	limit := c.e.MaxErrorBody
	if limit <= 0 {
		limit = DefaultMaxErrorBody
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if int64(len(body)) > limit {
		body = body[:limit]
	}
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	c.last = &StatusError{StatusCode: resp.StatusCode, Header: resp.Header, Body: body}
	if c.e.Classify == nil {
		return Verdict{}
	}
	return c.e.Classify(resp, body)
}

func (c *call) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return c.wait
}

func (c *call) prepareRetry(req *http.Request) error {
	c.attemptStart = time.Now()
	if c.r.Body == nil {
		return nil
	}
	body, err := c.r.Body()
	if err != nil {
		return fmt.Errorf("not retried: the request body cannot be read again: %w", err)
	}
	req.Body = body
	return nil
}

func (c *call) finish(resp *http.Response, err error) (*http.Response, error) {
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, &TransportError{
			Err: redact(err), Attempts: c.attempt, Ambiguous: c.unknown, Last: c.result(),
		}
	}
	if resp.StatusCode >= 400 {
		resp.Body.Close()
		return nil, c.result()
	}
	c.e.Budget.give()
	return resp, nil
}

// result returns the last error response with the call's totals, or nil.
func (c *call) result() *StatusError {
	if c.last == nil {
		return nil
	}
	se := *c.last
	se.Attempts, se.RetryAt, se.Stopped, se.Ambiguous = c.attempt, c.retryAt, c.stopped, c.unknown
	return &se
}

func (c *call) logAttempt(ctx context.Context, resp *http.Response, err error, d time.Duration) {
	l := c.e.Logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", c.r.Method),
		slog.String("path", c.r.URL.Path),
		slog.Int("attempt", c.attempt),
		slog.Duration("duration", d),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode),
			slog.String("trace_token", resp.Header.Get("X-DocuSign-TraceToken")))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", redact(err).Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "docusign request", attrs...)
}

func (c *call) logRetry(ctx context.Context, wait time.Duration) {
	if l := c.e.Logger; l != nil {
		l.LogAttrs(ctx, slog.LevelDebug, "docusign retry",
			slog.String("method", c.r.Method),
			slog.String("path", c.r.URL.Path),
			slog.Int("next_attempt", c.attempt+1),
			slog.Duration("wait", wait))
	}
}

func retryableStatus(code int) bool {
	switch code {
	case 500, 502, 503, 504:
		return true
	}
	return false
}

// ambiguousStatus reports a status after which a request that is not
// idempotent may have taken effect. 501 says the method is not implemented,
// so nothing happened.
func ambiguousStatus(code int) bool {
	return code >= 500 && code != http.StatusNotImplemented
}

// retryableError reports whether a failed attempt may succeed if repeated.
func retryableError(ctx context.Context, err error) bool {
	switch {
	case ctx.Err() != nil:
		return false
	case errors.Is(err, ErrAttemptTimeout):
		return true
	case errors.Is(err, context.Canceled), errors.Is(err, ErrRedirectRefused):
		return false
	case errors.Is(err, context.DeadlineExceeded):
		// The caller's context is alive, so this is http.Client.Timeout:
		// one attempt was too slow.
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	retry, _ := retryablehttp.ErrorPropagatedRetryPolicy(ctx, nil, err)
	return retry
}
