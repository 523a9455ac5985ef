package main

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"github.com/esignkit/docusign-go/docusign"
)

const (
	// cookieName is the browser's session cookie: a random key into the
	// server's memory, and nothing else.
	cookieName = "connect_session"
	// sessionLifetime bounds how long a session is kept.
	sessionLifetime = 30 * time.Minute
	// authLifetime bounds how long a started connection waits for
	// DocuSign's callback; DocuSign's own consent page is shorter-lived.
	authLifetime = 10 * time.Minute
	// maxSessions bounds the memory sessions take: past it the oldest
	// session is dropped.
	maxSessions = 10_000
)

// session is what the server keeps for one browser. The state and the
// PKCE verifier never leave the server; the browser holds only the key.
type session struct {
	created time.Time

	// state and verifier belong to the connection in progress: set by
	// /connect, cleared by the first callback that presents the state.
	state, verifier string
	authStarted     time.Time

	// user and accounts come from userinfo after the callback; csrf
	// guards the form that confirms one of the accounts.
	user     string
	accounts []docusign.Account
	csrf     string

	// stored is the account confirmed last; its ID is empty until then.
	stored docusign.Account
}

// pending reports whether s waits for a callback, and it has not expired.
func (s *session) pending(now time.Time) bool {
	return s.state != "" && now.Sub(s.authStarted) < authLifetime
}

// account returns the account with id among those userinfo listed.
func (s *session) account(id string) (docusign.Account, bool) {
	for _, a := range s.accounts {
		if a.ID == id {
			return a, true
		}
	}
	return docusign.Account{}, false
}

// sessions holds the sessions in memory, keyed by cookie value.
type sessions struct {
	mu  sync.Mutex
	m   map[string]*session
	now func() time.Time
}

func newSessions() *sessions {
	return &sessions{m: map[string]*session{}, now: time.Now}
}

// get returns the browser's session, or nil when it has none (or an
// unknown or expired one).
func (ss *sessions) get(r *http.Request) *session {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.m[c.Value]
	if s == nil || ss.now().Sub(s.created) > sessionLifetime {
		delete(ss.m, c.Value)
		return nil
	}
	return s
}

// start returns the browser's session, creating one (and its cookie)
// when it has none.
func (ss *sessions) start(w http.ResponseWriter, r *http.Request) *session {
	if s := ss.get(r); s != nil {
		return s
	}
	key := randomString(32)
	now := ss.now()
	ss.mu.Lock()
	ss.prune(now)
	s := &session{created: now}
	ss.m[key] = s
	ss.mu.Unlock()
	// Lax lets the cookie come back with DocuSign's redirect to the callback
	// (a top-level GET) and keeps it off other sites' posts. Secure is off
	// because the example serves plain HTTP on this machine; a host served
	// over HTTPS sets it.
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: key, Path: "/",
		MaxAge: int(sessionLifetime.Seconds()), HttpOnly: true,
		SameSite: http.SameSiteLaxMode})
	return s
}

// prune drops expired sessions, then the oldest ones past maxSessions.
// The caller holds ss.mu.
func (ss *sessions) prune(now time.Time) {
	for k, s := range ss.m {
		if now.Sub(s.created) > sessionLifetime {
			delete(ss.m, k)
		}
	}
	for len(ss.m) >= maxSessions {
		oldest := ""
		for k, s := range ss.m {
			if oldest == "" || s.created.Before(ss.m[oldest].created) {
				oldest = k
			}
		}
		delete(ss.m, oldest)
	}
}

// with runs fn with ss locked, so that a session's fields change
// atomically between concurrent requests of one browser.
func (ss *sessions) with(fn func()) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	fn()
}

// randomString returns n random bytes, base64url-encoded.
func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// sameSecret compares two secrets in constant time; empty never matches.
func sameSecret(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
