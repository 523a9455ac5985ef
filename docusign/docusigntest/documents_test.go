package docusigntest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/esignkit/docusign-go/docusign"
	"github.com/esignkit/docusign-go/docusign/docusigntest"
)

func download(t *testing.T, c *docusign.Client, id, doc string) ([]byte, http.Header) {
	t.Helper()
	var rc io.ReadCloser
	resp, err := c.Do(context.Background(), http.MethodGet,
		"/envelopes/"+id+"/documents/"+doc, nil, &rc)
	require.NoError(t, err)
	defer rc.Close()
	data, err := io.ReadAll(rc)
	require.NoError(t, err)
	return data, resp.Header
}

// checkPDF parses the structure a PDF reader relies on: the header, the
// trailer and startxref, and a cross-reference table whose every offset
// points at the object it names.
func checkPDF(t *testing.T, pdf []byte) {
	t.Helper()
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-1.")), "PDF header")
	require.True(t, bytes.HasSuffix(bytes.TrimRight(pdf, "\n"), []byte("%%EOF")))
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`).FindSubmatch(pdf)
	require.NotNil(t, m, "startxref")
	xref, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf[xref:], []byte("xref\n")), "startxref points at xref")
	lines := strings.Split(string(pdf[xref:]), "\n")
	header := strings.Fields(lines[1])
	require.Len(t, header, 2)
	count, err := strconv.Atoi(header[1])
	require.NoError(t, err)
	assert.Equal(t, "0000000000 65535 f ", lines[2])
	for n := 1; n < count; n++ {
		entry := lines[2+n]
		require.Len(t, entry, 19, "xref entries are 20 bytes with the newline")
		off, err := strconv.Atoi(entry[:10])
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(pdf[off:], []byte(strconv.Itoa(n)+" 0 obj")),
			"xref entry %d points at its object", n)
	}
	trailer := string(pdf[xref:])
	assert.Contains(t, trailer, "trailer\n<< /Size "+strconv.Itoa(count)+" /Root 1 0 R")
	assert.Contains(t, string(pdf), "/Type /Catalog")
	for _, sm := range regexp.MustCompile(`(?s)<< /Length (\d+) >>\nstream\n`).
		FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[sm[2]:sm[3]]))
		assert.True(t, bytes.HasPrefix(pdf[sm[1]+n:], []byte("\nendstream")),
			"stream length is exact")
	}
}

func completedEnvelope(t *testing.T, srv *docusigntest.Server, c *docusign.Client) string {
	t.Helper()
	id := create(t, c, definition("sent")).EnvelopeID
	require.NoError(t, srv.Sign(id, "1"))
	return id
}

func TestCombinedAndCertificateAreValidPDFsNamingDocumentsAndSigners(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := completedEnvelope(t, srv, c)

	combined, h := download(t, c, id, "combined")
	assert.Equal(t, "application/pdf", h.Get("Content-Type"))
	checkPDF(t, combined)
	assert.Contains(t, string(combined), "(Contract.pdf) Tj")
	assert.Contains(t, string(combined), "Signed by Ann Signer <ann@example.com>")
	assert.Contains(t, string(combined), "Certificate Of Completion")

	noCert, _ := download(t, c, id, "combined?certificate=false")
	checkPDF(t, noCert)
	assert.NotContains(t, string(noCert), "Certificate Of Completion")

	cert, _ := download(t, c, id, "certificate")
	checkPDF(t, cert)
	for _, want := range []string{id, "Ann Signer", "completed", "Envelope sent", "Signed by"} {
		assert.Contains(t, string(cert), want)
	}
}

// TestLongUnbrokenNamesStillMakeAPDF: the certificate wraps its lines, and
// a name without spaces longer than a line (a file name, a URL) is cut
// rather than stopping the server.
func TestLongUnbrokenNamesStillMakeAPDF(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	def := definition("sent")
	name := strings.Repeat("x", 120) + ".pdf"
	def["documents"].([]any)[0].(map[string]any)["name"] = name
	def["emailSubject"] = strings.Repeat("s", 100)
	id := create(t, c, def).EnvelopeID
	for _, doc := range []string{"certificate", "combined"} {
		pdf, _ := download(t, c, id, doc)
		checkPDF(t, pdf)
		assert.Contains(t, string(pdf), strings.Repeat("x", 80), doc)
	}
}

func TestArchiveIsAZipOfTheDocumentsAndCertificate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := completedEnvelope(t, srv, c)
	data, h := download(t, c, id, "archive")
	assert.Equal(t, "application/zip", h.Get("Content-Type"))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"Contract.pdf", "Summary.pdf"}, names)
	rc, err := zr.File[0].Open()
	require.NoError(t, err)
	got, _ := io.ReadAll(rc)
	rc.Close()
	assert.Equal(t, samplePDF, got)
}

func TestDocumentsListIncludesTheCertificate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	var out struct {
		EnvelopeID        string
		EnvelopeDocuments []struct{ DocumentID, Name, Type, URI, Order, SizeBytes string }
	}
	_, err := c.Do(context.Background(), http.MethodGet, "/envelopes/"+id+"/documents", nil, &out)
	require.NoError(t, err)
	require.Len(t, out.EnvelopeDocuments, 2)
	assert.Equal(t, "content", out.EnvelopeDocuments[0].Type)
	assert.Equal(t, strconv.Itoa(len(samplePDF)), out.EnvelopeDocuments[0].SizeBytes)
	assert.Equal(t, "/envelopes/"+id+"/documents/1", out.EnvelopeDocuments[0].URI)
	cert := out.EnvelopeDocuments[1]
	assert.Equal(t, []string{"certificate", "summary", "999"},
		[]string{cert.DocumentID, cert.Type, cert.Order})

	_, err = c.Do(context.Background(), http.MethodGet, "/envelopes/"+id+"/documents/7", nil, nil)
	assertCode(t, err, 400, "DOCUMENT_DOES_NOT_EXIST",
		"The document specified was not found. Document 7 is not in envelope "+id+".")
}

func TestBase64DownloadsCarryContentTransferEncoding(t *testing.T) {
	t.Parallel()
	srv := newServer(t, docusigntest.WithBase64Downloads())
	c := client(t, srv)
	id := create(t, c, definition("sent")).EnvelopeID
	status, h, body := raw(t, srv, jwtToken(t, srv), http.MethodGet,
		"/envelopes/"+id+"/documents/1", "", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "base64", h.Get("Content-Transfer-Encoding"))
	decoded, err := base64.StdEncoding.DecodeString(string(body))
	require.NoError(t, err)
	assert.Equal(t, samplePDF, decoded)
	assert.Contains(t, h.Get("Content-Disposition"), `filename="Contract.pdf"`)
}
