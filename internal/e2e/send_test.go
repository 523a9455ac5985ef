package e2e

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
	"github.com/esignkit/docusign-go/webhook"
)

// Create's multipart request, with every part of the contract, passes the
// fake's strict reading: no property DocuSign does not know, documents
// streamed as parts with their documentid, and the fake holds exactly what
// was sent.
func TestCreateMultipartContractIsAcceptedAndHeldAsSent(t *testing.T) {
	t.Parallel()
	srv, l := startConnect(t)
	svc := newService(t, srv)
	files := newContractFiles(t)
	def := contractDefinition(t, files, webhook.NewEventNotification(l.URL()))

	sum, err := svc.Create(t.Context(), def)
	require.NoError(t, err)
	assert.Equal(t, envelope.StatusSent, sum.Status)
	assert.Equal(t, "/envelopes/"+sum.EnvelopeID, sum.URI)
	assert.False(t, sum.StatusDateTime.IsZero())
	require.NotEmpty(t, def.TransactionID, "Create gives the definition a transaction ID")

	posts := requestsTo(srv, http.MethodPost, "/envelopes")
	require.Len(t, posts, 1)
	assert.True(t, strings.HasPrefix(posts[0].Header.Get("Content-Type"),
		"multipart/form-data; boundary="), posts[0].Header.Get("Content-Type"))
	assert.Equal(t, http.StatusCreated, posts[0].Status)

	held, ok := srv.Envelope(sum.EnvelopeID)
	require.True(t, ok)
	assert.Equal(t, contractSubject, held.EmailSubject)
	assert.Equal(t, contractBlurb, held.EmailBlurb)
	assert.Equal(t, def.TransactionID, held.TransactionID)
	assert.Equal(t, []docusigntest.Document{
		{ID: "1", Name: "Contract C-2025-14.pdf", FileExtension: "pdf",
			Size: int64(len(files.pdf))},
		{ID: "2", Name: "Terms.docx", FileExtension: "docx", Size: int64(len(files.docx))},
	}, held.Documents)
	require.Len(t, held.Recipients, 2)
	assert.Equal(t, docusigntest.Recipient{Type: "signer", ID: "1", Name: signerName,
		Email: signerEmail, RoutingOrder: 1, Status: "sent"}, held.Recipients[0])
	assert.Equal(t, docusigntest.Recipient{Type: "carboncopy", ID: "2", Name: ccName,
		Email: ccEmail, RoutingOrder: 2, Status: "created"}, held.Recipients[1])
	for id, want := range map[string][]byte{"1": files.pdf, "2": files.docx} {
		assert.Equal(t, want, fakeDocument(t, srv, sum.EnvelopeID, id), "document %s", id)
	}

	// The eventNotification was read as JSON SIM with HMAC: the listener
	// got a verified envelope-sent.
	waitDeliveries(t, srv)
	require.NotEmpty(t, l.received())
	assert.Equal(t, webhook.EventEnvelopeSent, l.received()[0].Type)
}

// Documents of unknown length (sent chunked), read once, or larger than
// the fake keeps in memory arrive whole and byte for byte.
func TestCreateStreamsUnsizedOneShotAndLargeDocuments(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	large := make([]byte, 1<<20+4099) // past the fake's 1 MiB spill to disk
	_, _ = rand.Read(large)
	copy(large, "%PDF-1.7\n")
	unsized := samplePDF("Unsized")
	once := samplePDF("Read once")
	def := oneSigner("Streamed documents")
	opener := func(data []byte) func() (io.ReadCloser, error) {
		return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	}
	def.Documents = []envelope.Document{
		envelope.NewDocumentFunc("1", "Large.pdf", int64(len(large)), opener(large)),
		envelope.NewDocumentFunc("2", "Unsized.pdf", -1, opener(unsized)),
		envelope.NewReaderDocument("3", "Once.pdf", onlyReader{bytes.NewReader(once)}),
	}

	sum, err := svc.Create(t.Context(), def)
	require.NoError(t, err)
	for id, want := range map[string][]byte{"1": large, "2": unsized, "3": once} {
		assert.True(t, bytes.Equal(want, fakeDocument(t, srv, sum.EnvelopeID, id)),
			"document %s", id)
	}
	assert.True(t, bytes.Equal(large, download(t, svc, sum.EnvelopeID, "1")))
}

func fakeDocument(t *testing.T, srv *docusigntest.Server, envelopeID, documentID string) []byte {
	t.Helper()
	rc, err := srv.DocumentContent(envelopeID, documentID)
	require.NoError(t, err)
	defer rc.Close()
	data, err := io.ReadAll(rc)
	require.NoError(t, err)
	return data
}

// What DocuSign sends back is read into the models: Get with includes,
// Recipients and Documents agree with what was sent.
func TestGetRecipientsAndDocumentsReadBackTheContract(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	def := contractDefinition(t, newContractFiles(t), nil)
	sum, err := svc.Create(t.Context(), def)
	require.NoError(t, err)

	env, err := svc.Get(t.Context(), sum.EnvelopeID, &envelope.GetOptions{Include: []string{
		envelope.IncludeRecipients, envelope.IncludeDocuments, envelope.IncludeCustomFields}})
	require.NoError(t, err)
	assert.Equal(t, sum.EnvelopeID, env.EnvelopeID)
	assert.Equal(t, envelope.StatusSent, env.Status)
	assert.Equal(t, contractSubject, env.EmailSubject)
	assert.Equal(t, contractBlurb, env.EmailBlurb)
	assert.Equal(t, def.TransactionID, env.TransactionID)
	assert.False(t, env.SentDateTime.IsZero())
	assert.Equal(t, env.SentDateTime, env.StatusChangedDateTime)
	value, ok := env.CustomFields.Text(contractIDField)
	assert.True(t, ok)
	assert.Equal(t, contractID, value)
	require.Len(t, env.Recipients.Signers, 1)
	assert.Equal(t, signerEmail, env.Recipients.Signers[0].Email)
	assert.Equal(t, envelope.RecipientSent, env.Recipients.Signers[0].Status)
	require.Len(t, env.Recipients.CarbonCopies, 1)
	assert.Equal(t, ccEmail, env.Recipients.CarbonCopies[0].Email)
	assert.Equal(t, []string{"1", "2", "certificate"}, documentIDs(env.EnvelopeDocuments))

	plain, err := svc.Get(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)
	assert.Empty(t, plain.Recipients.Signers, "no include, no recipients")

	rs, err := svc.Recipients(t.Context(), sum.EnvelopeID, nil)
	require.NoError(t, err)
	require.Len(t, rs.Signers, 1)
	assert.Equal(t, signerName, rs.Signers[0].Name)
	assert.Equal(t, 1, rs.Signers[0].RoutingOrder)
	assert.Equal(t, envelope.RecipientSent, rs.Signers[0].Status)
	require.Len(t, rs.CarbonCopies, 1)
	assert.Equal(t, 2, rs.CarbonCopies[0].RoutingOrder)
	assert.Equal(t, 2, rs.RecipientCount)

	docs, err := svc.Documents(t.Context(), sum.EnvelopeID)
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "2", "certificate"}, documentIDs(docs))
	assert.Equal(t, "Contract C-2025-14.pdf", docs[0].Name)
	assert.Equal(t, "content", docs[0].Type)
	assert.Equal(t, "summary", docs[2].Type)
}

func documentIDs(docs []envelope.EnvelopeDocument) []string {
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.DocumentID)
	}
	return ids
}

// The fake's strictness is not a formality: the same create sent through
// Do is accepted when spelled as DocuSign spells it and refused with
// INVALID_REQUEST_BODY naming the property when one name is misspelled, at
// the top level or deep inside.
func TestFakeRefusesAMisspelledPropertyThatDoSends(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	client := newClient(t, srv, jwtSource(t, srv), srv.Account())
	definition := func(subjectKey, emailKey string) map[string]any {
		return map[string]any{
			subjectKey: "Please sign", "status": "sent",
			"documents": []map[string]string{{"documentId": "1", "name": "Contract.pdf",
				"documentBase64": "JVBERi0xLjcKJSVFT0YK"}},
			"recipients": map[string]any{"signers": []map[string]string{{
				"recipientId": "1", "name": signerName, emailKey: signerEmail}}},
		}
	}

	for _, tc := range []struct{ name, subjectKey, emailKey, misspelled string }{
		{"top level", "emailSubjct", "email", "emailSubjct"},
		{"inside a signer", "emailSubject", "emial", "emial"},
	} {
		_, err := client.Do(t.Context(), http.MethodPost, "/envelopes",
			definition(tc.subjectKey, tc.emailKey), nil)
		ae := apiError(t, err)
		assert.Equal(t, http.StatusBadRequest, ae.StatusCode, tc.name)
		assert.Equal(t, "INVALID_REQUEST_BODY", ae.Code, tc.name)
		assert.Contains(t, ae.Message, tc.misspelled, tc.name)
	}
	assert.Equal(t, 0, srv.CreateCount())

	var created struct{ EnvelopeID, Status string }
	_, err := client.Do(t.Context(), http.MethodPost, "/envelopes",
		definition("emailSubject", "email"), &created)
	require.NoError(t, err)
	assert.Equal(t, "sent", created.Status)
	assert.Equal(t, 1, srv.CreateCount())
}

// A definition with problems is refused before anything leaves: no token
// is asked for, no request reaches the fake, and every problem is named by
// its field.
func TestValidationFailuresSendNothing(t *testing.T) {
	t.Parallel()
	srv := startFake(t)
	svc := newService(t, srv)
	def := &envelope.Definition{
		EmailSubject: strings.Repeat("x", envelope.MaxEmailSubject+1),
		Status:       envelope.StatusSent,
		Documents: []envelope.Document{envelope.NewBytesDocument("1", "Macro.exe",
			[]byte("MZ"))},
		Recipients: envelope.Recipients{Signers: []envelope.Signer{{RecipientID: "1",
			Name: signerName, Email: "Ann Lee <" + signerEmail + ">"}}},
	}

	_, err := svc.Create(t.Context(), def)
	var ve *envelope.ValidationError
	require.Truef(t, errors.As(err, &ve), "want a *envelope.ValidationError, got %T: %v", err, err)
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	assert.ElementsMatch(t, []string{"emailSubject", "documents[0].fileExtension",
		"recipients.signers[0].email"}, fields)
	assert.Equal(t, 0, srv.CreateCount())
	assert.Empty(t, srv.Requests(), "not even a token request")
	assert.Empty(t, def.TransactionID, "nothing was attempted")
}

// Sources disagree whether DocuSign answers ENVELOPE_DOES_NOT_EXIST with
// 400 or 404; the SDK recognises it either way.
func TestUnknownEnvelopeIsNotFoundWhicheverStatusDocuSignUses(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadRequest, http.StatusNotFound} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			srv := startFake(t, docusigntest.WithNotFoundStatus(status))
			svc := newService(t, srv)
			_, err := svc.Get(t.Context(), randomGUID(), nil)
			require.ErrorIs(t, err, docusign.ErrNotFound)
			ae := apiError(t, err)
			assert.Equal(t, status, ae.StatusCode)
			assert.Equal(t, "ENVELOPE_DOES_NOT_EXIST", ae.Code)
		})
	}
}

func randomGUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
