package auth

import (
	"fmt"
	"strings"
	"time"
)

// hint returns the usual cause of e and what fixes it, in one sentence.
func (e *Error) hint() string {
	if e.clock {
		return e.clockHint()
	}
	switch strings.ToLower(e.Code) {
	case "consent_required":
		return "the user has not consented to this integration key for these scopes " +
			"(the JWT grant needs impersonation), or consented in the other environment " +
			"or as another user; have the user open the consent URL once (or an " +
			"administrator grant consent for the organization), then try again"
	case "invalid_grant":
		return e.invalidGrantHint()
	case "invalid_client":
		return "DocuSign does not accept the client credentials: check that ClientID is " +
			"the integration key and ClientSecret one of its secret keys, in the " +
			"environment where the key lives"
	case "invalid_token":
		return "the access token is invalid, expired or revoked; get a new one (the " +
			"token sources of this package replace it when DocuSign answers 401)"
	case "internal_server_error":
		return "DocuSign answers this from userinfo when the access token has " +
			"expired; get a fresh token and try again, and if it persists quote the " +
			"reference ID to DocuSign support"
	case "invalid_scope":
		return "the integration key may not ask for these scopes; check Scopes"
	case "unauthorized_client":
		return "the integration key is not allowed this grant; check its settings under " +
			"Apps and Keys (the JWT grant needs an RSA keypair, the authorization-code " +
			"grant a redirect URI and, for confidential clients, a secret key)"
	case "invalid_request":
		return "a parameter is missing or wrong; check that the redirect URI is one " +
			"registered on the integration key"
	}
	return ""
}

func (e *Error) invalidGrantHint() string {
	switch strings.ToLower(e.Description) {
	case "no_valid_keys_or_signatures":
		return "the assertion's signature matches no public key of the integration " +
			"key: the private key is wrong, truncated, or its keypair was deleted; use " +
			"the private key of a keypair listed under Apps and Keys"
	case "issuer_not_found":
		return "DocuSign does not know the integration key in this environment: check " +
			"IntegrationKey, and that Environment is where the key lives (a key is " +
			"created in Demo and works in Production only after go-live)"
	case "user_not_found":
		return "no user has this ID in this environment: UserID must be the user's " +
			"API user ID (a GUID, shown under Apps and Keys and as sub in userinfo), " +
			"not an email address"
	case "expired_client_token":
		return "DocuSign refused the client credentials: check that ClientSecret is a " +
			"current secret key of the integration key"
	}
	switch e.op {
	case opRefresh:
		return "the refresh token has expired, was revoked or was already used; the " +
			"user must connect the account again (the extended scope makes refresh " +
			"tokens last longer)"
	case opExchange:
		return "the authorization code is wrong, expired or already used, or the PKCE " +
			"verifier or the redirect URI differs from the authorization request; " +
			"start the authorization again"
	case opJWT:
		return "check IntegrationKey, UserID, the private key, the Environment and " +
			"the local clock"
	}
	return ""
}

func (e *Error) clockHint() string {
	if e.ClockSkew == 0 {
		return "DocuSign's description points at the assertion's times: the local " +
			"clock is probably wrong; synchronise it (NTP), since JWT assertions are " +
			"dated by the local clock"
	}
	dir := "ahead of"
	if e.ClockSkew < 0 {
		dir = "behind"
	}
	return fmt.Sprintf("the local clock is %s %s DocuSign's (from the Date header of "+
		"its answer), so the assertion's iat and exp look wrong to DocuSign; "+
		"synchronise the clock (NTP) and try again",
		e.ClockSkew.Abs().Round(time.Second), dir)
}
