package main

import (
	"bytes"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// browser is a person's browser in a test: a cookie jar, the fake's
// certificate trusted, and redirects followed one at a time so that the
// test sees each hop.
type browser struct {
	t      *testing.T
	client *http.Client
	// pages are the bodies of every page the browser showed (not of the
	// redirects, which repeat their Location), for the secrets check.
	pages []string
}

func newBrowser(t *testing.T, s *server) *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &browser{t: t, client: &http.Client{Jar: jar, Transport: s.fake.Client().Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}}
}

// do sends req and returns the status, the Location header and the body.
func (b *browser) do(req *http.Request) (int, string, string) {
	b.t.Helper()
	resp, err := b.client.Do(req)
	require.NoError(b.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(b.t, err)
	if resp.StatusCode/100 != 3 {
		b.pages = append(b.pages, string(body))
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

func (b *browser) get(u string) (int, string, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(b.t, err)
	return b.do(req)
}

func (b *browser) post(u string, form url.Values) (int, string, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	require.NoError(b.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// startApp starts the program against a fake, as `go run -v` does with no
// DOCUSIGN_* variables, on a free port. What it prints and logs goes to
// the buffer returned.
func startApp(t *testing.T, opts ...docusigntest.Option) (*server, *syncBuffer) {
	t.Helper()
	out := &syncBuffer{}
	cfg, err := parseConfig([]string{"-addr", "127.0.0.1:0", "-v"}, noEnv, out)
	require.NoError(t, err)
	cfg.fakeOptions = opts
	s, err := start(cfg, out)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, s.Close()) })
	return s, out
}

// syncBuffer is a bytes.Buffer that the server's goroutines may log to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func noEnv(string) string { return "" }

// beginConnect clicks Connect DocuSign and returns DocuSign's /oauth/auth
// URL the browser is sent to.
func beginConnect(t *testing.T, s *server, b *browser) string {
	t.Helper()
	status, _, body := b.get(s.URL + "/")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, `href="/connect">Connect DocuSign</a>`)
	require.NotContains(t, body, `id="connected"`)
	status, authURL, _ := b.get(s.URL + "/connect")
	require.Equal(t, http.StatusFound, status)
	return authURL
}

// approved clicks Connect DocuSign, plays the user who allows access on
// the fake's consent page, and returns the callback URL the browser is
// sent back to.
func approved(t *testing.T, s *server, b *browser) string {
	t.Helper()
	callback, err := s.fake.Approve(beginConnect(t, s, b))
	require.NoError(t, err)
	return callback
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func TestConnectFlowListsTheAccountsAndStoresTheChosenOne(t *testing.T) {
	t.Parallel()
	s, out := startApp(t)
	b := newBrowser(t, s)

	authURL := beginConnect(t, s, b)
	u, err := url.Parse(authURL)
	require.NoError(t, err)
	q := u.Query()
	assert.Equal(t, s.fake.URL()+"/oauth/auth", u.Scheme+"://"+u.Host+u.Path)
	assert.Equal(t, s.URL+"/callback", q.Get("redirect_uri"))
	assert.Equal(t, "S256", q.Get("code_challenge_method"), "PKCE")
	assert.NotEmpty(t, q.Get("code_challenge"))
	assert.NotEmpty(t, q.Get("state"))
	assert.Equal(t, "signature extended", q.Get("scope"))

	callback, err := s.fake.Approve(authURL)
	require.NoError(t, err)
	status, next, _ := b.get(callback)
	require.Equal(t, http.StatusSeeOther, status)
	require.Equal(t, "/accounts", next)

	status, _, page := b.get(s.URL + next)
	require.Equal(t, http.StatusOK, status, page)
	accounts := s.fake.Accounts()
	require.Len(t, accounts, 2)
	for _, a := range accounts {
		assert.Contains(t, page, html.EscapeString(a.Name))
		assert.Contains(t, page, `value="`+a.ID+`"`)
		assert.Contains(t, page, "<code>"+a.BaseURI+"</code>")
	}
	assert.Equal(t, 1, strings.Count(page, "(default)"))
	assert.Regexp(t, `value="`+accounts[0].ID+`" checked>.*\n.*`+accounts[0].Name+
		`</label> <b class="default">\(default\)</b>`, page)

	chosen := accounts[1]
	m := csrfField.FindStringSubmatch(page)
	require.NotNil(t, m)
	status, _, stored := b.post(s.URL+"/confirm", url.Values{"csrf": {m[1]},
		"account_id": {chosen.ID}})
	require.Equal(t, http.StatusOK, status, stored)
	assert.Contains(t, stored, `<code id="account-id">`+chosen.ID+`</code>`)
	assert.Contains(t, stored, `<code id="base-uri">`+chosen.BaseURI+`</code>`)
	assert.NotContains(t, stored, accounts[0].ID)
	_, _, home := b.get(s.URL + "/")
	assert.Contains(t, home, "Connected to <b>"+html.EscapeString(chosen.Name)+"</b>")

	logs := out.String()
	assert.Contains(t, logs, "account confirmed", "-v logs")
	assertNoSecrets(t, s.fake, append(b.pages, logs))
}

// secretShaped matches 40 or more base64url characters in a row: the shape
// of tokens, codes, the client secret and the session key. The pages show
// GUIDs (36 characters) and a 22-character form token, nothing longer.
var secretShaped = regexp.MustCompile(`[A-Za-z0-9_-]{40,}`)

func assertNoSecrets(t *testing.T, fake *docusigntest.Server, texts []string) {
	t.Helper()
	creds := fake.Credentials()
	for _, text := range texts {
		assert.NotContains(t, text, creds.ClientSecret)
		assert.NotContains(t, text, "PRIVATE KEY")
		assert.Empty(t, secretShaped.FindAllString(text, -1))
	}
}

func TestConnectFlowThroughTheConsentPageAsAPersonClicksIt(t *testing.T) {
	t.Parallel()
	s, _ := startApp(t)
	b := newBrowser(t, s)

	status, _, consent := b.get(beginConnect(t, s, b))
	require.Equal(t, http.StatusOK, status)
	m := regexp.MustCompile(`name="request" value="([^"]+)"`).FindStringSubmatch(consent)
	require.NotNil(t, m, "the fake shows its consent page: no auto-approve\n%s", consent)
	status, callback, _ := b.post(s.fake.URL()+"/oauth/auth",
		url.Values{"request": {m[1]}, "decision": {"allow"}})
	require.Equal(t, http.StatusFound, status)
	require.True(t, strings.HasPrefix(callback, s.URL+"/callback?"), callback)

	status, next, _ := b.get(callback)
	require.Equal(t, http.StatusSeeOther, status)
	status, _, page := b.get(s.URL + next)
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, page, s.fake.Account().ID)
}

func TestConnectFlowShowsAClearPageWhenTheUserDenies(t *testing.T) {
	t.Parallel()
	s, _ := startApp(t)
	b := newBrowser(t, s)
	callback, err := s.fake.Deny(beginConnect(t, s, b))
	require.NoError(t, err)
	status, _, page := b.get(callback)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, page, "DocuSign was not connected")
	assert.Contains(t, page, "You chose not to allow access")
	assertNoTokenRequest(t, s.fake)
}

func assertNoTokenRequest(t *testing.T, fake *docusigntest.Server) {
	t.Helper()
	for _, r := range fake.Requests() {
		assert.NotEqual(t, "/oauth/token", r.Path, "the code must not be exchanged")
	}
}

func TestCallbackRefusesAStateThatIsNotThisBrowsers(t *testing.T) {
	t.Parallel()
	s, _ := startApp(t)
	withState := func(callback, state string) string {
		u, err := url.Parse(callback)
		require.NoError(t, err)
		q := u.Query()
		if state == "" {
			q.Del("state")
		} else {
			q.Set("state", state)
		}
		u.RawQuery = q.Encode()
		return u.String()
	}
	tests := []struct {
		name   string
		change func(b *browser, callback string) string
		want   string
	}{
		{"a different state", func(_ *browser, c string) string {
			return withState(c, "forged-state")
		}, "does not match your request"},
		{"no state", func(_ *browser, c string) string { return withState(c, "") },
			"does not match your request"},
		{"another browser", func(b *browser, c string) string {
			jar, _ := cookiejar.New(nil)
			b.client.Jar = jar
			return c
		}, "No connection in progress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBrowser(t, s)
			status, _, page := b.get(tt.change(b, approved(t, s, b)))
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Contains(t, page, tt.want)
			assertNoTokenRequest(t, s.fake)
		})
	}
}

func TestCallbackWorksOnce(t *testing.T) {
	t.Parallel()
	s, _ := startApp(t)
	b := newBrowser(t, s)
	callback := approved(t, s, b)
	status, _, _ := b.get(callback)
	require.Equal(t, http.StatusSeeOther, status)
	status, _, page := b.get(callback)
	assert.Equal(t, http.StatusBadRequest, status, "a replayed callback is refused")
	assert.Contains(t, page, "does not match your request")
}

func TestConfirmAcceptsOnlyTheFormAndAccountsItShowed(t *testing.T) {
	t.Parallel()
	s, _ := startApp(t)
	b := newBrowser(t, s)
	b.get(approved(t, s, b))
	_, _, page := b.get(s.URL + "/accounts")
	csrf := csrfField.FindStringSubmatch(page)[1]
	id := s.fake.Account().ID

	status, _, _ := b.post(s.URL+"/confirm", url.Values{"csrf": {"wrong"},
		"account_id": {id}})
	assert.Equal(t, http.StatusForbidden, status)
	status, _, body := b.post(s.URL+"/confirm", url.Values{"csrf": {csrf},
		"account_id": {"00000000-0000-0000-0000-000000000000"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, "not one of those DocuSign listed")

	status, _, _ = newBrowser(t, s).post(s.URL+"/confirm", url.Values{"csrf": {csrf},
		"account_id": {id}})
	assert.Equal(t, http.StatusBadRequest, status, "another browser's session")
	status, _, _ = b.post(s.URL+"/confirm", url.Values{"csrf": {csrf}, "account_id": {id}})
	assert.Equal(t, http.StatusOK, status)
}

func TestAccountsPageNeedsASignIn(t *testing.T) {
	t.Parallel()
	s, _ := startApp(t)
	status, _, page := newBrowser(t, s).get(s.URL + "/accounts")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, page, "Connect DocuSign first")
}
