package docusigntest_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

// signingURL asks for the signing page of the embedded signer of
// definition.
func signingURL(t *testing.T, c *docusign.Client, id string) string {
	t.Helper()
	var view struct{ URL string }
	_, err := c.Do(context.Background(), http.MethodPost, "/envelopes/"+id+"/views/recipient",
		viewRequest(), &view)
	require.NoError(t, err)
	return view.URL
}

func viewRequest() map[string]string {
	return map[string]string{"returnUrl": "https://app.example.com/done?state=s1",
		"authenticationMethod": "none", "email": "ann@example.com", "userName": "Ann Signer",
		"clientUserId": "1000"}
}

func TestRecipientViewNeedsTheExactEmbeddedSigner(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	ctx := context.Background()
	id := create(t, c, definition("sent")).EnvelopeID
	for _, field := range []string{"email", "userName", "clientUserId"} {
		req := viewRequest()
		req[field] = "someone-else@example.com"
		_, err := c.Do(ctx, http.MethodPost, "/envelopes/"+id+"/views/recipient", req, nil)
		assertCode(t, err, 400, "UNKNOWN_ENVELOPE_RECIPIENT", "The recipient you have "+
			"identified is not a valid recipient of the specified envelope.")
	}
	req := viewRequest()
	req["email"] = "ANN@example.com"
	var view struct{ URL string }
	resp, err := c.Do(ctx, http.MethodPost, "/envelopes/"+id+"/views/recipient", req, &view)
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.True(t, strings.HasPrefix(view.URL, srv.URL()+"/Signing/"), view.URL)

	draft := create(t, c, definition("created")).EnvelopeID
	_, err = c.Do(ctx, http.MethodPost, "/envelopes/"+draft+"/views/recipient", viewRequest(),
		nil)
	assertCode(t, err, 400, "ENVELOPE_INVALID_STATUS", "Invalid envelope status. The "+
		"envelope is created; a signing view needs it sent or delivered.")
}

// TestSigningViewExpiresAfterFiveMinutes: a recipient view URL opened too
// late sends the browser back with event=ttl_expired, as DocuSign does.
func TestSigningViewExpiresAfterFiveMinutes(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	srv := newServer(t, docusigntest.WithClock(clk.Now))
	c := issuedClient(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	view := signingURL(t, c, id)
	clk.Add(5*time.Minute + time.Second)

	resp, err := browser(srv).Get(view)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	assert.Equal(t, "https://app.example.com/done?event=ttl_expired&state=s1",
		resp.Header.Get("Location"))
	env, _ := srv.Envelope(id)
	assert.Equal(t, "sent", env.Status, "an expired link opens nothing")
}

func TestSigningPageSignsAndRedirectsToReturnURL(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	view := signingURL(t, c, id)

	browser := browser(srv)
	resp, err := browser.Get(view)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, want := range []string{"Contract.pdf", ">Sign<", ">Decline<"} {
		assert.Contains(t, string(page), want)
	}
	env, _ := srv.Envelope(id)
	assert.Equal(t, "delivered", env.Status, "opening the page delivers the envelope")

	action := between(string(page), `<form method="post" action="`, `"`)
	resp, err = browser.PostForm(srv.URL()+action, url.Values{"action": {"sign"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "app.example.com", loc.Host)
	assert.Equal(t, "signing_complete", loc.Query().Get("event"))
	assert.Equal(t, "s1", loc.Query().Get("state"), "the returnUrl's own query is kept")
	env, _ = srv.Envelope(id)
	assert.Equal(t, "completed", env.Status)

	resp, err = browser.Get(view)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "the view URL is single use")
}

func TestSigningPageDecline(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	view := signingURL(t, c, id)
	u, _ := url.Parse(view)
	browser := browser(srv)
	resp, err := browser.PostForm(srv.URL()+u.Path, url.Values{"action": {"decline"},
		"reason": {"not today"}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Contains(t, resp.Header.Get("Location"), "event=decline")
	env, _ := srv.Envelope(id)
	assert.Equal(t, "declined", env.Status)
}

func TestSenderViewSendsADraft(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := create(t, c, definition("created")).EnvelopeID
	var view struct{ URL string }
	_, err := c.Do(context.Background(), http.MethodPost, "/envelopes/"+id+"/views/sender",
		map[string]string{"returnUrl": "https://app.example.com/sent"}, &view)
	require.NoError(t, err)
	u, _ := url.Parse(view.URL)
	browser := browser(srv)
	resp, err := browser.Get(view.URL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	resp, err = browser.PostForm(srv.URL()+u.Path, url.Values{"action": {"send"}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "https://app.example.com/sent?event=Send", resp.Header.Get("Location"))
	env, _ := srv.Envelope(id)
	assert.Equal(t, "sent", env.Status)
}

func TestInboxLetsAPersonSignARemoteSigner(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	d := definition("sent")
	delete(d["recipients"].(map[string]any)["signers"].([]any)[0].(map[string]any),
		"clientUserId")
	id := create(t, c, d).EnvelopeID
	b := browser(srv)
	resp, err := b.Get(srv.URL() + "/")
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	link := "/inbox/sign/" + id + "/1"
	assert.Contains(t, string(page), link)
	assert.Contains(t, string(page), "Please sign the contract")

	resp, err = b.Get(srv.URL() + link)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	signing := resp.Header.Get("Location")
	resp, err = b.PostForm(srv.URL()+signing, url.Values{"action": {"sign"}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, srv.URL()+"/?event=signing_complete", resp.Header.Get("Location"))
	env, _ := srv.Envelope(id)
	assert.Equal(t, "completed", env.Status)

	resp, err = b.Get(srv.URL() + link)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusConflict, resp.StatusCode, "nothing left to sign")
}
