package e2e

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/auth"
	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
)

// The fake documents no goroutine that outlives Close, and neither do the
// SDK's packages without WithBackgroundRefresh, so nothing is ignored.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// waitLimit bounds every wait of these tests: far above what anything
// takes on a loaded machine, so that a hang fails instead of blocking.
const waitLimit = 20 * time.Second

// startFake starts a fake DocuSign that the test closes when it ends.
func startFake(t *testing.T, opts ...docusigntest.Option) *docusigntest.Server {
	t.Helper()
	srv, err := docusigntest.Start(opts...)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	return srv
}

// fastRetries keeps the client's retry behaviour but waits a millisecond
// between attempts.
func fastRetries() docusign.RetryPolicy {
	return docusign.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond,
		MaxWait: time.Millisecond}
}

// jwtConfig is the JWT grant configured from the fake's credentials, as a
// host configures it from DocuSign's Apps and Keys page.
func jwtConfig(srv *docusigntest.Server) auth.JWTConfig {
	creds := srv.Credentials()
	return auth.JWTConfig{IntegrationKey: creds.IntegrationKey, UserID: creds.UserID,
		PrivateKey: creds.PrivateKeyPEM, Environment: srv.Environment(),
		HTTPClient: srv.Client()}
}

func jwtSource(t *testing.T, srv *docusigntest.Server, opts ...auth.SourceOption) oauth2.TokenSource {
	t.Helper()
	ts, err := jwtConfig(srv).TokenSource(t.Context(), opts...)
	require.NoError(t, err)
	return ts
}

// newClient builds a client of acct that talks to the fake with fast
// retries; opts come last and so win.
func newClient(t *testing.T, srv *docusigntest.Server, ts oauth2.TokenSource, acct docusign.Account, opts ...docusign.Option) *docusign.Client {
	t.Helper()
	all := append([]docusign.Option{docusign.WithHTTPClient(srv.Client()),
		docusign.WithRetryPolicy(fastRetries())}, opts...)
	c, err := docusign.NewClient(ts, acct, all...)
	require.NoError(t, err)
	return c
}

// contractRules are the document types a contract product accepts.
func contractRules() envelope.Rules {
	return envelope.Rules{AllowedExtensions: []string{".pdf", ".doc", ".docx"}}
}

// newServiceFor wraps c in the envelope service as these tests use it: the
// contract rules, and a reconcile delay of a millisecond.
func newServiceFor(c *docusign.Client) *envelope.Service {
	return envelope.NewService(c, envelope.WithRules(contractRules()),
		envelope.WithReconcileDelay(time.Millisecond))
}

// newService is the whole stack on the fake's default account: JWT grant,
// client, envelope service.
func newService(t *testing.T, srv *docusigntest.Server) *envelope.Service {
	t.Helper()
	return newServiceFor(newClient(t, srv, jwtSource(t, srv), srv.Account()))
}

// waitDeliveries waits until the fake has delivered every Connect message.
func waitDeliveries(t *testing.T, srv *docusigntest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	defer cancel()
	require.NoError(t, srv.WaitForDeliveries(ctx))
}

// apiError returns err as a *docusign.APIError, failing the test when it is
// not one.
func apiError(t *testing.T, err error) *docusign.APIError {
	t.Helper()
	var ae *docusign.APIError
	require.Truef(t, errors.As(err, &ae), "want a *docusign.APIError, got %T: %v", err, err)
	return ae
}

// requestsTo returns the requests the fake received with method whose path
// ends with suffix (the account part of REST paths varies).
func requestsTo(srv *docusigntest.Server, method, suffix string) []docusigntest.Request {
	var out []docusigntest.Request
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			out = append(out, r)
		}
	}
	return out
}

// concurrently runs call from n goroutines at once and fails the test on
// any error.
func concurrently(t *testing.T, n int, call func() error) {
	t.Helper()
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { errs <- call() })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

// noRedirects is a browser that stops at the first redirect, so that a
// test can read where the fake sends it (a host's return URL that does not
// exist here).
func noRedirects(c *http.Client) *http.Client {
	c.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	return c
}
