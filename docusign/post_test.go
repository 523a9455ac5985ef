package docusign

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDo_PostIsRetriedOnlyWhenNothingWasWritten(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	tests := []struct {
		name     string
		steps    []step
		attempts int
		unknown  bool
	}{
		{"dial refused then created", []step{{err: refused}, ok200()}, 2, false},
		{"reset after writing", []step{{err: reset, wrote: true}, ok200()}, 1, true},
		{"500 after writing", []step{{status: 500, body: busyBody}, ok200()}, 1, true},
		{"503 after writing", []step{{status: 503, body: busyBody}, ok200()}, 1, true},
		{"501 did nothing", []step{{status: 501}, ok200()}, 1, false},
		{"400 was refused", []step{{status: 400, body: `{"errorCode":"X"}`}, ok200()}, 1, false},
		{"429 was refused", []step{{status: 429}, ok200()}, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := script(tt.steps...)
			c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

			_, err := c.Do(t.Context(), http.MethodPost, "/envelopes", map[string]string{}, nil)

			assert.Equal(t, tt.attempts, rt.attempts())
			assert.Equal(t, tt.unknown, errors.Is(err, ErrOutcomeUnknown), "outcome unknown")
		})
	}
}

func TestDo_PostTimingOutAfterTheWriteIsOutcomeUnknown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rt := script(step{block: true})
		c := newTestClient(t, rt)
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()

		_, err := c.Do(ctx, http.MethodPost, "/envelopes", map[string]string{}, nil)

		require.ErrorIs(t, err, ErrOutcomeUnknown)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 1, rt.attempts())
	})
}

func TestDo_NotIdempotentContextMakesPutSafe(t *testing.T) {
	t.Parallel()
	rt := script(step{status: 503, body: busyBody}, ok200())
	c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

	_, err := c.Do(NotIdempotent(t.Context()), http.MethodPut, "/envelopes/e1?resend_envelope=true",
		map[string]string{}, nil)

	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, rt.attempts())
}

func TestD7_NoIdempotencyKeyHeaderIsEverSent(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	rt := script(step{err: refused}, step{status: 429}, ok200())
	c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))
	body := Body{ContentType: "multipart/form-data; boundary=x", Size: -1,
		Open: func() (io.ReadCloser, error) { return io.NopCloser(http.NoBody), nil }}

	_, err := c.Do(t.Context(), http.MethodPost, "/envelopes", body, nil)

	require.NoError(t, err)
	require.Len(t, rt.requests(), 3)
	for _, r := range rt.requests() {
		for name := range r.header {
			assert.NotContains(t, http.CanonicalHeaderKey(name), "Idempotency",
				"net/http would replay a POST carrying it")
		}
	}
}

func TestDo_OnlyIdempotentMethodsAreRetriedAfterA5xx(t *testing.T) {
	t.Parallel()
	for method, retried := range map[string]bool{
		http.MethodGet: true, http.MethodHead: true, http.MethodPut: true,
		http.MethodDelete: true, http.MethodOptions: true,
		http.MethodPost: false, http.MethodPatch: false,
	} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			rt := script(step{status: 503, body: busyBody}, ok200())
			c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

			_, err := c.Do(t.Context(), method, "/envelopes/e1", nil, nil)

			if retried {
				require.NoError(t, err)
				assert.Equal(t, 2, rt.attempts())
				return
			}
			require.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, 1, rt.attempts())
		})
	}
}

func TestDo_AnUnfollowedRedirectIsAnError(t *testing.T) {
	t.Parallel()
	rt := script(step{status: http.StatusFound, header: http.Header{"Location": {"/elsewhere"}}})
	noFollow := &http.Client{Transport: rt,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c, err := NewClient(staticToken(), testAccount, WithHTTPClient(noFollow))
	require.NoError(t, err)
	var out map[string]any

	_, err = c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, &out)

	apiErr := errorAs(t, err)
	assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "unexpected status")
}
