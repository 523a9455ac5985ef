package docusigntest

import (
	"io"
	"time"

	"golang.org/x/oauth2"
)

// Envelope is a snapshot of an envelope the server holds, for assertions.
type Envelope struct {
	ID, AccountID string
	Status        string
	EmailSubject  string
	EmailBlurb    string
	TransactionID string
	VoidedReason  string
	Documents     []Document
	Recipients    []Recipient
	Created       time.Time
	StatusChanged time.Time
}

// Document describes an uploaded document.
type Document struct {
	ID, Name, FileExtension string
	Size                    int64
}

// Recipient describes a signer or carbon copy.
type Recipient struct {
	// Type is "signer" or "carboncopy".
	Type            string
	ID, Name, Email string
	ClientUserID    string
	RoutingOrder    int
	Status          string
}

func (s *Server) snapshot(e *envelope) Envelope {
	out := Envelope{ID: e.id, AccountID: e.accountID, Status: e.status,
		EmailSubject: e.subject, EmailBlurb: e.blurb, TransactionID: e.transactionID,
		VoidedReason: e.voidedReason, Created: e.created, StatusChanged: e.statusChanged}
	for _, d := range e.documents {
		out.Documents = append(out.Documents, Document{ID: d.id, Name: d.name,
			FileExtension: d.ext, Size: d.size})
	}
	for _, r := range e.recipients {
		out.Recipients = append(out.Recipients, Recipient{Type: r.kind, ID: r.id,
			Name: r.name, Email: r.email, ClientUserID: r.clientUserID,
			RoutingOrder: r.routingOrder, Status: r.status})
	}
	return out
}

// Envelopes returns every envelope the server holds, in creation order.
func (s *Server) Envelopes() []Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Envelope, 0, len(s.order))
	for _, e := range s.order {
		out = append(out, s.snapshot(e))
	}
	return out
}

// Envelope returns the envelope with id, if the server holds it.
func (s *Server) Envelope(id string) (Envelope, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.envelopes[id]
	if e == nil {
		return Envelope{}, false
	}
	return s.snapshot(e), true
}

// DocumentContent opens the bytes of a document exactly as they were
// uploaded. The caller closes it.
func (s *Server) DocumentContent(envelopeID, documentID string) (io.ReadCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.envelopes[envelopeID]
	if e == nil {
		return nil, errNoEnvelope(envelopeID)
	}
	d := e.document(documentID)
	if d == nil {
		return nil, errNoDocument(envelopeID, documentID)
	}
	return d.open()
}

// IssueToken issues a one-hour access token for the user, as a JWT grant
// would, for tests that are not about authentication.
func (s *Server) IssueToken() (*oauth2.Token, error) {
	resp := s.issue("signature impersonation", jwtTokenLifetime)
	return &oauth2.Token{AccessToken: resp.AccessToken, TokenType: resp.TokenType,
		Expiry: s.now().Add(jwtTokenLifetime)}, nil
}
