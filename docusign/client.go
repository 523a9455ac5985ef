package docusign

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/internal/transport"
)

// Version is this module's version, sent in the User-Agent header.
const Version = "0.1.0"

const sdkUserAgent = "docusign-go/" + Version

// Client calls the eSignature REST API v2.1 for one account. It is safe for
// concurrent use; build one per account and keep it. The service packages
// (envelope, for one) take a Client; Do serves endpoints they do not wrap.
type Client struct {
	ts        oauth2.TokenSource
	account   Account
	base      *url.URL // https://host/restapi/v2.1/accounts/{id}
	engine    *transport.Engine
	userAgent string

	mu           sync.Mutex
	rate         RateLimit
	blockedUntil time.Time
}

// NewClient returns a client that calls the account's REST API with tokens
// from ts. It makes no network call: the account's ID and base URI are
// checked here (see NormalizeBaseURI), the token is first asked for by the
// first request.
//
// ts is usually a source from package auth, which caches tokens, refreshes
// them ahead of expiry and lets the client replace a token DocuSign refused
// (see TokenInvalidator). Any oauth2.TokenSource works.
func NewClient(ts oauth2.TokenSource, acct Account, opts ...Option) (*Client, error) {
	if ts == nil {
		return nil, errors.New("docusign: NewClient needs a token source; build one " +
			"with auth.JWTConfig.TokenSource or auth.Config.TokenSource")
	}
	if err := validateAccountID(acct.ID); err != nil {
		return nil, err
	}
	origin, err := NormalizeBaseURI(acct.BaseURI)
	if err != nil {
		return nil, err
	}
	s := settings{policy: DefaultRetryPolicy()}
	for _, opt := range opts {
		if opt.apply == nil {
			continue
		}
		if err := opt.apply(&s); err != nil {
			return nil, err
		}
	}
	acct.BaseURI = origin
	base, err := url.Parse(origin + "/restapi/v2.1/accounts/" + url.PathEscape(acct.ID))
	if err != nil {
		return nil, fmt.Errorf("docusign: building the account URL: %w", err)
	}
	c := &Client{ts: ts, account: acct, base: base, userAgent: sdkUserAgent}
	if s.userAgent != "" {
		c.userAgent = s.userAgent + " " + sdkUserAgent
	}
	c.engine = &transport.Engine{
		Client:   transport.NewHTTPClient(s.httpClient, s.policy.AttemptTimeout),
		Policy:   s.policy.transport(),
		Budget:   transport.NewBudget(s.policy.Budget),
		Logger:   s.logger,
		Classify: classify,
		Observe:  c.observe,
	}
	return c, nil
}

// Account returns the account the client acts in, its base URI normalised.
func (c *Client) Account() Account { return c.account }

// BaseURL returns the URL that Do's paths are relative to, such as
// "https://na3.docusign.net/restapi/v2.1/accounts/{accountId}".
func (c *Client) BaseURL() string { return c.base.String() }

// RateLimit returns the last rate-limit state DocuSign reported to this
// client. Each field group (hourly, burst) keeps its last known value.
func (c *Client) RateLimit() RateLimit {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rate
}

// String describes the client without its token source, which may hold
// secrets.
func (c *Client) String() string {
	return fmt.Sprintf("docusign.Client{account: %s, base: %s}", c.account.ID, c.base)
}

// GoString is String, so that %#v shows no secret either.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so that no verb reaches the token
// source inside the client.
func (c *Client) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// LogValue logs the client as its account and base URL.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("account", c.account.ID),
		slog.String("base", c.base.String()))
}

// observe records the rate-limit headers of every response, retried or not.
func (c *Client) observe(resp *http.Response) {
	rl := parseRateLimit(resp.Header)
	if !rl.HourlyKnown() && !rl.BurstKnown() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if rl.HourlyKnown() && !staleHourly(rl, c.rate) {
		c.rate.Limit, c.rate.Remaining, c.rate.Reset = rl.Limit, rl.Remaining, rl.Reset
		c.blockedUntil = rl.exhaustedUntil(time.Now())
	}
	if rl.BurstKnown() {
		c.rate.BurstLimit, c.rate.BurstRemaining = rl.BurstLimit, rl.BurstRemaining
	}
}

// staleHourly reports whether rl is older news than cur: a window that
// ended before cur's, or the same window with more calls left than cur
// says, since the count only goes down within a window. Responses to
// concurrent calls arrive in any order; without this a late one could lift
// a block that a newer one set.
func staleHourly(rl, cur RateLimit) bool {
	if !cur.HourlyKnown() {
		return false
	}
	return rl.Reset.Before(cur.Reset) ||
		(rl.Reset.Equal(cur.Reset) && rl.Remaining > cur.Remaining)
}

// blockOnQuota blocks calls locally until the reset when err is DocuSign
// refusing the account's hourly quota by its code alone, without the
// rate-limit headers that would have set the block. Per-envelope hourly
// limits (Hourly_Envelope_Polling_Limit_Exceeded and the like) concern one
// envelope, so they block nothing else.
func (c *Client) blockOnQuota(err error) {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.RetryAt.IsZero() ||
		!strings.EqualFold(apiErr.Code, "HOURLY_APIINVOCATION_LIMIT_EXCEEDED") {
		return
	}
	until := apiErr.RetryAt
	if limit := time.Now().Add(time.Hour); until.After(limit) {
		until = limit
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if until.After(c.blockedUntil) {
		c.blockedUntil = until
	}
}

// quotaBlock returns the time until which the hourly quota is known to be
// used up, or the zero time.
func (c *Client) quotaBlock(now time.Time) (time.Time, RateLimit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.blockedUntil.After(now) {
		return c.blockedUntil, c.rate
	}
	return time.Time{}, c.rate
}

// classify reads an error response for DocuSign's quotas: the Hourly_* and
// Burst_* *_LIMIT_EXCEEDED codes (sent with 400 as well as 429) and the
// rate-limit headers. An account or envelope limit is final, even with 429.
func classify(resp *http.Response, body []byte) transport.Verdict {
	code, _ := decodeErrorBody(body)
	rl := parseRateLimit(resp.Header)
	now := time.Now()
	hourlyReset := rl.exhaustedUntil(now)
	switch {
	case isResourceLimitCode(code):
		return transport.Verdict{Final: true}
	case isHourlyCode(code):
		if hourlyReset.IsZero() {
			hourlyReset = now.Truncate(time.Hour).Add(time.Hour)
		}
		return transport.Verdict{Throttle: transport.Hourly, ResetAt: hourlyReset}
	case isRateLimitCode(code):
		return transport.Verdict{Throttle: transport.Burst}
	case resp.StatusCode == http.StatusTooManyRequests && !hourlyReset.IsZero():
		return transport.Verdict{Throttle: transport.Hourly, ResetAt: hourlyReset}
	case resp.StatusCode == http.StatusTooManyRequests:
		return transport.Verdict{Throttle: transport.Burst}
	}
	return transport.Verdict{}
}
