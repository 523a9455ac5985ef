package docusigntest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// Fault scripts a failure for the requests that match it. The zero Method
// and Path match every request.
type Fault struct {
	// Method matches the request method ("" for any).
	Method string
	// Path matches the URL path, either whole ("/oauth/token") or relative
	// to the account ("/envelopes"). A trailing "*" matches a prefix
	// ("/envelopes/*").
	Path string
	// Times is how many matching requests fail: 0 means one, a negative
	// number every one until ClearFaults.
	Times int
	// Delay holds each matching request this long before anything else
	// (the client's context or Close ends it early).
	Delay time.Duration
	// Status, when set, answers with this status and Body instead of the
	// real answer. An empty Body with a status of 400 or more becomes a
	// DocuSign error body with the errorCode UNSPECIFIED_ERROR.
	Status int
	// Body is the answer's body; ContentType its type (JSON by default).
	Body, ContentType string
	// Drop closes the connection without answering, after reading the
	// whole request.
	Drop bool
	// AfterHandling lets the request take effect first (an envelope is
	// created, a status changes) and fails only its answer: the case of a
	// request whose outcome the client cannot know.
	AfterHandling bool
}

type faultState struct {
	Fault
	left int
}

// InjectFault adds f to the faults the server applies, after the ones
// already there. Each request uses the first fault that matches it.
func (s *Server) InjectFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	left := f.Times
	if left == 0 {
		left = 1
	}
	s.faults = append(s.faults, &faultState{Fault: f, left: left})
}

// ClearFaults removes every scripted fault and the create slowness.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
	s.slowness = 0
}

// SlowCreates makes every envelope creation answer d after it took effect,
// so that a client's timeout fires on a create that did happen.
func (s *Server) SlowCreates(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.slowness = d
}

func (f *Fault) matches(r *http.Request) bool {
	if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
		return false
	}
	if f.Path == "" {
		return true
	}
	paths := []string{r.URL.Path}
	if rel, ok := accountRelative(r.URL.Path); ok {
		paths = append(paths, rel)
	}
	for _, p := range paths {
		if prefix, ok := strings.CutSuffix(f.Path, "*"); ok && strings.HasPrefix(p, prefix) {
			return true
		}
		if p == f.Path {
			return true
		}
	}
	return false
}

// accountRelative returns the part of a REST path after the account ID.
func accountRelative(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, restPrefix)
	if !ok {
		return "", false
	}
	_, after, ok := strings.Cut(rest, "/")
	return "/" + after, ok
}

// takeFault returns the fault for r, counting it, or nil.
func (s *Server) takeFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if !f.matches(r) {
			continue
		}
		if f.left > 0 {
			f.left--
		}
		if f.left == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		found := f.Fault
		return &found
	}
	return nil
}

// applyFault applies the fault matching r, if any, and reports whether it
// answered (or dropped) the request itself.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
	f := s.takeFault(r)
	if f == nil {
		return false
	}
	if f.Delay > 0 && !s.sleep(r, f.Delay) {
		return true
	}
	if !f.Drop && f.Status == 0 {
		return false
	}
	if f.AfterHandling {
		next.ServeHTTP(httptest.NewRecorder(), r)
	}
	drain(r)
	if f.Drop {
		s.note(r, "fault: connection dropped")
		hijackAndClose(w)
		return true
	}
	s.note(r, "fault: injected status")
	body, ctype := f.Body, f.ContentType
	if body == "" && f.Status >= 400 {
		body = `{"errorCode":"UNSPECIFIED_ERROR","message":"An injected fault."}`
	}
	if ctype == "" {
		ctype = "application/json; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(f.Status)
	_, _ = w.Write([]byte(body))
	return true
}

func hijackAndClose(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	_ = conn.Close()
}

// sleep waits d unless the request or the server ends first, and reports
// whether it waited the whole time.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.life.Done():
		return false
	}
}
