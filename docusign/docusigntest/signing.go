package docusigntest

import (
	"io"
	"net/http"
	"strings"
)

func (s *Server) handleSigningPage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, e := s.activeView(w, r)
	if v == nil {
		return
	}
	rc := e.recipient(v.recipientID)
	if !e.inProgress() || (rc.status != statusSent && rc.status != statusDelivered) {
		delete(s.views, r.PathValue("token"))
		redirectEvent(w, r, v.returnURL, "ttl_expired")
		return
	}
	s.open(e, rc, s.now())
	render(w, http.StatusOK, "signing", map[string]any{"Subject": e.subject, "Blurb": e.blurb,
		"Name": rc.name, "Documents": documentLinks(e),
		"Base": "/Signing/MTRedeem/v1/" + r.PathValue("token")})
}

func (s *Server) handleSigningForm(w http.ResponseWriter, r *http.Request) {
	if !parseForm(w, r) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, e := s.consumeView(w, r)
	if v == nil {
		return
	}
	rc := e.recipient(v.recipientID)
	if !e.inProgress() || (rc.status != statusSent && rc.status != statusDelivered) {
		redirectEvent(w, r, v.returnURL, "ttl_expired")
		return
	}
	now := s.now()
	switch r.PostForm.Get("action") {
	case "sign":
		s.sign(e, rc, now)
		redirectEvent(w, r, v.returnURL, "signing_complete")
	case "decline":
		s.decline(e, rc, strings.TrimSpace(r.PostForm.Get("reason")), now)
		redirectEvent(w, r, v.returnURL, "decline")
	default:
		redirectEvent(w, r, v.returnURL, "cancel")
	}
}

// handleSigningDocument lets the signing page show a document while its
// view is valid.
func (s *Server) handleSigningDocument(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	v, e := s.activeView(w, r)
	if v == nil {
		s.mu.Unlock()
		return
	}
	d := e.document(r.PathValue("documentId"))
	s.mu.Unlock()
	if d == nil {
		renderMessage(w, http.StatusNotFound, "No such document", "The envelope has no "+
			"document "+r.PathValue("documentId")+".")
		return
	}
	rc, err := d.open()
	if err != nil {
		renderMessage(w, http.StatusInternalServerError, "Document unavailable", err.Error())
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", contentTypeFor(d))
	_, _ = io.Copy(w, rc)
}

func (s *Server) handleSendingPage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, e := s.activeView(w, r)
	if v == nil {
		return
	}
	var rcpts []string
	for _, rc := range e.recipients {
		rcpts = append(rcpts, rc.name+" <"+rc.email+"> ("+rc.kind+")")
	}
	render(w, http.StatusOK, "sending", map[string]any{"Subject": e.subject,
		"Documents": documentLinks(e), "Recipients": rcpts,
		"Base": "/Sending/v1/" + r.PathValue("token")})
}

func (s *Server) handleSendingForm(w http.ResponseWriter, r *http.Request) {
	if !parseForm(w, r) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, e := s.consumeView(w, r)
	if v == nil {
		return
	}
	if r.PostForm.Get("action") != "send" {
		redirectEvent(w, r, v.returnURL, "Cancel")
		return
	}
	if e.status != statusCreated || checkComplete(e) != nil {
		redirectEvent(w, r, v.returnURL, "Error")
		return
	}
	s.sendEnvelope(e, s.now())
	redirectEvent(w, r, v.returnURL, "Send")
}

// parseForm reads a page's form, answering the request itself when it
// cannot.
func parseForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		renderMessage(w, http.StatusBadRequest, "Form not valid", err.Error())
		return false
	}
	return true
}

// consumeView is activeView for a form's answer: the view is used up. The
// caller holds s.mu.
func (s *Server) consumeView(w http.ResponseWriter, r *http.Request) (*view, *envelope) {
	v, e := s.activeView(w, r)
	if v != nil {
		delete(s.views, r.PathValue("token"))
	}
	return v, e
}
