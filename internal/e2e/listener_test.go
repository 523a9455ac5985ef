package e2e

import (
	"context"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/webhook"
)

// connectListener is a host's Connect endpoint: an httptest TLS server in
// front of whatever handler the test mounts, usually webhook.NewHandler
// with record as its function.
type connectListener struct {
	srv *httptest.Server

	mu      sync.Mutex
	handler http.Handler
	events  []*webhook.Event
}

func newListener(t *testing.T) *connectListener {
	t.Helper()
	l := &connectListener{}
	l.srv = httptest.NewTLSServer(http.HandlerFunc(l.serveHTTP))
	t.Cleanup(l.srv.Close)
	return l
}

// URL is where Connect posts.
func (l *connectListener) URL() string { return l.srv.URL + "/docusign/connect" }

func (l *connectListener) mount(h http.Handler) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.handler = h
}

func (l *connectListener) serveHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	h := l.handler
	l.mu.Unlock()
	if h == nil {
		http.Error(w, "no handler mounted yet", http.StatusServiceUnavailable)
		return
	}
	h.ServeHTTP(w, r)
}

// record is the host's function: it keeps the event.
func (l *connectListener) record(_ context.Context, ev *webhook.Event) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, ev)
	return nil
}

// received returns the events record kept, in arrival order.
func (l *connectListener) received() []*webhook.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*webhook.Event(nil), l.events...)
}

// startConnect starts a listener and a fake that trusts it and redelivers
// failed messages after a millisecond, and mounts webhook.NewHandler
// verified with the fake's HMAC key and recording every event.
func startConnect(t *testing.T, opts ...docusigntest.Option) (*docusigntest.Server, *connectListener) {
	t.Helper()
	srv, ls := startListeners(t, 1, opts...)
	return srv, ls[0]
}

// startListeners is startConnect with n listeners.
func startListeners(t *testing.T, n int, opts ...docusigntest.Option) (*docusigntest.Server, []*connectListener) {
	t.Helper()
	pool := x509.NewCertPool()
	ls := make([]*connectListener, n)
	for i := range ls {
		ls[i] = newListener(t)
		pool.AddCert(ls[i].srv.Certificate())
	}
	ms := time.Millisecond
	srv := startFake(t, append([]docusigntest.Option{docusigntest.WithConnectRootCAs(pool),
		docusigntest.WithConnectRetrySchedule(ms, ms, ms)}, opts...)...)
	for _, l := range ls {
		l.mount(newHandler(t, srv, l.record))
	}
	return srv, ls
}

// newHandler is webhook.NewHandler for fn, verifying with the fake's HMAC
// key.
func newHandler(t *testing.T, srv *docusigntest.Server, fn func(context.Context, *webhook.Event) error, opts ...webhook.HandlerOption) http.Handler {
	t.Helper()
	v, err := webhook.NewVerifier(srv.Credentials().HMACKey)
	require.NoError(t, err)
	return webhook.NewHandler(v, fn, opts...)
}
