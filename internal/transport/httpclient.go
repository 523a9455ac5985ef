package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"time"
)

// ErrAttemptTimeout is the error of an attempt whose response headers did
// not arrive within Policy.AttemptTimeout after the request was written.
var ErrAttemptTimeout = errors.New("no response within the attempt timeout")

// ErrRedirectRefused is the error of a redirect to another host or from
// https to http, which would carry the access token where it must not go.
var ErrRedirectRefused = errors.New("redirect refused")

// NewHTTPClient returns the client the Engine sends through: a copy of base
// (its transport, jar, timeout and redirect policy are kept) whose transport
// applies the attempt timeout. With a nil base, or a base without a
// transport, requests go through http.DefaultTransport as it is when each
// request is made, so that tools which swap it (gock, for one) intercept the
// SDK with no setup. Without a redirect policy of its own, the client
// refuses redirects to another host or to plain http.
func NewHTTPClient(base *http.Client, attemptTimeout time.Duration) *http.Client {
	var c http.Client
	if base != nil {
		c = *base
	}
	c.Transport = &attemptTransport{next: c.Transport, timeout: attemptTimeout}
	if c.CheckRedirect == nil {
		c.CheckRedirect = sameOriginRedirects
	}
	return &c
}

func sameOriginRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return fmt.Errorf("%w: stopped after 10 redirects", ErrRedirectRefused)
	}
	first := via[0].URL
	if req.URL.Host != first.Host || (first.Scheme == "https" && req.URL.Scheme != "https") {
		return fmt.Errorf("%w: from %s://%s to %s://%s", ErrRedirectRefused,
			first.Scheme, first.Host, req.URL.Scheme, req.URL.Host)
	}
	return nil
}

// attemptTransport bounds, per attempt, the time between the end of writing
// the request and the arrival of the response headers. Reading the body is
// not bounded, so a long download is not cut.
type attemptTransport struct {
	next    http.RoundTripper
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	if t.timeout <= 0 {
		return next.RoundTrip(req)
	}
	ctx, cancel := context.WithCancel(req.Context())
	var (
		mu       sync.Mutex
		timer    *time.Timer
		timedOut bool
		done     bool
	)
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) {
		mu.Lock()
		defer mu.Unlock()
		if timer == nil && !done {
			timer = time.AfterFunc(t.timeout, func() {
				// The answer may have arrived as the timer fired: its body
				// belongs to the caller now and must not be cancelled.
				mu.Lock()
				defer mu.Unlock()
				if !done {
					timedOut = true
					cancel()
				}
			})
		}
	}}
	resp, err := next.RoundTrip(req.WithContext(httptrace.WithClientTrace(ctx, trace)))
	mu.Lock()
	done = true
	if timer != nil {
		timer.Stop()
	}
	expired := timedOut
	mu.Unlock()
	if expired {
		if err == nil {
			resp.Body.Close()
		}
		cancel()
		return nil, fmt.Errorf("%w (%s)", ErrAttemptTimeout, t.timeout)
	}
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = OnClose(resp.Body, cancel)
	return resp, nil
}

// OnClose returns body with release run when it is closed: a response body
// that ends the context of its request once the caller is done with it.
func OnClose(body io.ReadCloser, release func()) io.ReadCloser {
	return &onClose{ReadCloser: body, release: release}
}

type onClose struct {
	io.ReadCloser
	release func()
}

func (b *onClose) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
