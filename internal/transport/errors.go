package transport

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// StatusError reports a call whose last attempt got an HTTP error status.
type StatusError struct {
	// StatusCode and Header are the last response's.
	StatusCode int
	Header     http.Header
	// Body is the start of the last response's body, at most
	// Engine.MaxErrorBody bytes.
	Body []byte
	// Attempts is how many attempts were made.
	Attempts int
	// RetryAt is when the server said the call may succeed (Retry-After, or
	// the reset of an hourly quota). Zero when it said nothing.
	RetryAt time.Time
	// Stopped says why retrying stopped before the policy's last attempt,
	// or is empty.
	Stopped string
	// Ambiguous reports a request that is not idempotent and may have taken
	// effect: the server answered with a 5xx status.
	Ambiguous bool
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("HTTP %d after %d attempt(s)", e.StatusCode, e.Attempts)
	if e.Stopped != "" {
		msg += "; " + e.Stopped
	}
	return msg
}

// TransportError reports a call whose last attempt got no response, or whose
// context ended while it waited to retry.
type TransportError struct {
	// Err is the cause, with any URL's query string removed.
	Err error
	// Attempts is how many attempts were made.
	Attempts int
	// Ambiguous reports a request that is not idempotent and was written,
	// fully or in part, before the failure: it may have taken effect.
	Ambiguous bool
	// Last is the error response of an earlier attempt, when there was one.
	Last *StatusError
}

func (e *TransportError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// redact returns err with the query string, credentials and fragment removed
// from the URL of a *url.Error, so that no error text repeats them.
func redact(err error) error {
	ue, ok := err.(*url.Error)
	if !ok {
		return err
	}
	return &url.Error{Op: ue.Op, URL: RedactURL(ue.URL), Err: ue.Err}
}

// RedactURL returns raw without its query string, credentials and fragment.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	return u.String()
}
