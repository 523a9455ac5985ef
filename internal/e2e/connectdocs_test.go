package e2e

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/webhook"
)

// Connect messages that include the documents (JSON includeData
// "documents", legacy XML includeDocuments) hand the host the signed
// envelope's bytes: each document decodes to exactly what was uploaded,
// and the certificate of completion is a PDF.
func TestConnectMessagesWithDocumentsDecodeToTheUploadedBytes(t *testing.T) {
	t.Parallel()
	srv, ls := startListeners(t, 2)
	jsonL, xmlL := ls[0], ls[1]
	_, err := srv.AddListener(docusigntest.Listener{URL: xmlL.URL(), HMAC: true,
		Format: docusigntest.FormatXML, Events: []string{"envelope-completed"},
		IncludeDocuments: true})
	require.NoError(t, err)

	files := newContractFiles(t)
	notify := webhook.NewEventNotification(jsonL.URL(), webhook.EventEnvelopeCompleted)
	notify.EventData.IncludeData = append(notify.EventData.IncludeData, "documents")
	svc := newService(t, srv)
	sum, err := svc.Create(t.Context(), contractDefinition(t, files, notify))
	require.NoError(t, err)
	require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
	waitDeliveries(t, srv)

	for name, l := range map[string]*connectListener{"json": jsonL, "xml": xmlL} {
		events := l.received()
		require.Len(t, events, 1, name)
		ev := events[0]
		assert.Equal(t, webhook.EventEnvelopeCompleted, ev.Type, name)
		byType := map[string][][]byte{}
		byID := map[string][]byte{}
		for _, d := range ev.Documents {
			data, err := io.ReadAll(d.Open())
			require.NoError(t, err, "%s: document %s", name, d.ID)
			byType[d.Type] = append(byType[d.Type], data)
			byID[d.ID] = data
		}
		assert.Equal(t, files.pdf, byID["1"], "%s: the PDF", name)
		assert.Equal(t, files.docx, byID["2"], "%s: the Word document", name)
		assert.Len(t, byType["content"], 2, name)
		require.Len(t, byType["summary"], 1, "%s: the certificate", name)
		assert.True(t, bytes.HasPrefix(byType["summary"][0], []byte("%PDF-")), name)
	}
}
