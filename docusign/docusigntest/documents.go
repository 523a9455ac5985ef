package docusigntest

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"path"
	"slices"
	"strings"
)

func (s *Server) handleDocuments(w http.ResponseWriter, r *http.Request, acct *account) {
	s.mu.Lock()
	e, aerr := s.lookupForRead(acct, r.PathValue("envelopeId"))
	var docs []documentOut
	if aerr == nil {
		docs = renderDocuments(e, true)
	}
	s.mu.Unlock()
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"envelopeId": e.id, "envelopeDocuments": docs})
}

// handleDocument serves one document byte for byte as uploaded, or one of
// DocuSign's generated documents: certificate, combined (a PDF the fake
// writes: a page per document and the certificate; ?certificate=false
// leaves the certificate out) and archive (a zip of the documents and the
// certificate, streamed).
func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request, acct *account) {
	id := r.PathValue("documentId")
	withCert := !strings.EqualFold(r.URL.Query().Get("certificate"), "false")
	s.mu.Lock()
	e, aerr := s.lookup(acct, r.PathValue("envelopeId"))
	var (
		dl   download
		cert []byte
	)
	if aerr == nil {
		// Documents never change once created, so they are read below,
		// outside the lock; the generated PDFs need the envelope's state.
		cert = writePDF("Certificate of Completion", []pdfPage{s.certificatePage(e)})
		dl, aerr = s.prepareDownload(e, id, withCert)
	}
	s.mu.Unlock()
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	switch {
	case id == "certificate":
		dl.body = cert
	case id == "archive":
		s.writeDownload(w, dl.name, dl.ctype, id, func(out io.Writer) error {
			return writeArchive(out, dl.docs, cert)
		})
		return
	}
	src := io.NopCloser(bytes.NewReader(dl.body))
	if dl.doc != nil {
		rc, err := dl.doc.open()
		if err != nil {
			writeError(w, http.StatusInternalServerError, "UNSPECIFIED_ERROR", err.Error())
			return
		}
		src = rc
	}
	defer src.Close()
	s.writeDownload(w, dl.name, dl.ctype, id, func(out io.Writer) error {
		_, err := io.Copy(out, src)
		return err
	})
}

// download is what handleDocument serves.
type download struct {
	name, ctype string
	body        []byte
	doc         *document
	docs        []*document
}

// prepareDownload resolves a documentId. The caller holds s.mu.
func (s *Server) prepareDownload(e *envelope, id string, withCert bool) (download, *apiError) {
	switch id {
	case "certificate":
		return download{name: "Summary.pdf", ctype: "application/pdf"}, nil
	case "combined":
		return download{name: "combined.pdf", ctype: "application/pdf",
			body: s.combinedPDF(e, withCert)}, nil
	case "archive":
		return download{name: e.id + ".zip", ctype: "application/zip",
			docs: slices.Clone(e.documents)}, nil
	}
	d := e.document(id)
	if d == nil {
		return download{}, badRequest("DOCUMENT_DOES_NOT_EXIST", "The document specified "+
			"was not found. Document "+id+" is not in envelope "+e.id+".")
	}
	return download{name: fileName(d), ctype: contentTypeFor(d), doc: d}, nil
}

// writeDownload answers with a file written by body, base64-encoded with
// Content-Transfer-Encoding: base64 when WithBase64Downloads asks. A failure
// after the first byte can only cut the answer short.
func (s *Server) writeDownload(w http.ResponseWriter, name, ctype, id string,
	body func(io.Writer) error) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf("file; filename=%q; documentid=%s", name, id))
	if !s.cfg.base64Downloads {
		w.WriteHeader(http.StatusOK)
		_ = body(w)
		return
	}
	h.Set("Content-Transfer-Encoding", "base64")
	w.WriteHeader(http.StatusOK)
	enc := base64.NewEncoder(base64.StdEncoding, w)
	if body(enc) == nil {
		_ = enc.Close()
	}
}

func fileName(d *document) string {
	if d.ext == "" || strings.HasSuffix(strings.ToLower(d.name), "."+strings.ToLower(d.ext)) {
		return d.name
	}
	return d.name + "." + d.ext
}

var contentTypes = map[string]string{
	"pdf": "application/pdf", "txt": "text/plain", "htm": "text/html", "html": "text/html",
	"doc": "application/msword", "rtf": "application/rtf", "png": "image/png",
	"jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "csv": "text/csv",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

func contentTypeFor(d *document) string {
	ext := strings.ToLower(d.ext)
	if ext == "" {
		ext = strings.TrimPrefix(strings.ToLower(path.Ext(d.name)), ".")
	}
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if bytes.HasPrefix(d.head(5), []byte("%PDF-")) {
		return "application/pdf"
	}
	return "application/octet-stream"
}

// certificatePage is the certificate of completion's text. The caller holds
// s.mu.
func (s *Server) certificatePage(e *envelope) pdfPage {
	p := pdfPage{"Certificate Of Completion",
		"Envelope Id: " + e.id, "Subject: " + e.subject, "Status: " + e.status,
		"Envelope originator: " + s.cfg.userName + " <" + s.cfg.userEmail + ">", "",
		"Documents:"}
	for _, d := range e.documents {
		p = append(p, fmt.Sprintf("  %s (document %s, %d bytes)", d.name, d.id, d.size))
	}
	p = append(p, "", "Signers:")
	for _, r := range e.recipients {
		line := fmt.Sprintf("  %s <%s>: %s", r.name, r.email, r.status)
		switch {
		case r.kind == "carboncopy":
			line = fmt.Sprintf("  Carbon copy: %s <%s>: %s", r.name, r.email, r.status)
		case !r.signed.IsZero():
			line += ", signed " + formatTime(r.signed)
		case !r.declined.IsZero():
			line += ", declined " + formatTime(r.declined)
		}
		p = append(p, line)
	}
	p = append(p, "", "Envelope history:")
	for _, h := range e.history {
		line := "  " + formatTime(h.at) + "  " + h.action
		if h.who != "" {
			line += " by " + h.who
		}
		p = append(p, line)
	}
	return p
}

// combinedPDF writes the envelope as one PDF: a page naming each document
// and who signed it, then the certificate. The fake does not merge the
// uploaded PDFs' own pages; it names them. The caller holds s.mu.
func (s *Server) combinedPDF(e *envelope, withCert bool) []byte {
	var pages []pdfPage
	for i, d := range e.documents {
		p := pdfPage{d.name, fmt.Sprintf("Document %d of %d of envelope %s", i+1,
			len(e.documents), e.id), fmt.Sprintf("Uploaded file: %s, %d bytes", fileName(d),
			d.size), ""}
		for _, r := range e.signers() {
			if !r.signed.IsZero() {
				p = append(p, "Signed by "+r.name+" <"+r.email+"> at "+formatTime(r.signed))
			}
		}
		pages = append(pages, p)
	}
	if withCert {
		pages = append(pages, s.certificatePage(e))
	}
	return writePDF(e.subject, pages)
}

// writeArchive writes a zip of the documents as uploaded and the
// certificate.
func writeArchive(w io.Writer, docs []*document, cert []byte) error {
	zw := zip.NewWriter(w)
	add := func(name string, src io.Reader) error {
		f, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, src)
		return err
	}
	for _, d := range docs {
		rc, err := d.open()
		if err != nil {
			return err
		}
		err = add(fileName(d), rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	if err := add("Summary.pdf", bytes.NewReader(cert)); err != nil {
		return err
	}
	return zw.Close()
}
