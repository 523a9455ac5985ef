package webhook

import "strings"

// EventType names what happened, as DocuSign writes it in a JSON SIM
// message's "event" member ("envelope-completed"). A legacy XML message
// names no event; Parse derives its type from the envelope's status.
type EventType string

// Envelope events. The list follows DocuSign's event triggers; the official
// page could not be read when this was written, so it rests on several
// independent sources that agree.
const (
	// EventEnvelopeCreated: a draft was saved.
	EventEnvelopeCreated EventType = "envelope-created"
	// EventEnvelopeSent: the invitation went to at least one recipient.
	EventEnvelopeSent EventType = "envelope-sent"
	// EventEnvelopeResent: the sender resent the invitations.
	EventEnvelopeResent EventType = "envelope-resent"
	// EventEnvelopeDelivered: every recipient has opened the envelope.
	EventEnvelopeDelivered EventType = "envelope-delivered"
	// EventEnvelopeCompleted: every recipient finished; the signed
	// documents are ready.
	EventEnvelopeCompleted EventType = "envelope-completed"
	// EventEnvelopeDeclined: a recipient declined to sign.
	EventEnvelopeDeclined EventType = "envelope-declined"
	// EventEnvelopeVoided: the sender voided the envelope.
	EventEnvelopeVoided EventType = "envelope-voided"
	// EventEnvelopeCorrected: the sender corrected the envelope after
	// sending it.
	EventEnvelopeCorrected EventType = "envelope-corrected"
	// EventEnvelopePurge: the envelope's documents were queued for purging.
	EventEnvelopePurge EventType = "envelope-purge"
	// EventEnvelopeDeleted: the envelope was deleted.
	EventEnvelopeDeleted EventType = "envelope-deleted"
	// EventEnvelopeDiscard: a draft was discarded.
	EventEnvelopeDiscard EventType = "envelope-discard"
)

// Recipient events. The message's RecipientID names the recipient.
const (
	// EventRecipientSent: the recipient's invitation was sent.
	EventRecipientSent EventType = "recipient-sent"
	// EventRecipientResent: the recipient's invitation was sent again.
	EventRecipientResent EventType = "recipient-resent"
	// EventRecipientDelivered: the recipient opened the documents.
	EventRecipientDelivered EventType = "recipient-delivered"
	// EventRecipientCompleted: the recipient finished its part. The
	// envelope is completed only when every recipient is; DocuSign then
	// sends envelope-completed.
	EventRecipientCompleted EventType = "recipient-completed"
	// EventRecipientDeclined: the recipient declined to sign.
	EventRecipientDeclined EventType = "recipient-declined"
	// EventRecipientAuthenticationFailed: the recipient failed an access
	// code, phone or ID check.
	EventRecipientAuthenticationFailed EventType = "recipient-authenticationfailed"
	// EventRecipientAutoResponded: the recipient's mail system answered
	// automatically (out of office, or a bounce).
	EventRecipientAutoResponded EventType = "recipient-autoresponded"
	// EventRecipientReassign: the recipient handed the envelope to
	// someone else.
	EventRecipientReassign EventType = "recipient-reassign"
	// EventRecipientDelegate: the recipient delegated its part.
	EventRecipientDelegate EventType = "recipient-delegate"
	// EventRecipientFinishLater: the recipient chose to finish later.
	EventRecipientFinishLater EventType = "recipient-finish-later"
)

// Template events.
const (
	// EventTemplateCreated: a template was created.
	EventTemplateCreated EventType = "template-created"
	// EventTemplateModified: a template was changed.
	EventTemplateModified EventType = "template-modified"
	// EventTemplateDeleted: a template was deleted.
	EventTemplateDeleted EventType = "template-deleted"
)

// eventTypes lists every EventType this package knows.
var eventTypes = []EventType{
	EventEnvelopeCreated, EventEnvelopeSent, EventEnvelopeResent, EventEnvelopeDelivered,
	EventEnvelopeCompleted, EventEnvelopeDeclined, EventEnvelopeVoided,
	EventEnvelopeCorrected, EventEnvelopePurge, EventEnvelopeDeleted, EventEnvelopeDiscard,
	EventRecipientSent, EventRecipientResent, EventRecipientDelivered,
	EventRecipientCompleted, EventRecipientDeclined, EventRecipientAuthenticationFailed,
	EventRecipientAutoResponded, EventRecipientReassign, EventRecipientDelegate,
	EventRecipientFinishLater,
	EventTemplateCreated, EventTemplateModified, EventTemplateDeleted,
}

// EventTypes returns every event type this package knows, envelope events
// first, then recipient and template events.
func EventTypes() []EventType { return append([]EventType(nil), eventTypes...) }

// Known reports whether t is one of the event types this package knows.
func (t EventType) Known() bool {
	for _, k := range eventTypes {
		if t == k {
			return true
		}
	}
	return false
}

// IsEnvelope reports whether t is an envelope event.
func (t EventType) IsEnvelope() bool { return strings.HasPrefix(string(t), "envelope-") }

// IsRecipient reports whether t is a recipient event.
func (t EventType) IsRecipient() bool { return strings.HasPrefix(string(t), "recipient-") }

// IsTemplate reports whether t is a template event.
func (t EventType) IsTemplate() bool { return strings.HasPrefix(string(t), "template-") }

// String returns the event type as DocuSign writes it.
func (t EventType) String() string { return string(t) }
