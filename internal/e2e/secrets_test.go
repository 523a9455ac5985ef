package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/webhook"
)

// secrets collects every secret of a run, by name: the fake's credentials
// and whatever secret crossed the wire, caught by a transport that reads
// the OAuth traffic (tokens, assertions, codes, verifiers, client secrets)
// and the Authorization headers of every call.
type secrets struct {
	next http.RoundTripper

	mu     sync.Mutex
	values map[string]string // secret -> what it is
}

func newSecrets(next http.RoundTripper) *secrets {
	return &secrets{next: next, values: map[string]string{}}
}

func (s *secrets) add(what, value string) {
	if len(value) < 8 { // nothing that short is a secret here; it would match by chance
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[value] = what
}

func (s *secrets) all() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.values))
	for k, v := range s.values {
		out[k] = v
	}
	return out
}

func (s *secrets) RoundTrip(r *http.Request) (*http.Response, error) {
	if scheme, value, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok {
		s.add("an Authorization value", value)
		if raw, err := base64.StdEncoding.DecodeString(value); scheme == "Basic" && err == nil {
			_, secret, _ := strings.Cut(string(raw), ":")
			s.add("the client secret of Basic auth", secret)
		}
	}
	if r.URL.Path != "/oauth/token" {
		return s.next.RoundTrip(r)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	for _, k := range []string{"assertion", "code", "code_verifier", "refresh_token",
		"client_secret"} {
		s.add("the token request's "+k, form.Get(k))
	}
	resp, err := s.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(answer))
	var tok struct{ AccessToken, RefreshToken string }
	if json.Unmarshal(answer, &struct {
		A *string `json:"access_token"`
		R *string `json:"refresh_token"`
	}{&tok.AccessToken, &tok.RefreshToken}) == nil {
		s.add("an access token", tok.AccessToken)
		s.add("a refresh token", tok.RefreshToken)
	}
	return resp, nil
}

// lockedBuffer is a log destination shared by goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A whole run, failures included, with every component logging at debug:
// JWT grant (and a refused one), userinfo, a retried call, a send, Connect
// with a forged delivery, a token revoked early, the authorization-code
// grant with a refresh and a code used twice. Neither the logs nor the
// errors returned hold any secret of the run.
func TestF2_F3_AWholeRunLogsAndReturnsNoSecret(t *testing.T) {
	t.Parallel()
	var logs lockedBuffer
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	logger := slog.New(slog.NewTextHandler(&logs, debug))
	jsonLogger := slog.New(slog.NewJSONHandler(&logs, debug))
	srv, l := startConnect(t)
	creds := srv.Credentials()
	caught := newSecrets(srv.Client().Transport)
	hc := &http.Client{Transport: caught}
	var errs []error
	keep := func(err error) error {
		if err != nil {
			errs = append(errs, err)
		}
		return err
	}

	v, err := webhook.NewVerifier(creds.HMACKey)
	require.NoError(t, err)
	l.mount(webhook.NewHandler(v, l.record, webhook.WithLogger(jsonLogger)))
	cfg := jwtConfig(srv)
	cfg.HTTPClient = hc
	ts, err := cfg.TokenSource(t.Context(), auth.WithLogger(logger))
	require.NoError(t, err)
	info, err := auth.FetchUserInfo(t.Context(), ts, srv.Environment())
	require.NoError(t, err)
	acct, err := info.DefaultAccount()
	require.NoError(t, err)
	client := newClient(t, srv, ts, acct, docusign.WithHTTPClient(hc),
		docusign.WithLogger(logger))
	svc := newServiceFor(client)

	def := contractDefinition(t, newContractFiles(t), webhook.NewEventNotification(l.URL()))
	sum, err := svc.Create(t.Context(), def)
	require.NoError(t, err)
	srv.InjectFault(docusigntest.Fault{Method: http.MethodGet,
		Path: "/envelopes/" + sum.EnvelopeID, Status: http.StatusServiceUnavailable})
	_, err = svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err, "retried")
	srv.ExpireTokens()
	_, err = svc.Recipients(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err, "replayed with a new token")
	require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
	waitDeliveries(t, srv)
	require.NotEmpty(t, l.received())
	forged := postForged(t, l, srv.Deliveries()[0])
	caught.add("a forged signature", forged)
	keep(v.Verify([]byte("{}"), http.Header{"X-Docusign-Signature-1": {forged}}))

	srv.RevokeConsent()
	refused, err := cfg.TokenSource(t.Context(), auth.WithLogger(logger))
	require.NoError(t, err)
	_, err = refused.Token()
	require.Error(t, keep(err))
	srv.GrantConsent()

	conf := codeConfig(srv, creds.ClientSecret)
	conf.HTTPClient = hc
	verifier := auth.GenerateVerifier()
	code := authorize(t, srv, conf, auth.WithPKCE(verifier))
	tok, err := conf.Exchange(t.Context(), code, auth.WithPKCE(verifier))
	require.NoError(t, err)
	_, err = conf.Exchange(t.Context(), code, auth.WithPKCE(verifier))
	require.Error(t, keep(err), "a code works once")
	stale := *tok
	stale.Expiry = time.Now().Add(-time.Minute)
	codeTS := conf.TokenSource(t.Context(), &stale, auth.WithLogger(logger))
	_, err = newServiceFor(newClient(t, srv, codeTS, acct, docusign.WithHTTPClient(hc),
		docusign.WithLogger(logger))).Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err, "refreshed")
	_, err = newServiceFor(newClient(t, srv, ts, acct, docusign.WithHTTPClient(hc),
		docusign.WithLogger(logger))).Get(t.Context(), randomGUID(), nil)
	require.Error(t, keep(err))

	all := caught.all()
	for _, want := range []string{"an access token", "a refresh token", "the token " +
		"request's assertion", "the token request's code", "the token request's code_verifier"} {
		assert.Contains(t, values(all), want, "the run exercised %s", want)
	}
	assert.Contains(t, all, creds.ClientSecret, "the client secret went over the wire")
	all[creds.HMACKey] = "the HMAC key"
	all[creds.ClientSecret] = "the client secret"
	all[string(creds.PrivateKeyPEM)] = "the private key PEM"
	for _, line := range strings.Split(string(creds.PrivateKeyPEM), "\n") {
		if len(line) >= 16 && !strings.HasPrefix(line, "-----") {
			all[line] = "a line of the private key PEM"
		}
	}
	for _, d := range srv.Deliveries() {
		all[d.Header.Get("X-DocuSign-Signature-1")] = "a Connect signature"
	}

	out := logs.String()
	assert.Contains(t, out, "level=DEBUG", "the SDK logged at debug")
	assert.Contains(t, out, `"level":"WARN"`, "the handler logged the forged delivery")
	assert.Contains(t, out, "level=WARN", "the refused grant was logged")
	for secret, what := range all {
		if strings.Contains(out, secret) {
			t.Errorf("the logs contain %s", what)
		}
		for _, err := range errs {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error %q contains %s", errorHead(err), what)
			}
		}
	}
	assert.GreaterOrEqual(t, len(errs), 4)
}

// postForged posts a genuine delivery's body to the listener under a
// signature of its own making, returns that signature, and checks the
// listener refused it.
func postForged(t *testing.T, l *connectListener, d docusigntest.Delivery) string {
	t.Helper()
	forged := webhook.Sign(d.Body, "an attacker's guess at the key")
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, l.URL(),
		bytes.NewReader(d.Body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-DocuSign-Signature-1", forged)
	resp, err := l.srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	return forged
}

func values(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// errorHead is the start of an error's text, enough to tell which one it
// is without printing a secret it may hold further on.
func errorHead(err error) string {
	s := err.Error()
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
