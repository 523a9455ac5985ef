package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// staticClient is a client on a token the fake issued, for tests about
// quotas rather than OAuth. Each call builds a new client, which knows
// nothing of the quota yet.
func staticClient(t *testing.T, srv *docusigntest.Server) *docusign.Client {
	t.Helper()
	tok, err := srv.IssueToken()
	require.NoError(t, err)
	return newClient(t, srv, oauth2.StaticTokenSource(tok), srv.Account())
}

// restRequests counts the eSignature REST calls the fake received.
func restRequests(srv *docusigntest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/restapi/") {
			n++
		}
	}
	return n
}

// Once the hourly quota is used up, the SDK answers ErrRateLimited with
// the reset time, whether it learnt it from the last success's headers or
// from DocuSign's refusal (sent with 400, as reported, or 429; both are
// served), and then refuses calls itself: nothing more reaches the fake.
//
// The fake's clock stands still at the test's start so its hour cannot roll
// mid-test; a run that starts within the test's own duration of the top of
// the hour would see the SDK's local block lapse with real time.
func TestC7_HourlyQuotaUsedUpIsRefusedLocallyUntilTheReset(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadRequest, http.StatusTooManyRequests} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			reset := start.Truncate(time.Hour).Add(time.Hour)
			srv := startFake(t, docusigntest.WithClock(func() time.Time { return start }),
				docusigntest.WithRateLimit(2, 0), docusigntest.WithRateLimitStatus(status))
			first := staticClient(t, srv)
			svc := newServiceFor(first)

			sum, err := svc.Create(t.Context(), oneSigner("Quota"))
			require.NoError(t, err)
			_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
			require.NoError(t, err)
			rl := first.RateLimit()
			assert.Equal(t, 2, rl.Limit)
			assert.Equal(t, 0, rl.Remaining)
			assert.True(t, reset.Equal(rl.Reset), "reset %s, want %s", rl.Reset, reset)
			calls := restRequests(srv)

			// Known from the headers: refused without a request.
			_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
			assertLocallyRateLimited(t, err, reset)
			assert.Equal(t, calls, restRequests(srv))

			// Not known yet: DocuSign's refusal, at once, then local refusals.
			other := newServiceFor(staticClient(t, srv))
			_, err = other.Get(t.Context(), sum.EnvelopeID, nil)
			require.ErrorIs(t, err, docusign.ErrRateLimited)
			ae := apiError(t, err)
			assert.Equal(t, status, ae.StatusCode)
			assert.Equal(t, "HOURLY_APIINVOCATION_LIMIT_EXCEEDED", ae.Code)
			assert.True(t, reset.Equal(ae.RetryAt), "retry at %s, want %s", ae.RetryAt, reset)
			assert.Equal(t, 1, ae.Attempts, "an hourly quota is never waited for")
			assert.Equal(t, calls+1, restRequests(srv))

			_, err = other.Create(t.Context(), oneSigner("Over quota"))
			assertLocallyRateLimited(t, err, reset)
			assert.Equal(t, calls+1, restRequests(srv))
			assert.Equal(t, 1, srv.CreateCount())
		})
	}
}

func assertLocallyRateLimited(t *testing.T, err error, reset time.Time) {
	t.Helper()
	require.ErrorIs(t, err, docusign.ErrRateLimited)
	ae := apiError(t, err)
	assert.Equal(t, 0, ae.StatusCode, "refused locally")
	assert.True(t, reset.Equal(ae.RetryAt), "retry at %s, want %s", ae.RetryAt, reset)
}

// RateLimit and each Response report the quota headers the fake sends.
func TestRateLimitReflectsTheHeadersOfTheLastResponse(t *testing.T) {
	t.Parallel()
	start := time.Now()
	srv := startFake(t, docusigntest.WithClock(func() time.Time { return start }),
		docusigntest.WithRateLimit(100, 10))
	client := staticClient(t, srv)
	assert.False(t, client.RateLimit().HourlyKnown(), "nothing seen yet")

	for i := 1; i <= 2; i++ {
		resp, err := client.Do(t.Context(), http.MethodGet,
			"/envelopes?from_date=2025-01-01", nil, nil)
		require.NoError(t, err)
		want := docusign.RateLimit{Limit: 100, Remaining: 100 - i,
			Reset:      time.Unix(start.Truncate(time.Hour).Add(time.Hour).Unix(), 0),
			BurstLimit: 10, BurstRemaining: 10 - i}
		assert.Equal(t, want, resp.RateLimit, "response %d", i)
		assert.Equal(t, want, client.RateLimit(), "after response %d", i)
	}
}

// A burst refusal is retried a bounded number of times, not blocked
// locally like the hourly quota: once the 30-second window opens, calls
// go through again.
func TestC8_BurstQuotaRetriesBoundedThenServesOnceTheWindowOpens(t *testing.T) {
	t.Parallel()
	var clock offsetClock
	srv := startFake(t, docusigntest.WithClock(clock.now), docusigntest.WithRateLimit(0, 1))
	client := staticClient(t, srv)
	svc := newServiceFor(client)

	sum, err := svc.Create(t.Context(), oneSigner("Burst"))
	require.NoError(t, err)
	calls := restRequests(srv)
	_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.ErrorIs(t, err, docusign.ErrRateLimited)
	ae := apiError(t, err)
	assert.Equal(t, "BURST_APIINVOCATION_LIMIT_EXCEEDED", ae.Code)
	assert.Equal(t, fastRetries().MaxRetries+1, ae.Attempts)
	assert.Equal(t, calls+ae.Attempts, restRequests(srv))

	clock.advance(31 * time.Second)
	_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)
}
