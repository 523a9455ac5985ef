package docusigntest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

var restTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$`)

func TestCreateAnswersEnvelopeSummaryInDocuSignsShape(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	status, _, body := raw(t, srv, jwtToken(t, srv), http.MethodPost, "/envelopes",
		"application/json", jsonBody(t, definition("sent")))
	require.Equal(t, http.StatusCreated, status, string(body))
	var s map[string]any
	require.NoError(t, json.Unmarshal(body, &s))
	id, _ := s["envelopeId"].(string)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, id)
	assert.Equal(t, "sent", s["status"])
	assert.Equal(t, "/envelopes/"+id, s["uri"], "uri is relative to the account")
	assert.Regexp(t, restTime, s["statusDateTime"])
	assert.Equal(t, 1, srv.CreateCount())
}

func TestGetReturnsStringlyTypedEnvelopeWithIncludes(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	def := definition("sent")
	def["transactionId"] = "tx-1"
	def["customFields"] = map[string]any{"textCustomFields": []any{
		map[string]any{"name": "contract", "value": "C-42", "show": "false"}}}
	s := create(t, c, def)
	env := envelopeJSON(t, c, s.EnvelopeID, "recipients,documents,custom_fields")
	assert.Equal(t, "sent", env["status"])
	assert.Equal(t, "Please sign the contract", env["emailSubject"])
	assert.Equal(t, "tx-1", env["transactionId"])
	assert.Equal(t, "true", env["expireEnabled"], "booleans are strings")
	assert.Equal(t, "120", env["expireAfter"], "numbers are strings")
	assert.Nil(t, env["anySigner"])
	assert.Contains(t, env, "anySigner")
	assert.Equal(t, "/envelopes/"+s.EnvelopeID+"/documents/combined", env["documentsCombinedUri"])
	for _, k := range []string{"createdDateTime", "sentDateTime", "statusChangedDateTime",
		"lastModifiedDateTime"} {
		assert.Regexp(t, restTime, env[k], k)
	}
	rc := env["recipients"].(map[string]any)
	assert.Equal(t, "2", rc["recipientCount"])
	signer := rc["signers"].([]any)[0].(map[string]any)
	assert.Equal(t, "sent", signer["status"])
	assert.Equal(t, "1", signer["routingOrder"])
	assert.Equal(t, "1000", signer["clientUserId"])
	cc := rc["carbonCopies"].([]any)[0].(map[string]any)
	assert.Equal(t, "created", cc["status"], "a later routing order waits")
	docs := env["envelopeDocuments"].([]any)
	require.Len(t, docs, 2)
	assert.Equal(t, "certificate", docs[1].(map[string]any)["documentId"])
	fields := env["customFields"].(map[string]any)["textCustomFields"].([]any)
	assert.Equal(t, "C-42", fields[0].(map[string]any)["value"])

	plain := envelopeJSON(t, c, s.EnvelopeID, "")
	assert.NotContains(t, plain, "recipients")
}

// TestStateMachineFollowsRoutingOrder: signers are reached in routing
// order, and the envelope stays sent until every signer has viewed it
// (DocuSign's Connect event triggers page: an envelope "remains in this
// state until all recipients have viewed the envelope").
func TestStateMachineFollowsRoutingOrder(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	def := definition("sent")
	rc := def["recipients"].(map[string]any)
	rc["signers"] = append(rc["signers"].([]any), map[string]any{"recipientId": "3",
		"name": "Bob Second", "email": "bob@example.com", "routingOrder": "2"})
	id := create(t, c, def).EnvelopeID

	assert.ErrorIs(t, srv.Sign(id, "3"), docusigntest.ErrNotYourTurn)
	require.NoError(t, srv.Open(id, "1"))
	assert.Equal(t, "sent", envelopeJSON(t, c, id, "")["status"],
		"the second signer has not viewed it yet")
	require.NoError(t, srv.Sign(id, "1"))
	env := envelopeJSON(t, c, id, "recipients")
	assert.Equal(t, "sent", env["status"])
	signers := env["recipients"].(map[string]any)["signers"].([]any)
	assert.Equal(t, "completed", signers[0].(map[string]any)["status"])
	assert.Equal(t, "sent", signers[1].(map[string]any)["status"])
	cc := env["recipients"].(map[string]any)["carbonCopies"].([]any)[0].(map[string]any)
	assert.Equal(t, "sent", cc["status"], "the copy goes out when routing reaches it")

	require.NoError(t, srv.Open(id, "3"))
	assert.Equal(t, "delivered", envelopeJSON(t, c, id, "")["status"],
		"every signer has viewed it")
	require.NoError(t, srv.Sign(id, "3"))
	env = envelopeJSON(t, c, id, "recipients")
	assert.Equal(t, "completed", env["status"])
	assert.Regexp(t, restTime, env["completedDateTime"])
	cc = env["recipients"].(map[string]any)["carbonCopies"].([]any)[0].(map[string]any)
	assert.Equal(t, "completed", cc["status"])
	assert.Error(t, srv.Sign(id, "1"), "a completed envelope takes no more signatures")
}

func TestDeclineEndsTheEnvelope(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	require.NoError(t, srv.DeclineWithReason(id, "1", "price too high"))
	env := envelopeJSON(t, c, id, "recipients")
	assert.Equal(t, "declined", env["status"])
	signer := env["recipients"].(map[string]any)["signers"].([]any)[0].(map[string]any)
	assert.Equal(t, "declined", signer["status"])
	assert.Equal(t, "price too high", signer["declinedReason"])
}

func TestDraftIsSentByUpdateAndVoidedOnlyInProgress(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	ctx := context.Background()
	id := create(t, c, definition("created")).EnvelopeID
	assert.Equal(t, "created", envelopeJSON(t, c, id, "")["status"])

	_, err := c.Do(ctx, http.MethodPut, "/envelopes/"+id,
		map[string]string{"status": "voided", "voidedReason": "x"}, nil)
	assertCode(t, err, 400, "ENVELOPE_CANNOT_VOID_INVALID_STATE",
		"Only envelopes in the 'Sent' or 'Delivered' states may be voided.")

	var upd map[string]string
	_, err = c.Do(ctx, http.MethodPut, "/envelopes/"+id, map[string]string{"status": "sent"}, &upd)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"envelopeId": id}, upd)
	assert.Equal(t, "sent", envelopeJSON(t, c, id, "")["status"])

	_, err = c.Do(ctx, http.MethodPut, "/envelopes/"+id+"?resend_envelope=true",
		map[string]string{}, nil)
	require.NoError(t, err)

	_, err = c.Do(ctx, http.MethodPut, "/envelopes/"+id,
		map[string]string{"status": "voided", "voidedReason": "Changed my mind"}, nil)
	require.NoError(t, err)
	env := envelopeJSON(t, c, id, "")
	assert.Equal(t, "voided", env["status"])
	assert.Equal(t, "Changed my mind", env["voidedReason"])
	assert.Error(t, srv.Sign(id, "1"))
}

// TestRefusedUpdateChangesNothing: a PUT that DocuSign refuses leaves the
// envelope as it was, even when part of its body was acceptable.
func TestRefusedUpdateChangesNothing(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	ctx := context.Background()
	draft := create(t, c, definition("created")).EnvelopeID
	sent := create(t, c, definition("sent")).EnvelopeID
	tests := []struct {
		name, id, query string
		body            map[string]string
		code            string
	}{
		{"a new subject with a bad status", draft, "",
			map[string]string{"emailSubject": "Changed", "status": "bogus"},
			"ENVELOPE_INVALID_STATUS"},
		{"a subject over DocuSign's limit", draft, "",
			map[string]string{"emailSubject": strings.Repeat("s", 101)},
			"INVALID_REQUEST_PARAMETER"},
		{"a void without a reason", sent, "", map[string]string{"status": "voided"},
			"INVALID_REQUEST_PARAMETER"},
		{"a void that also asks for a resend", sent, "?resend_envelope=true",
			map[string]string{"status": "voided", "voidedReason": "x"},
			"ENVELOPE_INVALID_STATUS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := srv.Envelope(tt.id)
			_, err := c.Do(ctx, http.MethodPut, "/envelopes/"+tt.id+tt.query, tt.body, nil)
			var ae *docusign.APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tt.code, ae.Code)
			after, _ := srv.Envelope(tt.id)
			assert.Equal(t, before, after)
		})
	}

	t.Run("a subject given to a draft sent in the same update", func(t *testing.T) {
		def := definition("created")
		delete(def, "emailSubject")
		id := create(t, c, def).EnvelopeID
		_, err := c.Do(ctx, http.MethodPut, "/envelopes/"+id,
			map[string]string{"emailSubject": "Now complete", "status": "sent"}, nil)
		require.NoError(t, err)
		env, _ := srv.Envelope(id)
		assert.Equal(t, []string{"sent", "Now complete"}, []string{env.Status, env.EmailSubject})
	})
}

func TestErrorBodies(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	ctx := context.Background()
	mut := func(f func(map[string]any)) map[string]any {
		d := definition("sent")
		f(d)
		return d
	}
	signer := func(d map[string]any) map[string]any {
		return d["recipients"].(map[string]any)["signers"].([]any)[0].(map[string]any)
	}
	tests := []struct {
		name          string
		def           map[string]any
		code, message string
	}{
		{"invalid email", mut(func(d map[string]any) { signer(d)["email"] = "not-an-email" }),
			"INVALID_EMAIL_ADDRESS_FOR_RECIPIENT",
			"The email address for the recipient is invalid. The recipient Id follows. " +
				"Recipient Id: 1"},
		{"duplicate recipients", mut(func(d map[string]any) {
			cc := d["recipients"].(map[string]any)["carbonCopies"].([]any)
			cc[0].(map[string]any)["recipientId"] = "1"
		}), "ENVELOPE_HAS_DUPLICATE_RECIPIENTS",
			"The specified envelope has duplicate recipients."},
		{"incomplete", mut(func(d map[string]any) { delete(d, "emailSubject") }),
			"ENVELOPE_IS_INCOMPLETE", "The Envelope is not Complete. A Complete Envelope " +
				"Requires Documents, Recipients, Tabs, and a Subject Line."},
		{"tab on a missing document", mut(func(d map[string]any) {
			signer(d)["tabs"] = map[string]any{"signHereTabs": []any{
				map[string]any{"documentId": "2", "pageNumber": "1"}}}
		}), "TAB_REFERS_TO_MISSING_DOCUMENT", "The DocumentId specified in the tab element " +
			"does not refer to a document in this envelope. Tab refers to DocumentId 2 " +
			"which is not present."},
		{"misnamed field", mut(func(d map[string]any) { d["emailSubjekt"] = "typo" }),
			"INVALID_REQUEST_BODY", "The request body is missing or improperly formatted. " +
				"The property 'emailSubjekt' is not a property of envelopeDefinition (at " +
				"emailSubjekt); check its spelling against DocuSign's API reference."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Do(ctx, http.MethodPost, "/envelopes", tt.def, nil)
			assertCode(t, err, 400, tt.code, tt.message)
		})
	}
	assert.Zero(t, srv.CreateCount(), "no refused create was stored")

	t.Run("envelope does not exist", func(t *testing.T) {
		_, err := c.Do(ctx, http.MethodGet, "/envelopes/00000000-0000-4000-8000-000000000000",
			nil, nil)
		assertCode(t, err, 400, "ENVELOPE_DOES_NOT_EXIST",
			"The envelope specified either does not exist or you have no rights to it.")
		assert.ErrorIs(t, err, docusign.ErrNotFound)
	})
	t.Run("bad token", func(t *testing.T) {
		status, _, body := raw(t, srv, "nope", http.MethodGet, "/envelopes?from_date=2020-01-01",
			"", nil)
		assert.Equal(t, http.StatusUnauthorized, status)
		code, msg := apiErr(t, body)
		assert.Equal(t, "USER_AUTHENTICATION_FAILED", code)
		assert.Equal(t, "One or both of Username and Password are invalid. Invalid access token",
			msg)
	})
	t.Run("expired token", func(t *testing.T) {
		tok := jwtToken(t, srv)
		srv.ExpireTokens()
		status, _, body := raw(t, srv, tok, http.MethodGet, "/envelopes?from_date=2020-01-01",
			"", nil)
		assert.Equal(t, http.StatusUnauthorized, status)
		code, _ := apiErr(t, body)
		assert.Equal(t, "USER_AUTHENTICATION_FAILED", code)
	})
}

// TestEnvelopeNotFoundStatusIsConfigurable: sources disagree whether
// DocuSign answers ENVELOPE_DOES_NOT_EXIST with 400 or 404, so the fake
// serves either; a client must treat both as not found.
func TestEnvelopeNotFoundStatusIsConfigurable(t *testing.T) {
	t.Parallel()
	srv := newServer(t, docusigntest.WithNotFoundStatus(http.StatusNotFound))
	c := client(t, srv)
	_, err := c.Do(context.Background(), http.MethodGet,
		"/envelopes/00000000-0000-4000-8000-000000000000", nil, nil)
	assertCode(t, err, 404, "ENVELOPE_DOES_NOT_EXIST",
		"The envelope specified either does not exist or you have no rights to it.")
	assert.ErrorIs(t, err, docusign.ErrNotFound)
}

func assertCode(t *testing.T, err error, status int, code, message string) {
	t.Helper()
	var ae *docusign.APIError
	require.True(t, errors.As(err, &ae), "want an APIError, got %v", err)
	assert.Equal(t, status, ae.StatusCode)
	assert.Equal(t, code, ae.Code)
	assert.Equal(t, message, ae.Message)
	assert.NotEmpty(t, ae.TraceToken, "every answer carries X-DocuSign-TraceToken")
}

func jsonBody(t *testing.T, v any) *bytes.Reader {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return bytes.NewReader(data)
}

var _ = strings.Contains
