package envelope

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/esignkit/docusign-go/docusign"
)

// Create validates def and creates the envelope: sent at once when
// def.Status is StatusSent, saved as a draft when it is StatusCreated. It
// sends nothing when the definition has problems, and returns them as a
// *ValidationError.
//
// The request is DocuSign's multipart form: the definition's JSON, then
// each document's raw bytes, streamed from its source (see Document) with
// no base64 and no copy in memory.
//
// Create never makes two envelopes for one call. It sets
// def.TransactionID when it is empty, so the caller can store it. When
// the outcome of the request is unknown (the connection failed after the
// request was written, the answer timed out, or DocuSign answered 5xx), it
// waits (see WithReconcileDelay), looks the envelope up by its transaction
// ID, and returns it if DocuSign has it. Only when DocuSign has no such
// envelope and every document can be read again does it send once more.
// Otherwise it returns an *OutcomeUnknownError, which matches
// docusign.ErrOutcomeUnknown and carries the transaction ID to look the
// envelope up with later (ListOptions.TransactionIDs); sending def again
// with the same TransactionID is then safe only after that lookup.
//
// The lookup trusts DocuSign's search: an envelope created but not yet
// searchable when the lookup runs would be created a second time by the
// re-send. The delay before the lookup is there to make that unlikely.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopes/create/
func (s *Service) Create(ctx context.Context, def *Definition) (*Summary, error) {
	if s == nil || s.client == nil {
		return nil, errNoClient
	}
	if def == nil {
		return nil, errors.New("envelope: Create needs a definition")
	}
	if err := def.Validate(s.rules); err != nil {
		return nil, err
	}
	if def.TransactionID == "" {
		def.TransactionID = rand.Text()
	}
	body, err := newMultipartBody(def)
	if err != nil {
		return nil, err
	}

	sum, err := s.post(ctx, body)
	if errors.Is(err, docusign.ErrOutcomeUnknown) {
		return s.reconcile(ctx, body, err)
	}
	return sum, err
}

func (s *Service) post(ctx context.Context, body *multipartBody) (*Summary, error) {
	var sum Summary
	if _, err := s.client.Do(ctx, http.MethodPost, "/envelopes", body.body(), &sum); err != nil {
		return nil, err
	}
	return &sum, nil
}

// reconcile settles a create whose outcome is unknown: it returns the
// envelope DocuSign has for the transaction ID, or sends the request once
// more when DocuSign has none and the documents can be read again.
func (s *Service) reconcile(ctx context.Context, b *multipartBody, cause error) (*Summary, error) {
	txID := b.transactionID
	found, err := s.lookUp(ctx, txID)
	switch {
	case err != nil:
		return nil, &OutcomeUnknownError{TransactionID: txID, Err: cause, Lookup: err}
	case found != nil:
		return found, nil
	case !b.resendable():
		return nil, &OutcomeUnknownError{TransactionID: txID, Err: cause}
	}
	sum, err := s.post(ctx, b)
	if !errors.Is(err, docusign.ErrOutcomeUnknown) {
		return sum, err
	}
	found, lookupErr := s.lookUp(ctx, txID)
	if found != nil {
		return found, nil
	}
	return nil, &OutcomeUnknownError{TransactionID: txID, Err: err, Lookup: lookupErr, Resent: true}
}

// lookUp waits the reconcile delay, then returns the envelope created with
// the transaction ID, or nil when DocuSign has none. Create makes at most
// one envelope per transaction ID, so DocuSign's first answer is the one;
// should a host have reused a transaction ID itself, the first envelope
// DocuSign lists is returned.
func (s *Service) lookUp(ctx context.Context, txID string) (*Summary, error) {
	if err := sleep(ctx, s.reconcileDelay); err != nil {
		return nil, err
	}
	for env, err := range s.ListStatusChanges(ctx, ListOptions{TransactionIDs: []string{txID}}) {
		if err != nil {
			return nil, err
		}
		if env.TransactionID != "" && env.TransactionID != txID {
			continue
		}
		return &Summary{EnvelopeID: env.EnvelopeID, Status: env.Status,
			StatusDateTime: env.StatusChangedDateTime,
			URI:            envelopePath(env.EnvelopeID)}, nil
	}
	return nil, nil
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// OutcomeUnknownError reports a create or send that may or may not have
// taken effect, and that the service could not settle. It matches
// docusign.ErrOutcomeUnknown with errors.Is, and unwraps to the failure of
// the last request and of the lookup.
type OutcomeUnknownError struct {
	// TransactionID is the create's transaction ID, to look the envelope up
	// with later; empty for a send.
	TransactionID string
	// EnvelopeID is the envelope a send was for; empty for a create.
	EnvelopeID string
	// Err is the failure of the last request.
	Err error
	// Lookup is why DocuSign could not be asked whether the envelope
	// exists, or nil when it was asked and had none.
	Lookup error
	// Resent reports that the request was sent a second time.
	Resent bool
}

// Error says what may have happened, why it is not known, and that the
// envelope must be looked up before sending again.
func (e *OutcomeUnknownError) Error() string {
	what := "the envelope with transaction ID " + e.TransactionID + " may have been created"
	if e.EnvelopeID != "" {
		what = "envelope " + e.EnvelopeID + " may have been sent"
	}
	why := "DocuSign has no trace of it yet and the documents cannot be read again"
	switch {
	case e.Lookup != nil:
		why = "checking with DocuSign failed (" + e.Lookup.Error() + ")"
	case e.Resent:
		why = "DocuSign had no trace of it and the second attempt failed the same way"
	}
	return fmt.Sprintf("envelope: %s: %s; look it up before sending again: %v", what, why, e.Err)
}

// Is reports that the error matches docusign.ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == docusign.ErrOutcomeUnknown }

// Unwrap returns the failures of the last request and of the lookup.
func (e *OutcomeUnknownError) Unwrap() []error {
	if e.Lookup == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Lookup}
}
