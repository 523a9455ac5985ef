package docusign

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endless is a body that never ends, counting what was read from it.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += int64(len(p))
	return len(p), nil
}

func TestC18_HugeErrorBodyIsReadOnlyUpToTheCap(t *testing.T) {
	t.Parallel()
	body := &endless{}
	rt := script(step{status: 500, stream: body})
	c := newTestClient(t, rt, WithRetryPolicy(RetryPolicy{}))

	_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

	apiErr := errorAs(t, err)
	assert.Equal(t, 500, apiErr.StatusCode)
	assert.LessOrEqual(t, body.read, int64(128<<10), "read at most the cap and a buffer")
	assert.Len(t, apiErr.Body, 64<<10)
	handed, closed := rt.bodies()
	assert.Equal(t, handed, closed, "the connection's body is closed, not drained")
}

func TestG1_ResponseBodiesAreClosedOnEveryPath(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name  string
		steps []step
		out   func() any
	}{
		{"success decoded", []step{ok200()}, func() any { return &map[string]any{} }},
		{"success discarded", []step{ok200()}, func() any { return nil }},
		{"success empty", []step{{status: 204}}, func() any { return &map[string]any{} }},
		{"error", []step{{status: 404, body: `{"errorCode":"ENVELOPE_DOES_NOT_EXIST"}`}},
			func() any { return nil }},
		{"retried then success", []step{{status: 503, body: busyBody}, {err: refused}, ok200()},
			func() any { return &map[string]any{} }},
		{"retries exhausted", []step{{status: 503, body: busyBody}}, func() any { return nil }},
		{"undecodable answer", []step{{status: 200, body: "<html>"}},
			func() any { return &map[string]any{} }},
		{"unfollowed redirect", []step{{status: 302}}, func() any { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := script(tt.steps...)
			c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))

			_, _ = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, tt.out())

			handed, closed := rt.bodies()
			assert.Positive(t, handed)
			assert.Equal(t, handed, closed)
		})
	}
	t.Run("cancelled during backoff", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rt := script(step{status: 503, header: jsonHeader("Retry-After", "5")})
			c := newTestClient(t, rt)
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			defer cancel()
			ctx, cancelNow := context.WithCancel(ctx)
			time.AfterFunc(100*time.Millisecond, cancelNow)

			_, err := c.Do(ctx, http.MethodGet, "/envelopes", nil, nil)

			require.Error(t, err)
			handed, closed := rt.bodies()
			assert.Equal(t, 1, handed)
			assert.Equal(t, handed, closed)
		})
	})
	t.Run("streamed to the caller", func(t *testing.T) {
		t.Parallel()
		rt := script(step{status: 200, body: "%PDF-1.4 binary \x00\xff"})
		c := newTestClient(t, rt)
		var rc io.ReadCloser

		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1/documents/combined", nil, &rc)

		require.NoError(t, err)
		_, closed := rt.bodies()
		assert.Zero(t, closed, "still open for the caller")
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		assert.Equal(t, "%PDF-1.4 binary \x00\xff", string(data))
		require.NoError(t, rc.Close())
		_, closed = rt.bodies()
		assert.Equal(t, 1, closed)
		assert.Equal(t, "*/*", rt.requests()[0].header.Get("Accept"))
	})
}

func TestF3_ErrorsNeverRepeatQueryStringsOrTokens(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name string
		step step
	}{
		{"connection refused", step{err: refused}},
		{"server error", step{status: 500, body: busyBody}},
		{"unauthorized", step{status: 401, body: `{"errorCode":"USER_AUTHENTICATION_FAILED"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := script(tt.step)
			c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(1)))

			_, err := c.Do(t.Context(), http.MethodGet,
				"/envelopes?from_date=2026-01-01&search_text=s3cr3t-query", nil, nil)

			require.Error(t, err)
			for _, leak := range []string{"s3cr3t-query", "from_date", testToken} {
				assert.NotContains(t, err.Error(), leak)
				assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), leak)
			}
			assert.Contains(t, err.Error(), "/envelopes")
		})
	}
}

func TestF4_DefaultClientWritesNothingToStderr(t *testing.T) {
	// Not parallel: it swaps os.Stderr for the whole process.
	r, w, err := os.Pipe()
	require.NoError(t, err)
	saved := os.Stderr
	os.Stderr = w
	rt := script(step{status: 503, body: busyBody}, step{status: 500}, ok200())
	c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))
	_, doErr := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
	os.Stderr = saved
	require.NoError(t, w.Close())
	written, err := io.ReadAll(r)
	require.NoError(t, err)

	require.NoError(t, doErr)
	assert.Equal(t, 3, rt.attempts())
	assert.Empty(t, string(written))
}

func TestF2_DebugLogsNameTheAttemptNeverTheSecrets(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	rt := script(step{status: 503, body: busyBody,
		header: jsonHeader("X-DocuSign-TraceToken", "tt-1")}, step{err: refused}, ok200())
	c := newTestClient(t, rt, WithLogger(logger), WithRetryPolicy(fastPolicy(2)))

	_, err := c.Do(t.Context(), http.MethodGet, "/envelopes?search_text=s3cr3t-query", nil, nil)
	require.NoError(t, err)

	var lines []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m))
		lines = append(lines, m)
	}
	require.Len(t, lines, 5, "attempt, retry, attempt, retry, attempt")
	first := lines[0]
	assert.Equal(t, "GET", first["method"])
	assert.Equal(t, "/restapi/v2.1/accounts/acct-1/envelopes", first["path"])
	assert.EqualValues(t, 503, first["status"])
	assert.EqualValues(t, 1, first["attempt"])
	assert.Contains(t, first, "duration")
	assert.Equal(t, "tt-1", first["trace_token"])
	assert.EqualValues(t, 2, lines[2]["attempt"])
	assert.Contains(t, lines[2]["error"], "connection refused", "the failure is named")
	assert.EqualValues(t, 3, lines[4]["attempt"])
	for _, leak := range []string{"s3cr3t-query", testToken, "Bearer", busyBody} {
		assert.NotContains(t, buf.String(), leak)
	}
}

func TestF1_ClientFormatsWithoutItsTokenSource(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, script(ok200()))
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("client", "c", c)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		out := fmt.Sprintf(verb, c)
		assert.NotContains(t, out, testToken, verb)
		assert.Contains(t, out, "acct-1", verb)
	}
	assert.NotContains(t, buf.String(), testToken)
	assert.Contains(t, buf.String(), "acct-1")
}
