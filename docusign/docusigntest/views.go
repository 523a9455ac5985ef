package docusigntest

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// view is an issued signing or sending URL. DocuSign's are single-use and
// expire after five minutes; so are these once their form is answered.
type view struct {
	envelopeID  string
	recipientID string // empty for a sender view
	returnURL   string
	expires     time.Time
}

const viewLifetime = 5 * time.Minute

type viewURL struct {
	URL string `json:"url"`
}

func (s *Server) handleRecipientView(w http.ResponseWriter, r *http.Request, acct *account) {
	var in recipientViewIn
	if aerr := readViewRequest(r, "recipientViewRequest", &in, &in.ReturnURL); aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	if in.AuthenticationMethod == "" {
		writeAPIError(w, invalidParameter("authenticationMethod is required, such as none."))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, aerr := s.lookup(acct, r.PathValue("envelopeId"))
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	if !e.inProgress() {
		writeError(w, http.StatusBadRequest, "ENVELOPE_INVALID_STATUS", "Invalid envelope "+
			"status. The envelope is "+e.status+"; a signing view needs it sent or delivered.")
		return
	}
	rc := e.matchRecipient(in)
	if rc == nil {
		writeError(w, http.StatusBadRequest, "UNKNOWN_ENVELOPE_RECIPIENT", msgUnknownRecipient)
		return
	}
	if rc.status != statusSent && rc.status != statusDelivered {
		writeError(w, http.StatusBadRequest, "RECIPIENT_NOT_IN_SEQUENCE",
			"The token for an out of sequence recipient can not be generated.")
		return
	}
	token := newSecret(24)
	s.views[token] = &view{envelopeID: e.id, recipientID: rc.id,
		returnURL: string(in.ReturnURL), expires: s.now().Add(viewLifetime)}
	writeJSON(w, http.StatusCreated, viewURL{URL: s.origin + "/Signing/MTRedeem/v1/" + token +
		"?slt=" + newSecret(16)})
}

// matchRecipient finds the embedded signer a view request names: its
// clientUserId, email (any letter case) and userName must all match.
func (e *envelope) matchRecipient(in recipientViewIn) *recipient {
	for _, r := range e.signers() {
		if r.clientUserID == "" || r.clientUserID != string(in.ClientUserID) {
			continue
		}
		if in.RecipientID != "" && string(in.RecipientID) != r.id {
			continue
		}
		if strings.EqualFold(r.email, string(in.Email)) && r.name == string(in.UserName) {
			return r
		}
	}
	return nil
}

// readViewRequest reads a view request body of model into in, whose
// returnUrl must be an absolute URL.
func readViewRequest(r *http.Request, model string, in any, returnURL *flex) *apiError {
	if aerr := readStrict(r, model, in); aerr != nil {
		return aerr
	}
	u, err := url.Parse(string(*returnURL))
	if *returnURL == "" || err != nil || !u.IsAbs() {
		return invalidParameter("returnUrl must be an absolute URL.")
	}
	return nil
}

func (s *Server) handleSenderView(w http.ResponseWriter, r *http.Request, acct *account) {
	var in returnURLIn
	if aerr := readViewRequest(r, "envelopeViewRequest", &in, &in.ReturnURL); aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, aerr := s.lookup(acct, r.PathValue("envelopeId"))
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	if e.status != statusCreated {
		writeError(w, http.StatusBadRequest, "ENVELOPE_INVALID_STATUS", "Invalid envelope "+
			"status. The sender view is for drafts; the envelope is "+e.status+".")
		return
	}
	token := newSecret(24)
	s.views[token] = &view{envelopeID: e.id, returnURL: string(in.ReturnURL),
		expires: s.now().Add(viewLifetime)}
	writeJSON(w, http.StatusCreated, viewURL{URL: s.origin + "/Sending/v1/" + token +
		"?send=1"})
}

// findView returns the view of token and whether it has expired; an
// expired view is forgotten. The caller holds s.mu.
func (s *Server) findView(token string) (v *view, expired bool) {
	v = s.views[token]
	if v != nil && s.now().After(v.expires) {
		delete(s.views, token)
		return v, true
	}
	return v, false
}

func redirectEvent(w http.ResponseWriter, r *http.Request, returnURL, event string) {
	http.Redirect(w, r, withQuery(returnURL, url.Values{"event": {event}}), http.StatusFound)
}
