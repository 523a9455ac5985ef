package docusigntest

import (
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"
)

// Option configures a Server. Options do not depend on their order.
type Option func(*config)

type config struct {
	addr            string
	clock           func() time.Time
	userName        string
	userEmail       string
	accounts        []string
	defaultAccount  int
	noConsent       bool
	autoApprove     bool
	redirectURIs    []string
	hmacKeys        []string
	hourlyLimit     int
	burstLimit      int
	limitStatus     int
	notFoundStatus  int
	base64Downloads bool
	connectClient   *http.Client
	connectRoots    *x509.CertPool
	retrySchedule   []time.Duration
	connectTimeout  time.Duration
	jwtSkew         time.Duration
	logger          *slog.Logger
	maxBody         int64
	pollLimit       int
}

func defaultConfig() config {
	return config{
		addr:           "127.0.0.1:0",
		clock:          time.Now,
		userName:       "Test User",
		userEmail:      "test.user@example.com",
		accounts:       []string{"Test Account"},
		hourlyLimit:    3000,
		burstLimit:     200,
		limitStatus:    http.StatusBadRequest,
		notFoundStatus: http.StatusBadRequest,
		retrySchedule: []time.Duration{
			10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond,
			80 * time.Millisecond, 160 * time.Millisecond, 320 * time.Millisecond,
			640 * time.Millisecond, time.Second, time.Second, time.Second,
		},
		connectTimeout: 100 * time.Second,
		jwtSkew:        5 * time.Minute,
		maxBody:        512 << 20,
	}
}

// validate checks the options, naming the one to fix.
func (c *config) validate() error {
	switch {
	case c.defaultAccount < 0 || c.defaultAccount >= len(c.accounts):
		return fmt.Errorf("docusigntest: WithDefaultAccount(%d) names no account; there "+
			"are %d (WithAccounts)", c.defaultAccount, len(c.accounts))
	case c.limitStatus < 400 || c.limitStatus > 599:
		return fmt.Errorf("docusigntest: WithRateLimitStatus(%d) is not an error status; "+
			"use 400 or 429", c.limitStatus)
	case c.notFoundStatus < 400 || c.notFoundStatus > 599:
		return fmt.Errorf("docusigntest: WithNotFoundStatus(%d) is not an error status; "+
			"use 400 or 404", c.notFoundStatus)
	case c.connectTimeout <= 0:
		return fmt.Errorf("docusigntest: WithConnectTimeout(%v) must be positive",
			c.connectTimeout)
	case c.jwtSkew < 0:
		return fmt.Errorf("docusigntest: WithJWTClockSkew(%v) is negative", c.jwtSkew)
	case c.maxBody <= 0:
		return fmt.Errorf("docusigntest: WithMaxRequestBody(%d) must be positive", c.maxBody)
	case slices.Contains(c.hmacKeys, ""):
		return errors.New("docusigntest: WithHMACKeys got an empty key")
	}
	for _, d := range c.retrySchedule {
		if d < 0 {
			return fmt.Errorf("docusigntest: WithConnectRetrySchedule has a negative wait %v", d)
		}
	}
	return nil
}

// WithAddr sets the address the server listens on, "127.0.0.1:0" (a free
// loopback port) by default.
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithClock makes the server read the time from now instead of time.Now:
// token lifetimes, JWT checks, timestamps and rate-limit windows follow it.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithUser sets the name and email of the fake's user, as userinfo reports
// them and as the envelopes' sender.
func WithUser(name, email string) Option {
	return func(c *config) { c.userName, c.userEmail = name, email }
}

// WithAccounts gives the user one account per name instead of the single
// "Test Account", so that a test can exercise account choice. The first is
// the default unless WithDefaultAccount says otherwise. All accounts are
// served by the fake's own origin.
func WithAccounts(names ...string) Option {
	return func(c *config) {
		if len(names) > 0 {
			c.accounts = append([]string(nil), names...)
		}
	}
}

// WithDefaultAccount marks the i-th account of WithAccounts (from 0) as the
// user's default one.
func WithDefaultAccount(i int) Option { return func(c *config) { c.defaultAccount = i } }

// WithoutConsent starts the server without the user's consent to the
// integration: JWT grants answer {"error":"consent_required"} until the user
// approves the consent page (for scopes including impersonation) or the test
// calls GrantConsent.
func WithoutConsent() Option { return func(c *config) { c.noConsent = true } }

// WithAutoApprove makes /oauth/auth approve every valid request at once,
// redirecting with a code instead of showing the consent page.
func WithAutoApprove() Option { return func(c *config) { c.autoApprove = true } }

// WithRedirectURIs registers the redirect URIs of the integration. With
// none (the default), any absolute redirect URI is accepted; with some,
// /oauth/auth refuses the others, as DocuSign does.
func WithRedirectURIs(uris ...string) Option {
	return func(c *config) { c.redirectURIs = append(c.redirectURIs, uris...) }
}

// WithHMACKeys sets the account's Connect HMAC keys instead of one generated
// key. A delivery carries one X-DocuSign-Signature-N header per key.
func WithHMACKeys(keys ...string) Option {
	return func(c *config) { c.hmacKeys = append([]string(nil), keys...) }
}

// WithRateLimit sets the account's API quotas: calls per hour (3000 by
// default) and per 30-second burst window (200). Zero or less means
// unlimited for that window.
func WithRateLimit(hourly, burst int) Option {
	return func(c *config) { c.hourlyLimit, c.burstLimit = hourly, burst }
}

// WithRateLimitStatus sets the HTTP status of quota refusals: 400, as
// DocuSign's eSignature API is reported to send, by default; 429 is the
// other answer seen.
func WithRateLimitStatus(status int) Option { return func(c *config) { c.limitStatus = status } }

// WithNotFoundStatus sets the HTTP status of ENVELOPE_DOES_NOT_EXIST
// answers: 400 by default; sources disagree whether DocuSign sends 400 or
// 404, so a client must accept both.
func WithNotFoundStatus(status int) Option {
	return func(c *config) { c.notFoundStatus = status }
}

// WithBase64Downloads makes document downloads answer with the body
// base64-encoded and Content-Transfer-Encoding: base64, as DocuSign sometimes
// does, so that a client's decoding is exercised.
func WithBase64Downloads() Option { return func(c *config) { c.base64Downloads = true } }

// WithConnectClient sets the HTTP client Connect deliveries are posted
// with. WithConnectTimeout still bounds each delivery; the client's own
// Timeout, if shorter, ends it sooner.
func WithConnectClient(client *http.Client) Option {
	return func(c *config) { c.connectClient = client }
}

// WithConnectRootCAs makes Connect deliveries trust pool, for listeners
// that are httptest TLS servers with their own certificates.
func WithConnectRootCAs(pool *x509.CertPool) Option {
	return func(c *config) { c.connectRoots = pool }
}

// WithConnectRetrySchedule sets the waits before each redelivery of a
// failed Connect message; its length is the number of retries. DocuSign
// retries daily up to 10 times; the default is the same count compressed
// into about 3 seconds.
func WithConnectRetrySchedule(waits ...time.Duration) Option {
	return func(c *config) { c.retrySchedule = append([]time.Duration{}, waits...) }
}

// WithConnectTimeout sets how long a delivery waits for the listener's
// answer before it counts as failed: 100 seconds, as DocuSign, by default.
func WithConnectTimeout(d time.Duration) Option {
	return func(c *config) { c.connectTimeout = d }
}

// WithJWTClockSkew sets how far a JWT assertion's iat may lie in the future
// and its exp in the past (5 minutes by default).
func WithJWTClockSkew(d time.Duration) Option { return func(c *config) { c.jwtSkew = d } }

// WithLogger makes the server log one line per request and per delivery.
// It is quiet by default. Logs carry no tokens, keys or bodies.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithEnvelopePollingLimit limits how many times one envelope may be read
// (its status, recipients or document list) per clock hour, as DocuSign's
// service protection does; past it, reads answer 400
// Hourly_Envelope_Polling_Limit_Exceeded. DocuSign does not publish its
// number; zero (the default) means no limit.
func WithEnvelopePollingLimit(perHour int) Option {
	return func(c *config) { c.pollLimit = perHour }
}

// WithMaxRequestBody caps the size of a request body (512 MiB by default).
func WithMaxRequestBody(n int64) Option { return func(c *config) { c.maxBody = n } }
