package docusign

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors. Every error the client returns for one of these cases
// matches it with errors.Is, whatever its concrete type; an *APIError also
// carries the details (errors.As).
var (
	// ErrNotFound: the envelope, document or other resource does not exist,
	// or the user has no right to it (HTTP 404, or one of DocuSign's
	// *_DOES_NOT_EXIST and *_NOT_FOUND codes, which DocuSign often sends
	// with 400).
	ErrNotFound = errors.New("docusign: not found")
	// ErrUnauthorized: DocuSign refused the access token or the integration
	// key (HTTP 401, USER_AUTHENTICATION_FAILED, AUTHORIZATION_INVALID_TOKEN
	// or PARTNER_AUTHENTICATION_FAILED). A wrong account base URI causes it
	// too.
	ErrUnauthorized = errors.New("docusign: unauthorized")
	// ErrRateLimited: DocuSign's hourly or burst quota is used up (HTTP 429,
	// or one of the Hourly_* and Burst_* *_LIMIT_EXCEEDED codes, which
	// DocuSign has sent with 400). The *APIError's RetryAt says when the
	// quota resets, when known. Account and envelope limits, such as
	// RECIPIENT_LIMIT_EXCEEDED, are not rate limits: no wait lifts them.
	ErrRateLimited = errors.New("docusign: rate limited")
	// ErrOutcomeUnknown: a request that is not safe to repeat (such as
	// creating an envelope) may or may not have taken effect: the connection
	// failed after the request was written, the call timed out waiting for
	// the answer, or DocuSign answered with a server error. It is never
	// retried blindly; package envelope resolves it by looking the envelope
	// up by its transaction ID.
	ErrOutcomeUnknown = errors.New("docusign: outcome unknown")
)

// APIError is an error answer from DocuSign: its HTTP status, DocuSign's
// errorCode and message, the trace token to quote to DocuSign support, and
// the rate-limit state the response reported. It matches the sentinel errors
// with errors.Is.
type APIError struct {
	// StatusCode is the HTTP status. It is 0 when the client refused the call
	// locally without sending it (the hourly quota is known to be used up).
	StatusCode int
	// Code is DocuSign's errorCode, such as "ENVELOPE_DOES_NOT_EXIST", or the
	// OAuth "error" value for OAuth-shaped bodies. Empty when the body had
	// none (an HTML page from a proxy, for one).
	Code string
	// Message is DocuSign's message, or the OAuth error_description.
	Message string
	// TraceToken is the X-DocuSign-TraceToken header of the response.
	TraceToken string
	// RateLimit is the rate-limit state the response carried.
	RateLimit RateLimit
	// RetryAt is when a rate-limited call may succeed again: the reset of the
	// hourly quota, or the time a Retry-After header asked for. Zero when
	// unknown or not rate limited. After the account's hourly quota, the
	// client refuses calls locally until RetryAt.
	RetryAt time.Time
	// Method and Path name the request, without its query string.
	Method, Path string
	// Body is the start of the raw error body (at most 64 KiB), for
	// diagnostics when Code and Message are empty.
	Body []byte
	// Attempts is how many times the request was sent.
	Attempts int

	outcomeUnknown bool
	stopped        string
}

// Error returns a one-line description: request, status, DocuSign's code and
// message, a remedy for the codes that have a usual cause, and the trace
// token.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("docusign: ")
	if e.Method != "" {
		b.WriteString(e.Method + " " + e.Path + ": ")
	}
	if e.StatusCode == 0 {
		b.WriteString("not sent")
	} else {
		b.WriteString(strconv.Itoa(e.StatusCode))
	}
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if hint := e.hint(); hint != "" {
		b.WriteString(" (" + hint + ")")
	}
	if e.TraceToken != "" {
		b.WriteString(" [trace token " + e.TraceToken + "]")
	}
	if e.stopped != "" {
		b.WriteString("; " + e.stopped)
	}
	return b.String()
}

// Is reports whether e matches one of the sentinel errors.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.notFound()
	case ErrUnauthorized:
		return e.StatusCode == 401 || unauthorizedCodes[strings.ToUpper(e.Code)]
	case ErrRateLimited:
		return isRateLimitCode(e.Code) || (e.StatusCode == 429 && !isResourceLimitCode(e.Code))
	case ErrOutcomeUnknown:
		return e.outcomeUnknown
	}
	return false
}

func (e *APIError) notFound() bool {
	if e.StatusCode == 404 {
		return true
	}
	code := strings.ToUpper(e.Code)
	return strings.HasSuffix(code, "_DOES_NOT_EXIST") || strings.HasSuffix(code, "_NOT_FOUND")
}

func (e *APIError) hint() string {
	code := strings.ToUpper(e.Code)
	switch {
	case e.StatusCode == 0 && e.Is(ErrRateLimited):
		return "the hourly API quota is used up; no request was sent; retry after " +
			e.RetryAt.UTC().Format(time.RFC3339)
	case code == "USER_AUTHENTICATION_FAILED" || code == "PARTNER_AUTHENTICATION_FAILED":
		return "the access token was refused: check it is current and that the " +
			"account's base URI is the base_uri userinfo gives for this account"
	case e.Is(ErrRateLimited) && !e.RetryAt.IsZero():
		return "rate limited until " + e.RetryAt.UTC().Format(time.RFC3339)
	case e.outcomeUnknown:
		return "the request may have taken effect; check before sending it again"
	}
	return ""
}

var unauthorizedCodes = map[string]bool{
	"USER_AUTHENTICATION_FAILED":    true,
	"AUTHORIZATION_INVALID_TOKEN":   true,
	"PARTNER_AUTHENTICATION_FAILED": true,
}

// isRateLimitCode reports whether code is one of DocuSign's quota codes,
// such as HOURLY_APIINVOCATION_LIMIT_EXCEEDED or
// Burst_Envelope_Polling_Limit_Exceeded (DocuSign mixes letter cases): an
// hourly or burst window, named in the code's first word.
func isRateLimitCode(code string) bool {
	code = strings.ToUpper(code)
	return strings.HasSuffix(code, "_LIMIT_EXCEEDED") &&
		(strings.HasPrefix(code, "HOURLY_") || strings.HasPrefix(code, "BURST_"))
}

// isResourceLimitCode reports whether code is one of DocuSign's account or
// envelope limits, such as RECIPIENT_LIMIT_EXCEEDED, DOCUMENT_LIMIT_EXCEEDED
// or ENVELOPE_SEND_LIMIT_EXCEEDED: no wait lifts them, whatever the status
// (DocuSign once sent RECIPIENT_LIMIT_EXCEEDED with 429).
func isResourceLimitCode(code string) bool {
	return strings.HasSuffix(strings.ToUpper(code), "_LIMIT_EXCEEDED") && !isRateLimitCode(code)
}

// isHourlyCode reports whether code is a quota code for an hourly window,
// which no short retry can help.
func isHourlyCode(code string) bool {
	return isRateLimitCode(code) && strings.HasPrefix(strings.ToUpper(code), "HOURLY_")
}
