package docusigntest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

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
