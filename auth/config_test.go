package auth

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
)

func TestConfig_AuthCodeURLCarriesWhatDocuSignExpects(t *testing.T) {
	t.Parallel()
	conf := codeConfig(docusign.Demo, nil)
	verifier := GenerateVerifier()

	raw := conf.AuthCodeURL("st-1", WithPKCE(verifier))

	assert.True(t, strings.HasPrefix(raw, "https://account-d.docusign.com/oauth/auth?"), raw)
	assert.Contains(t, raw, "scope=signature%20extended")
	assert.NotContains(t, raw, "+")
	q := mustQuery(t, raw)
	assert.Equal(t, "code", q.Get("response_type"))
	assert.Equal(t, testIK, q.Get("client_id"))
	assert.Equal(t, testRedirect, q.Get("redirect_uri"))
	assert.Equal(t, "st-1", q.Get("state"))
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	assert.Equal(t, s256(verifier), q.Get("code_challenge"))
	assert.NotContains(t, raw, verifier)
}

func TestConfig_AuthCodeURLWithoutScopesAsksForSignature(t *testing.T) {
	t.Parallel()
	conf := codeConfig(docusign.Demo, nil)
	conf.Scopes = nil
	q := mustQuery(t, conf.AuthCodeURL("s"))
	assert.Equal(t, "signature", q.Get("scope"))
	assert.False(t, q.Has("code_challenge"), "no PKCE unless asked for")
}

func TestGenerateVerifier_IsRandomAndWithinRFC7636(t *testing.T) {
	t.Parallel()
	a, b := GenerateVerifier(), GenerateVerifier()
	assert.NotEqual(t, a, b)
	assert.Len(t, a, 43)
	assert.True(t, validVerifier(a))
	raw, err := base64.RawURLEncoding.DecodeString(a)
	require.NoError(t, err)
	assert.Len(t, raw, 32)
}

func TestConfig_ExchangeAuthenticatesAConfidentialClientWithBasic(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	env, hc := f.serve()
	conf := codeConfig(env, hc)
	code := consent(t, hc, conf.AuthCodeURL("s"), "s")

	tok, err := conf.Exchange(t.Context(), code)

	require.NoError(t, err)
	assert.NotEmpty(t, tok.AccessToken)
	assert.NotEmpty(t, tok.RefreshToken)
	f.mu.Lock()
	defer f.mu.Unlock()
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testIK+":"+testSecret))
	assert.Equal(t, want, f.auths[0])
	form := f.forms[0]
	assert.Equal(t, "authorization_code", form.Get("grant_type"))
	assert.Equal(t, code, form.Get("code"))
	assert.False(t, form.Has("client_secret"), "the secret travels in the header only")
}

func TestConfig_ExchangeOfAPublicClientSendsClientIDAndVerifierWithoutSecret(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	env, hc := f.serve()
	conf := codeConfig(env, hc)
	conf.ClientSecret = ""
	verifier := GenerateVerifier()
	code := consent(t, hc, conf.AuthCodeURL("s", WithPKCE(verifier)), "s")

	tok, err := conf.Exchange(t.Context(), code, WithPKCE(verifier))

	require.NoError(t, err)
	assert.NotEmpty(t, tok.AccessToken)
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Empty(t, f.auths[0], "no Authorization header")
	form := f.forms[0]
	assert.Equal(t, testIK, form.Get("client_id"))
	assert.Equal(t, verifier, form.Get("code_verifier"))
	assert.False(t, form.Has("client_secret"))
}

func TestConfig_ExchangeRefusals(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		public   bool
		verifier string // for Exchange; AuthCodeURL always has PKCE
		code     string // "": the code of the redirect
		says     string
		sent     bool
	}{
		{"an empty code", false, "", " ", "the code is empty", false},
		{"a public client without PKCE", true, "", "", "must use PKCE", false},
		{"a malformed verifier", false, "short", "", "43 to 128 characters", false},
		{"the wrong verifier", false, GenerateVerifier(), "", "PKCE verifier", true},
		{"an unknown code", false, "", "code-forged", "authorization code is wrong", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			env, hc := f.serve()
			conf := codeConfig(env, hc)
			if tc.public {
				conf.ClientSecret = ""
			}
			code := consent(t, hc, conf.AuthCodeURL("s", WithPKCE(GenerateVerifier())), "s")
			if tc.code != "" {
				code = tc.code
			}

			_, err := conf.Exchange(t.Context(), code, WithPKCE(tc.verifier))

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.says)
			assert.Equal(t, tc.sent, f.count("") > 0)
		})
	}
}

func TestConfig_ACodeWorksOnce(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	env, hc := f.serve()
	conf := codeConfig(env, hc)
	code := consent(t, hc, conf.AuthCodeURL("s"), "s")
	_, err := conf.Exchange(t.Context(), code)
	require.NoError(t, err)

	_, err = conf.Exchange(t.Context(), code)

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "invalid_grant", e.Code)
	assert.Contains(t, err.Error(), "already used")
}

func TestConfig_ValidateNamesTheFieldAndTheFix(t *testing.T) {
	t.Parallel()
	good := codeConfig(docusign.Demo, nil)
	require.NoError(t, good.Validate())
	cases := []struct {
		name   string
		change func(*Config)
		says   string
	}{
		{"no client ID", func(c *Config) { c.ClientID = "" }, "Config.ClientID"},
		{"no redirect", func(c *Config) { c.RedirectURL = "" }, "Config.RedirectURL is empty"},
		{"a relative redirect", func(c *Config) { c.RedirectURL = "/callback" },
			"not an absolute URL"},
		{"no environment", func(c *Config) { c.Environment = docusign.Environment{} },
			"Config.Environment.AuthServer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conf := good
			tc.change(&conf)
			err := conf.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.says)

			_, err = conf.Exchange(t.Context(), "code")
			assert.Contains(t, err.Error(), tc.says, "Exchange checks too")
			_, err = conf.TokenSource(t.Context(), connectedToken()).Token()
			assert.Contains(t, err.Error(), tc.says, "and so does the source, on use")
		})
	}
}

func TestConfig_TokenSourceNeedsAToken(t *testing.T) {
	t.Parallel()
	ts := codeConfig(docusign.Demo, nil).TokenSource(t.Context(), nil)
	_, err := ts.Token()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs the token from Exchange")
}

func TestConfig_BadOptionsFailEveryCall(t *testing.T) {
	t.Parallel()
	ts := codeConfig(docusign.Demo, nil).TokenSource(t.Context(), connectedToken(),
		WithRefreshSkew(2*time.Hour))
	for range 2 {
		_, err := ts.Token()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "WithRefreshSkew(2h0m0s)")
	}
}
