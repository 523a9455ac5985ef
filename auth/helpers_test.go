package auth

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
)

// TestMain fails the run when a test leaves a goroutine behind: a refresh
// that never ends, or a background refresher that was not stopped.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func readKey(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

func publicKey(t testing.TB, name string) *rsa.PublicKey {
	t.Helper()
	block, _ := pem.Decode(readKey(t, name))
	require.NotNil(t, block)
	if key, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return &key.PublicKey
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	require.NoError(t, err)
	return &key.(*rsa.PrivateKey).PublicKey
}

// fakeClock is an injected clock the tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// handlerTransport serves requests with a handler in the calling goroutine,
// with no socket, so that it works inside a synctest bubble. A request whose
// context ended while the handler ran fails as a real transport would.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	if req.Body != nil {
		req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	return rec.Result(), nil
}

// jwtConfig returns a configuration the fake accepts.
func jwtConfig(t testing.TB, env docusign.Environment, hc *http.Client) JWTConfig {
	return JWTConfig{IntegrationKey: testIK, UserID: testUserID,
		PrivateKey: readKey(t, "rsa-pkcs1.pem"), Environment: env, HTTPClient: hc,
		ConsentRedirectURL: testRedirect}
}

// codeConfig returns the confidential client the fake knows.
func codeConfig(env docusign.Environment, hc *http.Client) Config {
	return Config{ClientID: testIK, ClientSecret: testSecret, RedirectURL: testRedirect,
		Scopes: []string{ScopeSignature, ScopeExtended}, Environment: env, HTTPClient: hc}
}

// jwtSource builds a JWT source on a fake served over httptest.
func jwtSource(t *testing.T, f *fakeOAuth, opts ...SourceOption) *Source {
	t.Helper()
	env, hc := f.serve()
	ts, err := jwtConfig(t, env, hc).TokenSource(t.Context(), opts...)
	require.NoError(t, err)
	return ts.(*Source)
}

// memorySource builds a JWT source on a fake served in memory (for
// synctest bubbles).
func memorySource(t testing.TB, h http.Handler, opts ...SourceOption) *Source {
	t.Helper()
	env, hc := memoryEnv(h)
	ts, err := jwtConfig(t, env, hc).TokenSource(t.Context(), opts...)
	require.NoError(t, err)
	return ts.(*Source)
}

// memoryEnv serves h in memory under the demo environment's name.
func memoryEnv(h http.Handler) (docusign.Environment, *http.Client) {
	return docusign.Environment{AuthServer: "https://account-d.docusign.com"},
		&http.Client{Transport: handlerTransport{h}}
}

// connected runs the authorization-code flow against f and returns the
// token it yields.
func connected(t *testing.T, f *fakeOAuth, conf Config) *oauth2.Token {
	t.Helper()
	f.mu.Lock()
	f.codes["code-connected"] = codeGrant{}
	f.mu.Unlock()
	tok, err := conf.Exchange(t.Context(), "code-connected")
	require.NoError(t, err)
	return tok
}

// connectedFake serves a fake and runs the authorization-code flow on it,
// returning the configuration and the token a host would store.
func connectedFake(t *testing.T) (*fakeOAuth, Config, *oauth2.Token) {
	t.Helper()
	f := newFakeOAuth(t)
	conf := codeConfig(f.serve())
	return f, conf, connected(t, f, conf)
}

// apiClient serves a REST API that accepts f's tokens and returns a
// docusign.Client for it that takes its tokens from ts.
func apiClient(t *testing.T, f *fakeOAuth, ts oauth2.TokenSource) (*apiServer, *docusign.Client) {
	t.Helper()
	api := newAPIServer(t, f)
	client, err := docusign.NewClient(ts, docusign.Account{ID: testAccount, BaseURI: api.URL})
	require.NoError(t, err)
	return api, client
}

// apiServer is a REST API of one account that accepts the tokens f issued
// and refuses, with 401, a token f revoked.
type apiServer struct {
	*httptest.Server
	mu     sync.Mutex
	tokens []string
}

func newAPIServer(t *testing.T, f *fakeOAuth) *apiServer {
	a := &apiServer{}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		a.mu.Lock()
		a.tokens = append(a.tokens, tok)
		a.mu.Unlock()
		if !f.accepts(tok) {
			writeJSON(w, 401, map[string]string{"errorCode": "USER_AUTHENTICATION_FAILED",
				"message": "The access token provided is expired, revoked or malformed."})
			return
		}
		writeJSON(w, 200, map[string]string{"envelopeId": "env-1", "status": "sent"})
	}))
	t.Cleanup(a.Close)
	return a
}

func (a *apiServer) seen() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.tokens...)
}

// connectedToken is a stored token, as a host would pass it to
// Config.TokenSource, for tests that send nothing.
func connectedToken() *oauth2.Token {
	return &oauth2.Token{AccessToken: "access-stored", RefreshToken: "refresh-stored",
		TokenType: "Bearer", Expiry: time.Now().Add(time.Hour)}
}
