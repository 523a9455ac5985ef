package envelope

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strings"
)

// The special document IDs of Document.
const (
	// DocumentCombined is every document merged into one PDF, with the
	// certificate of completion when the account is set to add it: the
	// signed contract.
	DocumentCombined = "combined"
	// DocumentArchive is a ZIP file of the documents and the certificate.
	DocumentArchive = "archive"
	// DocumentCertificate is the certificate of completion alone.
	DocumentCertificate = "certificate"
	// DocumentPortfolio is the documents as a PDF portfolio.
	DocumentPortfolio = "portfolio"
)

// Document streams one of an envelope's documents: a documentId from
// Documents, or DocumentCombined, DocumentArchive, DocumentCertificate or
// DocumentPortfolio. The caller reads and closes it. The bytes are passed
// through untouched, never held in memory; a body DocuSign sends with
// Content-Transfer-Encoding: base64 is decoded as it is read.
//
//	rc, err := envelopes.Document(ctx, id, envelope.DocumentCombined)
//	if err != nil {
//		return err
//	}
//	defer rc.Close()
//	_, err = io.Copy(file, rc)
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopedocuments/get/
func (s *Service) Document(ctx context.Context, id, documentID string) (io.ReadCloser, error) {
	if err := s.check(id); err != nil {
		return nil, err
	}
	if documentID == "" {
		return nil, errors.New("envelope: the document ID is empty; give a documentId " +
			"or DocumentCombined")
	}
	path := envelopePath(id, "documents", documentID)

	var body io.ReadCloser
	resp, err := s.client.Do(ctx, http.MethodGet, path, nil, &body)
	if err != nil {
		return nil, err
	}
	cte := strings.TrimSpace(resp.Header.Get("Content-Transfer-Encoding"))
	if !strings.EqualFold(cte, "base64") {
		return body, nil
	}
	return readCloser{base64.NewDecoder(base64.StdEncoding, body), body}, nil
}

// readCloser reads from one reader and closes another.
type readCloser struct {
	io.Reader
	io.Closer
}
