package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSandboxWritesCAAndConfigThatReachTheServer(t *testing.T) {
	dir := t.TempDir()
	caFile, cfgFile := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "config.json")
	var out bytes.Buffer
	srv, err := start([]string{"-addr", "127.0.0.1:0", "-ca-out", caFile,
		"-config-out", cfgFile}, &out)
	require.NoError(t, err)
	defer srv.Close()

	data, err := os.ReadFile(cfgFile)
	require.NoError(t, err)
	var cfg map[string]string
	require.NoError(t, json.Unmarshal(data, &cfg))
	for _, k := range []string{"authServer", "integrationKey", "userId", "privateKeyPem",
		"accountId", "baseUri", "hmacKey", "clientId", "clientSecret"} {
		assert.NotEmpty(t, cfg[k], k)
	}
	assert.Equal(t, srv.URL(), cfg["authServer"])
	assert.Contains(t, out.String(), cfg["integrationKey"], "printed for a person")

	caPEM, err := os.ReadFile(caFile)
	require.NoError(t, err)
	block, _ := pem.Decode(caPEM)
	require.NotNil(t, block)
	ca, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	assert.True(t, ca.IsCA)
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get(cfg["authServer"] + "/")
	require.NoError(t, err, "the written CA verifies the server")
	resp.Body.Close()
	client.CloseIdleConnections()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestSandboxRefusesABadFlag(t *testing.T) {
	_, err := start([]string{"-nope"}, &bytes.Buffer{})
	assert.Error(t, err)
}
