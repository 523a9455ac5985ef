package auth

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
)

// The fake verifies each assertion with golang-jwt against the public key
// (signature, RS256, iss, sub, iat, exp); the test then reads what it saw.
func TestE8_JWTAssertionCarriesDocuSignsClaimsAndLastsAtMostAnHour(t *testing.T) {
	t.Parallel()
	for _, keyFile := range []string{"rsa-pkcs1.pem", "rsa-pkcs8.pem"} {
		t.Run(keyFile, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			f.pub = publicKey(t, keyFile)
			env, hc := f.serve()
			conf := jwtConfig(t, env, hc)
			conf.PrivateKey = readKey(t, keyFile)
			ts, err := conf.TokenSource(t.Context())
			require.NoError(t, err)

			before := time.Now()
			tok, err := ts.Token()

			require.NoError(t, err, "the fake refused the assertion")
			assert.Equal(t, "Bearer", tok.Type())
			a := f.lastAssertion(t)
			assert.Equal(t, "RS256", a.header["alg"])
			assert.Equal(t, "JWT", a.header["typ"])
			assert.Equal(t, testIK, a.claims["iss"])
			assert.Equal(t, testUserID, a.claims["sub"])
			assert.Equal(t, env.Audience(), a.claims["aud"], "aud is the bare host")
			assert.NotContains(t, a.claims["aud"], "://")
			assert.Equal(t, "signature impersonation", a.claims["scope"])
			iat, err := a.claims.GetIssuedAt()
			require.NoError(t, err)
			exp, err := a.claims.GetExpirationTime()
			require.NoError(t, err)
			backdate := before.Truncate(time.Second).Sub(iat.Time)
			assert.GreaterOrEqual(t, backdate, 5*time.Second, "iat is backdated")
			assert.LessOrEqual(t, backdate, time.Minute, "iat is backdated slightly")
			assert.LessOrEqual(t, exp.Sub(iat.Time), time.Hour, "exp - iat <= 1h")
			assert.Greater(t, exp.Sub(iat.Time), 50*time.Minute)
		})
	}
}

// A second, independent decoding of an assertion, in the test itself: the
// signature checks out against the public key and exp-iat is at most one
// hour even though x/oauth2/jws backdates iat.
func TestE8_AssertionDecodesWithGolangJWTAgainstThePublicKey(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	seen := make(chan string, 1)
	f.setHook(func(_ http.ResponseWriter, r *http.Request) bool {
		seen <- r.PostForm.Get("assertion")
		return false
	})
	ts := jwtSource(t, f)
	_, err := ts.Token()
	require.NoError(t, err)
	raw := <-seen

	claims := jwt.RegisteredClaims{}
	tok, err := jwt.ParseWithClaims(raw, &claims, func(tok *jwt.Token) (any, error) {
		return publicKey(t, "rsa-pkcs1.pem"), nil
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuedAt(),
		jwt.WithExpirationRequired())

	require.NoError(t, err)
	assert.True(t, tok.Valid)
	assert.Equal(t, jwt.SigningMethodRS256, tok.Method)
	assert.Equal(t, "JWT", tok.Header["typ"])
	assert.LessOrEqual(t, claims.ExpiresAt.Sub(claims.IssuedAt.Time), time.Hour)
	assert.Equal(t, jwt.ClaimStrings{f.lastAssertion(t).claims["aud"].(string)}, claims.Audience)
}

func TestE8_ScopesAlwaysIncludeImpersonation(t *testing.T) {
	t.Parallel()
	f := newFakeOAuth(t)
	env, hc := f.serve()
	conf := jwtConfig(t, env, hc)
	conf.Scopes = []string{ScopeSignature, "click.manage"}
	ts, err := conf.TokenSource(t.Context())
	require.NoError(t, err)

	_, err = ts.Token()

	require.NoError(t, err)
	assert.Equal(t, "signature click.manage impersonation", f.lastAssertion(t).claims["scope"])
	assert.Equal(t, []string{ScopeSignature, "click.manage"}, conf.Scopes,
		"the caller's slice is left alone")
}

// A bad key fails in TokenSource, before any request, with an error that
// says which problem it is and never quotes the key.
func TestE8_BadPrivateKeysFailInTokenSourceSayingWhich(t *testing.T) {
	t.Parallel()
	pkcs1 := readKey(t, "rsa-pkcs1.pem")
	truncated := pkcs1[:len(pkcs1)/2]
	corrupted := bytes.Replace(pkcs1, []byte("\n"), []byte("\nAAAA"), 3)
	cases := []struct {
		name string
		key  []byte
		want error
		says string
	}{
		{"empty", nil, ErrMalformedKey, "empty"},
		{"not PEM", []byte("hello, I am not a key"), ErrMalformedKey, "not PEM"},
		{"a file name", []byte("/etc/keys/docusign.pem"), ErrMalformedKey, "file name"},
		{"truncated", truncated, ErrMalformedKey, "END line"},
		{"corrupted body", corrupted, ErrMalformedKey, "does not parse"},
		{"encrypted PKCS#1", readKey(t, "rsa-encrypted-legacy.pem"), ErrEncryptedKey,
			"passphrase"},
		{"encrypted PKCS#8", readKey(t, "rsa-encrypted-pkcs8.pem"), ErrEncryptedKey,
			"passphrase"},
		{"EC", readKey(t, "ec.pem"), ErrNotRSAKey, "EC PRIVATE KEY"},
		{"EC in PKCS#8", readKey(t, "ec-pkcs8.pem"), ErrNotRSAKey, "ECDSA"},
		{"Ed25519", readKey(t, "ed25519.pem"), ErrNotRSAKey, "Ed25519"},
		{"a public key", readKey(t, "rsa-public.pem"), ErrNotRSAKey, "private key of"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeOAuth(t)
			env, hc := f.serve()
			conf := jwtConfig(t, env, hc)
			conf.PrivateKey = tc.key

			ts, err := conf.TokenSource(t.Context())

			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, ts)
			assert.Contains(t, err.Error(), tc.says)
			assert.Contains(t, err.Error(), "JWTConfig.PrivateKey")
			assertNoKeyBytes(t, err.Error(), tc.key)
			assert.Equal(t, 0, f.count(""), "nothing was sent")
			assert.ErrorIs(t, conf.Validate(), tc.want)
		})
	}
}

// assertNoKeyBytes checks that no line of a PEM body appears in s.
func assertNoKeyBytes(t *testing.T, s string, key []byte) {
	t.Helper()
	for _, line := range strings.Split(string(key), "\n") {
		if len(line) >= 16 && !strings.HasPrefix(line, "-----") {
			require.NotContains(t, s, line[:16])
		}
	}
}

func TestJWTConfig_ValidateNamesTheFieldAndTheFix(t *testing.T) {
	t.Parallel()
	good := jwtConfig(t, docusign.Demo, nil)
	require.NoError(t, good.Validate())
	cases := []struct {
		name   string
		change func(*JWTConfig)
		says   string
	}{
		{"no integration key", func(c *JWTConfig) { c.IntegrationKey = " " }, "IntegrationKey"},
		{"no user", func(c *JWTConfig) { c.UserID = "" }, "UserID is empty"},
		{"an email as user", func(c *JWTConfig) { c.UserID = "ada@example.com" },
			"UserID is an email"},
		{"no environment", func(c *JWTConfig) { c.Environment = docusign.Environment{} },
			"JWTConfig.Environment.AuthServer"},
		{"http environment", func(c *JWTConfig) {
			c.Environment = docusign.Environment{AuthServer: "http://account-d.docusign.com"}
		}, "https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conf := good
			tc.change(&conf)
			_, err := conf.TokenSource(t.Context())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.says)
		})
	}
}

func TestJWTConfig_BadOptionsFailInTokenSource(t *testing.T) {
	t.Parallel()
	conf := jwtConfig(t, docusign.Demo, nil)
	_, err := conf.TokenSource(t.Context(), WithRefreshSkew(-time.Second),
		WithRefreshTimeout(0), OnRefresh(nil), WithFailureBackoff(time.Hour))
	require.Error(t, err)
	for _, name := range []string{"WithRefreshSkew", "WithRefreshTimeout", "OnRefresh",
		"WithFailureBackoff"} {
		assert.Contains(t, err.Error(), name)
	}
}

func TestJWTConfig_ConsentURLAsksForImpersonation(t *testing.T) {
	t.Parallel()
	conf := JWTConfig{IntegrationKey: testIK, Scopes: []string{ScopeSignature, ScopeExtended},
		Environment: docusign.Demo}

	raw := conf.ConsentURL("https://app.example.com/consented?from=jwt")

	assert.True(t, strings.HasPrefix(raw, "https://account-d.docusign.com/oauth/auth?"), raw)
	assert.Contains(t, raw, "scope=signature%20extended%20impersonation")
	assert.NotContains(t, raw, "+")
	u, err := url.Parse(raw)
	require.NoError(t, err)
	q := u.Query()
	assert.Equal(t, "code", q.Get("response_type"))
	assert.Equal(t, testIK, q.Get("client_id"))
	assert.Equal(t, "https://app.example.com/consented?from=jwt", q.Get("redirect_uri"))
	assert.Equal(t, "signature extended impersonation", q.Get("scope"))
}

func TestJWTConfig_ConsentURLWithoutRedirectLeavesItOut(t *testing.T) {
	t.Parallel()
	conf := JWTConfig{IntegrationKey: testIK, Environment: docusign.Production}
	raw := conf.ConsentURL("")
	u, err := url.Parse(raw)
	require.NoError(t, err)
	assert.Equal(t, "account.docusign.com", u.Host)
	assert.False(t, u.Query().Has("redirect_uri"))
	assert.Equal(t, "signature impersonation", u.Query().Get("scope"))
}
