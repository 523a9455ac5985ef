package docusigntest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestStartRefusesBadOptionsNamingThem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		opt  docusigntest.Option
		want string
	}{
		{docusigntest.WithDefaultAccount(3), "WithDefaultAccount(3)"},
		{docusigntest.WithRateLimitStatus(200), "WithRateLimitStatus(200)"},
		{docusigntest.WithNotFoundStatus(0), "WithNotFoundStatus(0)"},
		{docusigntest.WithConnectTimeout(0), "WithConnectTimeout"},
		{docusigntest.WithJWTClockSkew(-time.Second), "WithJWTClockSkew"},
		{docusigntest.WithMaxRequestBody(0), "WithMaxRequestBody"},
		{docusigntest.WithHMACKeys("a", ""), "empty key"},
		{docusigntest.WithConnectRetrySchedule(-time.Second), "negative wait"},
		{docusigntest.WithAddr("256.0.0.1:0"), "listening on 256.0.0.1:0"},
	}
	for _, tt := range tests {
		srv, err := docusigntest.Start(tt.opt)
		if !assert.ErrorContains(t, err, tt.want) {
			srv.Close()
		}
	}
	assert.Panics(t, func() { docusigntest.NewServer(docusigntest.WithDefaultAccount(-1)) })
}

// TestCertificateIsValidWhateverTheFakesClock: TLS clients check the
// server's certificate against their own clock, so a fake whose clock is
// set days ahead or years back still serves a certificate valid now.
func TestCertificateIsValidWhateverTheFakesClock(t *testing.T) {
	t.Parallel()
	for _, shift := range []time.Duration{48 * time.Hour, -3 * 365 * 24 * time.Hour} {
		at := time.Now().Add(shift)
		srv := newServer(t, docusigntest.WithClock(func() time.Time { return at }))
		resp, err := srv.Client().Get(srv.URL() + "/")
		require.NoError(t, err, "the fake's clock moved by %v", shift)
		resp.Body.Close()
	}
}
