package e2e

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
)

// Void cancels an envelope in progress with its reason, succeeds on one
// already voided, and gives DocuSign's error for a completed one.
func TestVoidInProgressOnceOrTwiceButNeverCompleted(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)

	open, err := svc.Create(t.Context(), oneSigner("To be voided"))
	require.NoError(t, err)
	require.NoError(t, svc.Void(t.Context(), open.EnvelopeID, "Replaced by C-2025-15"))
	env, err := svc.Get(t.Context(), open.EnvelopeID, nil)
	require.NoError(t, err)
	assert.Equal(t, envelope.StatusVoided, env.Status)
	assert.Equal(t, "Replaced by C-2025-15", env.VoidedReason)
	assert.False(t, env.VoidedDateTime.IsZero())
	assert.NoError(t, svc.Void(t.Context(), open.EnvelopeID, "Again"), "already voided")

	done, err := svc.Create(t.Context(), oneSigner("To be completed"))
	require.NoError(t, err)
	require.NoError(t, srv.Sign(done.EnvelopeID, "1"))
	err = svc.Void(t.Context(), done.EnvelopeID, "Too late")
	require.Error(t, err)
	ae := apiError(t, err)
	assert.Equal(t, "ENVELOPE_CANNOT_VOID_INVALID_STATE", ae.Code)
	assert.Equal(t, http.StatusBadRequest, ae.StatusCode)
	held, _ := srv.Envelope(done.EnvelopeID)
	assert.Equal(t, "completed", held.Status)

	puts := len(requestsTo(srv, http.MethodPut, "/envelopes/"+open.EnvelopeID))
	assert.Error(t, svc.Void(t.Context(), open.EnvelopeID, " "), "a void needs a reason")
	assert.Len(t, requestsTo(srv, http.MethodPut, "/envelopes/"+open.EnvelopeID), puts)
}

// Resend is one PUT with resend_envelope=true, accepted while the envelope
// is in progress and refused once it is completed.
func TestResendWhileInProgressOnly(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	sum, err := svc.Create(t.Context(), oneSigner("Reminder"))
	require.NoError(t, err)

	require.NoError(t, svc.Resend(t.Context(), sum.EnvelopeID))
	puts := requestsTo(srv, http.MethodPut, "/envelopes/"+sum.EnvelopeID)
	require.Len(t, puts, 1)
	assert.Equal(t, "resend_envelope=true", puts[0].Query)
	assert.Equal(t, http.StatusOK, puts[0].Status)

	require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
	err = svc.Resend(t.Context(), sum.EnvelopeID)
	assert.Equal(t, "ENVELOPE_INVALID_STATUS", apiError(t, err).Code)
}

// An embedded signer signs in the page RecipientView opens, driven over
// HTTP as a browser would: the page marks the signer delivered, its form
// completes the envelope and sends the browser back to the host.
func TestEmbeddedSignerSignsOnTheRecipientViewPage(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	sum, err := svc.Create(t.Context(), embeddedDefinition("host-user-42"))
	require.NoError(t, err)
	req := envelope.RecipientViewRequest{ReturnURL: "https://app.example.com/signed",
		ClientUserID: "host-user-42", UserName: signerName, Email: signerEmail}

	wrong := req
	wrong.ClientUserID = "host-user-43"
	_, err = svc.RecipientView(t.Context(), sum.EnvelopeID, wrong)
	assert.Equal(t, "UNKNOWN_ENVELOPE_RECIPIENT", apiError(t, err).Code)

	view, err := svc.RecipientView(t.Context(), sum.EnvelopeID, req)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(view, srv.URL()+"/Signing/"), view)

	browser := noRedirects(srv.Client())
	page := get(t, browser, view)
	assert.Contains(t, page, "Sign your lease")
	held, _ := srv.Envelope(sum.EnvelopeID)
	assert.Equal(t, "delivered", held.Status)
	assert.Equal(t, "delivered", held.Recipients[0].Status)

	back := submit(t, browser, view, url.Values{"action": {"sign"}})
	assert.Equal(t, "https://app.example.com/signed?event=signing_complete", back)
	env, err := svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)
	assert.Equal(t, envelope.StatusCompleted, env.Status)
}

// A draft is reviewed in the sender view and sent there, or sent with
// Send; either way it is sent once, and a sent envelope has no sender view.
func TestDraftsAreSentFromTheSenderViewOrWithSend(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	draft := func(subject string) string {
		def := oneSigner(subject)
		def.Status = envelope.StatusCreated
		sum, err := svc.Create(t.Context(), def)
		require.NoError(t, err)
		assert.Equal(t, envelope.StatusCreated, sum.Status)
		held, _ := srv.Envelope(sum.EnvelopeID)
		assert.Equal(t, "created", held.Status)
		return sum.EnvelopeID
	}

	reviewed := draft("Reviewed in the sender view")
	view, err := svc.SenderView(t.Context(), reviewed, "https://app.example.com/sent")
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(view, srv.URL()+"/Sending/"), view)
	browser := noRedirects(srv.Client())
	assert.Contains(t, get(t, browser, view), "Reviewed in the sender view")
	back := submit(t, browser, view, url.Values{"action": {"send"}})
	assert.Equal(t, "https://app.example.com/sent?event=Send", back)
	assertStatus(t, srv, reviewed, "sent")

	sent := draft("Sent with Send")
	require.NoError(t, svc.Send(t.Context(), sent))
	assertStatus(t, srv, sent, "sent")
	assert.Len(t, requestsTo(srv, http.MethodPut, "/envelopes/"+sent), 1)
	rs, err := svc.Recipients(t.Context(), sent, nil)
	require.NoError(t, err)
	assert.Equal(t, envelope.RecipientSent, rs.Signers[0].Status)

	_, err = svc.SenderView(t.Context(), sent, "https://app.example.com/sent")
	assert.Equal(t, "ENVELOPE_INVALID_STATUS", apiError(t, err).Code)
	assert.Equal(t, 2, srv.CreateCount())
}

func assertStatus(t *testing.T, srv *docusigntest.Server, id, want string) {
	t.Helper()
	held, ok := srv.Envelope(id)
	require.True(t, ok)
	assert.Equal(t, want, held.Status)
}

// get opens a page as a browser would and returns its HTML.
func get(t *testing.T, browser *http.Client, page string) string {
	t.Helper()
	resp, err := browser.Get(page)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	return string(body)
}

// submit posts a page's form to the page's path, as its form does, and
// returns where the browser is sent next.
func submit(t *testing.T, browser *http.Client, page string, form url.Values) string {
	t.Helper()
	u, err := url.Parse(page)
	require.NoError(t, err)
	u.RawQuery = ""
	resp, err := browser.PostForm(u.String(), form)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	return resp.Header.Get("Location")
}
