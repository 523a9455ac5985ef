package docusigntest_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

const redirect = "https://app.example.com/callback"

func authURL(srv *docusigntest.Server, extra url.Values) string {
	q := url.Values{"response_type": {"code"}, "scope": {"signature"},
		"client_id": {srv.Credentials().ClientID}, "redirect_uri": {redirect},
		"state": {"st-123"}}
	for k, v := range extra {
		q[k] = v
	}
	return srv.URL() + "/oauth/auth?" + q.Encode()
}

func codeFrom(t *testing.T, redirectURL string) string {
	t.Helper()
	u, err := url.Parse(redirectURL)
	require.NoError(t, err)
	assert.Equal(t, "st-123", u.Query().Get("state"), "state is echoed")
	require.NotEmpty(t, u.Query().Get("code"), redirectURL)
	return u.Query().Get("code")
}

func decodeToken(t *testing.T, body string) tokenBody {
	t.Helper()
	var tb tokenBody
	require.NoError(t, json.Unmarshal([]byte(body), &tb), body)
	return tb
}

func TestAuthCodeConfidentialClientWithRefreshRotation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := srv.Credentials()
	to, err := srv.Approve(authURL(srv, nil))
	require.NoError(t, err)
	code := codeFrom(t, to)
	require.True(t, strings.HasPrefix(to, redirect+"?"))

	status, body := postForm(t, srv, "/oauth/token",
		url.Values{"grant_type": {"authorization_code"}, "code": {code}},
		c.ClientID, c.ClientSecret)
	require.Equal(t, http.StatusOK, status, body)
	tb := decodeToken(t, body)
	assert.Equal(t, 28800, tb.ExpiresIn)
	assert.Equal(t, "Bearer", tb.TokenType)
	require.NotEmpty(t, tb.RefreshToken)

	status, body = postForm(t, srv, "/oauth/token",
		url.Values{"grant_type": {"authorization_code"}, "code": {code}},
		c.ClientID, c.ClientSecret)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"invalid_grant"}`, body, "a code works once")

	status, body = postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {tb.RefreshToken}},
		c.ClientID, c.ClientSecret)
	require.Equal(t, http.StatusOK, status, body)
	rotated := decodeToken(t, body)
	assert.NotEqual(t, tb.RefreshToken, rotated.RefreshToken)
	assert.NotEqual(t, tb.AccessToken, rotated.AccessToken)

	status, body = postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {tb.RefreshToken}},
		c.ClientID, c.ClientSecret)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"invalid_grant"}`, body, "the rotated-out token is refused")

	status, _, _ = raw(t, srv, rotated.AccessToken, http.MethodGet,
		srv.URL()+"/oauth/userinfo", "", nil)
	assert.Equal(t, http.StatusOK, status)
}

func TestAuthCodeWrongSecretIsRefused(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	to, err := srv.Approve(authURL(srv, nil))
	require.NoError(t, err)
	status, body := postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"authorization_code"}, "code": {codeFrom(t, to)}},
		srv.Credentials().ClientID, "wrong")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"invalid_grant","error_description":"expired_client_token"}`, body)
}

func TestAuthCodePublicClientWithPKCE(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	verifier := "a-verifier-that-is-long-enough-for-pkce-0123456789"
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])
	pkce := url.Values{"code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	exchange := func(v string) (int, string) {
		to, err := srv.Approve(authURL(srv, pkce))
		require.NoError(t, err)
		form := url.Values{"grant_type": {"authorization_code"}, "code": {codeFrom(t, to)},
			"client_id": {srv.Credentials().ClientID}}
		if v != "" {
			form.Set("code_verifier", v)
		}
		return postForm(t, srv, "/oauth/token", form)
	}
	status, body := exchange(verifier)
	assert.Equal(t, http.StatusOK, status, body)
	status, body = exchange("another-verifier-entirely-0123456789-0123456789")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"invalid_grant"}`, body)
	status, body = exchange("")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"invalid_request"}`, body)

	redir, err := srv.Approve(authURL(srv, url.Values{"code_challenge": {challenge},
		"code_challenge_method": {"plain"}}))
	require.NoError(t, err)
	assert.Contains(t, redir, "error=invalid_request")
}

func TestConsentPageInABrowser(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	browser := browser(srv)
	resp, err := browser.Get(authURL(srv, nil))
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(page), "Allow")
	assert.Contains(t, string(page), "Deny")
	id := between(string(page), `name="request" value="`, `"`)
	require.NotEmpty(t, id)

	resp, err = browser.PostForm(srv.URL()+"/oauth/auth",
		url.Values{"request": {id}, "decision": {"allow"}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	codeFrom(t, resp.Header.Get("Location"))

	resp, err = browser.PostForm(srv.URL()+"/oauth/auth",
		url.Values{"request": {id}, "decision": {"allow"}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "a consent page is answered once")
}

func TestAuthorizeRefusesUnknownClientAndUnregisteredRedirect(t *testing.T) {
	t.Parallel()
	srv := newServer(t, docusigntest.WithRedirectURIs(redirect))
	_, err := srv.Approve(authURL(srv, url.Values{"client_id": {"nope"}}))
	assert.ErrorContains(t, err, "client_id")
	_, err = srv.Approve(authURL(srv, url.Values{"redirect_uri": {"https://evil.example"}}))
	assert.ErrorContains(t, err, "not registered")
	denied, err := srv.Deny(authURL(srv, nil))
	require.NoError(t, err)
	assert.Contains(t, denied, "error=access_denied")
	assert.Contains(t, denied, "state=st-123")
}

func TestAutoApproveRedirectsAtOnce(t *testing.T) {
	t.Parallel()
	srv := newServer(t, docusigntest.WithAutoApprove())
	browser := browser(srv)
	resp, err := browser.Get(authURL(srv, nil))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	codeFrom(t, resp.Header.Get("Location"))
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}

// TestAuthCodeWorksOnlyForItsRedirectURIAndForTwoMinutes: the exchange
// must name the redirect URI of the authorization request, if it names
// one, and come before the code expires.
func TestAuthCodeWorksOnlyForItsRedirectURIAndForTwoMinutes(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	srv := newServer(t, docusigntest.WithClock(clk.Now))
	c := srv.Credentials()
	exchange := func(extra url.Values) (int, string) {
		to, err := srv.Approve(authURL(srv, nil))
		require.NoError(t, err)
		form := url.Values{"grant_type": {"authorization_code"}, "code": {codeFrom(t, to)}}
		for k, v := range extra {
			form[k] = v
		}
		return postForm(t, srv, "/oauth/token", form, c.ClientID, c.ClientSecret)
	}

	status, body := exchange(url.Values{"redirect_uri": {redirect}})
	assert.Equal(t, http.StatusOK, status, body)
	status, body = exchange(url.Values{"redirect_uri": {"https://elsewhere.example.com/cb"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"invalid_grant"}`, body)

	to, err := srv.Approve(authURL(srv, nil))
	require.NoError(t, err)
	clk.Add(2*time.Minute + time.Second)
	status, body = postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"authorization_code"}, "code": {codeFrom(t, to)}},
		c.ClientID, c.ClientSecret)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, `{"error":"invalid_grant"}`, body, "the code expired")
}
