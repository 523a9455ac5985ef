package envelope

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/esignkit/docusign-go/docusign"
)

// Send sends a draft (an envelope created with StatusCreated).
//
// Sending emails the recipients, so a send is never repeated blindly: when
// its outcome is unknown, Send waits (see WithReconcileDelay), since
// DocuSign may still be sending it, and then reads the envelope's status.
// An envelope that is no longer a draft has been sent, and Send reports
// success; a draft is sent once more. If that second attempt is ambiguous
// too and the envelope still reads as a draft, Send returns an
// *OutcomeUnknownError.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopes/update/
func (s *Service) Send(ctx context.Context, id string) error {
	if err := s.check(id); err != nil {
		return err
	}

	for attempt := 1; ; attempt++ {
		err := s.put(docusign.NotIdempotent(ctx), id, "", Envelope{Status: StatusSent})
		if !errors.Is(err, docusign.ErrOutcomeUnknown) {
			return err
		}
		var env *Envelope
		getErr := sleep(ctx, s.reconcileDelay)
		if getErr == nil {
			env, getErr = s.Get(ctx, id, nil)
		}
		switch {
		case getErr != nil:
			return &OutcomeUnknownError{EnvelopeID: id, Err: err, Lookup: getErr}
		case env.Status != StatusCreated:
			return nil
		case attempt == 2:
			return &OutcomeUnknownError{EnvelopeID: id, Err: err, Resent: true}
		}
	}
}

// Void cancels an envelope in progress (sent or delivered) with the
// reason the recipients are shown. Voiding an envelope that is already
// voided succeeds, so a void retried after a lost answer (which DocuSign
// then refuses with ENVELOPE_CANNOT_VOID_INVALID_STATE) reports what
// happened; a completed or declined envelope gives DocuSign's error.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopes/update/
func (s *Service) Void(ctx context.Context, id, reason string) error {
	if err := s.check(id); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return errors.New("envelope: Void needs a reason; DocuSign shows it to the recipients")
	}

	err := s.put(ctx, id, "", Envelope{Status: StatusVoided, VoidedReason: reason})
	var apiErr *docusign.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "ENVELOPE_CANNOT_VOID_INVALID_STATE" {
		return err
	}
	if env, getErr := s.Get(ctx, id, nil); getErr == nil && env.Status == StatusVoided {
		return nil
	}
	return err
}

// Resend sends the envelope's invitation again to the recipients whose
// turn it is. Since it emails them, it is sent once and never retried
// after the request reached DocuSign.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopes/update/
func (s *Service) Resend(ctx context.Context, id string) error {
	if err := s.check(id); err != nil {
		return err
	}

	return s.put(docusign.NotIdempotent(ctx), id, "?resend_envelope=true", struct{}{})
}

// put updates an envelope; query, when set, starts with "?".
func (s *Service) put(ctx context.Context, id, query string, body any) error {
	_, err := s.client.Do(ctx, http.MethodPut, envelopePath(id)+query, body, nil)
	return err
}
