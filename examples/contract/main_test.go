package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fakeRunResult is what a run against the in-process fake left behind.
type fakeRunResult struct {
	out  string
	logs string
	err  error
	srv  *docusigntest.Server
	// dir is where the signed PDF went.
	dir string
}

// runOnFake runs the program with args and no DOCUSIGN_* variables, with
// the libraries' logs (as -v gives them) captured.
func runOnFake(t *testing.T, args []string, opts ...docusigntest.Option) fakeRunResult {
	t.Helper()
	cfg, err := parseConfig(args, noEnv, &bytes.Buffer{})
	require.NoError(t, err)
	var logs, out bytes.Buffer
	var res fakeRunResult
	cfg.logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.outDir = t.TempDir()
	res.dir = cfg.outDir
	cfg.fakeOptions = opts
	cfg.onFake = func(s *docusigntest.Server) { res.srv = s }
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res.err = run(ctx, cfg, &out)
	res.out, res.logs = out.String(), logs.String()
	require.NotNil(t, res.srv, "the run did not start the fake")
	return res
}

func noEnv(string) string { return "" }

var downloadedLine = regexp.MustCompile(`Downloaded the signed contract .* to (\S+), (\d+) bytes\.`)

func TestRunAgainstTheFakeReachesCompletedThroughVerifiedConnect(t *testing.T) {
	t.Parallel()
	res := runOnFake(t, nil)
	require.NoError(t, res.err, res.out)

	out := res.out
	assert.Contains(t, out, "fake DocuSign started in this process")
	sent := strings.Index(out, "envelope-sent (HMAC verified): status sent")
	delivered := strings.Index(out, "envelope-delivered (HMAC verified): status delivered")
	completed := strings.Index(out, "envelope-completed (HMAC verified): status completed")
	require.True(t, sent > 0 && delivered > sent && completed > delivered,
		"the statuses must arrive sent, delivered, completed:\n%s", out)

	m := downloadedLine.FindStringSubmatch(out)
	require.NotNil(t, m, out)
	data, err := os.ReadFile(m[1])
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("%PDF-")), "the download is not a PDF")
	assert.Equal(t, m[2], strconv.Itoa(len(data)), "the printed size is the file's")

	creds := res.srv.Credentials()
	deliveries := res.srv.Deliveries()
	require.NotEmpty(t, deliveries)
	for _, d := range deliveries {
		assert.True(t, d.Accepted(), "%s answered %d", d.Event, d.Status)
		assert.NotEmpty(t, d.Header.Get("X-DocuSign-Signature-1"), d.Event)
		assert.True(t, docusigntest.CheckSignature(d.Body, d.Header, creds.HMACKey), d.Event)
	}
	assert.Contains(t, out, "Connect delivered "+strconv.Itoa(len(deliveries))+
		" messages; each one's HMAC signature was verified")

	envs := res.srv.Envelopes()
	require.Len(t, envs, 1)
	env := envs[0]
	assert.Equal(t, "completed", env.Status)
	assert.Equal(t, "Please sign: Service Agreement", env.EmailSubject)
	assert.Contains(t, env.EmailBlurb, "click the yellow Sign tab")
	require.Len(t, env.Recipients, 1)
	assert.Equal(t, fakeSigner.Email, env.Recipients[0].Email)
	require.Len(t, env.Documents, 1)
	assert.Equal(t, "pdf", env.Documents[0].FileExtension)
}

// secretShaped matches a run of 40 or more base64url characters: the shape
// of the fake's access and refresh tokens, codes and HMAC key. Nothing else
// the program prints looks like that (GUIDs are 36 characters) once the
// test's temporary directory is taken out.
var secretShaped = regexp.MustCompile(`[A-Za-z0-9_-]{40,}`)

func TestRunPrintsAndLogsNoSecret(t *testing.T) {
	t.Parallel()
	res := runOnFake(t, nil)
	require.NoError(t, res.err, res.out)
	require.NotEmpty(t, res.logs, "-v must make the libraries log")
	creds := res.srv.Credentials()
	pemLine := strings.Split(string(creds.PrivateKeyPEM), "\n")[1]
	for name, text := range map[string]string{"output": res.out, "logs": res.logs} {
		text = strings.ReplaceAll(text, res.dir, "DIR")
		for _, secret := range []string{creds.HMACKey, creds.ClientSecret, pemLine,
			"PRIVATE KEY"} {
			assert.NotContains(t, text, secret, name)
		}
		assert.Empty(t, secretShaped.FindAllString(text, -1), name)
	}
}

func TestRunRefusesAnInvalidEnvelopeBeforeSendingIt(t *testing.T) {
	t.Parallel()
	res := runOnFake(t, []string{"-signer-email", "Ann <ann.lee@example.com>"})
	require.Error(t, res.err)
	assert.Contains(t, res.err.Error(), "recipients.signers[0].email")
	var msg bytes.Buffer
	printError(&msg, res.err)
	assert.Contains(t, msg.String(), "Nothing was sent")
	assert.Zero(t, res.srv.CreateCount())
}

func TestRunRefusesAFileOfAnotherType(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "notes.txt")
	require.NoError(t, os.WriteFile(path, []byte("not a contract"), 0o600))
	res := runOnFake(t, []string{"-file", path})
	require.Error(t, res.err)
	assert.Contains(t, res.err.Error(), "documents[0]")
	assert.Zero(t, res.srv.CreateCount())
}

func TestRunSendsTheFileGivenWithFile(t *testing.T) {
	t.Parallel()
	content := []byte("PK\x03\x04 stands in for a Word document")
	path := filepath.Join(t.TempDir(), "Lease 2025.docx")
	require.NoError(t, os.WriteFile(path, content, 0o600))
	res := runOnFake(t, []string{"-file", path, "-signer-name", "Bo Chen",
		"-signer-email", "bo@example.com"})
	require.NoError(t, res.err, res.out)
	assert.Contains(t, res.out, "Read Lease 2025.docx (")

	env := res.srv.Envelopes()[0]
	assert.Equal(t, "Please sign: Lease 2025", env.EmailSubject)
	assert.Equal(t, "bo@example.com", env.Recipients[0].Email)
	assert.Equal(t, "Bo Chen", env.Recipients[0].Name)
	require.Len(t, env.Documents, 1)
	assert.Equal(t, "docx", env.Documents[0].FileExtension)
	assert.Equal(t, int64(len(content)), env.Documents[0].Size)
}
