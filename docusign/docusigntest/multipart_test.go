package docusigntest_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// multipartBody writes DocuSign's multipart create by hand: the definition
// first with a bare form-data disposition, then one file part per document.
func multipartBody(t *testing.T, def map[string]any, parts map[string][]byte,
	dispositions map[string]string) (*bytes.Buffer, string) {
	t.Helper()
	const boundary = "multipartboundary_multipartboundary"
	var b bytes.Buffer
	js, err := json.Marshal(def)
	require.NoError(t, err)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: application/json\r\n"+
		"Content-Disposition: form-data\r\n\r\n%s\r\n", boundary, js)
	for _, id := range []string{"1", "2"} {
		data, ok := parts[id]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "--%s\r\nContent-Type: application/octet-stream\r\n"+
			"Content-Disposition: %s\r\n\r\n", boundary, dispositions[id])
		b.Write(data)
		b.WriteString("\r\n")
	}
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return &b, "multipart/form-data; boundary=" + boundary
}

func TestMultipartCreateKeepsDocumentsByteForByte(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	big := make([]byte, 3<<20) // past the in-memory limit: stored in a file
	_, err := rand.Read(big)
	require.NoError(t, err)
	binary := []byte("\x00\xff\r\n--not-a-boundary\r\n\x89PNG")
	def := definition("sent")
	def["documents"] = []any{
		map[string]any{"documentId": "1", "name": "Contract", "fileExtension": "pdf"},
		map[string]any{"documentId": "2", "name": "Annex", "fileExtension": "bin"},
	}
	body, ctype := multipartBody(t, def, map[string][]byte{"1": big, "2": binary},
		map[string]string{
			"1": `file; filename="Contract";documentid=1`,
			"2": `file; filename="Annex"; documentid=2`,
		})
	status, _, resp := raw(t, srv, jwtToken(t, srv), http.MethodPost, "/envelopes", ctype, body)
	require.Equal(t, http.StatusCreated, status, string(resp))
	var s summary
	require.NoError(t, json.Unmarshal(resp, &s))

	for id, want := range map[string][]byte{"1": big, "2": binary} {
		var rc io.ReadCloser
		_, err := c.Do(context.Background(), http.MethodGet,
			"/envelopes/"+s.EnvelopeID+"/documents/"+id, nil, &rc)
		require.NoError(t, err)
		got, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "document %s differs", id)
	}
	env, ok := srv.Envelope(s.EnvelopeID)
	require.True(t, ok)
	assert.Equal(t, int64(len(big)), env.Documents[0].Size)
}

func TestMultipartCreateRefusesPartsWithoutADocument(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	def := definition("sent")
	def["documents"] = []any{map[string]any{"documentId": "1", "name": "Contract"}}
	body, ctype := multipartBody(t, def, map[string][]byte{"1": samplePDF, "2": samplePDF},
		map[string]string{"1": `file; filename="a";documentid=1`,
			"2": `file; filename="b";documentid=2`})
	status, _, resp := raw(t, srv, jwtToken(t, srv), http.MethodPost, "/envelopes", ctype, body)
	assert.Equal(t, http.StatusBadRequest, status)
	code, msg := apiErr(t, resp)
	assert.Equal(t, "INVALID_REQUEST_BODY", code)
	assert.Contains(t, msg, "documentid=2")

	def["documents"] = []any{map[string]any{"documentId": "1", "name": "Contract"},
		map[string]any{"documentId": "3", "name": "Missing"}}
	body, ctype = multipartBody(t, def, map[string][]byte{"1": samplePDF},
		map[string]string{"1": `file; filename="a";documentid=1`})
	status, _, resp = raw(t, srv, jwtToken(t, srv), http.MethodPost, "/envelopes", ctype, body)
	assert.Equal(t, http.StatusBadRequest, status)
	_, msg = apiErr(t, resp)
	assert.Contains(t, msg, "Document 3 has no content")
	assert.Zero(t, srv.CreateCount())
}

func TestMultipartDefinitionMayCarryInlineDocuments(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	def := definition("sent")
	def["documents"] = append(def["documents"].([]any),
		map[string]any{"documentId": "2", "name": "Annex", "fileExtension": "txt"})
	body, ctype := multipartBody(t, def, map[string][]byte{"2": []byte("annex")},
		map[string]string{"2": `file; filename="Annex"; documentid=2`})
	status, _, resp := raw(t, srv, jwtToken(t, srv), http.MethodPost, "/envelopes", ctype, body)
	require.Equal(t, http.StatusCreated, status, string(resp))
	env := srv.Envelopes()[0]
	assert.Equal(t, []int64{int64(len(samplePDF)), 5},
		[]int64{env.Documents[0].Size, env.Documents[1].Size})

	body, ctype = multipartBody(t, definition("sent"), map[string][]byte{"1": samplePDF},
		map[string]string{"1": `file; filename="Contract";documentid=1`})
	status, _, resp = raw(t, srv, jwtToken(t, srv), http.MethodPost, "/envelopes", ctype, body)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, string(resp), "Document 1 is given twice")
}

func TestDocumentIDsOfGeneratedDocumentsAreRefused(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	d := definition("sent")
	d["documents"].([]any)[0].(map[string]any)["documentId"] = "combined"
	_, err := client(t, srv).Do(context.Background(), http.MethodPost, "/envelopes", d, nil)
	assertCode(t, err, 400, "INVALID_REQUEST_PARAMETER", "The request contained at least "+
		"one invalid parameter. The documentId combined is reserved for DocuSign's "+
		"generated documents; use a number.")
}
