package docusigntest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestJWTGrantIssuesOneHourTokenWithoutRefreshToken(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	status, body := postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
		"assertion":  {assertion(t, srv, claims(srv))}})
	require.Equal(t, http.StatusOK, status, body)
	var tb map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &tb))
	assert.Equal(t, "Bearer", tb["token_type"])
	assert.Equal(t, float64(3600), tb["expires_in"], "expires_in is a JSON number")
	assert.NotContains(t, tb, "refresh_token")
	assert.NotEmpty(t, tb["access_token"])
}

func TestJWTGrantFailuresAnswerDocuSignsBodies(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	other := newServer(t)
	tests := []struct {
		name   string
		mutate func(jwt.MapClaims)
		signer *docusigntest.Server
		want   string
	}{
		{"wrong issuer", func(c jwt.MapClaims) { c["iss"] = "not-the-key" }, srv,
			`{"error":"invalid_grant","error_description":"issuer_not_found"}`},
		{"signed by another key", func(jwt.MapClaims) {}, other,
			`{"error":"invalid_grant","error_description":"no_valid_keys_or_signatures"}`},
		{"unknown user", func(c jwt.MapClaims) { c["sub"] = "someone-else" }, srv,
			`{"error":"invalid_grant","error_description":"user_not_found"}`},
		{"audience with scheme", func(c jwt.MapClaims) { c["aud"] = srv.URL() }, srv,
			`{"error":"invalid_grant"}`},
		{"lifetime over an hour", func(c jwt.MapClaims) {
			c["exp"] = time.Now().Add(2 * time.Hour).Unix()
		}, srv, `{"error":"invalid_grant"}`},
		{"expired", func(c jwt.MapClaims) {
			c["iat"] = time.Now().Add(-2 * time.Hour).Unix()
			c["exp"] = time.Now().Add(-time.Hour).Unix()
		}, srv, `{"error":"invalid_grant"}`},
		{"issued in the future", func(c jwt.MapClaims) {
			c["iat"] = time.Now().Add(10 * time.Minute).Unix()
			c["exp"] = time.Now().Add(30 * time.Minute).Unix()
		}, srv, `{"error":"invalid_grant"}`},
		{"not valid before a time to come", func(c jwt.MapClaims) {
			c["nbf"] = time.Now().Add(10 * time.Minute).Unix()
		}, srv, `{"error":"invalid_grant"}`},
		{"scope without impersonation", func(c jwt.MapClaims) { c["scope"] = "signature" },
			srv, `{"error":"consent_required"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := claims(srv)
			if tt.signer != srv {
				cl["iss"] = srv.Credentials().IntegrationKey
			}
			tt.mutate(cl)
			status, body := postForm(t, srv, "/oauth/token", url.Values{
				"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
				"assertion":  {assertion(t, tt.signer, cl)}})
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Equal(t, tt.want, body)
		})
	}
}

func TestJWTGrantSmallClockSkewIsTolerated(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	cl := claims(srv)
	cl["iat"] = time.Now().Add(4 * time.Minute).Unix()
	cl["exp"] = time.Now().Add(64 * time.Minute).Unix()
	status, body := postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
		"assertion":  {assertion(t, srv, cl)}})
	assert.Equal(t, http.StatusOK, status, body)
}

func TestJWTGrantWithoutConsentAnswersConsentRequiredUntilGranted(t *testing.T) {
	t.Parallel()
	srv := newServer(t, docusigntest.WithoutConsent())
	form := func() url.Values {
		return url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
			"assertion": {assertion(t, srv, claims(srv))}}
	}
	status, body := postForm(t, srv, "/oauth/token", form())
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"consent_required"}`, body)
	assert.Len(t, body, 28, "DocuSign's consent_required body is 28 bytes")

	// The consent URL flow grants it, as DocuSign's does.
	c := srv.Credentials()
	_, err := srv.Approve(srv.URL() + "/oauth/auth?" + url.Values{"response_type": {"code"},
		"scope": {"signature impersonation"}, "client_id": {c.ClientID},
		"redirect_uri": {"https://app.example.com/callback"}}.Encode())
	require.NoError(t, err)
	status, body = postForm(t, srv, "/oauth/token", form())
	assert.Equal(t, http.StatusOK, status, body)

	srv.RevokeConsent()
	status, body = postForm(t, srv, "/oauth/token", form())
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"consent_required"}`, body)
}

// TestTokenEndpointRefusesJSONBodies: DocuSign's SDKs post the token
// request form-encoded; whether DocuSign also takes JSON is unverified, so
// the fake takes the strict side and a client must send the form.
func TestTokenEndpointRefusesJSONBodies(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	status, _, body := raw(t, srv, "", http.MethodPost, srv.URL()+"/oauth/token",
		"application/json", nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.JSONEq(t, `{"error":"invalid_request"}`, string(body))
	reqs := srv.Requests()
	assert.Contains(t, reqs[len(reqs)-1].Reason, "x-www-form-urlencoded")
}

func TestUserInfoListsAccountsWithBooleanDefault(t *testing.T) {
	t.Parallel()
	srv := newServer(t, docusigntest.WithAccounts("First", "Second"),
		docusigntest.WithDefaultAccount(1))
	status, _, body := raw(t, srv, jwtToken(t, srv), http.MethodGet,
		srv.URL()+"/oauth/userinfo", "", nil)
	require.Equal(t, http.StatusOK, status)
	var info struct {
		Sub      string `json:"sub"`
		Email    string `json:"email"`
		Accounts []struct {
			AccountID   string `json:"account_id"`
			IsDefault   *bool  `json:"is_default"`
			AccountName string `json:"account_name"`
			BaseURI     string `json:"base_uri"`
		} `json:"accounts"`
	}
	require.NoError(t, json.Unmarshal(body, &info))
	assert.Equal(t, srv.Credentials().UserID, info.Sub)
	require.Len(t, info.Accounts, 2)
	assert.False(t, *info.Accounts[0].IsDefault)
	assert.True(t, *info.Accounts[1].IsDefault)
	assert.Equal(t, "Second", info.Accounts[1].AccountName)
	assert.Equal(t, srv.URL(), info.Accounts[1].BaseURI)
	assert.Equal(t, srv.Account().ID, info.Accounts[1].AccountID)

	status, _, body = raw(t, srv, "bogus", http.MethodGet, srv.URL()+"/oauth/userinfo", "", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.JSONEq(t, `{"error":"invalid_token",`+
		`"error_description":"The presented token is invalid."}`, string(body))
}
