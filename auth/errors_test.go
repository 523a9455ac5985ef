package auth

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each body DocuSign is known to answer comes back as an *Error with its
// code, its description, the trace token and a sentence on the remedy, and
// is not retried: a second call inside the back-off sends nothing.
func TestE7_OAuthErrorsAreTypedWithTheRemedyAndNotRetried(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		status int
		body   string
		code   string
		says   string
	}{
		{"consent required", 400, `{"error":"consent_required"}`, "consent_required",
			"open the consent URL"},
		{"no valid keys", 400,
			`{"error":"invalid_grant","error_description":"no_valid_keys_or_signatures"}`,
			"invalid_grant", "matches no public key"},
		{"issuer not found", 400,
			`{"error":"invalid_grant","error_description":"issuer_not_found"}`,
			"invalid_grant", "does not know the integration key in this environment"},
		{"user not found", 400,
			`{"error":"invalid_grant","error_description":"user_not_found"}`,
			"invalid_grant", "API user ID"},
		{"expired client token", 400,
			`{"error":"invalid_grant","error_description":"expired_client_token"}`,
			"invalid_grant", "current secret key"},
		{"bare invalid grant", 400, `{"error":"invalid_grant"}`, "invalid_grant",
			"check IntegrationKey, UserID, the private key"},
		{"invalid client", 401, `{"error":"invalid_client"}`, "invalid_client",
			"client credentials"},
		{"invalid token", 401,
			`{"error":"invalid_token","error_description":"The presented token is invalid."}`,
			"invalid_token", "invalid, expired or revoked"},
		{"invalid scope", 400, `{"error":"invalid_scope"}`, "invalid_scope", "check Scopes"},
		{"unauthorized client", 400, `{"error":"unauthorized_client"}`, "unauthorized_client",
			"not allowed this grant"},
		{"invalid request", 400, `{"error":"invalid_request"}`, "invalid_request",
			"redirect URI"},
		{"internal server error", 500,
			`{"error":"internal_server_error","reference_id":"9f3c0e52-aaaa"}`,
			"internal_server_error", "[reference ID 9f3c0e52-aaaa]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
				return true
			})
			ts := jwtSource(t, f)

			_, err := ts.Token()

			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, "trace-/oauth/token", e.TraceToken)
			assert.Contains(t, err.Error(), "auth: JWT grant refused: "+tc.code)
			assert.Contains(t, err.Error(), tc.says)
			assert.Contains(t, err.Error(), "[trace token trace-/oauth/token]")
			assert.NotErrorIs(t, err, ErrClockSkew)
			_, again := ts.Token()
			assert.Same(t, err, again)
			assert.Equal(t, 1, f.count("jwt"), "not retried")
		})
	}
}

func TestE7_ConsentRequiredCarriesTheConsentURL(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	f.consented = false
	ts := jwtSource(t, f)

	_, err := ts.Token()

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "consent_required", e.Code)
	require.NotEmpty(t, e.ConsentURL)
	q := mustQuery(t, e.ConsentURL)
	assert.Equal(t, "signature impersonation", q.Get("scope"))
	assert.Equal(t, testIK, q.Get("client_id"))
	assert.Equal(t, testRedirect, q.Get("redirect_uri"))
	assert.True(t, strings.HasSuffix(err.Error(), "consent URL: "+e.ConsentURL+
		" [trace token trace-/oauth/token]"), err.Error())
}

// The fake finds these faults itself, by verifying the assertion.
func TestE7_TheFakeRefusesWhatDocuSignRefuses(t *testing.T) {
	t.Parallel()
	otherKey := readKey(t, "rsa-pkcs8.pem")
	cases := []struct {
		name   string
		change func(*JWTConfig)
		desc   string
	}{
		{"a key DocuSign does not have", func(c *JWTConfig) { c.PrivateKey = otherKey },
			"no_valid_keys_or_signatures"},
		{"an unknown integration key", func(c *JWTConfig) {
			c.IntegrationKey = "00000000-0000-0000-0000-000000000000"
		}, "issuer_not_found"},
		{"an unknown user", func(c *JWTConfig) {
			c.UserID = "00000000-0000-0000-0000-000000000000"
		}, "user_not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			env, hc := f.serve()
			conf := jwtConfig(t, env, hc)
			tc.change(&conf)
			ts, err := conf.TokenSource(t.Context())
			require.NoError(t, err)

			_, err = ts.Token()

			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "invalid_grant", e.Code)
			assert.Equal(t, tc.desc, e.Description)
		})
	}
}

func TestE7_AServerErrorWithoutOAuthBodyIsAPlainErrorWithTheStatus(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadGateway, http.StatusServiceUnavailable} {
		f := newFakeOAuth(t)
		f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
			w.WriteHeader(status)
			_, _ = w.Write([]byte("<html>maintenance</html>"))
			return true
		})
		ts := jwtSource(t, f)

		_, err := ts.Token()

		require.Error(t, err)
		var e *Error
		assert.False(t, errors.As(err, &e))
		assert.Contains(t, err.Error(), http.StatusText(status))
		assert.Contains(t, err.Error(), "[trace token trace-/oauth/token]")
		assert.NotContains(t, err.Error(), "maintenance")
	}
}

func TestE7_ANonOAuthAnswerPointsAtTheAuthServer(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	f.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		http.NotFound(w, r)
		return true
	})
	_, err := jwtSource(t, f).Token()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "404 Not Found")
	assert.Contains(t, err.Error(), "Environment.AuthServer")
}
