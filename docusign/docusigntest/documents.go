package docusigntest

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
)

func (s *Server) handleDocuments(w http.ResponseWriter, r *http.Request, acct *account) {
	s.mu.Lock()
	e, aerr := s.lookup(acct, r.PathValue("envelopeId"))
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
// certificate).
func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request, acct *account) {
	id := r.PathValue("documentId")
	withCert := !strings.EqualFold(r.URL.Query().Get("certificate"), "false")
	s.mu.Lock()
	e, aerr := s.lookup(acct, r.PathValue("envelopeId"))
	var (
		body     []byte
		doc      *document
		name     string
		ctype    = "application/pdf"
		buildErr error
	)
	if aerr == nil {
		switch id {
		case "certificate":
			body, name = writePDF("Certificate of Completion",
				[]pdfPage{s.certificatePage(e)}), "Summary.pdf"
		case "combined":
			body, name = s.combinedPDF(e, withCert), "combined.pdf"
		case "archive":
			body, buildErr = s.archive(e)
			name, ctype = e.id+".zip", "application/zip"
		default:
			if doc = e.document(id); doc == nil {
				aerr = badRequest("DOCUMENT_DOES_NOT_EXIST", "The document specified was "+
					"not found. Document "+id+" is not in envelope "+e.id+".")
			} else {
				name, ctype = fileName(doc), contentTypeFor(doc)
			}
		}
	}
	s.mu.Unlock()
	switch {
	case aerr != nil:
		writeAPIError(w, aerr)
		return
	case buildErr != nil:
		writeError(w, http.StatusInternalServerError, "UNSPECIFIED_ERROR", buildErr.Error())
		return
	}
	var src io.ReadCloser = io.NopCloser(bytes.NewReader(body))
	if doc != nil {
		rc, err := doc.open()
		if err != nil {
			writeError(w, http.StatusInternalServerError, "UNSPECIFIED_ERROR", err.Error())
			return
		}
		src = rc
	}
	defer src.Close()
	s.writeDownload(w, src, name, ctype, id)
}

func (s *Server) writeDownload(w http.ResponseWriter, src io.Reader, name, ctype, id string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf("file; filename=%q; documentid=%s", name, id))
	if !s.cfg.base64Downloads {
		w.WriteHeader(http.StatusOK)
		_, _ = io.Copy(w, src)
		return
	}
	h.Set("Content-Transfer-Encoding", "base64")
	w.WriteHeader(http.StatusOK)
	enc := base64.NewEncoder(base64.StdEncoding, w)
	_, _ = io.Copy(enc, src)
	_ = enc.Close()
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

// archive zips the documents as uploaded and the certificate. The caller
// holds s.mu.
func (s *Server) archive(e *envelope) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, src io.Reader) error {
		f, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, src)
		return err
	}
	for _, d := range e.documents {
		rc, err := d.open()
		if err != nil {
			return nil, err
		}
		err = add(fileName(d), rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	cert := writePDF("Certificate of Completion", []pdfPage{s.certificatePage(e)})
	if err := add("Summary.pdf", bytes.NewReader(cert)); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
