package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowBody answers its headers at once, then a byte per second.
type slowBody struct{ left int }

func (b *slowBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	time.Sleep(time.Second)
	b.left--
	p[0] = 'x'
	return 1, nil
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func written(r *http.Request) {
	if trace := httptrace.ContextClientTrace(r.Context()); trace != nil && trace.WroteRequest != nil {
		trace.WroteRequest(httptrace.WroteRequestInfo{})
	}
}

func TestAttemptTimeout_BoundsTheAnswerNotTheDownload(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			written(r)
			return &http.Response{StatusCode: 200, Body: io.NopCloser(&slowBody{left: 5})}, nil
		})
		c := NewHTTPClient(&http.Client{Transport: rt}, 2*time.Second)
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "https://x/y", nil)
		require.NoError(t, err)

		resp, err := c.Do(req)
		require.NoError(t, err)
		data, err := io.ReadAll(resp.Body)
		require.NoError(t, err, "a 5 s download outlives a 2 s attempt timeout")
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, "xxxxx", string(data))
	})
}

func TestAttemptTimeout_EndsAnAttemptWithoutAnswer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			written(r)
			<-r.Context().Done()
			return nil, r.Context().Err()
		})
		c := NewHTTPClient(&http.Client{Transport: rt}, 2*time.Second)
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "https://x/y", nil)
		require.NoError(t, err)
		start := time.Now()

		_, err = c.Do(req)

		require.ErrorIs(t, err, ErrAttemptTimeout)
		assert.False(t, errors.Is(err, context.Canceled))
		assert.Equal(t, 2*time.Second, time.Since(start))
	})
}

// An answer that arrives at the very instant the attempt timeout fires is
// either a timeout or a response whose body can be read: the timer never
// cancels a body already handed to the caller. Both wake at the same instant
// of the bubble's clock, so each round runs them in some order.
func TestAttemptTimeout_AnAnswerAtTheDeadlineKeepsItsBody(t *testing.T) {
	for range 200 {
		synctest.Test(t, func(t *testing.T) {
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				written(r)
				time.Sleep(time.Second)
				return &http.Response{StatusCode: 200, Body: io.NopCloser(contextReader{r})}, nil
			})
			c := NewHTTPClient(&http.Client{Transport: rt}, time.Second)
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "https://x/y", nil)
			require.NoError(t, err)

			resp, err := c.Do(req)
			if err != nil {
				require.ErrorIs(t, err, ErrAttemptTimeout)
				return
			}
			synctest.Wait()
			_, err = io.ReadAll(resp.Body)
			require.NoError(t, err, "the body of an answer that arrived is not cancelled")
			require.NoError(t, resp.Body.Close())
		})
	}
}

// contextReader is an empty body that fails once its request's context ends.
type contextReader struct{ req *http.Request }

func (c contextReader) Read([]byte) (int, error) {
	if err := c.req.Context().Err(); err != nil {
		return 0, err
	}
	return 0, io.EOF
}

func TestNewHTTPClient_UsesTheDefaultTransportOfTheMoment(t *testing.T) {
	// Not parallel: it replaces http.DefaultTransport, as gock does.
	saved := http.DefaultTransport
	defer func() { http.DefaultTransport = saved }()
	c := NewHTTPClient(nil, time.Second)
	http.DefaultTransport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 299, Body: io.NopCloser(strings.NewReader(""))}, nil
	})
	resp, err := c.Get("https://na3.docusign.net/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 299, resp.StatusCode)
}

func TestNewHTTPClient_KeepsTheCallersRedirectPolicy(t *testing.T) {
	t.Parallel()
	mine := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c := NewHTTPClient(&http.Client{CheckRedirect: mine, Timeout: time.Minute}, 0)
	assert.NotNil(t, c.CheckRedirect)
	assert.Equal(t, time.Minute, c.Timeout)
	assert.ErrorIs(t, c.CheckRedirect(nil, nil), http.ErrUseLastResponse)
}

func TestNewHTTPClient_RefusesRedirectsThatWouldCarryTheTokenAway(t *testing.T) {
	t.Parallel()
	check := NewHTTPClient(nil, 0).CheckRedirect
	tests := []struct {
		name, from, to string
		refused        bool
	}{
		{"same origin", "https://na3.docusign.net/a", "https://na3.docusign.net/b", false},
		{"http to https", "http://127.0.0.1:8080/a", "https://127.0.0.1:8080/b", false},
		{"another host", "https://na3.docusign.net/a", "https://evil.example/b", true},
		{"another port", "https://na3.docusign.net/a", "https://na3.docusign.net:8443/b", true},
		{"https to http", "https://na3.docusign.net/a", "http://na3.docusign.net/b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			first, err := http.NewRequest(http.MethodGet, tt.from, nil)
			require.NoError(t, err)
			next, err := http.NewRequest(http.MethodGet, tt.to, nil)
			require.NoError(t, err)

			err = check(next, []*http.Request{first})

			if tt.refused {
				require.ErrorIs(t, err, ErrRedirectRefused)
				return
			}
			require.NoError(t, err)
		})
	}
	first, err := http.NewRequest(http.MethodGet, "https://na3.docusign.net/a", nil)
	require.NoError(t, err)
	via := []*http.Request{first}
	for range 9 {
		via = append(via, first)
	}
	assert.ErrorIs(t, check(first, via), ErrRedirectRefused, "ten redirects are enough")
}
