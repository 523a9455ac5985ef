package webhook

import (
	"log/slog"
	"strings"
	"time"

	"github.com/esignkit/docusign-go/envelope"
)

// Format is the kind of message Connect sent.
type Format int

const (
	// FormatJSON is the JSON SIM format ("Send Individual Messages",
	// eventData.version restv2.1), one message per event.
	FormatJSON Format = iota + 1
	// FormatXML is the legacy DocuSignEnvelopeInformation XML, which reports
	// the envelope's state rather than one event.
	FormatXML
)

// String returns "json" or "xml".
func (f Format) String() string {
	switch f {
	case FormatJSON:
		return "json"
	case FormatXML:
		return "xml"
	}
	return "unknown"
}

// Event is one Connect message, in either format.
type Event struct {
	// Type is what happened. For legacy XML it is the envelope event that
	// the envelope's status names (a "Completed" envelope gives
	// EventEnvelopeCompleted), since that format names no event.
	Type EventType
	// Format is the message's format.
	Format Format

	// AccountID is the account's GUID. Legacy XML carries it only when the
	// configuration includes the sender's account as a custom field, and
	// then as the account number.
	AccountID string
	// UserID is the sending user's GUID (JSON only).
	UserID string
	// EnvelopeID is the envelope the event is about.
	EnvelopeID string
	// RecipientID is the recipient of a recipient event ("1"), and empty
	// otherwise.
	RecipientID string

	// GeneratedAt is when DocuSign generated the message
	// (generatedDateTime; TimeGenerated in legacy XML, converted from the
	// sender's time zone with TimeZoneOffset).
	GeneratedAt time.Time
	// RetryCount is how many times Connect had tried to deliver this
	// message before (0 on the first attempt). Legacy XML has none.
	RetryCount int
	// ConfigurationID is the Connect configuration that sent the message
	// (JSON only; an envelope-level eventNotification has one too).
	ConfigurationID string
	// APIVersion ("v2.1") and URI (the envelope's REST path) come from JSON
	// messages.
	APIVersion, URI string

	// Status is the envelope status the message implies: the one an
	// envelope event names (envelope-completed gives completed), or else
	// the envelope summary's, or the legacy XML's. It is empty when the
	// message says nothing of the envelope's status: a recipient event
	// without a summary (one recipient completing does not complete the
	// envelope), a template event.
	Status envelope.Status
	// Recipients are the recipients' states: every recipient when the
	// message includes them (includeData "recipients", and always in
	// legacy XML), and otherwise the one a recipient event names, with the
	// status the event implies.
	Recipients []Recipient
	// Documents are the documents the message carries, still encoded, when
	// the configuration includes documents; none otherwise.
	Documents []Document
	// Envelope is the envelope as the message describes it: the JSON SIM
	// envelopeSummary (nil when the configuration includes no data), or the
	// legacy XML's EnvelopeStatus. Its documents' PDFBytes are left empty:
	// their content is in Documents.
	Envelope *envelope.Envelope
	// SummaryErr says why a JSON SIM envelopeSummary could not be read (a
	// field in a form no model expects), or is nil. The event still
	// stands on what the message's other members say (type, IDs, time,
	// the status an envelope event names), so a status change is never
	// lost to one odd field; Envelope, Recipients and Documents are then
	// what those members give, and a host that needs the summary reads the
	// envelope with envelope.Service.Get.
	SummaryErr error

	// fallbackKey identifies the message when it lacks the fields that
	// DedupeKey is built from.
	fallbackKey string
}

// DedupeKey identifies the event across redeliveries: Connect redelivers
// the same event with a higher retryCount, and a captured message can be
// replayed, so a host that stores this key with its side effect (in the
// same transaction) runs each event once whatever arrives. It is built from
// the envelope ID, the event type, the recipient ID and the generation
// time, none of which change on redelivery.
//
// A message without a generation time (never seen from DocuSign) gets a key
// derived from its whole body instead, which a redelivery with another
// retryCount does not share.
func (e *Event) DedupeKey() string {
	if e.GeneratedAt.IsZero() && e.fallbackKey != "" {
		return e.fallbackKey
	}
	var b strings.Builder
	b.Grow(len(e.EnvelopeID) + len(e.Type) + len(e.RecipientID) + 40)
	b.WriteString(e.EnvelopeID)
	b.WriteByte('/')
	b.WriteString(string(e.Type))
	b.WriteByte('/')
	b.WriteString(e.RecipientID)
	b.WriteByte('/')
	b.WriteString(e.GeneratedAt.UTC().Format(time.RFC3339Nano))
	return b.String()
}

// StatusUpdate returns the envelope status the event reports and when
// (GeneratedAt), for envelope.StatusUpdate.Supersedes to tell whether it is
// newer than what the host stored; ok is false when the event reports no
// envelope status. Connect delivers out of order (a retried
// envelope-delivered can arrive after envelope-completed), so a host that
// applies only superseding updates never moves a contract backwards:
//
//	if next, ok := ev.StatusUpdate(); ok && next.Supersedes(stored) {
//		stored = next // and save it with ev.DedupeKey()
//	}
func (e *Event) StatusUpdate() (update envelope.StatusUpdate, ok bool) {
	if e.Status == "" {
		return envelope.StatusUpdate{}, false
	}
	return envelope.StatusUpdate{Status: e.Status, At: e.GeneratedAt}, true
}

// LogValue logs the event's identifiers, never its content.
func (e *Event) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("event", string(e.Type)),
		slog.String("envelopeId", e.EnvelopeID),
		slog.String("recipientId", e.RecipientID),
		slog.String("configurationId", e.ConfigurationID),
		slog.Int("retryCount", e.RetryCount),
	)
}
