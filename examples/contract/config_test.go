package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

var liveEnv = map[string]string{envIntegrationKey: "ik", envUserID: "user",
	envPrivateKeyFile: "key.pem"}

var signerFlags = []string{"-signer-name", "Ann Lee", "-signer-email", "ann@example.com"}

func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for kk, vv := range m {
		if kk != k {
			out[kk] = vv
		}
	}
	return out
}

func TestParseConfigChoosesTheBackendFromTheEnvironment(t *testing.T) {
	t.Parallel()
	cfg, err := parseConfig(nil, noEnv, &bytes.Buffer{})
	require.NoError(t, err)
	assert.False(t, cfg.live(), "no DOCUSIGN_* variable runs on the fake")
	assert.Nil(t, cfg.logger, "quiet without -v")

	cfg, err = parseConfig(signerFlags, envOf(liveEnv), &bytes.Buffer{})
	require.NoError(t, err)
	assert.True(t, cfg.live())
	assert.Equal(t, docusign.Demo, cfg.environment, "demo when DOCUSIGN_ENV is unset")
	assert.Equal(t, minPoll, cfg.poll)

	cfg, err = parseConfig(append(signerFlags, "-v", "-poll", "1h"),
		envOf(with(liveEnv, envEnvironment, "Production")), &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, docusign.Production, cfg.environment)
	assert.Equal(t, time.Hour, cfg.poll)
	assert.NotNil(t, cfg.logger)
}

func TestParseConfigRefusesWhatCannotWork(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"one variable alone names the missing ones", signerFlags,
			map[string]string{envAccountID: "acct"},
			[]string{envIntegrationKey, envUserID, envPrivateKeyFile, "unset every"}},
		{"a missing key file", signerFlags, with(liveEnv, envPrivateKeyFile, " "),
			[]string{envPrivateKeyFile + " is not"}},
		{"an unknown environment", signerFlags, with(liveEnv, envEnvironment, "staging"),
			[]string{`DOCUSIGN_ENV: docusign: unknown environment "staging"`, "demo", "production"}},
		{"no signer with DocuSign", nil, liveEnv,
			[]string{"-signer-email is required", "-signer-name is required"}},
		{"polling faster than DocuSign allows", append(signerFlags, "-poll", "5m"), liveEnv,
			[]string{"-poll 5m0s is too often", "15 minutes"}},
		{"a stray argument", []string{"send"}, nil, []string{`unexpected argument "send"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseConfig(tt.args, envOf(tt.env), &bytes.Buffer{})
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}
