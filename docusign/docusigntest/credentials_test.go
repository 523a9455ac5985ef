package docusigntest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCredentialsNeverPrintTheirSecrets(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := srv.Credentials()
	assert.True(t, strings.HasPrefix(string(c.PrivateKeyPEM), "-----BEGIN RSA PRIVATE KEY-----"),
		"PKCS#1, as DocuSign's UI generates")
	assert.Equal(t, c.IntegrationKey, c.ClientID)
	holder := struct{ Creds any }{c}
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		outs = append(outs, fmt.Sprintf(verb, c), fmt.Sprintf(verb, holder))
	}
	js, _ := json.Marshal(holder)
	outs = append(outs, string(js))
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "creds", c)
	outs = append(outs, logs.String())
	secrets := []string{c.ClientSecret, c.HMACKey, "PRIVATE KEY",
		string(c.PrivateKeyPEM[40:80])}
	for _, out := range outs {
		for _, s := range secrets {
			assert.NotContains(t, out, s)
		}
	}
	assert.Contains(t, outs[0], c.IntegrationKey, "identifiers are shown")
}

// TestServerNeverPrintsItsSecrets: the Server holds the integration's
// secret, RSA key, HMAC keys and issued tokens; printing it with any verb
// shows where it runs, not them.
func TestServerNeverPrintsItsSecrets(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := srv.Credentials()
	tok, err := srv.IssueToken()
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		out := fmt.Sprintf(verb, srv)
		for _, secret := range []string{c.ClientSecret, c.HMACKey, tok.AccessToken,
			"PRIVATE KEY", string(c.PrivateKeyPEM[40:80])} {
			assert.NotContains(t, out, secret, verb)
		}
	}
	assert.Contains(t, fmt.Sprint(srv), srv.URL())
}
