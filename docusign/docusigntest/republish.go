package docusigntest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
)

// Republishing, as Connect's retry queue does it: PUT
// /connect/envelopes/retry_queue (body {"envelopeIds":[...]}) and PUT
// /connect/envelopes/{envelopeId}/retry_queue send again, to every listener
// of the account and to the envelope's own notification URLs, the message of
// the envelope's current status (envelope-sent, envelope-completed, ...),
// as a new message. The answer is a connectFailureResults with one
// retryQueue entry per envelope. DocuSign's status values there are not
// documented; the fake answers "success", or "failed" with a statusMessage
// for an envelope it does not have.

// retryFilter is a connectFailureFilter, the body of the bulk republish.
type retryFilter struct {
	EnvelopeIDs []string `json:"envelopeIds"`
	Synchronous string   `json:"synchronous,omitempty"`
}

// retryResult is one connectFailureResult.
type retryResult struct {
	EnvelopeID    string `json:"envelopeId"`
	Status        string `json:"status"`
	StatusMessage string `json:"statusMessage,omitempty"`
}

func (s *Server) handleRetryQueue(w http.ResponseWriter, r *http.Request, acct *account) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeAPIError(w, readError(err))
		return
	}
	var f retryFilter
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		writeAPIError(w, invalidBody("connectFailureFilter: "+err.Error()+"."))
		return
	}
	if len(f.EnvelopeIDs) == 0 {
		writeAPIError(w, invalidParameter("envelopeIds is empty; list the envelopes "+
			"to republish."))
		return
	}
	writeJSON(w, http.StatusOK, map[string][]retryResult{"retryQueue": s.republish(acct,
		f.EnvelopeIDs)})
}

func (s *Server) handleRetryEnvelope(w http.ResponseWriter, r *http.Request, acct *account) {
	drain(r)
	id := r.PathValue("envelopeId")
	s.mu.Lock()
	_, aerr := s.lookup(acct, id)
	s.mu.Unlock()
	if aerr != nil {
		writeAPIError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, map[string][]retryResult{"retryQueue": s.republish(acct,
		[]string{id})})
}

// republish queues the current status's message of each envelope again.
func (s *Server) republish(acct *account, ids []string) []retryResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]retryResult, 0, len(ids))
	for _, id := range ids {
		e, aerr := s.lookup(acct, id)
		if aerr != nil {
			out = append(out, retryResult{EnvelopeID: id, Status: "failed",
				StatusMessage: aerr.message})
			continue
		}
		s.emit(e, "envelope-"+e.status, nil)
		out = append(out, retryResult{EnvelopeID: id, Status: "success"})
	}
	return out
}
