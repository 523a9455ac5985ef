package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// Source is the caching token source that Config.TokenSource and
// JWTConfig.TokenSource return (as an oauth2.TokenSource). It is safe for
// concurrent use; build one per user and keep it.
//
// A token is handed out until the refresh skew before its expiry. Then one
// request gets a new token, however many callers ask at once: they all wait
// for that request and share its token or its error. A failure is
// remembered for the failure back-off, during which callers get the same
// error at once. The request runs under its own timeout, apart from any
// caller, and each caller stops waiting when its own context ends.
//
// Source implements docusign.ContextTokenSource and docusign.TokenInvalidator,
// so that a docusign.Client honours each request's context and, when
// DocuSign refuses a token it still holds, gets a new one and replays the
// request once. With WithBackgroundRefresh it also runs one goroutine, which
// Close stops.
type Source struct {
	grant   operation
	fetch   fetchFunc
	client  *http.Client
	set     sourceSettings
	initErr error

	mu      sync.Mutex
	cur     *entry // the token handed out; nil before the first
	invalid bool   // DocuSign refused cur's access token
	pending *entry // a new token OnRefresh has not accepted yet
	flight  *flight
	lastErr error
	retryAt time.Time

	// The background refresher, when enabled.
	wake    chan struct{}
	stop    context.CancelFunc
	stopped chan struct{}
}

// fetchFunc asks DocuSign for a new token. last is the newest token the
// source knows, or nil; the authorization-code grant sends its refresh
// token.
type fetchFunc func(ctx context.Context, last *oauth2.Token) (*oauth2.Token, error)

// flight is one token request, shared by every caller that waits for it.
type flight struct {
	done chan struct{}
	tok  *oauth2.Token
	err  error
	cut  bool // Close ended it: its waiters ask again
}

var (
	_ docusign.ContextTokenSource = (*Source)(nil)
	_ docusign.TokenInvalidator   = (*Source)(nil)
)

// spec is what a grant gives newSource.
type spec struct {
	grant   operation
	client  *http.Client // nil: the package's default
	fetch   fetchFunc
	initial *oauth2.Token // a stored token, or nil
	err     error         // why the configuration cannot work, or nil
}

func newSource(ctx context.Context, sp spec, opts []SourceOption) *Source {
	if ctx == nil {
		ctx = context.Background()
	}
	s := &Source{grant: sp.grant, fetch: sp.fetch, client: httpClient(sp.client),
		set: newSourceSettings(opts)}
	s.initErr = errors.Join(sp.err, s.set.err())
	if s.initErr != nil {
		return s
	}
	if sp.initial != nil {
		s.cur = initialEntry(sp.initial, s.set.now(), s.set.skew)
		s.invalid = sp.initial.AccessToken == "" // a refresh token alone
	}
	if s.set.background {
		s.startBackground(ctx)
	}
	return s
}

// Token returns a valid token, waiting for a new one when needed, without a
// deadline of its own beyond the refresh timeout. Prefer TokenContext.
func (s *Source) Token() (*oauth2.Token, error) {
	return s.TokenContext(context.Background())
}

// TokenContext returns a valid token, waiting for a new one when needed
// until ctx ends. A caller that stops waiting does not stop the refresh:
// its result serves the callers that come after.
func (s *Source) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	switch {
	case s.initErr != nil:
		return nil, s.initErr
	case s.fetch == nil:
		return nil, errors.New("auth: a Source is built by Config.TokenSource or " +
			"JWTConfig.TokenSource")
	case ctx == nil:
		ctx = context.Background()
	}
	for {
		f, tok, err := s.acquire()
		if f == nil {
			return tok, err
		}
		select {
		case <-f.done:
			if !f.cut {
				return f.tok, f.err
			}
		case <-ctx.Done():
			return nil, fmt.Errorf("auth: stopped waiting for the %s: %w", s.grant,
				context.Cause(ctx))
		}
	}
}

// acquire returns the cached token, the error of a failure still in its
// back-off, or the flight to wait for, starting one if none is running.
func (s *Source) acquire() (*flight, *oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.set.now()
	switch {
	case s.cur != nil && !s.invalid && now.Before(s.cur.refreshAt):
		return nil, s.cur.tok, nil
	case s.flight != nil:
		return s.flight, nil, nil
	case s.lastErr != nil && now.Before(s.retryAt):
		return nil, nil, s.lastErr
	}
	f := s.startLocked()
	go s.run(context.Background(), f)
	return f, nil, nil
}

// InvalidateToken drops tok when it is still the cached token, so that the
// next call gets a new one. A newer token is kept: when many requests are
// refused with the same token, one refresh serves them all.
func (s *Source) InvalidateToken(tok *oauth2.Token) {
	if tok == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && s.cur.tok.AccessToken == tok.AccessToken {
		s.invalid = true
	}
}

func (s *Source) startLocked() *flight {
	s.flight = &flight{done: make(chan struct{})}
	return s.flight
}

// run performs f and publishes its result. parent is cancelled only by
// Close, for a refresh the background refresher started.
func (s *Source) run(parent context.Context, f *flight) {
	tok, err := s.refresh(parent)
	s.mu.Lock()
	s.flight = nil
	switch {
	case err == nil:
		s.lastErr = nil
	case parent.Err() == nil: // a refresh cut short by Close is no failure
		s.lastErr, s.retryAt = err, s.set.now().Add(s.set.backoff)
	}
	s.mu.Unlock()
	f.tok, f.err, f.cut = tok, err, err != nil && parent.Err() != nil
	close(f.done)
	s.notify()
}

// refresh gets a new token, or takes the one OnRefresh refused last time,
// and installs it once OnRefresh accepts it.
func (s *Source) refresh(parent context.Context) (*oauth2.Token, error) {
	s.mu.Lock()
	e, last := s.pending, s.latestLocked()
	s.mu.Unlock()
	if e == nil || !s.set.now().Before(e.refreshAt) {
		issued := s.set.now()
		tok, err := s.request(parent, last)
		if err != nil {
			s.log(slog.LevelWarn, "auth: getting a token failed",
				slog.String("error", err.Error()))
			return nil, err
		}
		e = newEntry(tok, issued, s.set.skew)
		s.log(slog.LevelDebug, "auth: new token", slog.Duration("lifetime",
			e.tok.Expiry.Sub(issued)), slog.Duration("duration", s.set.now().Sub(issued)))
	}
	if s.set.onRefresh != nil {
		if err := s.set.onRefresh(e.tok); err != nil {
			s.mu.Lock()
			s.pending = e
			s.mu.Unlock()
			err = fmt.Errorf("auth: OnRefresh failed to store the new token, so it is "+
				"not used yet; it is offered to OnRefresh again on the next call: %w", err)
			s.log(slog.LevelWarn, "auth: storing a token failed",
				slog.String("error", err.Error()))
			return nil, err
		}
	}
	s.mu.Lock()
	s.cur, s.invalid, s.pending = e, false, nil
	s.mu.Unlock()
	return e.tok, nil
}

// latestLocked returns the newest token known, whose refresh token is the
// only one DocuSign still accepts.
func (s *Source) latestLocked() *oauth2.Token {
	switch {
	case s.pending != nil:
		return s.pending.tok
	case s.cur != nil:
		return s.cur.tok
	}
	return nil
}

// request sends one token request under the refresh timeout.
func (s *Source) request(parent context.Context, last *oauth2.Token) (*oauth2.Token, error) {
	ctx, cancel := context.WithTimeout(parent, s.set.timeout)
	defer cancel()
	tok, err := s.fetch(withClient(ctx, s.client), last)
	switch {
	case err != nil && ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("auth: %s: no answer within the refresh timeout (%s): %w",
			s.grant, s.set.timeout, err)
	case err != nil:
		return nil, err
	case tok == nil || tok.AccessToken == "":
		return nil, fmt.Errorf("auth: %s: DocuSign's answer had no access_token", s.grant)
	}
	return tok, nil
}

func (s *Source) log(level slog.Level, msg string, attrs ...slog.Attr) {
	if s.set.logger == nil {
		return
	}
	attrs = append(attrs, slog.String("grant", string(s.grant)))
	s.set.logger.LogAttrs(context.Background(), level, msg, attrs...)
}
