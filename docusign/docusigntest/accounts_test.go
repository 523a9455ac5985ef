package docusigntest_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func TestAccountsKeepTheirEnvelopesApart(t *testing.T) {
	t.Parallel()
	srv := newServer(t, docusigntest.WithAccounts("Main", "Europe"))
	accts := srv.Accounts()
	require.Len(t, accts, 2)
	assert.Equal(t, accts[0], srv.Account(), "the first is the default")
	tok, err := srv.IssueToken()
	require.NoError(t, err)
	clientFor := func(a docusign.Account) *docusign.Client {
		c, err := docusign.NewClient(oauth2.StaticTokenSource(tok), a,
			docusign.WithHTTPClient(srv.Client()))
		require.NoError(t, err)
		return c
	}
	main, europe := clientFor(accts[0]), clientFor(accts[1])
	id := create(t, europe, definition("sent")).EnvelopeID
	env, ok := srv.Envelope(id)
	require.True(t, ok)
	assert.Equal(t, accts[1].ID, env.AccountID)
	_, err = main.Do(context.Background(), http.MethodGet, "/envelopes/"+id, nil, nil)
	assertCode(t, err, 400, "ENVELOPE_DOES_NOT_EXIST",
		"The envelope specified either does not exist or you have no rights to it.")

	stranger := clientFor(docusign.Account{ID: "00000000-0000-4000-8000-000000000001",
		BaseURI: srv.URL()})
	_, err = stranger.Do(context.Background(), http.MethodGet, "/envelopes/"+id, nil, nil)
	assertCode(t, err, 400, "USER_DOES_NOT_BELONG_TO_SPECIFIED_ACCOUNT",
		"The specified User is not a member of the specified Account.")
}

func TestMalformedEnvelopeIDIsAnInvalidParameter(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, err := client(t, srv).Do(context.Background(), http.MethodGet, "/envelopes/not-a-guid",
		nil, nil)
	assertCode(t, err, 400, "INVALID_REQUEST_PARAMETER", "The request contained at least "+
		"one invalid parameter. Invalid value specified for envelopeId.")
}

func TestUnknownPathsAnswerNotFound(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	status, _, body := raw(t, srv, jwtToken(t, srv), http.MethodGet, "/templates", "", nil)
	assert.Equal(t, http.StatusNotFound, status)
	code, msg := apiErr(t, body)
	assert.Equal(t, "RESOURCE_NOT_FOUND", code)
	assert.Contains(t, msg, "/templates")
}
