package envelope

import (
	"context"
	"errors"
	"net/http"
)

// RecipientViewRequest asks for the signing page of an embedded signer (a
// signer created with a ClientUserID). ClientUserID, Email and UserName
// must be those the signer was created with.
type RecipientViewRequest struct {
	// ReturnURL is where DocuSign sends the signer afterwards, with
	// ?event=signing_complete (or cancel, decline, ttl_expired, ...). The
	// event is not proof of signing: confirm with Connect or Get.
	ReturnURL    string `json:"returnUrl"`
	ClientUserID string `json:"clientUserId"`
	UserName     string `json:"userName"`
	Email        string `json:"email"`
	// AuthenticationMethod says how the host identified the signer; empty
	// sends "none".
	AuthenticationMethod string `json:"authenticationMethod"`
	RecipientID          string `json:"recipientId,omitempty"`
	// PingURL and PingFrequency (seconds) keep the session alive while the
	// signer reads.
	PingURL       string `json:"pingUrl,omitempty"`
	PingFrequency int    `json:"pingFrequency,omitempty"`
	// FrameAncestors and MessageOrigins allow the page in an iframe of
	// these origins (focused view).
	FrameAncestors []string `json:"frameAncestors,omitempty"`
	MessageOrigins []string `json:"messageOrigins,omitempty"`
}

// RecipientView returns the URL of an embedded signer's signing page. The
// URL works once and for a few minutes: redirect the signer to it at once,
// and never store or email it. The envelope must have been sent.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopeviews/createrecipient/
func (s *Service) RecipientView(ctx context.Context, id string, req RecipientViewRequest) (string, error) {
	if err := s.check(id); err != nil {
		return "", err
	}
	if err := req.validate(); err != nil {
		return "", err
	}
	if req.AuthenticationMethod == "" {
		req.AuthenticationMethod = "none"
	}

	return s.view(ctx, envelopePath(id, "views", "recipient"), req)
}

func (r RecipientViewRequest) validate() error {
	var missing []error
	for _, f := range []struct{ name, value string }{{"ReturnURL", r.ReturnURL},
		{"ClientUserID", r.ClientUserID}, {"UserName", r.UserName}, {"Email", r.Email}} {
		if f.value == "" {
			missing = append(missing, errors.New("envelope: RecipientViewRequest."+f.name+
				" is empty; give the value the signer was created with"))
		}
	}
	return errors.Join(missing...)
}

// SenderView returns the URL of DocuSign's sending page for a draft, where
// the sender can review it, place tabs and send it; DocuSign then sends
// the sender to returnURL. The URL works once and for a few minutes.
//
// https://developers.docusign.com/docs/esign-rest-api/reference/envelopes/envelopeviews/createsender/
func (s *Service) SenderView(ctx context.Context, id, returnURL string) (string, error) {
	if err := s.check(id); err != nil {
		return "", err
	}
	if returnURL == "" {
		return "", errors.New("envelope: SenderView needs a return URL")
	}

	return s.view(ctx, envelopePath(id, "views", "sender"), returnURLRequest{returnURL})
}

func (s *Service) view(ctx context.Context, path string, req any) (string, error) {
	var v viewURL
	if _, err := s.client.Do(ctx, http.MethodPost, path, req, &v); err != nil {
		return "", err
	}
	return v.URL, nil
}

// returnURLRequest is the body of SenderView.
type returnURLRequest struct {
	ReturnURL string `json:"returnUrl"`
}

// viewURL is DocuSign's answer to a view request.
type viewURL struct {
	URL string `json:"url"`
}
