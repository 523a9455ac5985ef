package docusigntest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

type restHandler func(w http.ResponseWriter, r *http.Request, acct *account)

// rest authenticates an API call: a current bearer token and an account of
// the token's user, as DocuSign checks them before anything else.
func (s *Server) rest(fn restHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.bearer(r) == nil {
			s.note(r, "missing, unknown or expired access token")
			drain(r)
			writeError(w, http.StatusUnauthorized, "USER_AUTHENTICATION_FAILED", msgAuthFailed)
			return
		}
		s.mu.Lock()
		acct := s.accountByID(r.PathValue("accountId"))
		s.mu.Unlock()
		if acct == nil {
			drain(r)
			writeError(w, http.StatusBadRequest, "USER_DOES_NOT_BELONG_TO_SPECIFIED_ACCOUNT",
				"The specified User is not a member of the specified Account.")
			return
		}
		fn(w, r, acct)
	}
}

// lookup finds an envelope of acct. The caller holds s.mu.
func (s *Server) lookup(acct *account, id string) (*envelope, *apiError) {
	if !isGUID(id) {
		return nil, invalidParameter("Invalid value specified for envelopeId.")
	}
	e := s.envelopes[id]
	if e == nil || e.accountID != acct.ID {
		return nil, s.envelopeNotFound()
	}
	return e, nil
}

// lookupForRead is lookup for a read of the envelope, counted against the
// per-envelope polling limit. The caller holds s.mu.
func (s *Server) lookupForRead(acct *account, id string) (*envelope, *apiError) {
	e, aerr := s.lookup(acct, id)
	if aerr != nil || s.cfg.pollLimit <= 0 {
		return e, aerr
	}
	if hour := s.now().Truncate(time.Hour); !hour.Equal(e.pollHour) {
		e.pollHour, e.polls = hour, 0
	}
	if e.polls >= s.cfg.pollLimit {
		return nil, badRequest("Hourly_Envelope_Polling_Limit_Exceeded", fmt.Sprintf("The "+
			"maximum number of hourly polling calls for this envelope has been exceeded. The "+
			"limit is %d; use Connect instead of polling.", s.cfg.pollLimit))
	}
	e.polls++
	return e, nil
}

func parseIncludes(q string) includes {
	var inc includes
	for _, part := range strings.Split(q, ",") {
		switch strings.TrimSpace(part) {
		case "recipients":
			inc.recipients = true
		case "documents":
			inc.documents = true
		case "custom_fields":
			inc.customFields = true
		}
	}
	return inc
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request, acct *account) {
	s.mu.Lock()
	e, aerr := s.lookupForRead(acct, r.PathValue("envelopeId"))
	var out envelopeOut
	if aerr == nil {
		out = s.renderEnvelope(e, parseIncludes(r.URL.Query().Get("include")), formatTime)
	}
	s.mu.Unlock()
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleRecipients(w http.ResponseWriter, r *http.Request, acct *account) {
	s.mu.Lock()
	e, aerr := s.lookupForRead(acct, r.PathValue("envelopeId"))
	var out recipientsOut
	if aerr == nil {
		out = renderRecipients(e, formatTime)
	}
	s.mu.Unlock()
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// readStrict reads a JSON request body checked against model into v.
func readStrict(r *http.Request, model string, v any) *apiError {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return readError(err)
	}
	if aerr := checkStrict(body, model); aerr != nil {
		return aerr
	}
	if err := json.Unmarshal(body, v); err != nil {
		return invalidBody(err.Error() + ".")
	}
	return nil
}

func (s *Server) handleUpdate(w http.ResponseWriter, r *http.Request, acct *account) {
	var in envelopeUpdateIn
	if aerr := readStrict(r, "envelope", &in); aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	resend := strings.EqualFold(r.URL.Query().Get("resend_envelope"), "true")
	s.mu.Lock()
	e, aerr := s.lookup(acct, r.PathValue("envelopeId"))
	if aerr == nil {
		aerr = s.update(e, in, resend)
	}
	s.mu.Unlock()
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"envelopeId": e.id})
}

// update applies a PUT envelope body, once checkUpdate has passed it, so
// that a refused update leaves the envelope as it was. The caller holds
// s.mu.
func (s *Server) update(e *envelope, in envelopeUpdateIn, resend bool) *apiError {
	status := strings.ToLower(string(in.Status))
	sending := status == statusSent && e.status == statusCreated
	if aerr := checkUpdate(e, in, status, sending, resend); aerr != nil {
		return aerr
	}
	now := s.now()
	if in.EmailSubject != nil || in.EmailBlurb != nil {
		e.subject, e.blurb = updated(e.subject, in.EmailSubject), updated(e.blurb, in.EmailBlurb)
		e.lastModified = now
	}
	switch {
	case sending:
		s.sendEnvelope(e, now)
	case status == statusVoided:
		e.voidedReason = string(in.VoidedReason)
		e.setStatus(statusVoided, now)
		e.log(now, "Envelope voided", s.cfg.userName)
		s.emit(e, "envelope-voided", nil)
	}
	if resend {
		e.lastModified = now
		e.log(now, "Envelope resent", s.cfg.userName)
		s.emit(e, "envelope-resent", nil)
	}
	return nil
}

// checkUpdate refuses a PUT envelope body as DocuSign would: edits to a
// sent envelope, a bad status change, a void without a reason, a resend of
// an envelope that is not in progress, a draft sent while incomplete.
func checkUpdate(e *envelope, in envelopeUpdateIn, status string, sending,
	resend bool) *apiError {
	next := *e // the envelope as the update would leave it
	next.subject = updated(e.subject, in.EmailSubject)
	switch {
	case (in.EmailSubject != nil || in.EmailBlurb != nil) && e.status != statusCreated:
		return badRequest("ENVELOPE_NOT_IN_CORRECT_STATE", "The subject and message of "+
			"an envelope can be changed only while it is a draft.")
	case len([]rune(next.subject)) > maxSubject:
		return invalidParameter(fmt.Sprintf("The email subject is longer than %d "+
			"characters.", maxSubject))
	case status == "":
	case sending:
		return checkComplete(&next)
	case status == statusSent && !(resend && e.inProgress()):
		return badRequest("ENVELOPE_INVALID_STATUS", "Invalid envelope status. The "+
			"envelope is "+e.status+"; only a draft (created) can be sent.")
	case status == statusVoided && !e.inProgress():
		return badRequest("ENVELOPE_CANNOT_VOID_INVALID_STATE", msgCannotVoid)
	case status == statusVoided && strings.TrimSpace(string(in.VoidedReason)) == "":
		return invalidParameter("A voidedReason is required to void an envelope.")
	case status != statusSent && status != statusVoided:
		return badRequest("ENVELOPE_INVALID_STATUS", "Invalid envelope status: "+status+".")
	}
	if resend && (status == statusVoided || !e.inProgress()) {
		return badRequest("ENVELOPE_INVALID_STATUS", "Only an envelope in progress "+
			"(sent or delivered) can be resent; this one is "+e.status+".")
	}
	return nil
}

// updated is a text property after an update that may set it.
func updated(old string, set *flex) string {
	if set == nil {
		return old
	}
	return string(*set)
}
