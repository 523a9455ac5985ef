package docusigntest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
)

// maxDefinitionJSON caps the envelope definition part of a multipart create,
// which carries no document bytes.
const maxDefinitionJSON = 32 << 20

// upload is a document's content read from the request.
type upload struct {
	data []byte
	path string
	size int64
	name string
}

func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request, acct *account) {
	def, uploads, aerr := s.readCreate(r)
	if aerr != nil {
		removeUploads(uploads)
		writeAPIError(w, aerr)
		return
	}
	env, aerr := s.buildEnvelope(acct, def, uploads)
	if aerr != nil {
		removeUploads(uploads)
		writeAPIError(w, aerr)
		return
	}
	s.mu.Lock()
	s.envelopes[env.id] = env
	s.order = append(s.order, env)
	s.creates++
	now := s.now()
	env.log(now, "Envelope created", s.cfg.userName)
	if def.Status == statusSent {
		s.sendEnvelope(env, now)
	} else {
		s.emit(env, "envelope-created", nil)
	}
	summary := envelopeSummary{EnvelopeID: env.id, URI: "/envelopes/" + env.id,
		StatusDateTime: formatTime(env.statusChanged), Status: env.status}
	slow := s.slowness
	s.mu.Unlock()
	if slow > 0 && !s.sleep(r, slow) {
		return
	}
	writeJSON(w, http.StatusCreated, summary)
}

type envelopeSummary struct {
	EnvelopeID     string `json:"envelopeId"`
	URI            string `json:"uri"`
	StatusDateTime string `json:"statusDateTime"`
	Status         string `json:"status"`
}

// readCreate reads a create request in either of DocuSign's forms: JSON
// with documentBase64, or multipart/form-data with the definition first and
// one part per document.
func (s *Server) readCreate(r *http.Request) (*envelopeDefinitionIn, map[string]*upload,
	*apiError) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case err != nil || mt == "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, nil, readError(err)
		}
		def, aerr := decodeDefinition(body)
		if aerr != nil {
			return nil, nil, aerr
		}
		uploads, aerr := s.decodeBase64Documents(def)
		return def, uploads, aerr
	case mt == "multipart/form-data" || mt == "multipart/mixed":
		return s.readMultipart(r, params["boundary"])
	}
	return nil, nil, invalidBody("The Content-Type " + mt + " is not accepted; send " +
		"application/json or multipart/form-data.")
}

func readError(err error) *apiError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &apiError{status: http.StatusRequestEntityTooLarge, code: "INVALID_REQUEST_BODY",
			message: msgInvalidBody + fmt.Sprintf("The body exceeds %d bytes.", mbe.Limit)}
	}
	return invalidBody("The body could not be read: " + err.Error() + ".")
}

func decodeDefinition(body []byte) (*envelopeDefinitionIn, *apiError) {
	if aerr := checkStrict(body, "envelopeDefinition"); aerr != nil {
		return nil, aerr
	}
	var def envelopeDefinitionIn
	if err := json.Unmarshal(body, &def); err != nil {
		return nil, invalidBody(err.Error() + ".")
	}
	return &def, nil
}

func (s *Server) decodeBase64Documents(def *envelopeDefinitionIn) (map[string]*upload,
	*apiError) {
	uploads := map[string]*upload{}
	for i, d := range def.Documents {
		if d.DocumentBase64 == nil {
			continue
		}
		dec := base64.NewDecoder(base64.StdEncoding, strings.NewReader(string(*d.DocumentBase64)))
		data, path, size, err := s.storeContent(dec)
		if err != nil {
			removeUploads(uploads)
			return nil, invalidBody(fmt.Sprintf("documents[%d].documentBase64 is not "+
				"valid base64: %v.", i, err))
		}
		uploads[string(d.DocumentID)] = &upload{data: data, path: path, size: size}
	}
	return uploads, nil
}

func (s *Server) readMultipart(r *http.Request, boundary string) (*envelopeDefinitionIn,
	map[string]*upload, *apiError) {
	if boundary == "" {
		return nil, nil, invalidBody("The multipart Content-Type has no boundary.")
	}
	mr := multipart.NewReader(r.Body, boundary)
	first, err := mr.NextRawPart()
	if err != nil {
		return nil, nil, invalidBody("The multipart body has no parts: " + err.Error() + ".")
	}
	body, err := io.ReadAll(io.LimitReader(first, maxDefinitionJSON))
	if err != nil {
		return nil, nil, readError(err)
	}
	def, aerr := decodeDefinition(body)
	if aerr != nil {
		return nil, nil, aerr
	}
	// A multipart definition may still carry some documents inline.
	uploads, aerr := s.decodeBase64Documents(def)
	if aerr != nil {
		return nil, nil, aerr
	}
	for {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			return def, uploads, nil
		}
		if err != nil {
			return nil, uploads, readError(err)
		}
		disp, dp, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		id := dp["documentid"]
		if err != nil || id == "" || (disp != "file" && disp != "form-data") {
			return nil, uploads, invalidBody("Each document part needs a Content-Disposition " +
				`like: file; filename="name.pdf"; documentid=1.`)
		}
		if uploads[id] != nil {
			return nil, uploads, invalidBody("Document " + id + " is given twice: by two " +
				"parts, or by a part and documentBase64.")
		}
		data, path, size, err := s.storeContent(part)
		if err != nil {
			return nil, uploads, readError(err)
		}
		uploads[id] = &upload{data: data, path: path, size: size, name: dp["filename"]}
	}
}

func removeUploads(uploads map[string]*upload) {
	for _, u := range uploads {
		(&document{path: u.path}).remove()
	}
}
