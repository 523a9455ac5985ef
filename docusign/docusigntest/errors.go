package docusigntest

import (
	"encoding/json"
	"net/http"
)

// DocuSign's error codes and messages, as observed in its answers. Where a
// message varies (it names a recipient or a document), the fixed part is
// here and the handler appends the rest.
const (
	msgEnvelopeDoesNotExist = "The envelope specified either does not exist or you have no " +
		"rights to it."
	msgInvalidEmail = "The email address for the recipient is invalid. The recipient Id " +
		"follows. Recipient Id: "
	msgCannotVoid       = "Only envelopes in the 'Sent' or 'Delivered' states may be voided."
	msgUnknownRecipient = "The recipient you have identified is not a valid recipient of the " +
		"specified envelope."
	msgAuthFailed = "One or both of Username and Password are invalid. Invalid access token"
	msgDuplicates = "The specified envelope has duplicate recipients."
	msgIncomplete = "The Envelope is not Complete. A Complete Envelope Requires Documents, " +
		"Recipients, Tabs, and a Subject Line."
	msgTabMissingDocument = "The DocumentId specified in the tab element does not refer to a " +
		"document in this envelope. Tab refers to DocumentId "
	msgInvalidBody      = "The request body is missing or improperly formatted. "
	msgInvalidParameter = "The request contained at least one invalid parameter. "
)

// errorBody is DocuSign's errorDetails object.
type errorBody struct {
	ErrorCode string `json:"errorCode"`
	Message   string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorBody{ErrorCode: code, Message: message})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"errorCode":"UNSPECIFIED_ERROR","message":"encoding the answer failed"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// apiError is a DocuSign error answer a handler returns.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func badRequest(code, message string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, message: message}
}

func invalidBody(detail string) *apiError {
	return badRequest("INVALID_REQUEST_BODY", msgInvalidBody+detail)
}

func invalidParameter(detail string) *apiError {
	return badRequest("INVALID_REQUEST_PARAMETER", msgInvalidParameter+detail)
}

func (s *Server) envelopeNotFound() *apiError {
	return &apiError{status: s.cfg.notFoundStatus, code: "ENVELOPE_DOES_NOT_EXIST",
		message: msgEnvelopeDoesNotExist}
}

func writeAPIError(w http.ResponseWriter, err *apiError) {
	writeError(w, err.status, err.code, err.message)
}
