package docusign

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// Time-based cases run in a synctest bubble: its clock is fake and jumps
// forward whenever every goroutine in the bubble waits, so a 10 s backoff
// takes no real time and elapsed times are exact.

const busyBody = `{"errorCode":"SERVICE_UNAVAILABLE","message":"DocuSign is busy"}`

func ok200() step {
	return step{status: 200, header: jsonHeader(), body: `{"envelopeId":"e1","status":"sent"}`}
}

func TestC2_IdempotentCallsRetryEvery5xxThenKeepTheLastError(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rt := script(step{status: status, header: jsonHeader(
					"X-DocuSign-TraceToken", "trace-"+strconv.Itoa(status)), body: busyBody})
				c := newTestClient(t, rt)

				_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, nil)

				require.Error(t, err)
				assert.Equal(t, DefaultRetryPolicy().MaxRetries+1, rt.attempts())
				apiErr := errorAs(t, err)
				assert.Equal(t, status, apiErr.StatusCode)
				assert.Equal(t, "SERVICE_UNAVAILABLE", apiErr.Code)
				assert.Equal(t, "DocuSign is busy", apiErr.Message)
				assert.Equal(t, "trace-"+strconv.Itoa(status), apiErr.TraceToken)
				assert.Equal(t, 4, apiErr.Attempts)
				assert.NotContains(t, err.Error(), "giving up")
			})
		})
	}
}

func TestC3_ClientErrorsAndNotImplementedAreNotRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 401, 403, 404, 409, 422, 501} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			t.Parallel()
			body := fmt.Sprintf(`{"errorCode":"CODE_%d","message":"refused %d"}`, status, status)
			rt := script(step{status: status, header: jsonHeader(), body: body})
			c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

			_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, nil)

			apiErr := errorAs(t, err)
			assert.Equal(t, 1, rt.attempts())
			assert.Equal(t, status, apiErr.StatusCode)
			assert.Equal(t, fmt.Sprintf("CODE_%d", status), apiErr.Code)
			assert.Equal(t, fmt.Sprintf("refused %d", status), apiErr.Message)
			assert.JSONEq(t, body, string(apiErr.Body))
		})
	}
}

func TestC4_RetryAfterSecondsIsWaitedFor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rt := script(step{status: 429, header: jsonHeader("Retry-After", "2")}, ok200())
		c := newTestClient(t, rt)
		start := time.Now()

		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, nil)

		require.NoError(t, err)
		reqs := rt.requests()
		require.Len(t, reqs, 2)
		assert.Equal(t, 2*time.Second, reqs[1].at.Sub(reqs[0].at))
		assert.Equal(t, 2*time.Second, time.Since(start))
	})
}

func TestC5_LongRetryAfterFailsFastWithTheTimeItNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		status     int
		retryAfter func(now time.Time) string
		rateLimit  bool
	}{
		{"429 for an hour", 429, func(time.Time) string { return "3600" }, true},
		{"503 for an hour", 503, func(time.Time) string { return "3600" }, false},
		{"429 until a far date", 429, func(now time.Time) string {
			return now.Add(3 * time.Hour).UTC().Format(http.TimeFormat)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				now := time.Now()
				rt := script(step{status: tt.status,
					header: jsonHeader("Retry-After", tt.retryAfter(now))})
				c := newTestClient(t, rt)

				_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

				assert.Equal(t, 1, rt.attempts())
				assert.Zero(t, time.Since(now), "no sleep at all")
				apiErr := errorAs(t, err)
				assert.True(t, apiErr.RetryAt.After(now.Add(59*time.Minute)))
				assert.Equal(t, tt.rateLimit, errors.Is(err, ErrRateLimited))
				assert.Contains(t, err.Error(), "Retry-After")
			})
		})
	}
}

func TestC6_UnusableRetryAfterFallsBackToBackoff(t *testing.T) {
	t.Parallel()
	policy := RetryPolicy{MaxRetries: 1, MinWait: 100 * time.Millisecond, MaxWait: time.Second}
	tests := []struct {
		name     string
		value    func(now time.Time) string
		min, max time.Duration
	}{
		{"negative", func(time.Time) string { return "-5" }, 100 * time.Millisecond, time.Second},
		{"garbage", func(time.Time) string { return "soon" }, 100 * time.Millisecond, time.Second},
		{"past date", func(now time.Time) string {
			return now.Add(-time.Hour).UTC().Format(http.TimeFormat)
		}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rt := script(step{status: 503,
					header: jsonHeader("Retry-After", tt.value(time.Now()))}, ok200())
				c := newTestClient(t, rt, WithRetryPolicy(policy))

				_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

				require.NoError(t, err)
				reqs := rt.requests()
				require.Len(t, reqs, 2)
				wait := reqs[1].at.Sub(reqs[0].at)
				assert.GreaterOrEqual(t, wait, tt.min)
				assert.LessOrEqual(t, wait, tt.max)
			})
		})
	}
}

// hourlyExhausted returns the headers of a response that used the last call
// of the hour, with the reset 40 minutes ahead.
func hourlyExhausted(now time.Time) http.Header {
	return jsonHeader(
		"X-RateLimit-Limit", "3000",
		"X-RateLimit-Remaining", "0",
		"X-RateLimit-Reset", strconv.FormatInt(now.Add(40*time.Minute).Unix(), 10))
}

func TestC7_HourlyQuotaFailsAtOnceAndBlocksUntilTheReset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"429 with the hourly headers", 429, ""},
		{"400 with DocuSign's code", 400, `{"errorCode":"HOURLY_APIINVOCATION_LIMIT_EXCEEDED",` +
			`"message":"The maximum number of hourly API invocations has been exceeded."}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				now := time.Now()
				reset := time.Unix(now.Add(40*time.Minute).Unix(), 0)
				rt := script(step{status: tt.status, header: hourlyExhausted(now), body: tt.body},
					ok200())
				c := newTestClient(t, rt)

				_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

				require.ErrorIs(t, err, ErrRateLimited)
				assert.Equal(t, 1, rt.attempts())
				assert.Zero(t, time.Since(now))
				assert.Equal(t, reset, errorAs(t, err).RetryAt)

				_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
				require.ErrorIs(t, err, ErrRateLimited)
				local := errorAs(t, err)
				assert.Zero(t, local.StatusCode, "refused locally")
				assert.Equal(t, reset, local.RetryAt)
				assert.Contains(t, err.Error(), "no request was sent")
				assert.Equal(t, 1, rt.attempts())

				time.Sleep(time.Until(reset) + time.Second)
				_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
				require.NoError(t, err)
				assert.Equal(t, 2, rt.attempts())
			})
		})
	}
}

func TestC8_BurstLimitIsRetriedWithJitterUntilTheWindowOpens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"429 with the burst headers", 429, ""},
		{"400 with DocuSign's burst code", 400,
			`{"errorCode":"BURST_APIINVOCATION_LIMIT_EXCEEDED","message":"burst"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				burst := step{status: tt.status, body: tt.body, header: jsonHeader(
					"X-BurstLimit-Limit", "200", "X-BurstLimit-Remaining", "0")}
				rt := script(burst, burst, ok200())
				policy := DefaultRetryPolicy()
				c := newTestClient(t, rt, WithRetryPolicy(policy))

				_, err := c.Do(t.Context(), http.MethodPost, "/envelopes", map[string]string{}, nil)

				require.NoError(t, err, "a refused POST is safe to send again")
				reqs := rt.requests()
				require.Len(t, reqs, 3)
				for i := 1; i < 3; i++ {
					wait := reqs[i].at.Sub(reqs[i-1].at)
					assert.GreaterOrEqual(t, wait, policy.MinWait)
					assert.LessOrEqual(t, wait, policy.MaxWait)
				}
				assert.Equal(t, 0, c.RateLimit().BurstRemaining)
				assert.Equal(t, 200, c.RateLimit().BurstLimit)
			})
		})
	}
}

func TestC11_SlowAttemptsAreRetriedWithinTheCallersDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rt := script(step{block: true}, step{block: true}, ok200())
		policy := RetryPolicy{MaxRetries: 5, MinWait: 100 * time.Millisecond,
			MaxWait: 100 * time.Millisecond, AttemptTimeout: time.Second}
		c := newTestClient(t, rt, WithRetryPolicy(policy))
		start := time.Now()

		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

		require.NoError(t, err)
		assert.Equal(t, 3, rt.attempts())
		assert.Equal(t, 2*time.Second+200*time.Millisecond, time.Since(start))

		rt = script(step{block: true})
		c = newTestClient(t, rt, WithRetryPolicy(policy))
		ctx, cancel := context.WithTimeout(t.Context(), 2500*time.Millisecond)
		defer cancel()
		start = time.Now()

		_, err = c.Do(ctx, http.MethodGet, "/envelopes", nil, nil)

		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.LessOrEqual(t, time.Since(start), 2500*time.Millisecond)
		assert.Equal(t, 3, rt.attempts())
	})
}

func TestC12_CancelDuringBackoffReturnsAtOnce(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	synctest.Test(t, func(t *testing.T) {
		rt := script(step{status: 503, header: jsonHeader("Retry-After", "10"), body: busyBody})
		c := newTestClient(t, rt)
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(time.Second, cancel)
		start := time.Now()

		_, err := c.Do(ctx, http.MethodGet, "/envelopes", nil, nil)

		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, time.Second, time.Since(start))
		assert.Equal(t, 1, rt.attempts(), "no attempt after the cancel")
		assert.Equal(t, 503, errorAs(t, err).StatusCode, "the last answer survives")
		synctest.Wait()
		assert.Equal(t, 1, rt.attempts())
	})
}

func TestC13_DeadlineBeforeTheNextAttemptFailsFast(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rt := script(step{status: 503, header: jsonHeader("Retry-After", "10"), body: busyBody})
		c := newTestClient(t, rt)
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		start := time.Now()

		_, err := c.Do(ctx, http.MethodGet, "/envelopes", nil, nil)

		assert.Zero(t, time.Since(start), "no sleep that cannot finish")
		assert.Equal(t, 1, rt.attempts())
		assert.Equal(t, 503, errorAs(t, err).StatusCode)
		assert.Contains(t, err.Error(), "context deadline")
	})
}

func TestC16_RetryBudgetCapsRetriesOfManyFailingCalls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rt := script(step{status: 503, body: busyBody})
		policy := DefaultRetryPolicy()
		c := newTestClient(t, rt, WithRetryPolicy(policy))

		var wg sync.WaitGroup
		for range 200 {
			wg.Go(func() {
				_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
				assert.Error(t, err)
			})
		}
		wg.Wait()

		assert.LessOrEqual(t, rt.attempts(), 200+policy.Budget)
		assert.Less(t, rt.attempts(), 200*(policy.MaxRetries+1))
		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		assert.Contains(t, err.Error(), "retry budget")
	})
}

func TestC16_SuccessesRefillTheRetryBudget(t *testing.T) {
	t.Parallel()
	busy := step{status: 503, body: busyBody}
	rt := script(busy, busy, busy, ok200(), busy, ok200())
	policy := fastPolicy(1)
	policy.Budget = 1
	c := newTestClient(t, rt, WithRetryPolicy(policy))
	get := func() error {
		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		return err
	}

	require.Error(t, get(), "503 twice: the one retry the budget holds is spent")
	err := get()
	require.ErrorContains(t, err, "retry budget", "no retry left")
	require.NoError(t, get(), "a success puts a retry back")
	require.NoError(t, get(), "503 then 200: the refilled retry is spent")
	assert.Equal(t, 6, rt.attempts())
}

// DocuSign's account and envelope limits share the _LIMIT_EXCEEDED suffix of
// its quota codes, but no wait lifts them: a create refused for them is not
// sent again and does not read as rate limited.
func TestDo_AccountAndEnvelopeLimitsAreNotRetried(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		code   string
	}{
		{400, "RECIPIENT_LIMIT_EXCEEDED"},
		{429, "RECIPIENT_LIMIT_EXCEEDED"},
		{400, "DOCUMENT_LIMIT_EXCEEDED"},
		{400, "ENVELOPE_SEND_LIMIT_EXCEEDED"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.status, tt.code), func(t *testing.T) {
			t.Parallel()
			body := fmt.Sprintf(`{"errorCode":%q,"message":"a limit"}`, tt.code)
			rt := script(step{status: tt.status, header: jsonHeader(), body: body}, ok200())
			c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

			_, err := c.Do(t.Context(), http.MethodPost, "/envelopes", map[string]string{}, nil)

			assert.Equal(t, 1, rt.attempts())
			assert.Equal(t, tt.code, errorAs(t, err).Code)
			assert.NotErrorIs(t, err, ErrRateLimited)
		})
	}
}

func TestC7_HourlyCodeWithoutHeadersStillBlocksUntilTheTopOfTheHour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		quota := step{status: 400, header: jsonHeader(),
			body: `{"errorCode":"HOURLY_APIINVOCATION_LIMIT_EXCEEDED","message":"quota"}`}
		rt := script(quota, ok200())
		c := newTestClient(t, rt)
		topOfHour := time.Now().Truncate(time.Hour).Add(time.Hour)

		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		require.ErrorIs(t, err, ErrRateLimited)
		assert.Equal(t, topOfHour, errorAs(t, err).RetryAt)

		_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		require.ErrorIs(t, err, ErrRateLimited)
		assert.Zero(t, errorAs(t, err).StatusCode, "refused locally")
		assert.Equal(t, 1, rt.attempts())

		time.Sleep(time.Until(topOfHour) + time.Second)
		_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		require.NoError(t, err)
	})
}

func TestC7_PerEnvelopeHourlyLimitBlocksNothingElse(t *testing.T) {
	t.Parallel()
	polling := step{status: 400, header: jsonHeader(),
		body: `{"errorCode":"Hourly_Envelope_Polling_Limit_Exceeded","message":"poll less"}`}
	rt := script(polling, ok200())
	c := newTestClient(t, rt)

	_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, nil)
	require.ErrorIs(t, err, ErrRateLimited)
	_, err = c.Do(t.Context(), http.MethodGet, "/envelopes/e2", nil, nil)
	require.NoError(t, err, "another envelope is not blocked")
	assert.Equal(t, 2, rt.attempts())
}

func TestRateLimit_ALateAnswerDoesNotLiftABlock(t *testing.T) {
	t.Parallel()
	now := time.Now()
	reset := strconv.FormatInt(now.Add(30*time.Minute).Unix(), 10)
	c := newTestClient(t, script(ok200()))
	newer := &http.Response{Header: jsonHeader("X-RateLimit-Limit", "3000",
		"X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset)}
	older := &http.Response{Header: jsonHeader("X-RateLimit-Limit", "3000",
		"X-RateLimit-Remaining", "5", "X-RateLimit-Reset", reset)}
	previousWindow := &http.Response{Header: jsonHeader("X-RateLimit-Limit", "3000",
		"X-RateLimit-Remaining", "2999",
		"X-RateLimit-Reset", strconv.FormatInt(now.Add(-30*time.Minute).Unix(), 10))}

	c.observe(newer)
	c.observe(older)
	c.observe(previousWindow)

	until, rl := c.quotaBlock(now)
	assert.False(t, until.IsZero(), "still blocked")
	assert.Equal(t, 0, rl.Remaining)

	nextWindow := &http.Response{Header: jsonHeader("X-RateLimit-Limit", "3000",
		"X-RateLimit-Remaining", "3000",
		"X-RateLimit-Reset", strconv.FormatInt(now.Add(90*time.Minute).Unix(), 10))}
	c.observe(nextWindow)
	until, rl = c.quotaBlock(now)
	assert.True(t, until.IsZero(), "a new window lifts it")
	assert.Equal(t, 3000, rl.Remaining)
}
