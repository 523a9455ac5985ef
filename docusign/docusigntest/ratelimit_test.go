package docusigntest_test

import (
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// clock is a settable time for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestHourlyQuotaRefusesUntilTheHourTurns(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2026, 3, 1, 10, 59, 0, 0, time.UTC)}
	srv := newServer(t, docusigntest.WithClock(clk.Now), docusigntest.WithRateLimit(2, 0))
	tok, err := srv.IssueToken()
	require.NoError(t, err)
	path := "/envelopes?from_date=2020-01-01"
	for _, left := range []string{"1", "0"} {
		status, h, _ := raw(t, srv, tok.AccessToken, http.MethodGet, path, "", nil)
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, "2", h.Get("X-RateLimit-Limit"))
		assert.Equal(t, left, h.Get("X-RateLimit-Remaining"))
		reset := time.Date(2026, 3, 1, 11, 0, 0, 0, time.UTC).Unix()
		assert.Equal(t, strconv.FormatInt(reset, 10), h.Get("X-RateLimit-Reset"))
		assert.Empty(t, h.Get("X-BurstLimit-Limit"), "no burst quota configured")
	}
	status, h, body := raw(t, srv, tok.AccessToken, http.MethodGet, path, "", nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "0", h.Get("X-RateLimit-Remaining"))
	code, msg := apiErr(t, body)
	assert.Equal(t, "HOURLY_APIINVOCATION_LIMIT_EXCEEDED", code)
	assert.Equal(t, "The maximum number of hourly API invocations has been exceeded. "+
		"The hourly limit is 2.", msg)

	clk.Add(time.Minute)
	status, h, _ = raw(t, srv, tok.AccessToken, http.MethodGet, path, "", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "1", h.Get("X-RateLimit-Remaining"))
}

func TestBurstQuotaWith429AndRetryAfter(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	srv := newServer(t, docusigntest.WithClock(clk.Now), docusigntest.WithRateLimit(0, 1),
		docusigntest.WithRateLimitStatus(http.StatusTooManyRequests))
	tok, _ := srv.IssueToken()
	path := "/envelopes?from_date=2020-01-01"
	status, h, _ := raw(t, srv, tok.AccessToken, http.MethodGet, path, "", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "1", h.Get("X-BurstLimit-Limit"))
	assert.Equal(t, "0", h.Get("X-BurstLimit-Remaining"))
	status, h, body := raw(t, srv, tok.AccessToken, http.MethodGet, path, "", nil)
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, "30", h.Get("Retry-After"))
	code, _ := apiErr(t, body)
	assert.Equal(t, "BURST_APIINVOCATION_LIMIT_EXCEEDED", code)
	clk.Add(30 * time.Second)
	status, _, _ = raw(t, srv, tok.AccessToken, http.MethodGet, path, "", nil)
	assert.Equal(t, http.StatusOK, status)
}

func TestRateLimitHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	status, h, _ := raw(t, srv, "", http.MethodGet, srv.URL()+"/oauth/userinfo", "", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	for _, k := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
		"X-BurstLimit-Limit", "X-BurstLimit-Remaining", "X-DocuSign-TraceToken"} {
		assert.NotEmpty(t, h.Get(k), k)
	}
	assert.Equal(t, "3000", h.Get("X-RateLimit-Limit"))
	assert.Equal(t, "200", h.Get("X-BurstLimit-Limit"))
}

func TestEnvelopePollingLimitPerClockHour(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC)}
	srv := newServer(t, docusigntest.WithClock(clk.Now),
		docusigntest.WithEnvelopePollingLimit(2))
	c := issuedClient(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	other := create(t, c, definition("sent")).EnvelopeID
	tok, _ := srv.IssueToken()
	get := func(id string) (int, []byte) {
		status, _, body := raw(t, srv, tok.AccessToken, http.MethodGet, "/envelopes/"+id, "", nil)
		return status, body
	}
	for range 2 {
		status, _ := get(id)
		require.Equal(t, http.StatusOK, status)
	}
	status, body := get(id)
	assert.Equal(t, http.StatusBadRequest, status)
	code, _ := apiErr(t, body)
	assert.Equal(t, "Hourly_Envelope_Polling_Limit_Exceeded", code)
	status, _ = get(other)
	assert.Equal(t, http.StatusOK, status, "the limit is per envelope")
	clk.Add(30 * time.Minute)
	status, _ = get(id)
	assert.Equal(t, http.StatusOK, status, "the count resets on the hour")
}
