package webhook

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/esignkit/docusign-go/envelope"
)

// simMessage is a JSON SIM message as Connect sends it.
type simMessage struct {
	Event             string     `json:"event"`
	APIVersion        string     `json:"apiVersion"`
	URI               string     `json:"uri"`
	RetryCount        flexInt    `json:"retryCount"`
	ConfigurationID   flexString `json:"configurationId"`
	GeneratedDateTime string     `json:"generatedDateTime"`
	Data              simData    `json:"data"`
}

// simData is the message's data member. Recipient events add recipientId;
// envelopeSummary is there only when the configuration asks for data.
type simData struct {
	AccountID       string          `json:"accountId"`
	UserID          string          `json:"userId"`
	EnvelopeID      string          `json:"envelopeId"`
	RecipientID     string          `json:"recipientId"`
	EnvelopeSummary json.RawMessage `json:"envelopeSummary"`
}

func parseJSON(body []byte) (*Event, error) {
	lite, values := liftJSON(body)
	var m simMessage
	if err := json.Unmarshal(lite, &m); err != nil {
		return nil, jsonError(err)
	}
	t := EventType(m.Event)
	if !t.Known() {
		return nil, unknownEvent(m.Event)
	}
	generated, err := envelope.ParseTime(m.GeneratedDateTime)
	if err != nil {
		return nil, malformed("generatedDateTime: %v", err)
	}
	summary, summaryErr := decodeSummary(m.Data.EnvelopeSummary)
	if m.Data.EnvelopeID == "" && summary != nil {
		m.Data.EnvelopeID = summary.EnvelopeID
	}
	ev := &Event{
		Type:            t,
		Format:          FormatJSON,
		AccountID:       m.Data.AccountID,
		UserID:          m.Data.UserID,
		EnvelopeID:      m.Data.EnvelopeID,
		RecipientID:     m.Data.RecipientID,
		GeneratedAt:     generated,
		RetryCount:      int(m.RetryCount),
		ConfigurationID: string(m.ConfigurationID),
		APIVersion:      m.APIVersion,
		URI:             m.URI,
		Status:          impliedStatus(t),
		SummaryErr:      summaryErr,
	}
	if err := checkIDs(ev, "data.envelopeId"); err != nil {
		return nil, err
	}
	if env := summary; env != nil {
		ev.Envelope = env
		ev.Recipients = recipientsOf(env.Recipients)
		ev.Documents = summaryDocuments(env, values)
		if ev.Status == "" && !t.IsTemplate() {
			ev.Status = env.Status
		}
	}
	withEventRecipient(ev)
	return ev, nil
}

// decodeSummary reads an envelopeSummary. An absent or null one is nil
// with no error; one that does not decode is nil with the reason, which
// leaves the rest of the event standing.
func decodeSummary(raw json.RawMessage) (*envelope.Envelope, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var env envelope.Envelope
	// The message was checked as JSON as a whole already: the model's own
	// decoder reads the member without a second validating pass.
	if err := env.UnmarshalJSON(raw); err != nil {
		return nil, malformed("data.envelopeSummary: %v", err)
	}
	return &env, nil
}

// summaryDocuments returns the documents of the summary whose PDFBytes
// were lifted, and empties PDFBytes: the content stays in the body.
func summaryDocuments(env *envelope.Envelope, values []lifted) []Document {
	var docs []Document
	for i := range env.EnvelopeDocuments {
		d := &env.EnvelopeDocuments[i]
		if n, ok := placeholderIndex(d.PDFBytes, values); ok {
			docs = append(docs, Document{ID: d.DocumentID, Name: d.Name, Type: d.Type,
				value: values[n]})
		}
		d.PDFBytes = ""
	}
	return docs
}

// jsonError names the member at fault, not Go's type names.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return malformed("%s holds a JSON %s, which does not fit it", te.Field, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return malformed("not valid JSON at byte %d", se.Offset)
	}
	return fmt.Errorf("%w: %v", ErrMalformedMessage, err)
}
