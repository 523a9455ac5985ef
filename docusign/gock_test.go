package docusign_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
	"gopkg.in/h2non/gock.v1"

	"github.com/esignkit/docusign-go/docusign"
)

// TestGock_DownstreamTestsInterceptTheDefaultTransport is how a project that
// uses the SDK mocks DocuSign: gock swaps http.DefaultTransport, and a client
// built without WithHTTPClient sends through whatever it is at request time,
// even when gock is switched on after the client was built.
func TestGock_DownstreamTestsInterceptTheDefaultTransport(t *testing.T) {
	// Not parallel: gock changes http.DefaultTransport for the whole process.
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "tok"})
	client, err := docusign.NewClient(ts, docusign.Account{
		ID: "123", BaseURI: "https://na3.docusign.net"})
	require.NoError(t, err)

	defer gock.Off()
	gock.New("https://na3.docusign.net").
		Get("/restapi/v2.1/accounts/123/envelopes/abc").
		MatchHeader("Authorization", "^Bearer tok$").
		Reply(200).
		SetHeader("X-RateLimit-Limit", "3000").
		SetHeader("X-RateLimit-Remaining", "2999").
		SetHeader("X-RateLimit-Reset", "1767225600").
		JSON(map[string]string{"envelopeId": "abc", "status": "sent"})
	gock.New("https://na3.docusign.net").
		Get("/restapi/v2.1/accounts/123/envelopes/missing").
		Reply(404).
		JSON(map[string]string{"errorCode": "ENVELOPE_DOES_NOT_EXIST",
			"message": "The envelope specified either does not exist."})

	var env struct{ EnvelopeID, Status string }
	resp, err := client.Do(t.Context(), http.MethodGet, "/envelopes/abc", nil, &env)
	require.NoError(t, err)
	assert.Equal(t, "sent", env.Status)
	assert.Equal(t, 2999, resp.RateLimit.Remaining)
	assert.Equal(t, 2999, client.RateLimit().Remaining)

	_, err = client.Do(t.Context(), http.MethodGet, "/envelopes/missing", nil, nil)
	assert.ErrorIs(t, err, docusign.ErrNotFound)
	assert.True(t, gock.IsDone(), "every mock was used")
}
