package auth

import (
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
)

// Values the fake account server knows. The secrets are distinctive so that
// the hygiene tests can look for them in output.
const (
	testIK       = "6e3c2a5e-1111-4d6f-9a3b-6c1c2b9f0a01"
	testSecret   = "client-secret-3f9d1c7e"
	testUserID   = "4799e5e9-2222-4c4a-8a2e-cf4713bbcacc"
	testAccount  = "a4ec37d6-3333-4b2f-9e1a-143885c220e1"
	testRedirect = "https://app.example.com/docusign/callback"
)

// fakeOAuth is a small DocuSign account server: /oauth/auth (consent given
// at once), /oauth/token (authorization code with Basic or PKCE, refresh
// with rotation, JWT verified with golang-jwt against the public key), and
// /oauth/userinfo. Its clock runs offset behind the local one, to play a
// local clock that is off.
type fakeOAuth struct {
	t      testing.TB
	pub    *rsa.PublicKey
	leeway time.Duration        // tolerated clock difference on iat and exp
	offset time.Duration        // how far the local clock is ahead of the server's
	env    docusign.Environment // set by serve

	mu         sync.Mutex
	seq        int
	consented  bool
	codes      map[string]codeGrant
	refresh    map[string]bool // refresh token: still current
	access     map[string]bool // access token: still accepted
	sent       []string        // refresh tokens received, in order
	grants     map[string]int  // token requests by grant_type
	assertions []assertion
	forms      []url.Values
	auths      []string // Authorization headers of token requests
	accounts   []map[string]any
	// hook answers a token request instead of the fake when it returns true.
	hook func(w http.ResponseWriter, r *http.Request) bool
}

type codeGrant struct {
	challenge, method, redirect string
	used                        bool
}

// assertion is a JWT grant assertion as the fake decoded it.
type assertion struct {
	header map[string]any
	claims jwt.MapClaims
}

func newFakeOAuth(t testing.TB) *fakeOAuth {
	return &fakeOAuth{t: t, pub: publicKey(t, "rsa-pkcs1.pem"), consented: true,
		codes: map[string]codeGrant{}, refresh: map[string]bool{},
		access: map[string]bool{}, grants: map[string]int{}}
}

// serve starts the fake on an httptest server and returns its environment.
func (f *fakeOAuth) serve() (docusign.Environment, *http.Client) {
	srv := httptest.NewServer(f)
	f.t.Cleanup(srv.Close)
	f.env = docusign.Environment{AuthServer: srv.URL}
	return f.env, srv.Client()
}

func (f *fakeOAuth) now() time.Time { return time.Now().Add(-f.offset) }

func (f *fakeOAuth) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Date", f.now().UTC().Format(http.TimeFormat))
	w.Header().Set("X-DocuSign-TraceToken", "trace-"+r.URL.Path)
	switch r.URL.Path {
	case "/oauth/auth":
		f.authorize(w, r)
	case "/oauth/token":
		f.token(w, r)
	case "/oauth/userinfo":
		f.userinfo(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeOAuth) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != testIK || q.Get("redirect_uri") != testRedirect ||
		q.Get("response_type") != "code" {
		http.Error(w, "unknown client or redirect URI", http.StatusBadRequest)
		return
	}
	code := f.issue("code")
	f.mu.Lock()
	f.codes[code] = codeGrant{challenge: q.Get("code_challenge"),
		method: q.Get("code_challenge_method"), redirect: q.Get("redirect_uri")}
	f.mu.Unlock()
	back := q.Get("redirect_uri") + "?" + url.Values{"code": {code},
		"state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, back, http.StatusFound)
}

func (f *fakeOAuth) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost {
		oauthError(w, 400, "invalid_request", "")
		return
	}
	f.mu.Lock()
	f.grants[r.PostForm.Get("grant_type")]++
	f.forms = append(f.forms, r.PostForm)
	f.auths = append(f.auths, r.Header.Get("Authorization"))
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, r) {
		return
	}
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		f.codeGrant(w, r)
	case "refresh_token":
		f.refreshGrant(w, r)
	case "urn:ietf:params:oauth:grant-type:jwt-bearer":
		f.jwtGrant(w, r)
	default:
		oauthError(w, 400, "unsupported_grant_type", "")
	}
}

// client authenticates a code or refresh request: Basic for the
// confidential client, client_id in the form and no secret for the public
// one.
func (f *fakeOAuth) client(r *http.Request) (public, ok bool) {
	if user, pass, basic := r.BasicAuth(); basic {
		return false, user == testIK && pass == testSecret && r.PostForm.Get("client_secret") == ""
	}
	return true, r.PostForm.Get("client_id") == testIK && r.PostForm.Get("client_secret") == ""
}

func (f *fakeOAuth) codeGrant(w http.ResponseWriter, r *http.Request) {
	public, ok := f.client(r)
	if !ok {
		oauthError(w, 401, "invalid_client", "")
		return
	}
	f.mu.Lock()
	code := r.PostForm.Get("code")
	g, known := f.codes[code]
	used := g.used
	if known {
		g.used = true
		f.codes[code] = g
	}
	f.mu.Unlock()
	verifier := r.PostForm.Get("code_verifier")
	switch {
	case !known || used:
		oauthError(w, 400, "invalid_grant", "")
	case public && g.challenge == "":
		oauthError(w, 400, "invalid_request", "")
	case g.challenge != "" && (g.method != "S256" || s256(verifier) != g.challenge):
		oauthError(w, 400, "invalid_grant", "")
	default:
		f.answer(w, true, 28800)
	}
}

// s256 is the PKCE S256 challenge, computed here independently of the code
// under test: base64url without padding of the SHA-256 of the verifier.
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func (f *fakeOAuth) refreshGrant(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.client(r); !ok {
		oauthError(w, 401, "invalid_client", "")
		return
	}
	rt := r.PostForm.Get("refresh_token")
	f.mu.Lock()
	f.sent = append(f.sent, rt)
	current := f.refresh[rt]
	f.refresh[rt] = false // rotated: the next refresh needs the new one
	f.mu.Unlock()
	if !current {
		oauthError(w, 400, "invalid_grant", "")
		return
	}
	f.answer(w, true, 28800)
}

func (f *fakeOAuth) jwtGrant(w http.ResponseWriter, r *http.Request) {
	raw := r.PostForm.Get("assertion")
	claims := jwt.MapClaims{}
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithTimeFunc(f.now), jwt.WithLeeway(f.leeway), jwt.WithIssuedAt(),
		jwt.WithExpirationRequired(), jwt.WithIssuer(testIK), jwt.WithSubject(testUserID))
	tok, err := parser.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) {
		return f.pub, nil
	})
	if tok != nil {
		f.mu.Lock()
		f.assertions = append(f.assertions, assertion{header: tok.Header, claims: claims})
		f.mu.Unlock()
	}
	switch {
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		oauthError(w, 400, "invalid_grant", "no_valid_keys_or_signatures")
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		oauthError(w, 400, "invalid_grant", "issuer_not_found")
	case errors.Is(err, jwt.ErrTokenInvalidSubject):
		oauthError(w, 400, "invalid_grant", "user_not_found")
	case err != nil:
		oauthError(w, 400, "invalid_grant", "") // times, as DocuSign is believed to
	case !f.validAssertion(tok, claims):
		oauthError(w, 400, "invalid_grant", "")
	case !f.hasConsent():
		oauthError(w, 400, "consent_required", "")
	default:
		f.answer(w, false, 3600)
	}
}

// validAssertion checks what golang-jwt does not: typ, aud as the bare
// host, a lifetime of at most an hour, the scopes.
func (f *fakeOAuth) validAssertion(tok *jwt.Token, c jwt.MapClaims) bool {
	iat, _ := c.GetIssuedAt()
	exp, _ := c.GetExpirationTime()
	aud, _ := c.GetAudience()
	scopes := strings.Fields(fmt.Sprint(c["scope"]))
	return tok.Header["typ"] == "JWT" && len(aud) == 1 && !strings.Contains(aud[0], "/") &&
		exp.Sub(iat.Time) <= time.Hour && slices.Contains(scopes, ScopeImpersonation) &&
		slices.Contains(scopes, ScopeSignature)
}

func (f *fakeOAuth) hasConsent() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.consented
}

// answer issues an access token, and a refresh token when refresh is set.
func (f *fakeOAuth) answer(w http.ResponseWriter, refresh bool, expiresIn int) {
	body := map[string]any{"access_token": f.issue("access"), "token_type": "Bearer",
		"expires_in": expiresIn, "scope": "signature impersonation"}
	if refresh {
		body["refresh_token"] = f.issue("refresh")
	}
	f.mu.Lock()
	f.access[body["access_token"].(string)] = true
	if refresh {
		f.refresh[body["refresh_token"].(string)] = true
	}
	f.mu.Unlock()
	writeJSON(w, 200, body)
}

func (f *fakeOAuth) issue(kind string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	return fmt.Sprintf("%s-%04d-e8a1f", kind, f.seq)
}

func (f *fakeOAuth) userinfo(w http.ResponseWriter, r *http.Request) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || !f.accepts(tok) {
		oauthError(w, 401, "invalid_token", "The presented token is invalid.")
		return
	}
	f.mu.Lock()
	accounts := f.accounts
	f.mu.Unlock()
	writeJSON(w, 200, map[string]any{"sub": testUserID, "name": "Ada Lovelace",
		"given_name": "Ada", "family_name": "Lovelace", "email": "ada@example.com",
		"created": "2015-08-13T22:03:03.45", "accounts": accounts})
}

// accepts reports whether an access token was issued and not revoked.
func (f *fakeOAuth) accepts(tok string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.access[tok]
}

func (f *fakeOAuth) revoke(tok string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.access[tok] = false
}

func (f *fakeOAuth) count(grant string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch grant {
	case "jwt":
		grant = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	case "":
		n := 0
		for _, c := range f.grants {
			n += c
		}
		return n
	}
	return f.grants[grant]
}

func (f *fakeOAuth) setHook(h func(w http.ResponseWriter, r *http.Request) bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = h
}

func (f *fakeOAuth) lastAssertion(t *testing.T) assertion {
	f.mu.Lock()
	defer f.mu.Unlock()
	require.NotEmpty(t, f.assertions, "the fake received no assertion")
	return f.assertions[len(f.assertions)-1]
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	body := map[string]string{"error": code}
	if desc != "" {
		body["error_description"] = desc
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
