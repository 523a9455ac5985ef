package docusigntest

import (
	"errors"
	"fmt"
	"time"
)

// The envelope state machine. An envelope is created (a draft) or sent;
// signers are reached in routing order (equal orders in parallel); the
// envelope is delivered once every signer has opened it (it stays sent
// while a later routing order waits); when every signer has
// signed, the carbon copies complete and so does the envelope. A decline
// ends it as declined, a void as voided. Every change emits its Connect
// events in DocuSign's order: envelope-sent before the recipient-sent it
// leads to, and the recipient events of an opening, a signature or a
// decline before the envelope event they cause.

// currentOrder is the lowest routing order of a signer who has not signed,
// or 0 when every signer has.
func (e *envelope) currentOrder() int {
	order := 0
	for _, r := range e.signers() {
		if r.status != statusCompleted && (order == 0 || r.routingOrder < order) {
			order = r.routingOrder
		}
	}
	return order
}

// sendEnvelope sends a draft. The caller holds s.mu.
func (s *Server) sendEnvelope(e *envelope, now time.Time) {
	e.setStatus(statusSent, now)
	e.log(now, "Envelope sent", s.cfg.userName)
	s.emit(e, "envelope-sent", nil)
	s.activate(e, now)
}

// activate sends the envelope to the recipients whose turn has come: the
// signers of the current routing order and the carbon copies up to it.
func (s *Server) activate(e *envelope, now time.Time) {
	order := e.currentOrder()
	for _, r := range e.recipients {
		due := r.routingOrder == order
		if r.kind == "carboncopy" {
			due = order == 0 || r.routingOrder <= order
		}
		if r.status == statusCreated && due {
			r.status, r.sent = statusSent, now
			s.emit(e, "recipient-sent", r)
		}
	}
}

// Open plays the recipient opening the envelope in the signing page: the
// recipient becomes delivered, and so does the envelope once every signer
// has opened it. Opening twice is no change.
func (s *Server) Open(envelopeID, recipientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, r, err := s.signerTurn(envelopeID, recipientID)
	if err != nil {
		return err
	}
	s.open(e, r, s.now())
	return nil
}

func (s *Server) open(e *envelope, r *recipient, now time.Time) {
	if r.status != statusSent {
		return
	}
	r.status, r.delivered = statusDelivered, now
	e.lastModified = now
	e.log(now, "Envelope viewed", r.name)
	s.emit(e, "recipient-delivered", r)
	if e.status == statusSent && e.allSignersViewed() {
		e.setStatus(statusDelivered, now)
		s.emit(e, "envelope-delivered", nil)
	}
}

// allSignersViewed reports whether every signer has opened the envelope.
func (e *envelope) allSignersViewed() bool {
	for _, r := range e.signers() {
		if r.delivered.IsZero() {
			return false
		}
	}
	return true
}

// Sign plays the recipient signing: opened first if it was not, then
// completed; the next routing order is sent, or, after the last signer,
// the carbon copies and the envelope complete.
func (s *Server) Sign(envelopeID, recipientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, r, err := s.signerTurn(envelopeID, recipientID)
	if err != nil {
		return err
	}
	s.sign(e, r, s.now())
	return nil
}

func (s *Server) sign(e *envelope, r *recipient, now time.Time) {
	s.open(e, r, now)
	r.status, r.signed = statusCompleted, now
	e.lastModified = now
	e.log(now, "Signed", r.name)
	s.emit(e, "recipient-completed", r)
	if e.currentOrder() != 0 {
		s.activate(e, now)
		return
	}
	s.activate(e, now)
	for _, cc := range e.recipients {
		if cc.kind == "carboncopy" && cc.status != statusCompleted {
			cc.status, cc.signed = statusCompleted, now
			s.emit(e, "recipient-completed", cc)
		}
	}
	e.setStatus(statusCompleted, now)
	e.log(now, "Envelope completed", "")
	s.emit(e, "envelope-completed", nil)
}

// Decline plays the recipient declining to sign: the recipient and the
// envelope become declined.
func (s *Server) Decline(envelopeID, recipientID string) error {
	return s.DeclineWithReason(envelopeID, recipientID, "")
}

// DeclineWithReason is Decline with the reason the recipient gave.
func (s *Server) DeclineWithReason(envelopeID, recipientID, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, r, err := s.signerTurn(envelopeID, recipientID)
	if err != nil {
		return err
	}
	s.decline(e, r, reason, s.now())
	return nil
}

func (s *Server) decline(e *envelope, r *recipient, reason string, now time.Time) {
	s.open(e, r, now)
	r.status, r.declined, r.declineReason = statusDeclined, now, reason
	e.log(now, "Declined", r.name)
	s.emit(e, "recipient-declined", r)
	e.setStatus(statusDeclined, now)
	s.emit(e, "envelope-declined", nil)
}

// ErrNotYourTurn is returned by Open, Sign and Decline for a signer whose
// routing order has not been reached, or who has already finished.
var ErrNotYourTurn = errors.New("docusigntest: it is not this recipient's turn")

func errNoEnvelope(id string) error {
	return fmt.Errorf("docusigntest: envelope %q does not exist", id)
}

func errNoDocument(envelopeID, documentID string) error {
	return fmt.Errorf("docusigntest: envelope %s has no document %q", envelopeID, documentID)
}

// signerTurn finds a signer who may act now. The caller holds s.mu.
func (s *Server) signerTurn(envelopeID, recipientID string) (*envelope, *recipient, error) {
	e := s.envelopes[envelopeID]
	if e == nil {
		return nil, nil, errNoEnvelope(envelopeID)
	}
	if !e.inProgress() {
		return nil, nil, fmt.Errorf("docusigntest: envelope %s is %s, not sent or delivered",
			envelopeID, e.status)
	}
	r := e.recipient(recipientID)
	switch {
	case r == nil:
		return nil, nil, fmt.Errorf("docusigntest: envelope %s has no recipient %q",
			envelopeID, recipientID)
	case r.kind != "signer":
		return nil, nil, fmt.Errorf("docusigntest: recipient %s of envelope %s is a %s, "+
			"not a signer", recipientID, envelopeID, r.kind)
	case r.status != statusSent && r.status != statusDelivered:
		return nil, nil, fmt.Errorf("%w: recipient %s of envelope %s is %s", ErrNotYourTurn,
			recipientID, envelopeID, r.status)
	}
	return e, r, nil
}
