package auth

import (
	"net/http"
	"strings"
	"time"
)

// clockSkewLimit is the measured skew from which a refused JWT grant is put
// down to the local clock. x/oauth2 dates assertions 10 seconds back, which
// covers small skews; DocuSign's own tolerance is not documented.
const clockSkewLimit = time.Minute

// checkClock measures the local clock against the Date header of DocuSign's
// answer to a JWT grant, and marks e as caused by the clock when DocuSign
// refused the grant without naming another cause and either the clock is
// off by clockSkewLimit or more, or DocuSign's description speaks of time.
//
// What DocuSign answers to an assertion that is not yet valid or expired is
// not documented; it is believed to be a bare invalid_grant. Any HTTP server
// with a clock sends Date (RFC 9110), so the measurement works whatever the
// body says. A skew is only looked for on a refused grant: a successful
// grant's headers are not visible through x/oauth2.
func checkClock(e *Error, h http.Header, local time.Time) {
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		e.ClockSkew = local.Sub(date).Round(time.Second)
	}
	code := strings.ToLower(e.Code)
	if code != "invalid_grant" && code != "invalid_request" {
		return
	}
	switch strings.ToLower(e.Description) {
	case "no_valid_keys_or_signatures", "issuer_not_found", "user_not_found",
		"expired_client_token":
		return
	}
	e.clock = e.ClockSkew.Abs() >= clockSkewLimit || speaksOfTime(e.Description)
}

// speaksOfTime reports whether an error description is about the times of
// the assertion, in the words JWT libraries commonly use.
func speaksOfTime(desc string) bool {
	desc = strings.ToLower(desc)
	for _, w := range []string{"expired", "not yet valid", "future", "clock", "iat",
		"nbf", "exp claim", "issued at"} {
		if strings.Contains(desc, w) {
			return true
		}
	}
	return false
}
