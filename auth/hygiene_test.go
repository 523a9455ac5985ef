package auth

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// holder is a host's struct that contains the package's values.
type holder struct {
	Config  Config
	JWT     *JWTConfig
	Source  oauth2.TokenSource
	Code    oauth2.TokenSource
	Err     error
	private *JWTConfig // printed as an address
}

// secrets lists what must never show: the client secret, each line of the
// PEM, and every value the fake issued (they all end in "e8a1f").
func secrets(t *testing.T) []string {
	out := []string{testSecret, "e8a1f"}
	for _, line := range strings.Split(string(readKey(t, "rsa-pkcs1.pem")), "\n") {
		if len(line) > 20 && !strings.HasPrefix(line, "-----") {
			out = append(out, line[:20])
		}
	}
	return out
}

// assertClean checks that out holds no secret, raw or hex-encoded (%x).
func assertClean(t *testing.T, what, out string) {
	t.Helper()
	for _, s := range secrets(t) {
		require.NotContains(t, out, s, "%s shows a secret", what)
		require.NotContains(t, out, hex.EncodeToString([]byte(s)),
			"%s shows a secret in hex", what)
	}
}

func hygieneValues(t *testing.T) holder {
	f := newFakeOAuth(t)
	env, hc := f.serve()
	jwtConf := jwtConfig(t, env, hc)
	jwtSrc, err := jwtConf.TokenSource(t.Context())
	require.NoError(t, err)
	_, err = jwtSrc.Token()
	require.NoError(t, err)
	conf := codeConfig(env, hc)
	codeSrc := conf.TokenSource(t.Context(), connected(t, f, conf))
	_, err = codeSrc.Token()
	require.NoError(t, err)
	return holder{Config: conf, JWT: &jwtConf, Source: jwtSrc, Code: codeSrc,
		Err:     &Error{Code: "consent_required", ConsentURL: jwtConf.ConsentURL(testRedirect)},
		private: &jwtConf}
}

func TestF1_SecretsNeverPrintThroughAnyFmtVerb(t *testing.T) {
	t.Parallel()
	h := hygieneValues(t)
	values := map[string]any{"Config": h.Config, "*Config": &h.Config, "JWTConfig": *h.JWT,
		"*JWTConfig": h.JWT, "JWT source": h.Source, "code source": h.Code, "Error": h.Err,
		"holder": h, "*holder": &h}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := fmt.Sprintf(verb, v)
			assertClean(t, name+" with "+verb, out)
		}
	}
	assert.Contains(t, fmt.Sprint(h.Config), `ClientSecret: "[redacted]"`)
	assert.Contains(t, fmt.Sprintf("%#v", h.JWT), `PrivateKey: "[redacted]"`)
	assert.Contains(t, fmt.Sprint(h.Source), "auth.Source{grant: JWT grant, token: expires")
}

func TestF1_SecretsNeverLogThroughSlog(t *testing.T) {
	t.Parallel()
	h := hygieneValues(t)
	for name, handler := range map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(handler(&buf)).Info("values", "config", h.Config, "jwt", h.JWT,
			"source", h.Source, "code", h.Code, "error", h.Err, "holder", h)
		assertClean(t, name+" log", buf.String())
		assert.Contains(t, buf.String(), testIK, "the log still says something useful")
	}
}

func TestF1_SecretsNeverMarshalToJSON(t *testing.T) {
	t.Parallel()
	h := hygieneValues(t)
	for name, v := range map[string]any{"Config": h.Config, "JWTConfig": h.JWT,
		"source": h.Source, "code source": h.Code, "holder": h} {
		data, err := json.Marshal(v)
		require.NoError(t, err, name)
		assertClean(t, name+" JSON", string(data))
	}
	data, err := json.Marshal(h.Config)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"client_secret":"[redacted]"`)
}

func TestF1_KeyErrorsAndOAuthErrorsQuoteNoSecret(t *testing.T) {
	t.Parallel()
	conf := jwtConfig(t, docusign.Demo, nil)
	conf.PrivateKey = readKey(t, "rsa-pkcs1.pem")[:900]
	_, err := conf.TokenSource(t.Context())
	require.Error(t, err)
	assertClean(t, "key error", err.Error())
}

// A run that fails in every way the package logs, with the logger at debug,
// leaves no token, assertion, code, secret or key in the log.
func TestF2_LogsOfAFailingRunHoldNoSecrets(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFakeOAuth(t)
	env, hc := f.serve()
	api := newAPIServer(t, f)
	f.accounts = []map[string]any{{"account_id": testAccount, "base_uri": api.URL,
		"is_default": true}}

	failures := 1
	f.setHook(func(w http.ResponseWriter, _ *http.Request) bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		if failures > 0 {
			failures--
			oauthError(w, 500, "internal_server_error", "")
			return true
		}
		return false
	})
	clock := newFakeClock()
	src, err := jwtConfig(t, env, hc).TokenSource(t.Context(), WithLogger(logger),
		withClock(clock.Now))
	require.NoError(t, err)
	_, err = src.Token()
	require.Error(t, err)
	clock.Add(DefaultFailureBackoff)
	info, err := FetchUserInfo(t.Context(), src, env)
	require.NoError(t, err)
	acct, err := info.DefaultAccount()
	require.NoError(t, err)
	client, err := docusign.NewClient(src, acct, docusign.WithLogger(logger))
	require.NoError(t, err)
	tok, err := src.Token()
	require.NoError(t, err)
	f.revoke(tok.AccessToken)
	_, err = client.Do(t.Context(), http.MethodGet, "/envelopes/env-1", nil, nil)
	require.NoError(t, err)

	conf := codeConfig(env, hc)
	stored := connected(t, f, conf)
	stored.Expiry = clock.Now()
	code := conf.TokenSource(t.Context(), stored, WithLogger(logger), withClock(clock.Now),
		OnRefresh(func(*oauth2.Token) error { return fmt.Errorf("disk full") }))
	_, err = code.Token()
	require.Error(t, err)

	out := buf.String()
	assertClean(t, "the log", out)
	assert.NotContains(t, out, "eyJ", "no JWT assertion")
	assert.NotContains(t, out, "Bearer")
	for _, want := range []string{"auth: getting a token failed", "auth: new token",
		"auth: userinfo", "auth: storing a token failed", "disk full"} {
		assert.Contains(t, out, want, "the log is not empty: the check can fail")
	}
}
