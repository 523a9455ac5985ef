package docusigntest

import (
	"time"
)

// Envelope and recipient statuses, as DocuSign spells them in REST.
const (
	statusCreated   = "created"
	statusSent      = "sent"
	statusDelivered = "delivered"
	statusCompleted = "completed"
	statusDeclined  = "declined"
	statusVoided    = "voided"
)

// envelope is the fake's record of one envelope. It is guarded by the
// server's mutex.
type envelope struct {
	id, accountID string
	status        string
	subject       string
	blurb         string
	transactionID string
	documents     []*document
	recipients    []*recipient // signers then carbon copies, in request order
	textFields    []customFieldIn
	listFields    []customFieldIn
	notifications []*eventNotificationIn
	voidedReason  string
	history       []historyEvent

	created, sent, delivered, completed, declined, voided time.Time
	statusChanged, lastModified                           time.Time

	// pollHour and polls count the reads of this envelope in the current
	// clock hour, for WithEnvelopePollingLimit.
	pollHour time.Time
	polls    int
}

// recipient is one signer or carbon copy.
type recipient struct {
	kind          string // "signer" or "carboncopy"
	id, guid      string
	name, email   string
	clientUserID  string
	routingOrder  int
	note          string
	status        string
	declineReason string
	tabs          []byte

	sent, delivered, signed, declined time.Time
}

// historyEvent is one line of the certificate of completion's history.
type historyEvent struct {
	at     time.Time
	action string
	who    string
}

func (e *envelope) signers() []*recipient {
	var out []*recipient
	for _, r := range e.recipients {
		if r.kind == "signer" {
			out = append(out, r)
		}
	}
	return out
}

func (e *envelope) recipient(id string) *recipient {
	for _, r := range e.recipients {
		if r.id == id {
			return r
		}
	}
	return nil
}

func (e *envelope) document(id string) *document {
	for _, d := range e.documents {
		if d.id == id {
			return d
		}
	}
	return nil
}

// setStatus moves the envelope to status at now.
func (e *envelope) setStatus(status string, now time.Time) {
	e.status = status
	e.statusChanged, e.lastModified = now, now
	switch status {
	case statusSent:
		e.sent = now
	case statusDelivered:
		e.delivered = now
	case statusCompleted:
		e.completed = now
	case statusDeclined:
		e.declined = now
	case statusVoided:
		e.voided = now
	}
}

func (e *envelope) log(now time.Time, action, who string) {
	e.history = append(e.history, historyEvent{at: now, action: action, who: who})
}

func (e *envelope) inProgress() bool {
	return e.status == statusSent || e.status == statusDelivered
}
