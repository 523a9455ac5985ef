package docusigntest_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// newServer starts a fake closed at the end of the test.
func newServer(t *testing.T, opts ...docusigntest.Option) *docusigntest.Server {
	t.Helper()
	srv := docusigntest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// claims returns a valid JWT grant claim set for srv.
func claims(srv *docusigntest.Server) jwt.MapClaims {
	now := time.Now()
	c := srv.Credentials()
	return jwt.MapClaims{"iss": c.IntegrationKey, "sub": c.UserID,
		"aud": srv.Environment().Audience(), "iat": now.Unix(),
		"exp": now.Add(time.Hour).Unix(), "scope": "signature impersonation"}
}

// assertion signs cl with the integration's key.
func assertion(t *testing.T, srv *docusigntest.Server, cl jwt.MapClaims) string {
	t.Helper()
	key, err := jwt.ParseRSAPrivateKeyFromPEM(srv.Credentials().PrivateKeyPEM)
	require.NoError(t, err)
	s, err := jwt.NewWithClaims(jwt.SigningMethodRS256, cl).SignedString(key)
	require.NoError(t, err)
	return s
}

// postForm posts form to the fake's path and returns status and body.
func postForm(t *testing.T, srv *docusigntest.Server, path string, form url.Values,
	basic ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL()+path,
		strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if len(basic) == 2 {
		req.SetBasicAuth(basic[0], basic[1])
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

type tokenBody struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
	Scope        string `json:"scope"`
}

// jwtToken gets an access token through the JWT grant.
func jwtToken(t *testing.T, srv *docusigntest.Server) string {
	t.Helper()
	status, body := postForm(t, srv, "/oauth/token", url.Values{
		"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
		"assertion":  {assertion(t, srv, claims(srv))}})
	require.Equal(t, http.StatusOK, status, body)
	var tb tokenBody
	require.NoError(t, json.Unmarshal([]byte(body), &tb))
	return tb.AccessToken
}

// client returns an SDK client for the default account with a JWT token.
func client(t *testing.T, srv *docusigntest.Server) *docusign.Client {
	t.Helper()
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: jwtToken(t, srv),
		TokenType: "Bearer"})
	c, err := docusign.NewClient(ts, srv.Account(), docusign.WithHTTPClient(srv.Client()),
		docusign.WithRetryPolicy(docusign.RetryPolicy{}))
	require.NoError(t, err)
	return c
}

// issuedClient is client with a token issued directly, for servers whose
// clock is not the real one (a JWT assertion carries real times).
func issuedClient(t *testing.T, srv *docusigntest.Server) *docusign.Client {
	t.Helper()
	tok, err := srv.IssueToken()
	require.NoError(t, err)
	c, err := docusign.NewClient(oauth2.StaticTokenSource(tok), srv.Account(),
		docusign.WithHTTPClient(srv.Client()), docusign.WithRetryPolicy(docusign.RetryPolicy{}))
	require.NoError(t, err)
	return c
}

// raw sends a request with the token and returns status, headers and body.
func raw(t *testing.T, srv *docusigntest.Server, token, method, path, ctype string,
	body io.Reader) (int, http.Header, []byte) {
	t.Helper()
	u := path
	if !strings.HasPrefix(path, "https://") {
		u = srv.URL() + "/restapi/v2.1/accounts/" + srv.Account().ID + path
	}
	req, err := http.NewRequest(method, u, body)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, data
}

// apiErr decodes a DocuSign error body.
func apiErr(t *testing.T, body []byte) (code, message string) {
	t.Helper()
	var e struct{ ErrorCode, Message string }
	require.NoError(t, json.Unmarshal(body, &e), string(body))
	return e.ErrorCode, e.Message
}

var samplePDF = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

// definition is a valid envelope definition: one PDF, one embedded signer
// (recipient 1) and a carbon copy (recipient 2).
func definition(status string) map[string]any {
	return map[string]any{
		"emailSubject": "Please sign the contract",
		"status":       status,
		"documents": []any{map[string]any{"documentId": "1", "name": "Contract.pdf",
			"fileExtension":  "pdf",
			"documentBase64": base64.StdEncoding.EncodeToString(samplePDF)}},
		"recipients": map[string]any{
			"signers": []any{map[string]any{"recipientId": "1", "name": "Ann Signer",
				"email": "ann@example.com", "routingOrder": "1", "clientUserId": "1000",
				"tabs": map[string]any{"signHereTabs": []any{map[string]any{
					"documentId": "1", "pageNumber": "1", "xPosition": "100",
					"yPosition": "100"}}}}},
			"carbonCopies": []any{map[string]any{"recipientId": "2", "name": "Carl Copy",
				"email": "carl@example.com", "routingOrder": "2"}},
		},
	}
}

type summary struct {
	EnvelopeID, Status, StatusDateTime, URI string
}

// create posts def with the SDK client and returns the summary.
func create(t *testing.T, c *docusign.Client, def any) summary {
	t.Helper()
	var s summary
	_, err := c.Do(context.Background(), http.MethodPost, "/envelopes", def, &s)
	require.NoError(t, err)
	return s
}

// envelopeJSON gets an envelope as a generic map.
func envelopeJSON(t *testing.T, c *docusign.Client, id, include string) map[string]any {
	t.Helper()
	path := "/envelopes/" + id
	if include != "" {
		path += "?include=" + include
	}
	var out map[string]any
	_, err := c.Do(context.Background(), http.MethodGet, path, nil, &out)
	require.NoError(t, err)
	return out
}

func jsonReader(s string) *strings.Reader { return strings.NewReader(s) }

// browser is a client that trusts srv and does not follow redirects, to
// read where a page sends the user.
func browser(srv *docusigntest.Server) *http.Client {
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	return c
}
