package main

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseConfigReadsDocuSignFromTheEnvironment(t *testing.T) {
	t.Parallel()
	cfg, err := parseConfig(nil, noEnv, io.Discard)
	require.NoError(t, err)
	assert.Empty(t, cfg.integrationKey, "no variable: the fake")
	assert.Equal(t, "localhost:8080", cfg.addr)
	assert.Nil(t, cfg.logger, "quiet without -v")

	cfg, err = parseConfig([]string{"-addr", ":9000"}, envOf(map[string]string{
		envIntegrationKey: "ik", envClientSecret: "secret"}), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, docusign.Demo, cfg.environment, "demo when DOCUSIGN_ENV is unset")
	assert.Equal(t, ":9000", cfg.addr)

	cfg, err = parseConfig(nil, envOf(map[string]string{envIntegrationKey: "ik",
		envClientSecret: "secret", envEnvironment: "PRODUCTION"}), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, docusign.Production, cfg.environment)
}

func TestParseConfigRefusesAnIncompleteDocuSign(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"a secret alone", map[string]string{envClientSecret: "s"},
			envIntegrationKey + " is not set"},
		{"no secret", map[string]string{envIntegrationKey: "ik"},
			envClientSecret + " is not set"},
		{"an unknown environment", map[string]string{envIntegrationKey: "ik",
			envClientSecret: "s", envEnvironment: "stage"}, `DOCUSIGN_ENV: docusign: unknown environment "stage"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseConfig(nil, envOf(tt.env), io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "secret\"", "the secret is never echoed")
		})
	}
	_, err := parseConfig([]string{"extra"}, noEnv, io.Discard)
	assert.ErrorContains(t, err, `unexpected argument "extra"`)
}

func TestOriginKeepsTheHostGivenAndThePortListenedOn(t *testing.T) {
	t.Parallel()
	listened := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 43210}
	for addr, want := range map[string]string{
		"localhost:0":    "http://localhost:43210",
		"127.0.0.1:8080": "http://127.0.0.1:43210",
		":8080":          "http://localhost:43210",
		"0.0.0.0:8080":   "http://localhost:43210",
		"[::1]:0":        "http://[::1]:43210",
	} {
		assert.Equal(t, want, origin(addr, listened), addr)
	}
}

func TestStartAgainstDocuSignNeedsNoFakeAndSaysWhichRedirectURIToRegister(t *testing.T) {
	t.Parallel()
	cfg, err := parseConfig([]string{"-addr", "127.0.0.1:0"}, envOf(map[string]string{
		envIntegrationKey: "2f1c0b3e-0000-0000-0000-000000000001",
		envClientSecret:   "not-a-real-secret"}), io.Discard)
	require.NoError(t, err)
	out := &syncBuffer{}
	s, err := start(cfg, out)
	require.NoError(t, err)
	defer s.Close()
	assert.Nil(t, s.fake)
	assert.Contains(t, out.String(), "Using DocuSign demo (https://account-d.docusign.com)")
	assert.Contains(t, out.String(), s.URL+"/callback as a redirect URI")
	assert.NotContains(t, out.String(), "not-a-real-secret")

	b := &browser{t: t, client: &http.Client{CheckRedirect: func(*http.Request,
		[]*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	status, location, _ := b.get(s.URL + "/connect")
	assert.Equal(t, http.StatusFound, status)
	assert.True(t, strings.HasPrefix(location, "https://account-d.docusign.com/oauth/auth?"),
		location)
}
