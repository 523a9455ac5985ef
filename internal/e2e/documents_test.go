package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
	"github.com/esignkit/docusign-go/envelope"
)

// Downloads come back byte for byte, whether DocuSign sends them raw or
// base64-encoded with Content-Transfer-Encoding: base64 (when it does the
// latter is not documented, so both are served here).
func TestDocumentDownloadsAreByteForByteRawOrBase64(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		opts   []docusigntest.Option
		base64 bool
	}{
		{"raw", nil, false},
		{"base64", []docusigntest.Option{docusigntest.WithBase64Downloads()}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := startFake(t, tc.opts...)
			client := newClient(t, srv, jwtSource(t, srv), srv.Account())
			svc := newServiceFor(client)
			files := newContractFiles(t)
			sum, err := svc.Create(t.Context(), contractDefinition(t, files, nil))
			require.NoError(t, err)
			require.NoError(t, srv.Sign(sum.EnvelopeID, "1"))
			id := sum.EnvelopeID

			assert.Equal(t, files.pdf, download(t, svc, id, "1"))
			assert.Equal(t, files.docx, download(t, svc, id, "2"))
			for _, special := range []string{envelope.DocumentCombined,
				envelope.DocumentCertificate} {
				got := download(t, svc, id, special)
				assert.True(t, bytes.HasPrefix(got, []byte("%PDF-")), "%s: %.20q", special, got)
			}
			srv.ExpireTokens() // a refused download is replayed like any call
			archive := download(t, svc, id, envelope.DocumentArchive)
			zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
			require.NoError(t, err)
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
			}
			assert.Equal(t, []string{"Contract C-2025-14.pdf", "Terms.docx", "Summary.pdf"}, names)
			assert.Equal(t, files.docx, zipEntry(t, zr, "Terms.docx"))

			// The wire form is what the case says: the decoding is the SDK's.
			var raw io.ReadCloser
			resp, err := client.Do(t.Context(), http.MethodGet,
				"/envelopes/"+id+"/documents/1", nil, &raw)
			require.NoError(t, err)
			wire, err := io.ReadAll(raw)
			require.NoError(t, raw.Close())
			require.NoError(t, err)
			if tc.base64 {
				assert.Equal(t, "base64", resp.Header.Get("Content-Transfer-Encoding"))
				assert.Equal(t, base64.StdEncoding.EncodeToString(files.pdf), string(wire))
			} else {
				assert.Equal(t, files.pdf, wire)
			}

			_, err = svc.Document(t.Context(), id, "9")
			require.ErrorIs(t, err, docusign.ErrNotFound)
			assert.Equal(t, "DOCUMENT_DOES_NOT_EXIST", apiError(t, err).Code)
		})
	}
}

func download(t *testing.T, svc *envelope.Service, envelopeID, documentID string) []byte {
	t.Helper()
	rc, err := svc.Document(t.Context(), envelopeID, documentID)
	require.NoError(t, err, documentID)
	defer rc.Close()
	data, err := io.ReadAll(rc)
	require.NoError(t, err, documentID)
	return data
}

func zipEntry(t *testing.T, zr *zip.Reader, name string) []byte {
	t.Helper()
	f, err := zr.Open(name)
	require.NoError(t, err)
	defer f.Close()
	data, err := io.ReadAll(f)
	require.NoError(t, err)
	return data
}
