package docusigntest

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// Request is one request the server received, for tests that assert what a
// client sent. Header is a copy with the Authorization value reduced to its
// scheme ("Bearer [redacted]"), so no secret is kept.
type Request struct {
	Method string
	// Path is the URL path; Query the raw query string.
	Path, Query string
	Header      http.Header
	// Body is the start (64 KiB at most) of a JSON body sent to the REST
	// API, for asserting what a client sent; nil for other bodies (OAuth
	// forms carry secrets, multipart carries documents).
	Body []byte
	// Status is the status the server answered, 0 if it dropped the
	// connection without answering.
	Status int
	// Reason says why the server refused the request, when it did and the
	// answer does not say (OAuth errors are terse on purpose).
	Reason string
	Time   time.Time
}

type reqKey struct{}

// maxLog bounds the request and delivery logs of a long-running server:
// past it, the older half is forgotten.
const maxLog = 100_000

// record logs r and returns it with its log index in its context.
func (s *Server) record(r *http.Request) (*http.Request, int) {
	h := r.Header.Clone()
	if v := h.Get("Authorization"); v != "" {
		scheme, _, _ := strings.Cut(v, " ")
		h.Set("Authorization", scheme+" "+redacted)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) >= maxLog {
		drop := len(s.requests) / 2
		s.requests = append(s.requests[:0:0], s.requests[drop:]...)
		s.reqBase += drop
	}
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path,
		Query: r.URL.RawQuery, Header: h, Time: s.now()})
	idx := s.reqBase + len(s.requests) - 1
	return r.WithContext(context.WithValue(r.Context(), reqKey{}, idx)), idx
}

func (s *Server) finish(idx, status int, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := idx - s.reqBase; i >= 0 && i < len(s.requests) {
		s.requests[i].Status = status
		s.requests[i].Body = body
	}
}

const maxLoggedBody = 64 << 10

// bodyCapture keeps the first bytes a handler reads of a request body.
type bodyCapture struct {
	io.ReadCloser
	buf bytes.Buffer
}

func (c *bodyCapture) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	if room := maxLoggedBody - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(n, room)])
	}
	return n, err
}

// captureJSON starts keeping r's body when it is JSON sent to the REST API.
func captureJSON(r *http.Request) *bodyCapture {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if !strings.HasPrefix(r.URL.Path, restPrefix) || mt != "application/json" {
		return nil
	}
	c := &bodyCapture{ReadCloser: r.Body}
	r.Body = c
	return c
}

func (c *bodyCapture) bytes() []byte {
	if c == nil || c.buf.Len() == 0 {
		return nil
	}
	return bytes.Clone(c.buf.Bytes())
}

// note records why the server refused r.
func (s *Server) note(r *http.Request, reason string) {
	idx, ok := r.Context().Value(reqKey{}).(int)
	if !ok || reason == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := idx - s.reqBase; i >= 0 && i < len(s.requests) {
		s.requests[i].Reason = reason
	}
}

// Requests returns the requests received so far, in arrival order (the
// most recent 100,000 at most).
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Header = r.Header.Clone()
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// CreateCount returns how many envelope creations the server carried out,
// so that a test can assert "exactly one envelope was created" after
// retries and failures.
func (s *Server) CreateCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.creates
}
