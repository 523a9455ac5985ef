package e2e

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// The JWT grant's assertion passes every check of the fake (RS256 by the
// integration's key, aud the bare host:port, iss, sub, lifetime, scopes);
// userinfo lists the accounts; the one chosen is where envelopes go.
func TestJWTGrantThenUserInfoChoosesTheAccountEnvelopesGoTo(t *testing.T) {
	t.Parallel()
	srv := startFake(t, docusigntest.WithAccounts("Acme Sales", "Acme Legal", "Acme EU"),
		docusigntest.WithDefaultAccount(1))
	ts := jwtSource(t, srv)

	info, err := auth.FetchUserInfo(t.Context(), ts, srv.Environment())
	require.NoError(t, err)
	assert.Equal(t, srv.Credentials().UserID, info.UserID)
	require.Len(t, info.Accounts, 3)

	def, err := info.DefaultAccount()
	require.NoError(t, err)
	assert.Equal(t, "Acme Legal", def.Name)
	assert.Equal(t, srv.Account().ID, def.ID)
	assert.Equal(t, srv.URL(), def.BaseURI)

	var euID string
	for _, a := range srv.Accounts() {
		if a.Name == "Acme EU" {
			euID = a.ID
		}
	}
	eu, err := info.Account(strings.ToUpper(euID)) // GUIDs compare without case
	require.NoError(t, err)
	assert.Equal(t, euID, eu.ID)
	_, err = info.Account("00000000-0000-0000-0000-000000000000")
	assert.ErrorIs(t, err, auth.ErrAccountNotFound)

	euService := newServiceFor(newClient(t, srv, ts, eu))
	sum, err := euService.Create(t.Context(), oneSigner("Sent from the EU account"))
	require.NoError(t, err)
	held, ok := srv.Envelope(sum.EnvelopeID)
	require.True(t, ok)
	assert.Equal(t, euID, held.AccountID)
	pasted := eu
	pasted.BaseURI += "/restapi/" // as DocuSign's admin pages show it
	_, err = newServiceFor(newClient(t, srv, ts, pasted)).Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)

	_, err = newServiceFor(newClient(t, srv, ts, def)).Get(t.Context(), sum.EnvelopeID, nil)
	assert.ErrorIs(t, err, docusign.ErrNotFound, "another account does not see the envelope")

	assert.Len(t, requestsTo(srv, http.MethodPost, "/oauth/token"), 1,
		"one JWT grant serves userinfo and every REST call")
}

// consent_required reaches the caller of a REST call as an *auth.Error
// whose ConsentURL, opened by the user, grants the consent the grant needs.
func TestE7_ConsentRequiredGivesAConsentURLThatGrantsConsent(t *testing.T) {
	t.Parallel()
	srv := startFake(t, docusigntest.WithoutConsent())
	cfg := jwtConfig(srv)
	cfg.ConsentRedirectURL = "https://app.example.com/docusign/consented"
	ts, err := cfg.TokenSource(t.Context(), auth.WithFailureBackoff(0))
	require.NoError(t, err)
	svc := newServiceFor(newClient(t, srv, ts, srv.Account()))

	_, err = svc.Create(t.Context(), oneSigner("Before consent"))
	var ae *auth.Error
	require.Truef(t, errors.As(err, &ae), "want an *auth.Error, got %T: %v", err, err)
	assert.Equal(t, "consent_required", ae.Code)
	assert.Contains(t, err.Error(), ae.ConsentURL, "the message carries the remedy")
	consent, err := url.Parse(ae.ConsentURL)
	require.NoError(t, err)
	assert.Equal(t, srv.URL()+"/oauth/auth", consent.Scheme+"://"+consent.Host+consent.Path)
	assert.Contains(t, strings.Fields(consent.Query().Get("scope")), auth.ScopeImpersonation)
	assert.Equal(t, 0, srv.CreateCount())

	redirect, err := srv.Approve(ae.ConsentURL)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(redirect, cfg.ConsentRedirectURL+"?"), redirect)

	sum, err := svc.Create(t.Context(), oneSigner("After consent"))
	require.NoError(t, err)

	// Revoking consent leaves issued tokens working, as with DocuSign, and
	// refuses the next grant.
	srv.RevokeConsent()
	_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)
	_, err = jwtSource(t, srv).Token()
	require.Truef(t, errors.As(err, &ae), "want an *auth.Error, got %T: %v", err, err)
	assert.Equal(t, "consent_required", ae.Code)
}

// authorize plays a user through the consent page of an authorization
// request and returns the code DocuSign's redirect carries.
func authorize(t *testing.T, srv *docusigntest.Server, conf auth.Config, opts ...auth.AuthOption) string {
	t.Helper()
	state := "state-" + auth.GenerateVerifier()
	redirect, err := srv.Approve(conf.AuthCodeURL(state, opts...))
	require.NoError(t, err)
	u, err := url.Parse(redirect)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(redirect, conf.RedirectURL+"?"), redirect)
	require.Equal(t, state, u.Query().Get("state"))
	require.NotEmpty(t, u.Query().Get("code"))
	return u.Query().Get("code")
}

func codeConfig(srv *docusigntest.Server, secret string) auth.Config {
	return auth.Config{ClientID: srv.Credentials().ClientID, ClientSecret: secret,
		RedirectURL: "https://app.example.com/docusign/callback",
		Scopes:      []string{auth.ScopeSignature, auth.ScopeExtended},
		Environment: srv.Environment(), HTTPClient: srv.Client()}
}

// A public client (no secret) proves possession of the PKCE verifier: the
// fake checks the S256 challenge AuthCodeURL sent against the verifier
// Exchange sends.
func TestAuthorizationCodeWithPKCEForAPublicClient(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	conf := codeConfig(srv, "")
	verifier := auth.GenerateVerifier()

	code := authorize(t, srv, conf, auth.WithPKCE(verifier))
	_, err := conf.Exchange(t.Context(), code, auth.WithPKCE(auth.GenerateVerifier()))
	var ae *auth.Error
	require.Truef(t, errors.As(err, &ae), "want an *auth.Error, got %T: %v", err, err)
	assert.Equal(t, "invalid_grant", ae.Code, "a verifier other than the challenge's")

	code = authorize(t, srv, conf, auth.WithPKCE(verifier))
	tok, err := conf.Exchange(t.Context(), code, auth.WithPKCE(verifier))
	require.NoError(t, err)
	assert.NotEmpty(t, tok.AccessToken)
	assert.NotEmpty(t, tok.RefreshToken)
	assert.WithinDuration(t, time.Now().Add(8*time.Hour), tok.Expiry, time.Minute)

	info, err := auth.FetchUserInfo(t.Context(), conf.TokenSource(t.Context(), tok),
		srv.Environment())
	require.NoError(t, err)
	assert.Equal(t, srv.Credentials().UserID, info.UserID)
}

// tokenLog keeps every token a source hands to OnRefresh.
type tokenLog struct {
	mu     sync.Mutex
	tokens []*oauth2.Token
}

func (l *tokenLog) store(tok *oauth2.Token) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tokens = append(l.tokens, tok)
	return nil
}

func (l *tokenLog) all() []*oauth2.Token {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*oauth2.Token(nil), l.tokens...)
}

// A stored token past its expiry is refreshed once for many callers; the
// rotated refresh token reaches OnRefresh, the old one is refused by the
// fake from then on, and a token the fake expires early is replaced with
// the rotated refresh token and the call replayed.
func TestE10_RefreshRotationThroughTheFake(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	conf := codeConfig(srv, srv.Credentials().ClientSecret)
	verifier := auth.GenerateVerifier()
	first, err := conf.Exchange(t.Context(), authorize(t, srv, conf, auth.WithPKCE(verifier)),
		auth.WithPKCE(verifier))
	require.NoError(t, err)
	stored := *first
	stored.Expiry = time.Now().Add(-time.Minute) // as read back the next day

	var log tokenLog
	ts := conf.TokenSource(t.Context(), &stored, auth.OnRefresh(log.store),
		auth.WithFailureBackoff(0))
	svc := newServiceFor(newClient(t, srv, ts, srv.Account()))
	sum, err := svc.Create(t.Context(), oneSigner("Rotation"))
	require.NoError(t, err)
	tokenCalls := len(requestsTo(srv, http.MethodPost, "/oauth/token"))

	concurrently(t, 10, func() error {
		_, err := svc.Get(t.Context(), sum.EnvelopeID, nil)
		return err
	})
	rotated := log.all()
	require.Len(t, rotated, 1, "one refresh however many callers")
	assert.NotEqual(t, first.RefreshToken, rotated[0].RefreshToken)
	assert.NotEqual(t, first.AccessToken, rotated[0].AccessToken)
	assert.Len(t, requestsTo(srv, http.MethodPost, "/oauth/token"), tokenCalls)

	srv.ExpireTokens()
	_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)
	rotated = log.all()
	require.Len(t, rotated, 2, "the refused token was replaced through a refresh")
	assert.NotEqual(t, rotated[0].RefreshToken, rotated[1].RefreshToken)

	for i, old := range []*oauth2.Token{first, rotated[0]} {
		stale := *old
		stale.Expiry = time.Now().Add(-time.Minute)
		_, err = conf.TokenSource(t.Context(), &stale, auth.WithFailureBackoff(0)).Token()
		var ae *auth.Error
		require.Truef(t, errors.As(err, &ae), "refresh token %d: got %T: %v", i, err, err)
		assert.Equal(t, "invalid_grant", ae.Code, "refresh token %d was rotated away", i)
	}
}

// A token the fake expires before its time is answered 401; the client
// drops it, gets a new one and replays the call once. A second 401 in a
// row comes back to the caller, without a loop.
func TestE5_ATokenRevokedEarlyIsReplacedAndTheCallReplayedOnce(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	sum, err := svc.Create(t.Context(), oneSigner("Revoked token"))
	require.NoError(t, err)
	path := "/envelopes/" + sum.EnvelopeID
	before := len(srv.Requests())

	srv.ExpireTokens()
	env, err := svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)
	assert.Equal(t, sum.EnvelopeID, env.EnvelopeID)
	var seen []string
	for _, r := range srv.Requests()[before:] {
		name := r.Path
		if strings.HasSuffix(r.Path, path) {
			name = path
		}
		seen = append(seen, r.Method+" "+name+" "+http.StatusText(r.Status))
	}
	assert.Equal(t, []string{
		"GET " + path + " Unauthorized",
		"POST /oauth/token OK",
		"GET " + path + " OK",
	}, seen)

	// A multipart create refused for its token is replayed with its
	// documents read again from the start.
	srv.ExpireTokens()
	files := newContractFiles(t)
	again, err := svc.Create(t.Context(), contractDefinition(t, files, nil))
	require.NoError(t, err)
	posts := requestsTo(srv, http.MethodPost, "/envelopes")
	require.Len(t, posts, 3)
	assert.Equal(t, http.StatusUnauthorized, posts[1].Status)
	assert.Equal(t, http.StatusCreated, posts[2].Status)
	assert.Equal(t, 2, srv.CreateCount())
	assert.Equal(t, files.docx, fakeDocument(t, srv, again.EnvelopeID, "2"))

	srv.InjectFault(docusigntest.Fault{Method: http.MethodGet, Path: path, Times: 2,
		Status: http.StatusUnauthorized, Body: `{"errorCode":"USER_AUTHENTICATION_FAILED",` +
			`"message":"The access token provided is expired, revoked or malformed."}`})
	gets := len(requestsTo(srv, http.MethodGet, path))
	_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.ErrorIs(t, err, docusign.ErrUnauthorized)
	assert.Equal(t, "USER_AUTHENTICATION_FAILED", apiError(t, err).Code)
	assert.Len(t, requestsTo(srv, http.MethodGet, path), gets+2, "one replay, no loop")
}

// Many calls refused at once with the same revoked token share one new
// token: one grant, every call replayed once and answered.
func TestE1_ManyCallsRefusedAtOnceShareOneNewToken(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	ts := jwtSource(t, srv)
	svc := newServiceFor(newClient(t, srv, ts, srv.Account()))
	sum, err := svc.Create(t.Context(), oneSigner("Many callers"))
	require.NoError(t, err)
	grants := len(requestsTo(srv, http.MethodPost, "/oauth/token"))
	before := len(srv.Requests())

	srv.ExpireTokens()
	const callers = 20
	concurrently(t, callers, func() error {
		_, err := svc.Get(t.Context(), sum.EnvelopeID, nil)
		return err
	})
	assert.Len(t, requestsTo(srv, http.MethodPost, "/oauth/token"), grants+1)
	answered := map[int]int{}
	for _, r := range srv.Requests()[before:] {
		if r.Method == http.MethodGet {
			answered[r.Status]++
		}
	}
	assert.Equal(t, callers, answered[http.StatusOK], "each call answered once")
	assert.LessOrEqual(t, answered[http.StatusUnauthorized], callers, "replayed at most once")

	// userinfo takes the same path: a refused token is replaced once.
	srv.ExpireTokens()
	info, err := auth.FetchUserInfo(t.Context(), ts, srv.Environment())
	require.NoError(t, err)
	assert.Len(t, info.Accounts, 1)
	assert.Len(t, requestsTo(srv, http.MethodPost, "/oauth/token"), grants+2)
}

// A local clock ten minutes ahead of DocuSign's has its assertion refused
// (iat in the future); the SDK names the clock and by how much, instead of
// a bare invalid_grant. A skew within DocuSign's tolerance goes unnoticed.
func TestE9_AClockTenMinutesAheadIsNamedAsTheCause(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		ahead time.Duration
		ok    bool
	}{
		{"two minutes", 2 * time.Minute, true},
		{"ten minutes", 10 * time.Minute, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			docusignNow := func() time.Time { return time.Now().Add(-tc.ahead) }
			srv := startFake(t, docusigntest.WithClock(docusignNow))
			ts, err := jwtConfig(srv).TokenSource(t.Context())
			require.NoError(t, err)

			_, err = ts.Token()
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, auth.ErrClockSkew)
			var ae *auth.Error
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, "invalid_grant", ae.Code)
			assert.InDelta(t, tc.ahead.Seconds(), ae.ClockSkew.Seconds(), 2)
		})
	}
}
