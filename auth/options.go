package auth

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/oauth2"
)

// The token sources' defaults. Each has an option to change it.
const (
	// DefaultRefreshSkew is how long before its expiry a token is replaced:
	// no request leaves with a token that may expire on the way.
	DefaultRefreshSkew = 5 * time.Minute
	// DefaultFailureBackoff is how long a failed refresh is remembered: calls
	// in that time get the same error at once, without a new request, so
	// that a failing token endpoint sees one request per back-off however
	// many callers there are.
	DefaultFailureBackoff = 2 * time.Second
	// DefaultRefreshTimeout bounds one token request.
	DefaultRefreshTimeout = 30 * time.Second
)

const (
	// unknownLifetime is how long a token whose response had no usable
	// expires_in is used: short, so that such a token is never kept for
	// long, and long enough to serve many calls.
	unknownLifetime = 10 * time.Minute
	// maxLifetime caps expires_in: DocuSign's tokens live 1 hour (JWT) or
	// 8 hours (authorization code), so a larger value is an error somewhere.
	maxLifetime = 24 * time.Hour
)

// SourceOption configures a token source built by Config.TokenSource or
// JWTConfig.TokenSource. Options may come in any order. An option given a
// bad value makes JWTConfig.TokenSource return an error, and makes every
// call of a Config.TokenSource source return it.
type SourceOption func(*sourceSettings)

type sourceSettings struct {
	skew       time.Duration
	backoff    time.Duration
	timeout    time.Duration
	onRefresh  func(*oauth2.Token) error
	logger     *slog.Logger
	background bool
	now        func() time.Time
	errs       []error
}

func newSourceSettings(opts []SourceOption) sourceSettings {
	s := sourceSettings{
		skew:    DefaultRefreshSkew,
		backoff: DefaultFailureBackoff,
		timeout: DefaultRefreshTimeout,
		now:     time.Now,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&s)
		}
	}
	return s
}

func (s *sourceSettings) err() error { return errors.Join(s.errs...) }

// inRange reports whether 0 <= d <= most, recording the error of option
// name otherwise.
func (s *sourceSettings) inRange(name string, d, most, example time.Duration) bool {
	if d >= 0 && d <= most {
		return true
	}
	s.errs = append(s.errs, fmt.Errorf("auth: %s(%s): give a duration between 0 and "+
		"%s, such as %s", name, d, most, example))
	return false
}

// OnRefresh has fn called with every new token the source obtains, before
// any caller receives it, so that the host can store it: with the
// authorization-code grant DocuSign may rotate the refresh token, and the
// previous one then stops working. fn is called by one goroutine at a time.
//
// When fn returns an error, the new token is handed to no caller: they get
// fn's error (wrapped), and the source keeps the token in memory and offers
// it to fn again on the next call after the failure back-off, without asking
// DocuSign again. So a refresh token is never lost to a failing store, and a
// refresh token already exchanged is never sent again.
func OnRefresh(fn func(*oauth2.Token) error) SourceOption {
	return func(s *sourceSettings) {
		if fn == nil {
			s.errs = append(s.errs, errors.New("auth: OnRefresh(nil); leave the option "+
				"out when there is nothing to store"))
			return
		}
		s.onRefresh = fn
	}
}

// WithRefreshSkew replaces DefaultRefreshSkew: a token is replaced once the
// time left before its expiry is d or less. For a token whose whole lifetime
// is shorter than 2d, half its lifetime is used instead, so that it still
// serves for a while.
func WithRefreshSkew(d time.Duration) SourceOption {
	return func(s *sourceSettings) {
		if s.inRange("WithRefreshSkew", d, time.Hour, DefaultRefreshSkew) {
			s.skew = d
		}
	}
}

// WithFailureBackoff replaces DefaultFailureBackoff. Zero lets every call
// after a failure try again (still one request at a time).
func WithFailureBackoff(d time.Duration) SourceOption {
	return func(s *sourceSettings) {
		if s.inRange("WithFailureBackoff", d, 10*time.Minute, DefaultFailureBackoff) {
			s.backoff = d
		}
	}
}

// WithRefreshTimeout replaces DefaultRefreshTimeout. The timeout belongs to
// the refresh, not to a caller: a caller whose context ends sooner stops
// waiting, and the refresh goes on for the callers that come after it.
func WithRefreshTimeout(d time.Duration) SourceOption {
	return func(s *sourceSettings) {
		if d <= 0 {
			s.errs = append(s.errs, fmt.Errorf("auth: WithRefreshTimeout(%s): give a "+
				"positive duration, such as %s", d, DefaultRefreshTimeout))
			return
		}
		s.timeout = d
	}
}

// WithLogger makes the source log each token it obtains (at debug level:
// grant, lifetime, duration) and each failure (at warn level: grant and the
// error). Tokens, assertions, codes and keys are never logged. Without it
// the source logs nothing. FetchUserInfo logs through the same logger when
// given this source.
func WithLogger(l *slog.Logger) SourceOption {
	return func(s *sourceSettings) { s.logger = l }
}

// WithBackgroundRefresh starts one goroutine that replaces the token before
// callers would have to: when the time left is twice the refresh skew. A
// background failure is retried with a growing delay (up to 5 minutes)
// while callers keep the cached token as long as it is valid. The goroutine
// waits for the first token to be asked for, so building the source makes
// no request. It stops when the context given to TokenSource ends or when
// Close is called; Close waits for it.
func WithBackgroundRefresh() SourceOption {
	return func(s *sourceSettings) { s.background = true }
}

// withClock replaces time.Now in the cache's decisions, for tests.
func withClock(now func() time.Time) SourceOption {
	return func(s *sourceSettings) { s.now = now }
}
