package auth

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"golang.org/x/oauth2"
)

// expires_in reaches the source as x/oauth2 decoded it: a float64 from JSON,
// an int64 or a string from a form-encoded answer, or only in ExpiresIn.
func TestGrantedLifetime_ReadsEveryFormOfExpiresIn(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		tok  *oauth2.Token
		want time.Duration
		ok   bool
	}{
		{"JSON number", extra(map[string]any{"expires_in": 3600.0}), time.Hour, true},
		{"form value", (&oauth2.Token{}).WithExtra(url.Values{"expires_in": {"28800"}}),
			8 * time.Hour, true},
		{"json.Number", extra(map[string]any{"expires_in": json.Number("60")}), time.Minute, true},
		{"a string", extra(map[string]any{"expires_in": " 120 "}), 2 * time.Minute, true},
		{"garbage", extra(map[string]any{"expires_in": "soon"}), 0, false},
		{"only ExpiresIn", &oauth2.Token{ExpiresIn: 90}, 90 * time.Second, true},
		{"fractional", extra(map[string]any{"expires_in": 1.5}), 1500 * time.Millisecond, true},
		{"huge", extra(map[string]any{"expires_in": 1e30}), maxLifetime, true},
		{"missing", &oauth2.Token{}, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := grantedLifetime(tc.tok)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func extra(m map[string]any) *oauth2.Token { return (&oauth2.Token{}).WithExtra(m) }

func TestInitialEntry_AFarFutureExpiryIsClamped(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	e := initialEntry(&oauth2.Token{AccessToken: "a", Expiry: now.AddDate(10, 0, 0)}, now,
		DefaultRefreshSkew)
	assert.Equal(t, now.Add(maxLifetime), e.tok.Expiry)
	assert.Equal(t, now.Add(maxLifetime-DefaultRefreshSkew), e.refreshAt)
}
