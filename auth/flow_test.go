package auth

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// A host connects a user's account end to end: authorization URL, consent
// (the fake consents at once and redirects), exchange, token source,
// userinfo, the confirmed account, a docusign.Client, and a REST call that
// DocuSign refuses once because the token was revoked early.
func TestFlow_ConnectYourAccountEndToEnd(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	env, hc := f.serve()
	api := newAPIServer(t, f)
	f.accounts = []map[string]any{
		{"account_id": "b1c2d3e4-0000-4000-8000-000000000001", "account_name": "Europe",
			"base_uri": "https://eu.docusign.net", "is_default": true},
		{"account_id": testAccount, "account_name": "Contracts", "is_default": false,
			"base_uri": api.URL + "/restapi"},
	}
	conf := codeConfig(env, hc)
	verifier := GenerateVerifier()
	const state = "state-7d1e0b"

	// 1. Send the user to DocuSign.
	authURL := conf.AuthCodeURL(state, WithPKCE(verifier))
	q := mustQuery(t, authURL)
	assert.Equal(t, s256(verifier), q.Get("code_challenge"), "S256 of the verifier")
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	assert.Empty(t, q.Get("code_verifier"), "the verifier never travels in the URL")

	// 2. DocuSign sends them back to the redirect URI with a code.
	code := consent(t, hc, authURL, state)

	// 3. Trade the code for a token, and keep it fresh.
	tok, err := conf.Exchange(t.Context(), code, WithPKCE(verifier))
	require.NoError(t, err)
	require.NotEmpty(t, tok.RefreshToken)
	var mu sync.Mutex
	var stored []*oauth2.Token
	ts := conf.TokenSource(t.Context(), tok, OnRefresh(func(t *oauth2.Token) error {
		mu.Lock()
		defer mu.Unlock()
		stored = append(stored, t)
		return nil
	}))

	// 4. Find the account the user confirmed, and call its REST API.
	info, err := FetchUserInfo(t.Context(), ts, env)
	require.NoError(t, err)
	assert.Equal(t, testUserID, info.UserID)
	acct, err := info.Account(testAccount)
	require.NoError(t, err)
	assert.Equal(t, api.URL, acct.BaseURI, "base_uri normalised")
	client, err := docusign.NewClient(ts, acct, docusign.WithHTTPClient(api.Client()))
	require.NoError(t, err)

	f.revoke(tok.AccessToken) // DocuSign drops the token before its expiry
	var out struct{ Status string }
	_, err = client.Do(t.Context(), http.MethodGet, "/envelopes/env-1", nil, &out)

	require.NoError(t, err)
	assert.Equal(t, "sent", out.Status)
	seen := api.seen()
	require.Len(t, seen, 2, "refused once, replayed once")
	assert.Equal(t, tok.AccessToken, seen[0])
	require.Len(t, stored, 1, "the rotated token went to OnRefresh")
	assert.Equal(t, stored[0].AccessToken, seen[1], "the replay used the stored token")
	assert.NotEqual(t, tok.RefreshToken, stored[0].RefreshToken, "rotated")
	assert.Equal(t, 1, f.count("refresh_token"))
}

// consent follows the authorization URL as the user's browser would and
// returns the code from DocuSign's redirect, after checking state.
func consent(t *testing.T, hc *http.Client, authURL, state string) string {
	t.Helper()
	browser := *hc
	browser.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	resp, err := browser.Get(authURL)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	back := resp.Header.Get("Location")
	require.True(t, strings.HasPrefix(back, testRedirect+"?"), back)
	q := mustQuery(t, back)
	require.Equal(t, state, q.Get("state"), "the host checks state before anything else")
	return q.Get("code")
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u.Query()
}

// One caller refused shows the exact sequence; a hundred refused at once
// (each calls InvalidateToken with the same token) still cause one refresh.
func TestE5_A401OnACachedTokenRefreshesOnceAndReplaysOnce(t *testing.T) {
	t.Parallel()
	for _, callers := range []int{1, 100} {
		t.Run(fmt.Sprintf("%d callers", callers), func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			ts := jwtSource(t, f)
			api, client := apiClient(t, f, ts)
			first, err := ts.Token()
			require.NoError(t, err)
			f.revoke(first.AccessToken) // DocuSign drops it before its expiry

			errs := parallel(callers, func(int) error {
				_, err := client.Do(t.Context(), http.MethodGet, "/envelopes/env-1", nil, nil)
				return err
			})

			for _, err := range errs {
				require.NoError(t, err)
			}
			assert.Equal(t, 2, f.count("jwt"), "the first token, and one refresh for all")
			seen := api.seen()
			distinct := map[string]bool{}
			for _, tok := range seen {
				distinct[tok] = true
			}
			assert.Len(t, distinct, 2, "the refused token and its one replacement")
			if callers == 1 {
				require.Len(t, seen, 2, "refused once, replayed once")
				assert.Equal(t, first.AccessToken, seen[0])
			}
		})
	}
}

func TestE5_ASecondRefusalSurfacesWithoutALoop(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	ts := jwtSource(t, f)
	var mu sync.Mutex
	calls := 0
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		writeJSON(w, 401, map[string]string{"errorCode": "USER_AUTHENTICATION_FAILED",
			"message": "The access token provided is expired, revoked or malformed."})
	}))
	defer api.Close()
	client, err := docusign.NewClient(ts, docusign.Account{ID: testAccount, BaseURI: api.URL})
	require.NoError(t, err)

	_, err = client.Do(t.Context(), http.MethodGet, "/envelopes/env-1", nil, nil)

	require.ErrorIs(t, err, docusign.ErrUnauthorized)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 2, calls, "the request and one replay")
	assert.Equal(t, 2, f.count("jwt"), "the first token and one refresh")
}
