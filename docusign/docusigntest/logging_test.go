package docusigntest_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLogsNameRequestsButNoSecrets(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	l := newListener(t)
	srv := newServer(t, l.roots(), docusigntest.WithLogger(slog.New(slog.NewTextHandler(&logs,
		&slog.HandlerOptions{Level: slog.LevelDebug}))))
	_, err := srv.AddListener(docusigntest.Listener{URL: l.URL, HMAC: true})
	require.NoError(t, err)
	a := assertion(t, srv, claims(srv))
	status, body := postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {a}})
	require.Equal(t, http.StatusOK, status)
	tok := decodeToken(t, body).AccessToken
	raw(t, srv, tok, http.MethodPost, "/envelopes", "application/json",
		jsonBody(t, definition("sent")))
	waitDeliveries(t, srv)

	out := logs.String()
	assert.Contains(t, out, "docusigntest request")
	assert.Contains(t, out, "docusigntest connect delivery")
	c := srv.Credentials()
	for _, secret := range []string{tok, a, c.ClientSecret, c.HMACKey, "PRIVATE KEY"} {
		assert.NotContains(t, out, secret)
	}
}

// TestLogsHideTheTokenOfSigningLinks: a signing or sending URL lets whoever
// holds it act as the recipient or the sender, so its token is a secret
// the logs leave out, as they do access tokens.
func TestLogsHideTheTokenOfSigningLinks(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	srv := newServer(t, docusigntest.WithLogger(slog.New(slog.NewTextHandler(&logs,
		&slog.HandlerOptions{Level: slog.LevelDebug}))))
	c := client(t, srv)
	view := signingURL(t, c, create(t, c, definition("sent")).EnvelopeID)
	resp, err := browser(srv).Get(view)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	u, err := url.Parse(view)
	require.NoError(t, err)
	token := strings.TrimPrefix(u.Path, "/Signing/MTRedeem/v1/")
	assert.Contains(t, logs.String(), "/Signing/MTRedeem/v1/")
	assert.NotContains(t, logs.String(), token)
}
