package docusign

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
)

// Option configures a Client. Options check their argument when NewClient
// applies them, and their order does not matter.
type Option struct {
	apply func(*settings) error
}

type settings struct {
	httpClient *http.Client
	logger     *slog.Logger
	policy     RetryPolicy
	userAgent  string
}

// WithHTTPClient sends requests through hc: its transport, timeout, cookie jar
// and redirect policy are kept; the client adds a per-attempt timeout around
// the transport, and, when hc has no redirect policy of its own, refuses
// redirects to another host or from https to http, which would carry the access
// token where it must not go. Without this option, requests go through
// http.DefaultTransport as it is at the time of each request, so that tests
// which replace it (gock, for one) intercept the SDK's traffic.
func WithHTTPClient(hc *http.Client) Option {
	return Option{apply: func(s *settings) error {
		if hc == nil {
			return errors.New("docusign: WithHTTPClient(nil); leave the option out " +
				"to use http.DefaultTransport")
		}
		s.httpClient = hc
		return nil
	}}
}

// WithLogger makes the client log one debug line per attempt (method, path
// without its query, status, attempt, duration, trace token) and one per
// retry. Headers, bodies and tokens are never logged. Without it, or with a
// nil logger, the client logs nothing.
func WithLogger(l *slog.Logger) Option {
	return Option{apply: func(s *settings) error {
		s.logger = l
		return nil
	}}
}

// WithRetryPolicy replaces DefaultRetryPolicy. See RetryPolicy for how zero
// fields are read.
func WithRetryPolicy(p RetryPolicy) Option {
	return Option{apply: func(s *settings) error {
		p = p.withDefaults()
		if err := p.validate(); err != nil {
			return err
		}
		s.policy = p
		return nil
	}}
}

// WithUserAgent puts product (such as "acme-contracts/2.3") before the SDK's
// own name in the User-Agent header, so DocuSign's logs can tell which
// application made a call.
func WithUserAgent(product string) Option {
	return Option{apply: func(s *settings) error {
		product = strings.TrimSpace(product)
		if product == "" || strings.ContainsAny(product, "\r\n\x00") {
			return fmt.Errorf("docusign: WithUserAgent(%q): give a product token "+
				"such as \"acme-contracts/2.3\", on one line", product)
		}
		s.userAgent = product
		return nil
	}}
}
