package auth

import (
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

const (
	acctEU = "b1c2d3e4-0000-4000-8000-000000000001"
	acctNA = "b1c2d3e4-0000-4000-8000-000000000002"
)

func TestUserInfo_DecodesAccountsReadyForNewClient(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	f.accounts = []map[string]any{
		{"account_id": acctEU, "account_name": "Europe", "base_uri": "https://EU.docusign.net",
			"is_default": false},
		{"account_id": acctNA, "account_name": "Contracts", "is_default": "true",
			"base_uri":     "https://na3.docusign.net/restapi/",
			"organization": map[string]any{"organization_id": "9c5fb8e1"}},
	}
	ts := jwtSource(t, f)

	info, err := FetchUserInfo(t.Context(), ts, f.env)

	require.NoError(t, err)
	assert.Equal(t, testUserID, info.UserID)
	assert.Equal(t, "Ada Lovelace", info.Name)
	assert.Equal(t, "ada@example.com", info.Email)
	assert.Equal(t, "2015-08-13T22:03:03.45", info.Created)
	def, err := info.DefaultAccount()
	require.NoError(t, err)
	assert.Equal(t, docusign.Account{ID: acctNA, Name: "Contracts",
		BaseURI: "https://na3.docusign.net", IsDefault: true}, def,
		"is_default as a string; base_uri without /restapi")
	eu, err := info.Account(" " + acctEU[:8] + "-0000-4000-8000-000000000001")
	require.NoError(t, err)
	assert.Equal(t, "https://eu.docusign.net", eu.BaseURI)
	for _, a := range info.Accounts {
		norm, err := docusign.NormalizeBaseURI(a.BaseURI)
		require.NoError(t, err)
		assert.Equal(t, norm, a.BaseURI)
	}
	_, err = docusign.NewClient(ts, def)
	require.NoError(t, err)
}

func TestUserInfo_AccountListsTheIDsWhenTheOneAskedForIsAbsent(t *testing.T) {
	t.Parallel()
	info := &UserInfo{UserID: testUserID, Accounts: []docusign.Account{
		{ID: acctEU, BaseURI: "https://eu.docusign.net"},
		{ID: acctNA, BaseURI: "https://na3.docusign.net"}}}

	_, err := info.Account("a4ec37d6-9999-4b2f-9e1a-143885c220e1")

	require.ErrorIs(t, err, ErrAccountNotFound)
	assert.Contains(t, err.Error(), acctEU+", "+acctNA)
	assert.Contains(t, err.Error(), testUserID)
}

func TestUserInfo_DefaultAccountWhenNoneIsMarked(t *testing.T) {
	t.Parallel()
	one := docusign.Account{ID: acctEU, BaseURI: "https://eu.docusign.net"}
	two := docusign.Account{ID: acctNA, BaseURI: "https://na3.docusign.net"}
	marked := two
	marked.IsDefault = true

	cases := []struct {
		name     string
		accounts []docusign.Account
		want     docusign.Account
		says     string
	}{
		{"the marked one", []docusign.Account{one, marked}, marked, ""},
		{"the only one", []docusign.Account{one}, one, ""},
		{"several, none marked: no guess", []docusign.Account{one, two}, docusign.Account{},
			"choose one with Account(id) from: " + acctEU + ", " + acctNA},
		{"none at all", nil, docusign.Account{}, "belongs to no DocuSign account"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := (&UserInfo{UserID: testUserID, Accounts: tc.accounts}).DefaultAccount()
			if tc.says == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			require.ErrorIs(t, err, ErrAccountNotFound)
			assert.Contains(t, err.Error(), tc.says)
		})
	}
}

func TestUserInfo_AnAccountWithAnUnusableBaseURIIsRefusedAlone(t *testing.T) {
	t.Parallel()
	body := []byte(`{"sub":"u","accounts":[
		{"account_id":"` + acctEU + `","base_uri":"http://eu.docusign.net","is_default":true},
		{"account_id":"` + acctNA + `","base_uri":"https://na3.docusign.net",
		 "is_default":false}]}`)
	info, err := decodeUserInfo(body)
	require.NoError(t, err)

	_, err = info.DefaultAccount()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "plain http")
	na, err := info.Account(acctNA)
	require.NoError(t, err)
	assert.Equal(t, "https://na3.docusign.net", na.BaseURI)
}

func TestUserInfo_IsDefaultMustBeABoolean(t *testing.T) {
	t.Parallel()
	_, err := decodeUserInfo([]byte(`{"accounts":[{"account_id":"a","is_default":"maybe"}]}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is_default")
}

func TestUserInfo_ARefusedTokenIsReplacedOnce(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	ts := jwtSource(t, f)
	tok, err := ts.Token()
	require.NoError(t, err)
	f.revoke(tok.AccessToken)

	info, err := FetchUserInfo(t.Context(), ts, f.env)

	require.NoError(t, err)
	assert.Equal(t, testUserID, info.UserID)
	assert.Equal(t, 2, f.count("jwt"))
}

func TestUserInfo_AStaticTokenRefusedIsAnInvalidTokenError(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	env, _ := f.serve()
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "access-old-e8a1f"})

	_, err := FetchUserInfo(t.Context(), ts, env)

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "invalid_token", e.Code)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	assert.Contains(t, err.Error(), "auth: userinfo refused: invalid_token")
	assertClean(t, "userinfo error", err.Error())
}

func TestUserInfo_InternalServerErrorIsRetriedOnceWithANewToken(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	f := newFakeOAuth(t)
	srv := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/userinfo" {
			calls.Add(1)
			w.Header().Set("X-DocuSign-TraceToken", "trace-ui")
			writeJSON(w, 500, map[string]string{"error": "internal_server_error",
				"reference_id": "ref-42"})
			return
		}
		f.ServeHTTP(w, r)
	})
	ts := memorySource(t, srv)

	_, err := FetchUserInfo(t.Context(), ts, docusign.Demo)

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "ref-42", e.ReferenceID)
	assert.Contains(t, err.Error(), "[reference ID ref-42] [trace token trace-ui]")
	assert.Equal(t, int32(2), calls.Load(), "one replay with a new token, then the error")
	assert.Equal(t, 2, f.count("jwt"))
}

func TestUserInfo_UsesTheSourcesClientUnlessToldOtherwise(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	ts := memorySource(t, f) // reachable only through its in-memory client

	_, err := FetchUserInfo(t.Context(), ts, docusign.Demo)
	require.NoError(t, err)

	var used atomic.Bool
	other := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Store(true)
		return handlerTransport{f}.RoundTrip(r)
	})}
	_, err = FetchUserInfo(t.Context(), ts, docusign.Demo, WithHTTPClient(other))
	require.NoError(t, err)
	assert.True(t, used.Load())
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestUserInfo_Guards(t *testing.T) {
	t.Parallel()
	_, err := FetchUserInfo(t.Context(), nil, docusign.Demo)
	assert.ErrorContains(t, err, "needs a token source")
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "a"})
	_, err = FetchUserInfo(t.Context(), ts, docusign.Environment{})
	assert.ErrorContains(t, err, "Environment.AuthServer is empty")
}
