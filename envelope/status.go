package envelope

import (
	"encoding/json"
	"strings"
)

// Status is an envelope's status as DocuSign reports it, always lower case
// (see ParseStatus). A Definition is created with StatusSent, which sends it
// at once, or StatusCreated, which saves a draft.
type Status string

// The envelope statuses DocuSign uses. The REST API and Connect's JSON
// write them in lower case; legacy Connect XML capitalises them.
const (
	// StatusProcessing: an envelope created asynchronously is still being
	// prepared; it becomes created or sent.
	StatusProcessing Status = "processing"
	// StatusCreated: a draft, which can be changed and sent later.
	StatusCreated Status = "created"
	// StatusSent: the envelope has been sent to the first recipients.
	StatusSent Status = "sent"
	// StatusCorrect: the sender is correcting the envelope after sending it.
	StatusCorrect Status = "correct"
	// StatusDelivered: every current recipient has opened the envelope.
	StatusDelivered Status = "delivered"
	// StatusSigned: the recipients have signed; DocuSign is finishing the
	// envelope, which moves to completed.
	StatusSigned Status = "signed"
	// StatusCompleted: every recipient has finished; the signed documents
	// can be downloaded. Final.
	StatusCompleted Status = "completed"
	// StatusDeclined: a recipient declined to sign. Final.
	StatusDeclined Status = "declined"
	// StatusVoided: the sender voided the envelope. Final.
	StatusVoided Status = "voided"
	// StatusTimedOut: the envelope expired before it was completed. Final.
	StatusTimedOut Status = "timedout"
	// StatusAuthoritativeCopy: a completed envelope whose authoritative
	// copy is held in an eVault. Final.
	StatusAuthoritativeCopy Status = "authoritativecopy"
	// StatusTransferCompleted: the authoritative copy was transferred out of
	// DocuSign. Final.
	StatusTransferCompleted Status = "transfercompleted"
	// StatusDeleted: the envelope was deleted. Final.
	StatusDeleted Status = "deleted"
	// StatusTemplate: the object is a template, not an envelope in flight.
	StatusTemplate Status = "template"
)

// rank orders the statuses along an envelope's life. Statuses of equal
// rank cannot follow one another; the final statuses of rank 50 are the
// ways an envelope ends. A status this package does not know (one DocuSign
// adds later) has rank 0 and is ordered by time alone.
func (s Status) rank() int {
	switch s {
	case StatusProcessing:
		return 5
	case StatusCreated:
		return 10
	case StatusSent, StatusCorrect:
		return 20
	case StatusDelivered:
		return 30
	case StatusSigned:
		return 40
	case StatusCompleted, StatusDeclined, StatusVoided, StatusTimedOut:
		return 50
	case StatusAuthoritativeCopy:
		return 60
	case StatusTransferCompleted:
		return 70
	case StatusDeleted:
		return 80
	}
	return 0
}

// ParseStatus reads an envelope status in any letter case ("Completed" from
// legacy Connect XML, "completed" from REST), and the legacy event code
// "Draft" as StatusCreated. Surrounding spaces are ignored; an unknown
// status is kept, in lower case, so that a status DocuSign adds later is not
// lost.
func ParseStatus(s string) Status {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	if st == "draft" {
		return StatusCreated
	}
	return st
}

// IsFinal reports whether an envelope in status s can no longer change for
// its recipients: completed, declined, voided, timed out, deleted, or past
// completion (authoritative copy, transfer completed). Signed is not final:
// DocuSign moves it to completed.
func (s Status) IsFinal() bool { return s.rank() >= StatusCompleted.rank() }

// Known reports whether s is one of the statuses this package knows.
func (s Status) Known() bool { return s.rank() > 0 || s == StatusTemplate }

// String returns the status as DocuSign writes it.
func (s Status) String() string { return string(s) }

// UnmarshalJSON reads the status through ParseStatus.
func (s *Status) UnmarshalJSON(data []byte) error {
	text, err := scalarText(data)
	*s = ParseStatus(text)
	return err
}

// RecipientStatus is one recipient's status, always lower case.
type RecipientStatus string

// The recipient statuses DocuSign uses.
const (
	// RecipientCreated: the recipient of a draft envelope.
	RecipientCreated RecipientStatus = "created"
	// RecipientSent: DocuSign sent the recipient its invitation.
	RecipientSent RecipientStatus = "sent"
	// RecipientDelivered: the recipient opened the documents in DocuSign's
	// signing page (not the email's delivery).
	RecipientDelivered RecipientStatus = "delivered"
	// RecipientSigned: the recipient signed; DocuSign moves it to completed.
	RecipientSigned RecipientStatus = "signed"
	// RecipientCompleted: the recipient finished its part. Final.
	RecipientCompleted RecipientStatus = "completed"
	// RecipientDeclined: the recipient declined to sign. Final.
	RecipientDeclined RecipientStatus = "declined"
	// RecipientFaxPending: the recipient signed and DocuSign waits for a
	// faxed attachment.
	RecipientFaxPending RecipientStatus = "faxpending"
	// RecipientAutoResponded: the recipient's mail system answered the
	// invitation automatically (an out-of-office reply or a bounce).
	RecipientAutoResponded RecipientStatus = "autoresponded"
)

// ParseRecipientStatus reads a recipient status in any letter case
// ("faxPending" appears in DocuSign's own documentation).
func ParseRecipientStatus(s string) RecipientStatus {
	return RecipientStatus(strings.ToLower(strings.TrimSpace(s)))
}

// IsFinal reports whether the recipient is done: completed or declined.
func (s RecipientStatus) IsFinal() bool {
	return s == RecipientCompleted || s == RecipientDeclined
}

// String returns the status as DocuSign writes it.
func (s RecipientStatus) String() string { return string(s) }

// UnmarshalJSON reads the status through ParseRecipientStatus.
func (s *RecipientStatus) UnmarshalJSON(data []byte) error {
	text, err := scalarText(data)
	*s = ParseRecipientStatus(text)
	return err
}

var (
	_ json.Unmarshaler = (*Status)(nil)
	_ json.Unmarshaler = (*RecipientStatus)(nil)
)
