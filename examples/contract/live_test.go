package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// liveConfig is the configuration of a run "against DocuSign" that talks to
// srv instead: the DOCUSIGN_* variables hold the fake's values, and the
// environment and HTTP client are the fake's.
func liveConfig(t *testing.T, srv *docusigntest.Server, args ...string) config {
	t.Helper()
	creds := srv.Credentials()
	keyFile := filepath.Join(t.TempDir(), "private.key")
	require.NoError(t, os.WriteFile(keyFile, creds.PrivateKeyPEM, 0o600))
	env := map[string]string{envIntegrationKey: creds.IntegrationKey,
		envUserID: creds.UserID, envPrivateKeyFile: keyFile, envEnvironment: "demo"}
	cfg, err := parseConfig(append(signerFlags, args...), envOf(env), &bytes.Buffer{})
	require.NoError(t, err)
	cfg.environment, cfg.httpClient = srv.Environment(), srv.Client()
	cfg.outDir = t.TempDir()
	return cfg
}

// playSigner is what the fake's Sign and Decline do.
type playSigner func(envelopeID, recipientID string) error

// maxWaits ends a run whose poller keeps waiting: the waits of these tests
// take no time, so a poller that never sees a final status would otherwise
// spin, printing, until the machine runs out of memory.
const maxWaits = 10

// signerActs returns a poller's wait that plays the signer with act on the
// first wait, and the count of waits; it fails the test on a wait shorter
// than DocuSign allows, and stops the run after maxWaits waits.
func signerActs(t *testing.T, srv *docusigntest.Server, act playSigner) (waiter, *atomic.Int32) {
	waits := &atomic.Int32{}
	return func(_ context.Context, d time.Duration) error {
		assert.GreaterOrEqual(t, d, minPoll, "polled faster than DocuSign allows")
		n := waits.Add(1)
		if n > maxWaits {
			return fmt.Errorf("the poller waited %d times without a final status", n)
		}
		if n == 1 {
			envs := srv.Envelopes()
			require.Len(t, envs, 1)
			require.NoError(t, act(envs[0].ID, "1"))
		}
		return nil
	}, waits
}

func TestRunAgainstDocuSignPollsAtDocuSignsPaceUntilCompleted(t *testing.T) {
	t.Parallel()
	srv := docusigntest.NewServer()
	defer srv.Close()
	cfg := liveConfig(t, srv)
	wait, waits := signerActs(t, srv, srv.Sign)
	cfg.wait = wait

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), cfg, &out), out.String())

	text := out.String()
	assert.Contains(t, text, "Using DocuSign demo")
	assert.Contains(t, text, "checked every 15m0s")
	assert.Contains(t, text, "DocuSign's answer to the send: status sent")
	assert.Contains(t, text, ": status completed")
	m := downloadedLine.FindStringSubmatch(text)
	require.NotNil(t, m, text)
	data, err := os.ReadFile(m[1])
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("%PDF-")))

	assert.Equal(t, int32(1), waits.Load(), "one wait, then the check found completed")
	var checks int
	for _, r := range srv.Requests() {
		if r.Method == "GET" && strings.HasSuffix(r.Path, "/envelopes") {
			assert.Contains(t, r.Query, "envelope_ids=")
			checks++
		}
	}
	assert.Equal(t, 1, checks, "one status check per wait")
	assert.Empty(t, srv.Deliveries(), "no Connect notification is asked for")
}

func TestRunAgainstDocuSignReportsADeclinedEnvelope(t *testing.T) {
	t.Parallel()
	srv := docusigntest.NewServer()
	defer srv.Close()
	cfg := liveConfig(t, srv)
	cfg.wait, _ = signerActs(t, srv, srv.Decline)

	var out bytes.Buffer
	err := run(context.Background(), cfg, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ended declined")
	assert.Contains(t, out.String(), "status declined")
	assert.NotContains(t, out.String(), "Downloaded")
}

func TestRunAgainstDocuSignStopsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	srv := docusigntest.NewServer()
	defer srv.Close()
	cfg := liveConfig(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	cfg.wait = func(ctx context.Context, d time.Duration) error {
		cancel() // Ctrl-C while waiting
		return sleep(ctx, d)
	}
	err := run(ctx, cfg, &bytes.Buffer{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "stopped waiting for the signature")
}

func TestRunAgainstDocuSignPrintsTheConsentLinkWhenConsentIsRequired(t *testing.T) {
	t.Parallel()
	srv := docusigntest.NewServer(docusigntest.WithoutConsent())
	defer srv.Close()
	cfg := liveConfig(t, srv, "-redirect-uri", "https://app.example.com/callback")

	var out bytes.Buffer
	err := run(context.Background(), cfg, &out)
	require.Error(t, err)
	var msg bytes.Buffer
	printError(&msg, err)
	text := msg.String()
	assert.Contains(t, text, "consent_required")
	assert.Contains(t, text, "Open this link in a browser, sign in as that user")
	assert.Contains(t, text, srv.URL()+"/oauth/auth?")
	assert.Contains(t, text, "client_id="+srv.Credentials().IntegrationKey)
	assert.Contains(t, text, "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback")
	assert.Zero(t, srv.CreateCount())
}

func TestRunAgainstDocuSignUsesTheAccountOfDOCUSIGN_ACCOUNT_ID(t *testing.T) {
	t.Parallel()
	srv := docusigntest.NewServer(docusigntest.WithAccounts("Sales", "Legal"))
	defer srv.Close()
	cfg := liveConfig(t, srv)
	legal := srv.Accounts()[1]
	cfg.accountID = legal.ID
	cfg.wait, _ = signerActs(t, srv, srv.Sign)

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), cfg, &out), out.String())
	assert.Contains(t, out.String(), `"Legal" (ID `+legal.ID+")")
	assert.Equal(t, legal.ID, srv.Envelopes()[0].AccountID)

	cfg.accountID = "00000000-0000-0000-0000-000000000000"
	err := run(context.Background(), cfg, &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, remedy(err), envAccountID)
}

// TestRunAgainstDocuSignWaitsAnotherRoundWhenTheQuotaIsUsedUp: a check
// refused by the envelope's polling limit, what polling one envelope risks,
// is tried again a round later. (The account's hourly quota would also
// block the client locally until the hour turns, which these tests' waits,
// taking no time, never reach.)
func TestRunAgainstDocuSignWaitsAnotherRoundWhenTheQuotaIsUsedUp(t *testing.T) {
	t.Parallel()
	srv := docusigntest.NewServer()
	defer srv.Close()
	srv.InjectFault(docusigntest.Fault{Method: "GET", Path: "/envelopes", Status: 400,
		Body: `{"errorCode":"Hourly_Envelope_Polling_Limit_Exceeded",` +
			`"message":"The maximum number of hourly polling calls for this envelope ` +
			`has been exceeded."}`})
	cfg := liveConfig(t, srv)
	wait, waits := signerActs(t, srv, srv.Sign)
	cfg.wait = wait

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), cfg, &out), out.String())
	assert.Contains(t, out.String(), "API quota is used up for now")
	assert.Contains(t, out.String(), ": status completed")
	assert.Equal(t, int32(2), waits.Load(), "the refused check waits a whole round again")
}
