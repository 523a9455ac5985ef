package docusign

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/internal/transport"
)

// pipeNet is an in-memory network for an http.Server and an http.Transport
// inside a synctest bubble: each dial is a net.Pipe whose server end the
// listener accepts.
type pipeNet struct {
	conns     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
}

func newPipeNet() *pipeNet {
	return &pipeNet{conns: make(chan net.Conn), done: make(chan struct{})}
}

func (p *pipeNet) Accept() (net.Conn, error) {
	select {
	case c := <-p.conns:
		return c, nil
	case <-p.done:
		return nil, net.ErrClosed
	}
}

func (p *pipeNet) Close() error {
	p.closeOnce.Do(func() { close(p.done) })
	return nil
}

func (p *pipeNet) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)} }

func (p *pipeNet) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case p.conns <- server:
		return client, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-p.done:
		return nil, syscall.ECONNREFUSED
	}
}

// servePipe serves h on an in-memory network and returns a client for it.
// Everything stops when the test ends.
func servePipe(t *testing.T, h http.Handler, opts ...Option) *Client {
	pn := newPipeNet()
	srv := &http.Server{Handler: h}
	go srv.Serve(pn)
	tr := &http.Transport{DialContext: pn.dial}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		srv.Close()
	})
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testToken})
	opts = append([]Option{WithHTTPClient(&http.Client{Transport: tr})}, opts...)
	c, err := NewClient(ts, Account{ID: "acct-1", BaseURI: "http://127.0.0.1"}, opts...)
	require.NoError(t, err)
	return c
}

func TestC1_RetryAfter503DrainsTheBodyAndReusesTheConnection(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		c := servePipe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) == 1 {
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, busyBody)
				return
			}
			io.WriteString(w, `{"envelopeId":"e1"}`)
		}))
		var reused []bool
		ctx := httptrace.WithClientTrace(t.Context(), &httptrace.ClientTrace{
			GotConn: func(info httptrace.GotConnInfo) { reused = append(reused, info.Reused) },
		})
		var out struct{ EnvelopeID string }

		_, err := c.Do(ctx, http.MethodGet, "/envelopes/e1", nil, &out)

		require.NoError(t, err)
		assert.Equal(t, "e1", out.EnvelopeID)
		assert.Equal(t, int32(2), calls.Load(), "success on attempt 2")
		assert.Equal(t, []bool{false, true}, reused, "the second attempt reuses the connection")
	})
}

// A JSON answer whose last chunk (here the encoder's newline) comes after
// the value is read to its end, so the next call reuses the connection.
func TestDo_DecodedAnswersLeaveTheConnectionReusable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := servePipe(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"envelopeId":"e1"}`)
			w.(http.Flusher).Flush()
			time.Sleep(time.Second)
			io.WriteString(w, "\n")
		}))
		var reused []bool
		ctx := httptrace.WithClientTrace(t.Context(), &httptrace.ClientTrace{
			GotConn: func(info httptrace.GotConnInfo) { reused = append(reused, info.Reused) },
		})

		for range 2 {
			var out struct{ EnvelopeID string }
			_, err := c.Do(ctx, http.MethodGet, "/envelopes/e1", nil, &out)
			require.NoError(t, err)
			assert.Equal(t, "e1", out.EnvelopeID)
		}

		assert.Equal(t, []bool{false, true}, reused)
	})
}

func TestC9_RefusedConnectionsAreRetriedUnknownHostsAreNot(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp",
		Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
	noHost := &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: "na9.docusign.invalid", IsNotFound: true}}

	t.Run("refused", func(t *testing.T) {
		t.Parallel()
		rt := script(step{err: refused}, step{err: refused}, ok200())
		c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))
		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		require.NoError(t, err)
		assert.Equal(t, 3, rt.attempts())
	})
	t.Run("no such host", func(t *testing.T) {
		t.Parallel()
		rt := script(step{err: noHost}, ok200())
		c := newTestClient(t, rt, WithRetryPolicy(fastPolicy(3)))
		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		var dnsErr *net.DNSError
		require.ErrorAs(t, err, &dnsErr)
		assert.Equal(t, 1, rt.attempts())
	})
}

func TestC10_TLSAndRedirectLoopsAreNotRetried(t *testing.T) {
	t.Parallel()
	t.Run("unknown certificate authority", func(t *testing.T) {
		t.Parallel()
		var calls, conns atomic.Int32
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			calls.Add(1)
		}))
		srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
			if state == http.StateNew {
				conns.Add(1)
			}
		}
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.StartTLS()
		defer srv.Close()
		c, err := NewClient(staticToken(), Account{ID: "1", BaseURI: srv.URL},
			WithHTTPClient(&http.Client{}), WithRetryPolicy(fastPolicy(3)))
		require.NoError(t, err)

		_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

		require.Error(t, err)
		assert.Contains(t, err.Error(), "certificate")
		assert.Zero(t, calls.Load())
		assert.Equal(t, int32(1), conns.Load(), "one handshake, no retry")
	})
	t.Run("redirect loop", func(t *testing.T) {
		t.Parallel()
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		}))
		defer srv.Close()
		c, err := NewClient(staticToken(), Account{ID: "1", BaseURI: srv.URL},
			WithRetryPolicy(fastPolicy(3)))
		require.NoError(t, err)

		_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

		require.ErrorIs(t, err, transport.ErrRedirectRefused)
		assert.Equal(t, int32(10), calls.Load(), "one run of redirects, no retry")
	})
	t.Run("invalid header value", func(t *testing.T) {
		t.Parallel()
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			calls.Add(1)
		}))
		defer srv.Close()
		ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "bad\ntoken"})
		rt := &countingTransport{next: srv.Client().Transport}
		c, err := NewClient(ts, Account{ID: "1", BaseURI: srv.URL}, WithRetryPolicy(fastPolicy(3)),
			WithHTTPClient(&http.Client{Transport: rt}))
		require.NoError(t, err)

		_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

		require.Error(t, err)
		assert.Contains(t, err.Error(), "invalid header")
		assert.NotContains(t, err.Error(), "bad\ntoken")
		assert.Zero(t, calls.Load())
		assert.Equal(t, int32(1), rt.attempts.Load(), "one attempt, no retry")
	})
}

func TestC15_RedirectsReplayBodiesOnTheSameHostOnly(t *testing.T) {
	t.Parallel()
	var otherHostAuth atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHostAuth.Store(r.Header.Get("Authorization"))
	}))
	defer other.Close()
	var gotBody atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/restapi/v2.1/accounts/1/moved":
			http.Redirect(w, r, "/restapi/v2.1/accounts/1/here", http.StatusTemporaryRedirect)
		case "/restapi/v2.1/accounts/1/permanent":
			http.Redirect(w, r, "/restapi/v2.1/accounts/1/here", http.StatusPermanentRedirect)
		case "/restapi/v2.1/accounts/1/elsewhere":
			http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
		default:
			data, _ := io.ReadAll(r.Body)
			gotBody.Store(string(data))
			io.WriteString(w, `{}`)
		}
	}))
	defer srv.Close()
	c, err := NewClient(staticToken(), Account{ID: "1", BaseURI: srv.URL})
	require.NoError(t, err)

	for _, path := range []string{"/moved", "/permanent"} {
		gotBody.Store("")
		_, err = c.Do(t.Context(), http.MethodPut, path, map[string]string{"status": "sent"}, nil)
		require.NoError(t, err)
		assert.JSONEq(t, `{"status":"sent"}`, gotBody.Load().(string), path)
	}

	_, err = c.Do(t.Context(), http.MethodPut, "/elsewhere", map[string]string{"a": "b"}, nil)
	require.ErrorIs(t, err, transport.ErrRedirectRefused)
	assert.Nil(t, otherHostAuth.Load(), "nothing reached the other host")
}

func TestF5_CrossHostRedirectWithTheCallersClientDropsTheToken(t *testing.T) {
	t.Parallel()
	var otherHostAuth atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHostAuth.Store(r.Header.Get("Authorization"))
		io.WriteString(w, `{}`)
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost:"+strconv.Itoa(other.Listener.Addr().(*net.TCPAddr).Port),
			http.StatusFound)
	}))
	defer srv.Close()
	followAll := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return nil
	}}
	c, err := NewClient(staticToken(), Account{ID: "1", BaseURI: srv.URL}, WithHTTPClient(followAll))
	require.NoError(t, err)

	_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)

	require.NoError(t, err)
	assert.Equal(t, "", otherHostAuth.Load(), "net/http strips Authorization across hosts")
}

// countingTransport counts the attempts that reach the transport, including
// those that fail before anything reaches the server.
type countingTransport struct {
	attempts atomic.Int32
	next     http.RoundTripper
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.attempts.Add(1)
	return c.next.RoundTrip(req)
}

func staticToken() oauth2.TokenSource {
	return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: testToken})
}
