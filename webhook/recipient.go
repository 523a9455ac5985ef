package webhook

import (
	"strings"
	"time"

	"github.com/esignkit/docusign-go/envelope"
)

// Recipient is one recipient's state as a message reports it, whatever the
// recipient's kind and the message's format.
type Recipient struct {
	// ID is the recipient's ID in the envelope ("1"). Legacy XML carries
	// only the recipient's GUID, which is then both ID and IDGUID.
	ID     string
	IDGUID string
	// Type is "signer", "carboncopy", "certifieddelivery",
	// "inpersonsigner", ...
	Type         string
	Name, Email  string
	RoutingOrder int
	// ClientUserID is set for an embedded recipient.
	ClientUserID string
	Status       envelope.RecipientStatus
	SentAt       time.Time
	DeliveredAt  time.Time
	SignedAt     time.Time
	DeclinedAt   time.Time
	// DeclineReason is the recipient's reason for declining.
	DeclineReason string
}

// recipientsOf lists the recipients of an envelope summary, every kind.
func recipientsOf(r envelope.Recipients) []Recipient {
	var out []Recipient
	add := func(kind, id, name, email, clientUserID string, order int, st envelope.RecipientState) {
		typ := st.RecipientType
		if typ == "" {
			typ = kind
		}
		out = append(out, Recipient{
			ID: id, IDGUID: st.RecipientIDGUID, Type: typ, Name: name, Email: email,
			RoutingOrder: order, ClientUserID: clientUserID, Status: st.Status,
			SentAt: st.SentDateTime, DeliveredAt: st.DeliveredDateTime,
			SignedAt: st.SignedDateTime, DeclinedAt: st.DeclinedDateTime,
			DeclineReason: st.DeclinedReason,
		})
	}
	for _, s := range r.Signers {
		add("signer", s.RecipientID, s.Name, s.Email, s.ClientUserID, s.RoutingOrder,
			s.RecipientState)
	}
	for _, c := range r.CarbonCopies {
		add("carboncopy", c.RecipientID, c.Name, c.Email, c.ClientUserID, c.RoutingOrder,
			c.RecipientState)
	}
	for _, c := range r.CertifiedDeliveries {
		add("certifieddelivery", c.RecipientID, c.Name, c.Email, c.ClientUserID,
			c.RoutingOrder, c.RecipientState)
	}
	for _, s := range r.InPersonSigners {
		add("inpersonsigner", s.RecipientID, s.SignerName, s.SignerEmail, s.ClientUserID,
			s.RoutingOrder, s.RecipientState)
	}
	return out
}

// impliedRecipientStatus is the status a recipient event gives its
// recipient; events that change no status (a failed authentication, a
// reassignment) give none.
func impliedRecipientStatus(t EventType) envelope.RecipientStatus {
	switch t {
	case EventRecipientSent, EventRecipientResent:
		return envelope.RecipientSent
	case EventRecipientDelivered:
		return envelope.RecipientDelivered
	case EventRecipientCompleted:
		return envelope.RecipientCompleted
	case EventRecipientDeclined:
		return envelope.RecipientDeclined
	case EventRecipientAutoResponded:
		return envelope.RecipientAutoResponded
	}
	return ""
}

// impliedStatus is the envelope status an envelope event names. Recipient
// events name none: a recipient completing does not complete the
// envelope (DocuSign sends envelope-completed when the last one does).
func impliedStatus(t EventType) envelope.Status {
	switch t {
	case EventEnvelopeCreated:
		return envelope.StatusCreated
	case EventEnvelopeSent, EventEnvelopeResent:
		return envelope.StatusSent
	case EventEnvelopeDelivered:
		return envelope.StatusDelivered
	case EventEnvelopeCompleted:
		return envelope.StatusCompleted
	case EventEnvelopeDeclined:
		return envelope.StatusDeclined
	case EventEnvelopeVoided:
		return envelope.StatusVoided
	case EventEnvelopeDeleted:
		return envelope.StatusDeleted
	}
	return ""
}

// withEventRecipient adds the recipient a recipient event names, with the
// status the event implies, when the message does not list it already
// (a message without includeData "recipients").
func withEventRecipient(ev *Event) {
	if !ev.Type.IsRecipient() || ev.RecipientID == "" {
		return
	}
	for _, r := range ev.Recipients {
		if r.ID == ev.RecipientID || strings.EqualFold(r.IDGUID, ev.RecipientID) {
			return
		}
	}
	ev.Recipients = append(ev.Recipients, Recipient{
		ID: ev.RecipientID, Status: impliedRecipientStatus(ev.Type),
	})
}
