package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// ErrClockSkew matches (errors.Is) an *Error from the JWT grant that the
// local clock most likely caused. See Error.ClockSkew.
var ErrClockSkew = errors.New("auth: the local clock is off")

// Error is an OAuth error answer from DocuSign's account server, to a token
// request or to userinfo, such as {"error":"consent_required"}. Error()
// names the usual cause and the remedy. The token sources never retry it on
// their own: the next call after the failure back-off asks again.
type Error struct {
	// Code is the OAuth "error" value: consent_required, invalid_grant,
	// invalid_client, invalid_token, internal_server_error, ...
	Code string
	// Description is the "error_description", when DocuSign sent one, such
	// as no_valid_keys_or_signatures, issuer_not_found or user_not_found.
	Description string
	// ConsentURL is set for consent_required from the JWT grant: the link
	// (JWTConfig.ConsentURL) the user opens once to grant consent.
	ConsentURL string
	// ReferenceID is DocuSign's reference_id, which DocuSign support asks
	// for; DocuSign sends it with internal_server_error.
	ReferenceID string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// TraceToken is the X-DocuSign-TraceToken header, when present.
	TraceToken string
	// ClockSkew is how far the local clock was ahead of DocuSign's (behind,
	// when negative), measured from the answer's Date header to a JWT grant,
	// to the second. Zero when the answer had no Date header.
	ClockSkew time.Duration

	op    operation
	clock bool // the local clock is the likely cause
}

// Error returns the operation, DocuSign's code and description, the usual
// cause with its remedy, the consent URL and the trace token.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "auth: %s refused: %s", e.opName(), e.Code)
	if e.Description != "" {
		fmt.Fprintf(&b, " (%s)", e.Description)
	}
	if hint := e.hint(); hint != "" {
		b.WriteString(": " + hint)
	}
	if e.ConsentURL != "" {
		b.WriteString("; consent URL: " + e.ConsentURL)
	}
	if e.ReferenceID != "" {
		b.WriteString(" [reference ID " + e.ReferenceID + "]")
	}
	if e.TraceToken != "" {
		b.WriteString(" [trace token " + e.TraceToken + "]")
	}
	return b.String()
}

// Is reports whether e matches target: ErrClockSkew when the local clock is
// the likely cause of a refused JWT grant.
func (e *Error) Is(target error) bool { return target == ErrClockSkew && e.clock }

func (e *Error) opName() string {
	if e.op == "" {
		return "request"
	}
	return string(e.op)
}

// operation names the request an error came from; hints depend on it.
type operation string

const (
	opJWT      operation = "JWT grant"
	opExchange operation = "authorization code exchange"
	opRefresh  operation = "token refresh"
	opUserInfo operation = "userinfo"
)

// statusError is an error answer that is not an OAuth error body: a 5xx
// from DocuSign, or a page from something that is not DocuSign's account
// server.
type statusError struct {
	op         operation
	status     string
	statusCode int
	code, msg  string // DocuSign's REST-style errorCode and message, if any
	traceToken string
}

func (e *statusError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "auth: %s: DocuSign answered %s", e.op, e.status)
	if e.code != "" {
		fmt.Fprintf(&b, " %s", e.code)
	}
	if e.msg != "" {
		fmt.Fprintf(&b, ": %s", e.msg)
	}
	switch {
	case e.statusCode >= 500:
		b.WriteString(" (a failure on DocuSign's side, not a problem with the " +
			"credentials; the next call tries again after the failure back-off)")
	case e.statusCode == http.StatusUnauthorized && e.op == opUserInfo:
		b.WriteString(" (the access token was refused: it expired or was revoked)")
	case e.statusCode == http.StatusUnauthorized:
		b.WriteString(" (the client credentials were refused: check the integration " +
			"key and its secret key)")
	default:
		b.WriteString(" (not an OAuth answer: check that Environment.AuthServer is " +
			"DocuSign's account server, such as docusign.Demo.AuthServer)")
	}
	if e.traceToken != "" {
		b.WriteString(" [trace token " + e.traceToken + "]")
	}
	return b.String()
}

// tokenError turns an error of x/oauth2 into the package's errors: an OAuth
// error body becomes *Error, any other answer a statusError, and transport
// failures keep their cause. The response body is never put in the text.
func tokenError(err error, op operation) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.Response == nil {
		return fmt.Errorf("auth: %s: %w", op, err)
	}
	return answerError(re.Response, re.Body, re.ErrorCode, op)
}

// answerError builds the error of a non-successful answer from its body.
// code is the OAuth error code x/oauth2 already parsed (from a
// form-encoded body), used when the body is not JSON.
func answerError(resp *http.Response, body []byte, code string, op operation) error {
	var b struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
		ReferenceID string `json:"reference_id"`
		ErrorCode   string `json:"errorCode"`
		Message     string `json:"message"`
	}
	_ = json.Unmarshal(body, &b) // a body that is not JSON leaves b empty
	if b.Error == "" {
		b.Error = code
	}
	trace := resp.Header.Get("X-DocuSign-TraceToken")
	if b.Error == "" {
		return &statusError{op: op, status: resp.Status, statusCode: resp.StatusCode,
			code: b.ErrorCode, msg: b.Message, traceToken: trace}
	}
	return &Error{Code: b.Error, Description: b.Description, ReferenceID: b.ReferenceID,
		StatusCode: resp.StatusCode, TraceToken: trace, op: op}
}
