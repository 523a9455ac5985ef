package auth

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
	"gopkg.in/h2non/gock.v1"

	"github.com/esignkit/docusign-go/docusign"
)

// These tests are not parallel: gock swaps http.DefaultTransport for the
// whole process. Parallel tests all pass clients of their own.

var tokenBody = map[string]any{"access_token": "access-gock", "token_type": "Bearer",
	"expires_in": 3600}

// A 307 or 308 on a token request would make net/http send the same body
// (the assertion, the code, a public client's verifier) again to the
// Location. The default client refuses another host and plain http.
func TestF5_TokenRequestsAreNotRedirectedElsewhere(t *testing.T) {
	cases := []struct {
		name, location string
		status         int
	}{
		{"307 to another host", "https://evil.example.com/oauth/token", 307},
		{"308 to another host", "https://evil.example.com/oauth/token", 308},
		{"307 to plain http", "http://account-d.docusign.com/oauth/token", 307},
	}
	for _, tc := range cases {
		for grant, get := range map[string]func() error{
			"JWT grant": func() error {
				ts, err := jwtConfig(t, docusign.Demo, nil).TokenSource(t.Context())
				require.NoError(t, err)
				_, err = ts.Token()
				return err
			},
			"code exchange": func() error {
				_, err := codeConfig(docusign.Demo, nil).Exchange(t.Context(), "code-gock-e8a1f")
				return err
			},
		} {
			t.Run(tc.name+"/"+grant, func(t *testing.T) {
				defer gock.Off()
				gock.New("https://account-d.docusign.com").Post("/oauth/token").
					Reply(tc.status).SetHeader("Location", tc.location)
				elsewhere := gock.New(tc.location).Post("").Reply(200).JSON(tokenBody)

				err := get()

				require.Error(t, err)
				assert.Contains(t, err.Error(), "redirect refused")
				assert.False(t, elsewhere.Mock.Done(), "nothing reached the other origin")
			})
		}
	}
}

func TestF5_ASameOriginRedirectIsFollowed(t *testing.T) {
	defer gock.Off()
	gock.New("https://account-d.docusign.com").Post("/oauth/token").
		Reply(307).SetHeader("Location", "https://account-d.docusign.com/oauth/token/v2")
	gock.New("https://account-d.docusign.com").Post("/oauth/token/v2").
		Reply(200).JSON(tokenBody)
	ts, err := jwtConfig(t, docusign.Demo, nil).TokenSource(t.Context())
	require.NoError(t, err)

	tok, err := ts.Token()

	require.NoError(t, err)
	assert.Equal(t, "access-gock", tok.AccessToken)
	assert.True(t, gock.IsDone())
}

func TestF5_UserinfoDoesNotCarryTheTokenElsewhere(t *testing.T) {
	defer gock.Off()
	gock.New("https://account-d.docusign.com").Get("/oauth/userinfo").
		Reply(302).SetHeader("Location", "https://evil.example.com/collect")
	elsewhere := gock.New("https://evil.example.com").Get("/collect").Reply(200).JSON(
		map[string]any{"sub": "x"})
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "access-static-e8a1f"})

	_, err := FetchUserInfo(t.Context(), ts, docusign.Demo)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "redirect refused")
	assert.False(t, elsewhere.Mock.Done())
}

// A client the caller gives is used as it is, redirect policy included.
func TestF5_ACallersClientKeepsItsOwnRedirectPolicy(t *testing.T) {
	defer gock.Off()
	gock.New("https://account-d.docusign.com").Post("/oauth/token").
		Reply(307).SetHeader("Location", "https://login.example.com/oauth/token")
	gock.New("https://login.example.com").Post("/oauth/token").Reply(200).JSON(tokenBody)
	errOwn := errors.New("the caller's own policy")
	asked := 0
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		asked++
		return errOwn
	}}
	ts, err := jwtConfig(t, docusign.Demo, hc).TokenSource(t.Context())
	require.NoError(t, err)

	_, err = ts.Token()

	require.Error(t, err)
	assert.Equal(t, 1, asked)
	assert.Contains(t, err.Error(), errOwn.Error())
}
