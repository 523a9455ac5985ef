package docusign

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClient_MakesNoRequest(t *testing.T) {
	t.Parallel()
	rt := script(ok200())
	c := newTestClient(t, rt)
	assert.Zero(t, rt.attempts())
	assert.Equal(t, "https://na3.docusign.net/restapi/v2.1/accounts/acct-1", c.BaseURL())
}

func TestNewClient_RefusesBadInputNamingTheFix(t *testing.T) {
	t.Parallel()
	good := Account{ID: "1", BaseURI: "https://na3.docusign.net/restapi"}
	tests := []struct {
		name string
		opts []Option
		acct Account
		says string
	}{
		{"bad base URI", nil, Account{ID: "1", BaseURI: "na3.docusign.net"}, "no scheme"},
		{"no account ID", nil, Account{BaseURI: "https://na3.docusign.net"}, "Account.ID"},
		{"nil HTTP client", []Option{WithHTTPClient(nil)}, good, "http.DefaultTransport"},
		{"empty user agent", []Option{WithUserAgent(" ")}, good, "product token"},
		{"user agent on two lines", []Option{WithUserAgent("a\r\nX-Evil: 1")}, good, "one line"},
		{"negative retries", []Option{WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, good,
			"MaxRetries"},
		{"waits upside down", []Option{WithRetryPolicy(RetryPolicy{MinWait: time.Minute,
			MaxWait: time.Second})}, good, "MaxWait"},
		{"negative budget", []Option{WithRetryPolicy(RetryPolicy{Budget: -1})}, good, "Budget"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewClient(staticToken(), tt.acct, tt.opts...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.says)
		})
	}
	_, err := NewClient(nil, good)
	assert.ErrorContains(t, err, "token source")
}

func TestNewClient_OptionsInAnyOrder(t *testing.T) {
	t.Parallel()
	rt := script(ok200())
	hc := &http.Client{Transport: rt}
	a, err := NewClient(staticToken(), testAccount, WithUserAgent("acme/1"), WithHTTPClient(hc),
		Option{})
	require.NoError(t, err)
	b, err := NewClient(staticToken(), testAccount, WithHTTPClient(hc), WithUserAgent("acme/1"))
	require.NoError(t, err)
	for _, c := range []*Client{a, b} {
		_, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
		require.NoError(t, err)
	}
	for _, r := range rt.requests() {
		assert.Equal(t, "acme/1 docusign-go/"+Version, r.header.Get("User-Agent"))
		assert.Equal(t, "application/json", r.header.Get("Accept"))
	}
}

func TestRetryPolicy_ZeroFieldsTakeDefaultsButNotMaxRetries(t *testing.T) {
	t.Parallel()
	got := RetryPolicy{}.withDefaults()
	want := DefaultRetryPolicy()
	want.MaxRetries = 0
	assert.Equal(t, want, got)
	assert.Equal(t, time.Millisecond, RetryPolicy{MaxWait: time.Millisecond}.withDefaults().MinWait)
}

func TestDo_ResolvesPathsUnderTheAccount(t *testing.T) {
	t.Parallel()
	base := "https://na3.docusign.net/restapi/v2.1/accounts/acct-1"
	tests := []struct {
		name, path, want string
	}{
		{"leading slash", "/envelopes", base + "/envelopes"},
		{"no leading slash", "envelopes/e1", base + "/envelopes/e1"},
		{"query kept", "/envelopes?from_date=2026-01-01&status=sent",
			base + "/envelopes?from_date=2026-01-01&status=sent"},
		{"uri from a response", "/envelopes/e1/documents/combined",
			base + "/envelopes/e1/documents/combined"},
		{"full account path", "/restapi/v2.1/accounts/acct-1/envelopes/e1", base + "/envelopes/e1"},
		{"escaped segment", "/envelopes/a%2Fb", base + "/envelopes/a%2Fb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := script(ok200())
			c := newTestClient(t, rt)
			_, err := c.Do(t.Context(), http.MethodGet, tt.path, nil, nil)
			require.NoError(t, err)
			assert.Equal(t, tt.want, rt.requests()[0].url)
		})
	}
}

func TestDo_RefusesPathsOutsideTheAccount(t *testing.T) {
	t.Parallel()
	rt := script(ok200())
	c := newTestClient(t, rt)
	for _, path := range []string{"https://evil.example/steal?token=x", "", "/",
		"/envelopes/../../../other", "/%zz", "/%zz?token=x", "/a\nb?token=x",
		"/restapi/v2.1/accounts/acct-10/envelopes", // another account, same prefix
		"/restapi/v2.1/accounts/other/envelopes"} {
		_, err := c.Do(t.Context(), http.MethodGet, path, nil, nil)
		require.Error(t, err, path)
		assert.NotContains(t, err.Error(), "token=x")
	}
	assert.Zero(t, rt.attempts())
}

func TestDo_DecodeFailureNamesTheRequest(t *testing.T) {
	t.Parallel()
	rt := script(step{status: 200, body: `{"envelopeId": 12}`})
	c := newTestClient(t, rt)
	var out struct {
		EnvelopeID string `json:"envelopeId"`
	}
	_, err := c.Do(t.Context(), http.MethodGet, "/envelopes/e1", nil, &out)
	assert.ErrorContains(t, err, "GET /envelopes/e1: decoding DocuSign's answer")
}

func TestRateLimit_ParsedFromEveryResponse(t *testing.T) {
	t.Parallel()
	reset := time.Unix(1767225600, 0)
	full := jsonHeader("X-RateLimit-Limit", "3000", "X-RateLimit-Remaining", "2500",
		"X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10),
		"X-BurstLimit-Limit", "500", "X-BurstLimit-Remaining", "498")
	tests := []struct {
		name   string
		header http.Header
		want   RateLimit
	}{
		{"all headers", full, RateLimit{Limit: 3000, Remaining: 2500, Reset: reset,
			BurstLimit: 500, BurstRemaining: 498}},
		{"no headers", http.Header{}, RateLimit{}},
		{"hourly without reset", jsonHeader("X-RateLimit-Limit", "3000",
			"X-RateLimit-Remaining", "0"), RateLimit{}},
		{"garbage", jsonHeader("X-RateLimit-Limit", "lots", "X-RateLimit-Remaining", "-1",
			"X-RateLimit-Reset", "soon", "X-BurstLimit-Limit", "500",
			"X-BurstLimit-Remaining", "7"), RateLimit{BurstLimit: 500, BurstRemaining: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := parseRateLimit(tt.header)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want.Limit > 0, got.HourlyKnown())
			assert.Equal(t, tt.want.BurstLimit > 0, got.BurstKnown())
		})
	}

	rt := script(step{status: 200, header: full}, step{status: 200})
	c := newTestClient(t, rt)
	resp, err := c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, 2500, resp.RateLimit.Remaining)
	_, err = c.Do(t.Context(), http.MethodGet, "/envelopes", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, 2500, c.RateLimit().Remaining, "a response without headers keeps the last")
}

func TestRateLimit_AResetBeyondAnHourIsCappedAtAnHour(t *testing.T) {
	t.Parallel()
	now := time.Unix(1767225600, 0)
	rl := parseRateLimit(jsonHeader("X-RateLimit-Limit", "3000", "X-RateLimit-Remaining", "0",
		"X-RateLimit-Reset", strconv.FormatInt(now.Add(5*time.Hour).Unix(), 10)))

	assert.Equal(t, now.Add(time.Hour), rl.exhaustedUntil(now), "an hourly window")
	assert.Equal(t, now.Add(5*time.Hour), rl.Reset, "the header itself is kept")
	assert.Zero(t, rl.exhaustedUntil(now.Add(6*time.Hour)), "a reset in the past")
}
